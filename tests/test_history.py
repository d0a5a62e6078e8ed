"""Clause lineages, blame and timeline on the constructed series (tests/constructed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.errors import UnknownUnit
from resdiff.history import ComparisonCache, series_history
from resdiff.storage import Store

from .constructed import build

SERIES = build.SERIES

# The timeline that follows from the edits in tests/constructed/README.md: lineage key,
# states (+ added, = unchanged, ~ modified, . absent) and ids per version 2091…2094.
EXPECTED_TIMELINE = [
    ("2091/1:title", "+===", "title title title title"),
    ("2091/1:formula", "+===", "formula formula formula formula"),
    ("2091/1:pp1", "+===", "pp1 pp1 pp1 pp1"),
    ("2091/1:pp2", "+===", "pp2 pp2 pp2 pp2"),
    ("2091/1:pp3", "+~==", "pp3 pp3 pp3 pp3"),
    ("2091/1:pp4", "+===", "pp4 pp4 pp4 pp4"),
    ("2091/1:pp5", "+=..", "pp5 pp5 - -"),
    ("2091/1:pp6", "+===", "pp6 pp6 pp5 pp5"),
    ("2094/1:pp6", "...+", "- - - pp6"),
    ("2091/1:op1", "+===", "op1 op1 op1 op1"),
    ("2092/1:op2", ".+=~", "- op2 op2 op2"),
    ("2091/1:op2", "+===", "op2 op3 op3 op3"),
    ("2091/1:op3", "+=~~", "op3 op4 op4+op5 op4+op5"),
    ("2091/1:op4", "+===", "op4 op5 op6 op6"),
    ("2091/1:op5", "+===", "op5 op6 op7 op7"),
    ("2091/1:op6", "+===", "op6 op7 op8 op8"),
    ("2091/1:op7", "+===", "op7 op8 op9 op9"),
    ("2091/1:op8", "+=~=", "op8 op9 op10 op10"),
    ("2091/1:closing", "+~~~", "closing closing closing closing"),
]

SYMBOL = {"+": "added", "=": "unchanged", "~": "modified", ".": "absent"}

# Blame of units of 2094: (year, words) runs.
EXPECTED_BLAME = {
    "op2": [
        (2092, "Demande aux États Membres de"),
        (2094, "intensifier l’entraide"),
        (
            2092,
            "transfrontière en matière de prévention de la traite des personnes et de "
            "protection des victimes ;",
        ),
    ],
    "op5": [
        (
            2091,
            build.seed("op3")
            .partition("Parties")[0]
            .replace(
                "Engage instamment les États "
                "Membres et les autres parties prenantes mentionnées dans le Plan d’action mondial "
                "des Nations Unies pour la lutte contre la traite des personnes, et invite",
                "Invite",
            )
            + "Parties à la Convention des Nations Unies contre la criminalité transnationale "
            "organisée et les autres organismes sous-régionaux, régionaux et internationaux "
            "compétents, agissant dans le cadre de leur mandat, à continuer",
        ),
        (2094, "sans délai"),
        (
            2091,
            "de contribuer à l’application intégrale et effective du Plan d’action mondial, y "
            "compris en resserrant leur coopération et en améliorant leur coordination à cette "
            "fin ;",
        ),
    ],
    "pp3": [
        (2091, "Rappelant les résolutions pertinentes des Nations Unies"),
        (2092, "et les décisions"),
        (2091, "sur le sujet et les réunions spéciales sur la traite des personnes,"),
    ],
    "op10": [(2093, "Engage"), (2091, build.seed("op8").removeprefix("Encourage "))],
    "pp6": [(2094, build.NEW_PP_2094)],
    "op4": [(2091, build.seed("op3").partition(", et invite")[0] + " ;")],
    "closing": [(2091, "13e séance plénière\n22 juillet"), (2094, "2094")],
}


def test_constructed_texts_are_what_the_script_makes() -> None:
    for year in build.YEARS:
        path = build.HERE / build.file_name(year)
        assert path.read_text(encoding="utf-8") == build.text(year), path.name


def test_timeline_gives_exactly_the_expected_lineages(demo_store: Store) -> None:
    history = api.history(demo_store, SERIES)
    assert [v.year for v in history.versions] == list(build.YEARS)
    got = [
        (
            lineage.key,
            "".join(
                next(k for k, v in SYMBOL.items() if v == c.state.value) for c in lineage.cells
            ),
            " ".join("+".join(c.ids) or "-" for c in lineage.cells),
        )
        for lineage in history.lineages
    ]
    assert got == EXPECTED_TIMELINE


def test_timeline_events_name_the_split_renumbering_and_removal(demo_store: Store) -> None:
    history = api.history(demo_store, SERIES)
    events = {lin.key: [list(c.events) for c in lin.cells] for lin in history.lineages}
    assert events["2091/1:op3"] == [[], ["renumbered"], ["split", "renumbered"], []]
    assert events["2091/1:pp5"] == [[], [], ["removed"], []]
    assert events["2091/1:pp6"] == [[], [], ["renumbered"], []]


@pytest.mark.parametrize("unit_id", sorted(EXPECTED_BLAME))
def test_blame_gives_the_first_appearance_of_each_run_of_words(
    demo_store: Store, unit_id: str
) -> None:
    blamed = api.blame(demo_store, "2094/1", unit_id)
    versions = blamed.history.versions
    runs = [(versions[r.version].year, r.text) for r in blamed.units[0].runs]
    assert runs == EXPECTED_BLAME[unit_id]


def test_blame_of_a_whole_version_covers_every_unit(demo_store: Store) -> None:
    blamed = api.blame(demo_store, "2093/1")
    assert [u.unit_id for u in blamed.units] == list(blamed.history.versions[2].ids)
    first = {
        u.unit_id: {blamed.history.versions[r.version].year for r in u.runs} for u in blamed.units
    }
    assert first["op2"] == {2092}
    assert first["op5"] == {2091}  # the second part of the split keeps its words' origin


def test_log_follows_a_clause_across_renumbering_and_split(demo_store: Store) -> None:
    log = api.log(demo_store, "2094/1", "op5")
    assert log.lineage.key == "2091/1:op3"
    cells = [(c.state.value, c.ids, c.events) for c in log.lineage.cells]
    assert cells == [
        ("added", ("op3",), ()),
        ("unchanged", ("op4",), ("renumbered",)),
        ("modified", ("op4", "op5"), ("split", "renumbered")),
        ("modified", ("op4", "op5"), ()),
    ]


def test_log_json_shape_names_first_appearance_and_removal(demo_store: Store) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(demo_store.root), "log", "2092", "pp5", "--series", SERIES, "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "resdiff.log/1"
    assert data["lineage"] == "2091/1:pp5"
    assert (data["first_appeared"]["year"], data["first_appeared"]["ids"]) == (2091, ["pp5"])
    assert [(e["year"], e["state"], e["ids"], e["events"]) for e in data["entries"]] == [
        (2091, "added", ["pp5"], []),
        (2092, "unchanged", ["pp5"], []),
        (2093, "absent", [], ["removed"]),
    ]


def test_log_text_shows_word_changes(demo_store: Store) -> None:
    result = CliRunner().invoke(cli, ["--store", str(demo_store.root), "log", "2094/1", "op2"])
    assert result.exit_code == 0, result.output
    assert "first appeared in 2092 as op2" in result.output
    assert "[-renforcer la coopération-]{+intensifier l’entraide+}" in result.output


def test_unknown_unit_is_a_one_line_error(demo_store: Store) -> None:
    with pytest.raises(UnknownUnit, match="E/RES/2094/1 has no unit 'op99'"):
        api.log(demo_store, "2094/1", "op99")
    result = CliRunner().invoke(cli, ["--store", str(demo_store.root), "blame", "2094/1", "op99"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: E/RES/2094/1 has no unit 'op99'; its units: title")


def test_timeline_formats(demo_store: Store) -> None:
    base = ["--store", str(demo_store.root), "timeline", "--series", SERIES]
    text = CliRunner().invoke(cli, base).output
    rows = {" ".join(line.split()) for line in text.splitlines()}
    assert "op4+op5 + = ~ ~ 2091/1:op3" in rows
    assert "pp5 (until 2092) + = . . 2091/1:pp5" in rows  # a dropped clause says until when
    data = json.loads(CliRunner().invoke(cli, [*base, "--json"]).output)
    assert data["schema"] == "resdiff.timeline/1"
    assert [v["year"] for v in data["versions"]] == [2091, 2092, 2093, 2094]
    assert [lin["key"] for lin in data["lineages"]] == [key for key, _s, _i in EXPECTED_TIMELINE]
    page = CliRunner().invoke(cli, [*base, "--format", "html"]).output
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert page.count('<td class="') == len(EXPECTED_TIMELINE) * 4
    assert 'href="#l12-v2"' in page and 'id="l12-v2"' in page  # the split cell and its text


def test_timeline_html_escapes_clause_text(tmp_path: Path) -> None:
    from .history_helpers import add_year, init_repo

    store = Store(init_repo(tmp_path / "p") / "resolutions")
    add_year(store, 2091)
    text = build.text(2092).replace("Demande aux", "Demande <script>alert(1)</script> aux")
    add_year(store, 2092, text=text)
    page = (
        CliRunner()
        .invoke(
            cli, ["--store", str(store.root), "timeline", "--series", SERIES, "--format", "html"]
        )
        .output
    )
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_comparisons_are_cached_and_invalidated_by_content(tmp_path: Path) -> None:
    from .history_helpers import add_year, constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    cache = ComparisonCache.for_store(store.root)
    series_history(store, SERIES, cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)
    again = ComparisonCache.for_store(store.root)
    series_history(store, SERIES, cache=again)
    assert (again.hits, again.misses) == (0, 0)  # the whole history was saved (see _saved)
    for saved in (store.root / ".resdiff-cache" / "history").iterdir():
        saved.unlink()
    again = ComparisonCache.for_store(store.root)
    series_history(store, SERIES, cache=again)
    assert (again.hits, again.misses) == (1, 0)
    assert (store.root / ".resdiff-cache" / ".gitignore").read_text().endswith("*\n")
    add_year(store, 2092, replace=True, text=build.text(2092).replace("renforcer", "consolider"))
    changed = ComparisonCache.for_store(store.root)
    history = series_history(store, SERIES, cache=changed)
    assert (changed.hits, changed.misses) == (0, 1)
    assert history.lineage_of(1, "op2").key == "2092/1:op2"
    assert "consolider" in history.versions[1].unit("op2").text


def test_cache_off_and_unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .history_helpers import constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    monkeypatch.setenv("RESDIFF_CACHE", "off")
    series_history(store, SERIES)
    assert not (store.root / ".resdiff-cache").exists()
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("RESDIFF_CACHE", str(blocked))
    assert (
        len(series_history(store, SERIES).versions) == 2
    )  # a cache it cannot write costs time only


def test_a_merge_joins_two_lineages_and_blame_follows_both_parts() -> None:
    import dataclasses

    from resdiff.compare import compare
    from resdiff.history import blame_unit, build_history
    from resdiff.model import Unit, UnitKind

    from .diff_helpers import CLAUSES, resolution, unit

    old = resolution(["pp1", "op1", "op3", "op4", "op5"], year=2091)
    joined = (
        CLAUSES["op3"].removesuffix(" ;") + ", et invite" + CLAUSES["op4"].removeprefix("Invite")
    )
    new = resolution(
        ["pp1", "op1", Unit("op2", UnitKind.OPERATIVE, joined), unit("op3", CLAUSES["op5"])]
    )
    new = dataclasses.replace(new, symbol="E/RES/2092/1", year=2092)
    history = build_history("x", [old, new], [compare(old, new)])
    cells = [
        (lin.key, [(c.state.value, c.ids, c.events) for c in lin.cells]) for lin in history.lineages
    ]
    assert cells[2] == (
        "2021/25:op3",
        [("added", ("op3", "op4"), ()), ("modified", ("op2",), ("merged", "renumbered"))],
    )
    runs = [(r.version, r.text.split()[0]) for r in blame_unit(history, 1, "op2").runs]
    assert runs == [(0, "Invite"), (1, "et"), (0, "invite")]
