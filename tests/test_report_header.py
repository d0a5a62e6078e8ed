"""The report header (issue 11, item 8): the official document and its library record, the
vote, the subjects, what a draft is, and a badge on a side read by OCR, in HTML, Markdown,
the terminal and JSON; the HTML report stays self-contained and byte-deterministic.

The library record is constructed (``tests/fixtures/fetch/``) and served on 127.0.0.1; the
scanned PDF is the layout matrix's, its OCR the committed tesseract TSV.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resdiff import api
from resdiff.model import Comparison
from resdiff.render import render
from resdiff.storage import Store

from .conftest import ROOT
from .test_fetch import server  # noqa: F401  (the recorded services)

SCAN = ROOT / "tests" / "layouts" / "E-RES-2021-25.fr"
DRAFT = ROOT / "tests" / "constructed" / "drafts" / "constructed_E-CN.15-2094-L.3-Rev.1_fr.txt"
ADOPTED = ROOT / "tests" / "constructed" / "E_RES_2094_1_fr.txt"


@pytest.fixture
def fetched(server: list[str], tmp_path: Path) -> tuple[Comparison, str, str]:  # noqa: F811
    store = Store(tmp_path / "store")
    got, _ = api.fetch_and_add(store, "E/RES/2021/25", "fr")
    return api.diff(store, "2021", "2021"), got.url, got.record_url


def test_the_stored_record_reaches_the_resolution(fetched: tuple[Comparison, str, str]) -> None:
    comparison, url, record_url = fetched
    side = comparison.new
    assert side.source_url == url and side.record_url == record_url
    assert side.vote == "adopted without a vote (constructed example)"
    assert side.subjects == ("TRAFFICKING IN PERSONS", "ACTION PLANS")
    assert not side.read_by_ocr


def test_html_header(fetched: tuple[Comparison, str, str]) -> None:
    comparison, url, record_url = fetched
    html = render(comparison, "html")
    assert html.count('<dt>Vote</dt><dd class="vote">adopted without a vote (constructed '
                      "example)</dd>") == 2  # fmt: skip
    assert html.count('<dt>Subjects</dt><dd class="subjects">TRAFFICKING IN PERSONS; ACTION '
                      "PLANS</dd>") == 2  # fmt: skip
    escaped = record_url.replace("&", "&amp;").replace('"', "&#34;")
    assert f'<dt>Library record</dt><dd class="source"><a href="{escaped}">' in html
    assert url.replace("&", "&amp;") in html
    assert (
        "Read by OCR" not in html
        and "doc-badge" not in html.split("<style>")[1].split("</style>")[1]
    )
    assert render(comparison, "html") == html  # deterministic


def test_markdown_terminal_and_json_headers(fetched: tuple[Comparison, str, str]) -> None:
    comparison, url, record_url = fetched
    markdown = render(comparison, "markdown").replace("\\", "")
    vote = "adopted without a vote (constructed example)"
    assert f"| Vote | {vote} | {vote} |" in markdown
    assert (
        "| Subjects | TRAFFICKING IN PERSONS; ACTION PLANS | TRAFFICKING IN PERSONS; " in markdown
    )
    assert f"| Library record | {record_url} | {record_url} |" in markdown
    assert "| Read by OCR |" not in markdown and "| Document |" not in markdown
    terminal = render(comparison, "terminal").splitlines()
    assert terminal[1:3] == [f"  old: {vote} · {url}", f"  new: {vote} · {url}"]
    side = json.loads(render(comparison, "json"))["new"]
    assert {key: side[key] for key in ("record_url", "document", "vote", "subjects",
                                       "read_by_ocr")} == {
        "record_url": record_url,
        "document": "resolution",
        "vote": vote,
        "subjects": ["TRAFFICKING IN PERSONS", "ACTION PLANS"],
        "read_by_ocr": False,
    }  # fmt: skip


def test_a_report_without_a_record_shows_no_empty_rows(tmp_path: Path) -> None:
    comparison = api.diff(Store(tmp_path / "none"), str(ADOPTED), str(ADOPTED))
    html = render(comparison, "html")
    for name in ("Vote", "Subjects", "Library record", "Official document", "Agenda item"):
        assert f"<dt>{name}</dt>" not in html
    markdown = render(comparison, "markdown")
    assert "| Vote |" not in markdown and "| Subjects |" not in markdown
    assert len(render(comparison, "terminal").splitlines()) == 1  # the summary line alone


def test_a_draft_is_said_to_be_one(tmp_path: Path) -> None:
    comparison = api.diff(Store(tmp_path / "none"), str(DRAFT), str(ADOPTED))
    html = render(comparison, "html")
    assert html.count('<span class="doc-badge doc-kind">revised draft</span>') == 1
    assert "<dt>Agenda item</dt><dd>5</dd>" in html
    assert "| Document | revised draft | resolution |" in render(comparison, "markdown")
    assert render(comparison, "terminal").startswith(
        "E/CN.15/2094/L.3/Rev.1 (revised draft, 2094, fr) → E/RES/2094/1 (2094, fr): "
    )


# --------------------------------------------------------------- a side read by OCR


@pytest.fixture
def tesseract_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR answers the committed tesseract TSV of the scan (the matrix's ``scan-ocr``)."""
    from resdiff.ingest import ocr, pdf
    from resdiff.ingest.ocr import parse_tsv

    pages = sorted((SCAN / "scan-ocr").glob("page-*.tsv"), key=lambda p: int(p.stem[5:]))
    monkeypatch.setattr(pdf, "page_images", lambda data, name: [b""] * len(pages))
    monkeypatch.setattr(
        ocr, "ocr_pages",
        lambda images, name, lang=None: [parse_tsv(p.read_text(encoding="utf-8")) for p in pages],
    )  # fmt: skip


@pytest.mark.usefixtures("tesseract_recorded")
def test_a_scan_is_recorded_as_read_by_ocr_and_badged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    store = Store(tmp_path / "store")
    added = api.add(store, SCAN / "scan.pdf", lang="fr")
    meta = json.loads((added.version.path / "meta.json").read_text(encoding="utf-8"))
    assert meta["languages"]["fr"]["read_by_ocr"] is True
    assert api.show(store, "2021").read_by_ocr
    text_layer = SCAN / "ods.pdf"
    comparison = api.diff(store, str(text_layer), "2021")
    assert (comparison.old.read_by_ocr, comparison.new.read_by_ocr) == (False, True)
    html = render(comparison, "html")
    badges = re.findall(r'<span class="doc-badge ocr"[^>]*>Read by OCR</span>', html)
    assert len(badges) == 1
    new_section = html.split('aria-label="New version"')[1].split("</section>")[0]
    assert badges[0] in new_section
    assert "| Read by OCR | no | yes (scanned) |" in render(comparison, "markdown")
    assert render(comparison, "terminal").startswith(
        "E/RES/2021/25 (2021, fr) → E/RES/2021/25 (2021, fr, read by OCR): "
    )
    assert json.loads(render(comparison, "json"))["new"]["read_by_ocr"] is True
