"""grep and precedent over a store, and the SQLite index behind them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.errors import InputError, SearchIndexError
from resdiff.search import Clause, SqliteIndex, find_precedents, grep, load_clauses
from resdiff.search.precedent import brute_force
from resdiff.storage import Store

from .constructed import build


def clause(text: str, unit_id: str = "op1", year: int = 2091) -> Clause:
    return Clause(f"E/RES/{year}/1", year, "constructed-demo", "fr", unit_id, text)


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("Etats membres", "Invite les États Membres à agir ;", "États Membres"),
        (
            "l’Assemblée générale",
            "la résolution 70/1 de 1’Assemblée générale",
            "1’Assemblée générale",
        ),
        (
            "mise en oeuvre",
            "la mise en ceuvre du Plan",
            None,
        ),  # ceuvre is OCR, decided by the differ
        ("mise en œuvre", "la mise en oeuvre du Plan", "mise en oeuvre"),
        ("68/192", "résolution 68/193", None),  # numbers are never folded
        ("traite", "la maltraitance", None),  # whole words only
    ],
)
def test_grep_is_ocr_and_accent_tolerant_on_whole_words(
    phrase: str, text: str, found: str | None
) -> None:
    hits = grep(phrase, [clause(text)])
    assert [text[s:e] for hit in hits for s, e in hit.spans] == ([found] if found else [])


def test_grep_marks_the_first_occurrence_per_series(demo_store: Store) -> None:
    hits = api.grep(demo_store, "Etats Membres de renforcer")
    assert [(h.clause.year, h.clause.unit_id, h.first) for h in hits] == [
        (2092, "op2", True),
        (2093, "op2", False),
    ]
    result = CliRunner().invoke(
        cli, ["--store", str(demo_store.root), "grep", "sans delai", "--json"]
    )
    data = json.loads(result.output)
    assert data["schema"] == "resdiff.grep/1"
    assert [(h["year"], h["unit"], h["first"]) for h in data["hits"]] == [(2094, "op5", True)]
    start, end = data["hits"][0]["spans"][0]
    assert data["hits"][0]["text"][start:end] == "sans délai"


def test_grep_text_output_and_empty_phrase(demo_store: Store) -> None:
    runner = CliRunner()
    out = runner.invoke(
        cli, ["--store", str(demo_store.root), "grep", "intensifier l'entraide"]
    ).output
    assert out.splitlines()[0].startswith("first 2094")
    assert "[[intensifier l’entraide]]" in out
    result = runner.invoke(cli, ["--store", str(demo_store.root), "grep", "« »"])
    assert result.exit_code == 2
    assert result.output == "Error: '« »' has nothing to search for; give at least one word\n"


def test_precedent_finds_the_source_of_a_reworded_draft(demo_store: Store) -> None:
    draft = (
        "Demande aux Etats Membres de renforcer la coopération transfrontalière en matière "
        "de prévention de la traite des personnes ;"
    )
    results = api.precedent(demo_store, draft, n=3)
    top = results[0]
    assert (top.clause.symbol, top.clause.unit_id) == ("E/RES/2092/1", "op2")
    assert [c.symbol for c in top.also] == ["E/RES/2093/1"]  # same wording re-adopted
    assert ("-", "transfrontière ") in [(t.op, t.text) for t in top.tokens]
    assert results[1].clause.symbol == "E/RES/2094/1"
    assert top.score > results[1].score


def test_precedent_finds_a_fragment_inside_a_longer_clause(demo_store: Store) -> None:
    """A negotiator pastes half a sentence: the clause that contains it comes first."""
    clause = api.show(demo_store, "2094", series="constructed-demo").unit("op8").text
    fragment = " ".join(clause.split()[:12])
    top = api.precedent(demo_store, fragment, n=3)[0]
    assert top.clause.text.startswith(fragment)  # the oldest clause with this wording
    assert top.score >= 0.94


def test_precedent_cli_json_and_file(demo_store: Store, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(build.NEW_PP_2094, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["--store", str(demo_store.root), "precedent", "--file", str(draft), "-n", "2", "--json"],
    )
    data = json.loads(result.output)
    assert data["schema"] == "resdiff.precedent/1"
    top = data["results"][0]
    assert (top["rank"], top["symbol"], top["unit"], top["score"]) == (
        1,
        "E/RES/2094/1",
        "pp6",
        1.0,
    )
    both = runner.invoke(
        cli, ["--store", str(demo_store.root), "precedent", "x", "--file", str(draft)]
    )
    assert both.exit_code == 2


def test_index_agrees_with_brute_force_and_survives_a_round_trip(tmp_path: Path) -> None:
    texts = [build.seed(f"op{n}") for n in range(1, 10)] + [
        build.seed(f"pp{n}") for n in range(1, 8)
    ]
    index = SqliteIndex(tmp_path / "index.sqlite3")
    load_clauses(index, (clause(t, f"u{k}") for k, t in enumerate(texts)))
    draft = texts[5].replace("Office", "Bureau").replace("continuer", "poursuivre")
    assert find_precedents(index, draft, 1)[0].clause.unit_id == "u5"
    from resdiff.compare.comparable import comparison_form

    assert brute_force([comparison_form(t) for t in texts], draft, 1)[0][0] == 5
    expected = find_precedents(index, draft, 3)
    index.close()
    loaded = SqliteIndex(tmp_path / "index.sqlite3")
    assert len(loaded) == len(texts)
    assert find_precedents(loaded, draft, 3) == expected
    loaded.close()
    (tmp_path / "index.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(SearchIndexError, match="as a resdiff search index"):
        SqliteIndex(tmp_path / "index.sqlite3")
    rebuilt = SqliteIndex.open_cache(tmp_path / "index.sqlite3")  # a damaged cache is rebuilt
    assert len(rebuilt) == 0
    rebuilt.close()


def test_store_index_is_updated_incrementally_when_the_store_changes(tmp_path: Path) -> None:
    from resdiff.search import sync_store
    from resdiff.search.location import store_index

    from .history_helpers import add_year, constructed_store

    store = constructed_store(tmp_path / "p", (2091,))
    assert api.precedent(store, build.NEW_OP_2092, n=1)[0].score < 1.0
    assert list((store.root / ".resdiff-cache").glob("index.sqlite3"))
    add_year(store, 2092)
    assert api.precedent(store, build.NEW_OP_2092, n=1)[0].score == 1.0
    index = store_index(store)
    report = sync_store(index, store)  # already current: nothing read again
    assert (report.updated, report.removed, report.unchanged) == ((), (), 2)
    index.close()
    add_year(store, 2093)
    index = store_index(store)
    report = sync_store(index, store)
    assert report.updated == ("constructed-demo/E-RES-2093-1",) and report.unchanged == 2
    index.close()
    top = api.precedent(store, build.NEW_OP_2092, n=1)[0]
    assert [c.symbol for c in top.also] == ["E/RES/2093/1"]  # the new version is searched


def test_empty_draft_is_an_input_error() -> None:
    index = SqliteIndex()
    load_clauses(index, [clause("Décide de rester saisi ;")])
    with pytest.raises(InputError):
        find_precedents(index, " « » ")
    index.close()


def test_uncommitted_versions_are_searched_too(tmp_path: Path) -> None:
    """A store written with --no-commit (no git at all) is indexed by its meta.json."""
    store = Store(tmp_path / "plain" / "resolutions")
    path = tmp_path / build.file_name(2092)
    path.write_text(build.text(2092), encoding="utf-8")
    api.add(store, path, series=build.SERIES, commit=False)
    top = api.precedent(store, build.NEW_OP_2092, n=1)[0]
    assert (top.clause.symbol, top.clause.unit_id, top.score) == ("E/RES/2092/1", "op2", 1.0)
    assert top.clause.commit is None
    path.write_text(build.text(2094), encoding="utf-8")
    api.add(store, path, series=build.SERIES, commit=False)
    hits = api.grep(store, "intensifier l’entraide", series=build.SERIES)
    assert [h.clause.symbol for h in hits] == ["E/RES/2094/1"]
    assert api.grep(store, "intensifier l’entraide", lang="en") == []


def test_several_stores_share_one_sqlite_file(tmp_path: Path) -> None:
    from .history_helpers import constructed_store

    shared = tmp_path / "team.sqlite3"
    runner = CliRunner()
    for folder, years in (("ecosoc", (2091, 2092)), ("assembly", (2093,))):
        store = constructed_store(tmp_path / folder, years)
        out = runner.invoke(
            cli, ["--store", str(store.root), "index", "sync", "--index", str(shared)]
        )
        assert out.exit_code == 0, out.output
    status = runner.invoke(cli, ["index", "status", "--index", str(shared)]).output.splitlines()
    assert status[0] == f"index: {shared}"
    assert [line.split(" at commit ")[0] for line in status[1:]] == [
        "assembly/resolutions: 16 clauses",
        "ecosoc/resolutions: 31 clauses",
    ]
    data = json.loads(
        runner.invoke(
            cli, ["precedent", build.NEW_OP_2092, "-n", "1", "--json", "--index", str(shared)]
        ).output
    )
    top = data["results"][0]
    assert (top["store"], top["symbol"]) == ("ecosoc/resolutions", "E/RES/2092/1")
    assert [(a["store"], a["symbol"]) for a in top["also"]] == [
        ("assembly/resolutions", "E/RES/2093/1")
    ]


def test_precedent_candidates_bound_what_is_scored(demo_store: Store) -> None:
    """--candidates N scores the N closest clauses by shared word pairs, exactly."""
    draft = build.NEW_PP_2094
    runner = CliRunner()

    def top(*extra: str) -> list[tuple[str, str, float]]:
        result = runner.invoke(
            cli, ["--store", str(demo_store.root), "precedent", draft, "-n", "3", "--json", *extra]
        )
        assert result.exit_code == 0, result.output
        return [(r["symbol"], r["unit"], r["score"]) for r in json.loads(result.output)["results"]]

    every = top("--candidates", "100000")  # more than the store holds: every clause scored
    assert top() == every
    assert top("--candidates", "1") == every[:1]  # the closest by word pairs is the source
    refused = runner.invoke(
        cli, ["--store", str(demo_store.root), "precedent", draft, "--candidates", "0"]
    )
    assert refused.exit_code == 2
