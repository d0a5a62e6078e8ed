"""Drafts and other UN documents stored beside the adopted text (issue 11, item 11), and one
folder per symbol however it is spelled (issue 12).

The draft is constructed (``tests/constructed/drafts/``): an invented symbol
E/CN.15/2094/L.3/Rev.1 with the masthead of a limited-distribution document, made from the
constructed demo text E/RES/2094/1 (its operative paragraph 2 worded differently).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resdiff import api
from resdiff.storage import Store

from .conftest import ROOT, git, run_in_store

CONSTRUCTED = ROOT / "tests" / "constructed"
ADOPTED = CONSTRUCTED / "E_RES_2094_1_fr.txt"
SERIES = "ecosoc-serie-construite-tests-texte"  # the series named from the title
DRAFT = CONSTRUCTED / "drafts" / "constructed_E-CN.15-2094-L.3-Rev.1_fr.txt"


run = run_in_store


@pytest.fixture
def store(empty_store: Path) -> Path:
    return empty_store


def test_the_draft_reads_its_symbol_and_date_of_issue_from_the_masthead() -> None:
    draft = api.ingest_file(DRAFT)
    assert (draft.symbol, draft.date, draft.body, draft.agenda_item) == (
        "E/CN.15/2094/L.3/Rev.1", "2094-05-20", "ECOSOC", "5"
    )  # fmt: skip
    assert draft.document == "revision"
    assert draft.title.startswith("Série construite pour les tests (texte fictif)")


def test_a_series_holds_the_draft_beside_the_adopted_text(store: Path) -> None:
    assert run(store, "add", str(ADOPTED))[0] == 0
    code, output = run(store, "add", str(DRAFT))
    assert code == 0, output
    assert output.startswith("added E/CN.15/2094/L.3/Rev.1 (fr) 2094-05-20: 18 units in ")
    versions = Store(store).versions()
    assert {v.symbol: (v.series, v.document) for v in versions} == {
        "E/RES/2094/1": (SERIES, "resolution"),
        "E/CN.15/2094/L.3/Rev.1": (SERIES, "revision"),
    }
    folder = store / "ecosoc-serie-construite-tests-texte" / "E-CN.15-2094-L.3-Rev.1"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert (meta["document"], meta["base_symbol"]) == ("revision", "E/CN.15/2094/L.3")
    adopted = json.loads(
        (store / "ecosoc-serie-construite-tests-texte" / "E-RES-2094-1" / "meta.json").read_text(
            encoding="utf-8"
        )
    )
    assert (adopted["document"], adopted["base_symbol"]) == ("resolution", None)
    # list prints the symbol as the document does, and says what it is.
    code, listed = run(store, "list")
    assert code == 0
    lines = listed.splitlines()
    assert lines[0].startswith("2094  E/CN.15/2094/L.3/Rev.1 (revised draft) 2094-05-20  fr ")
    assert lines[1].startswith("2094  E/RES/2094/1                           2094-07-22  fr ")
    listed_json = json.loads(run(store, "list", "--json")[1])
    assert [v["document"] for v in listed_json["versions"]] == ["revision", "resolution"]
    code, verified = run(store, "verify")
    assert code == 0, verified


def test_selectors_name_the_draft_by_its_symbol_and_the_year_names_the_adopted_text(
    store: Path,
) -> None:
    run(store, "add", str(ADOPTED))
    run(store, "add", str(DRAFT))
    assert run(store, "show", "2094")[1].startswith("E/RES/2094/1 (fr) adopted 2094-07-22")
    for spelling in ("E/CN.15/2094/L.3/Rev.1", "e/cn.15/2094/l.3/rev.1", "E/CN.15/2094/L.3/Rev.1."):
        code, shown = run(store, "show", spelling)
        assert code == 0, shown
        assert shown.startswith("E/CN.15/2094/L.3/Rev.1 (fr) revised draft, issued 2094-05-20")
    code, compared = run(store, "E/CN.15/2094/L.3/Rev.1", "2094", "--format", "json")
    assert code == 0, compared
    data = json.loads(compared)
    assert (data["old"]["symbol"], data["old"]["document"]) == (
        "E/CN.15/2094/L.3/Rev.1", "revision"
    )  # fmt: skip
    assert (data["new"]["symbol"], data["new"]["document"]) == ("E/RES/2094/1", "resolution")
    assert data["summary"]["modified"] == 1
    code, missing = run(store, "show", "E/CN.15/2094/L.3")
    assert code == 2 and "no stored version matches 'E/CN.15/2094/L.3'" in missing


def test_a_draft_symbol_given_on_the_command_line(store: Path, tmp_path: Path) -> None:
    text = DRAFT.read_text(encoding="utf-8").split("Projet de résolution\n", 1)[1]
    bare = tmp_path / "constructed-bare-draft.txt"
    bare.write_text(text, encoding="utf-8")  # no masthead: the symbol and date are given
    code, output = run(
        store, "add", str(bare), "--symbol", "a/c.3/99/l.10", "--date", "2044-10-12",
        "--series", "constructed-drafts",
    )  # fmt: skip
    assert code == 0, output
    assert output.startswith("added A/C.3/99/L.10 (fr) 2044-10-12: ")
    assert (store / "constructed-drafts" / "A-C.3-99-L.10" / "meta.json").is_file()
    assert Store(store).versions()[0].document == "draft"


def test_akn_export_refuses_a_draft_in_one_line(store: Path) -> None:
    run(store, "add", str(DRAFT))
    code, output = run(store, "export", "E/CN.15/2094/L.3/Rev.1", "--format", "akn")
    assert (code, output) == (
        2,
        "Error: E/CN.15/2094/L.3/Rev.1 is a revision, not an adopted resolution; Akoma Ntoso "
        "export (AKN4UN) takes adopted resolutions only\n",
    )


# --------------------------------------------------------------- one folder per symbol


@pytest.mark.parametrize(
    "spelling", ["E/RES/2094/1 (2094)", "e/res/2094/1", "E/RES/2094/01", " E/RES/2094/1. "]
)
def test_a_spelling_variant_is_the_same_version_in_the_same_folder(
    store: Path, spelling: str
) -> None:
    code, output = run(store, "add", str(ADOPTED), "--symbol", spelling)
    assert code == 0, output
    assert output.startswith("added E/RES/2094/1 (fr) ")
    code, again = run(store, "add", str(ADOPTED), "--symbol", "E/RES/2094/1")
    assert (code, again) == (
        2,
        "Error: E/RES/2094/1 (fr) is already stored; use --replace to store the new text "
        "(the old one stays in git history)\n",
    )
    folders = [p.name for p in (store / "ecosoc-serie-construite-tests-texte").iterdir()]
    assert folders == ["E-RES-2094-1"]


def test_a_symbol_naming_two_years_is_refused_and_the_store_is_unchanged(store: Path) -> None:
    run(store, "add", str(ADOPTED))
    head = git(store.parent, "rev-parse", "HEAD")
    code, output = run(store, "add", str(ADOPTED), "--symbol", "E/RES/2094/1 (2095)", "--replace")
    assert (code, output) == (
        2,
        "Error: 'E/RES/2094/1 (2095)' names two different years; write the symbol alone: "
        "E/RES/2094/1\n",
    )
    assert git(store.parent, "rev-parse", "HEAD") == head
    assert [p.name for p in (store / "ecosoc-serie-construite-tests-texte").iterdir()] == [
        "E-RES-2094-1"
    ]


def test_export_writes_standard_output_for_dash_and_no_file_when_refused(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(store, "add", str(ADOPTED))
    run(store, "add", str(DRAFT))
    monkeypatch.chdir(tmp_path)
    code, output = run(store, "export", "2094", "-o", "-")
    assert code == 0 and output.startswith("<?xml") and not (tmp_path / "-").exists()
    refused = tmp_path / "draft.xml"
    code, output = run(store, "export", "E/CN.15/2094/L.3/Rev.1", "-o", str(refused))
    assert code == 2 and not refused.exists()
    code, output = run(store, "export", "2094", "-o", str(tmp_path / "adopted.xml"))
    assert code == 0 and output == f"wrote {tmp_path / 'adopted.xml'}\n"
    assert (tmp_path / "adopted.xml").read_bytes().startswith(b"<?xml")


def test_a_second_folder_an_older_resdiff_made_is_reported_with_its_fix(store: Path) -> None:
    run(store, "add", str(ADOPTED))
    series = store / SERIES
    git(store.parent, "mv", str(series / "E-RES-2094-1"), str(series / "E-RES-2094-1-2094"))
    meta = series / "E-RES-2094-1-2094" / "meta.json"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            '"symbol": "E/RES/2094/1"', '"symbol": "E/RES/2094/1 (2094)"'
        ),
        encoding="utf-8",
    )  # what `add --symbol "E/RES/2094/1 (2094)"` wrote before the symbol had one spelling
    git(store.parent, "commit", "-qam", "as an older resdiff left it")
    code, output = run(store, "verify")
    assert code == 1
    assert (
        f"problem: {series / 'E-RES-2094-1-2094'}: its meta.json describes E/RES/2094/1 in "
        f"series {SERIES}, which belongs in {series / 'E-RES-2094-1'}; move it back"
    ) in output
    git(store.parent, "mv", str(series / "E-RES-2094-1-2094"), str(series / "E-RES-2094-1"))
    git(store.parent, "commit", "-qm", "moved back")
    assert run(store, "verify")[0] == 0
    assert run(store, "show", "E/RES/2094/1 (2094)")[1].startswith("E/RES/2094/1 (fr) adopted")


def test_the_running_header_of_later_pages_stays_out_of_the_clauses() -> None:
    from resdiff.ingest import ingest_text

    paragraphs = DRAFT.read_text(encoding="utf-8").split("\n\n")
    paged = []
    for index, paragraph in enumerate(paragraphs):
        paged.append(paragraph)
        if index in (16, 22):  # page breaks inside the operative part, as a PDF reader gives
            paged.append(f"\f{2 if index == 16 else 3}/3\nE/CN.15/2094/L.3/Rev.1")
    draft = ingest_text("\n\n".join(paged), lang="fr")
    assert (draft.symbol, draft.date) == ("E/CN.15/2094/L.3/Rev.1", "2094-05-20")
    plain = api.ingest_file(DRAFT)
    assert [(u.id, u.text) for u in draft.units] == [(u.id, u.text) for u in plain.units]


def test_an_english_draft_of_the_general_assembly() -> None:
    """A constructed Third Committee draft (invented symbol A/C.3/99/L.10/Rev.1, session 99
    sitting in 2044) made from the constructed English golden text, with an English masthead
    whose cells a PDF reader put on one line."""
    import dataclasses

    from resdiff.ingest import ingest_text

    from .golden_format import read_golden, render_paragraphs

    units = read_golden(ROOT / "tests" / "golden" / "constructed-en.golden.txt")
    body = [dataclasses.replace(u, label=None) if u.id == "title" else u for u in units]
    body = [u for u in body if u.kind != "closing"]  # a draft has no closing
    masthead = (
        "United Nations A/C.3/99/L.10/Rev.1 General Assembly Distr.: Limited 12 October 2044 "
        "Original: English\n\nNinety-ninth session\nThird Committee\nAgenda item 27 (b)\n"
        "Social development\n\nConstructed State: revised draft resolution\n\n"
    )
    body[1] = dataclasses.replace(body[1], text=body[1].text.replace("Economic and Social "
                                  "Council", "General Assembly"))  # fmt: skip
    draft = ingest_text(masthead + "\n\n".join(render_paragraphs(body)) + "\n", lang="en")
    assert (draft.symbol, draft.date, draft.document, draft.agenda_item) == (
        "A/C.3/99/L.10/Rev.1", "2044-10-12", "revision", "27 (b)"
    )  # fmt: skip
    assert draft.body == "GA" and draft.session == "99"
    assert draft.title.startswith("Strengthening inter-agency cooperation")
