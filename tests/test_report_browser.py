"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

Needs ``playwright`` (in the ``test`` extra) and Debian's ``chromium`` (``apt-get install -y
chromium``; another binary through RESDIFF_CHROMIUM). Playwright's own browser download is
never used. A missing browser fails these tests so that CI cannot pass without them; skip
them with ``-m "not browser"`` or RESDIFF_SKIP_BROWSER=1.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from resdiff.model import Comparison
from resdiff.render.html import render_html
from tests.report_factory import (
    IMG,
    SCRIPT,
    arabic_comparison,
    case_names,
    french_comparison,
    real_comparison,
)

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("RESDIFF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("RESDIFF_SKIP_BROWSER") == "1":
        pytest.skip(reason)
    pytest.fail(f"{reason}; or skip browser tests: -m 'not browser' or RESDIFF_SKIP_BROWSER=1")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed: pip install playwright")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"no Chromium at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Opened:
    """A report opened in a fresh context, with every request and dialog recorded."""

    def __init__(self, browser: Any, path: Path, *, javascript: bool = True) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
        )
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible_statuses(self) -> list[tuple[str, bool]]:
        """(status, moved) of every change article currently displayed."""
        shown = []
        for article in self.page.locator("main article.change").all():
            if article.is_visible():
                shown.append(
                    (
                        article.get_attribute("data-status"),
                        article.get_attribute("data-moved") == "true",
                    )
                )
        return shown

    def close(self) -> None:
        self.context.close()


def _write(
    comparison: Comparison, tmp_path: Path, name: str = "report.html", show_all: bool = False
) -> Path:
    path = tmp_path / name
    path.write_text(render_html(comparison, show_all=show_all), encoding="utf-8")
    return path


@pytest.fixture
def opened(browser: Any, tmp_path: Path) -> Iterator[Opened]:
    page = Opened(browser, _write(french_comparison(), tmp_path))
    yield page
    page.close()


def test_no_network_request_and_no_dialog(opened: Opened, tmp_path: Path):
    opened.page.locator("label[for=v-redline]").click()
    opened.page.locator("label[for=f-changes]").click()
    assert opened.requests == [opened.url]
    assert opened.dialogs == []
    opened.page.screenshot(path=tmp_path / "report-redline-changes.png", full_page=True)


def test_counts_shown_match_summary(opened: Opened, tmp_path: Path):
    summary = french_comparison().summary()
    for key, count in summary.items():
        assert opened.page.locator(f'td.count[data-key="{key}"]').inner_text() == str(count)
        label = opened.page.locator(f"label[for=f-{key}] .n")
        if label.count():
            assert label.inner_text() == str(count)
    opened.page.screenshot(path=tmp_path / "report.png", full_page=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_filters_hide_and_show_the_right_clauses(browser: Any, tmp_path: Path, javascript: bool):
    comparison = french_comparison()
    everything = [(c.status.value, c.moved) for c in comparison.changes]
    changes = [(s, m) for s, m in everything if s != "unchanged" or m]
    with_all = Opened(
        browser, _write(comparison, tmp_path, "all.html", True), javascript=javascript
    )
    try:
        assert with_all.visible_statuses() == everything  # --all opens on every unit
    finally:
        with_all.close()
    page = Opened(browser, _write(comparison, tmp_path), javascript=javascript)
    try:
        assert page.visible_statuses() == changes  # the changes by default
        page.page.locator("label[for=f-all]").click()
        assert page.visible_statuses() == everything
        page.page.locator("label[for=f-changes]").click()
        assert page.visible_statuses() == changes
        for key in ("modified", "added", "removed", "split", "merged", "unchanged"):
            page.page.locator(f"label[for=f-{key}]").click()
            assert page.visible_statuses() == [(s, m) for s, m in everything if s == key], key
        page.page.locator("label[for=f-moved]").click()
        assert page.visible_statuses() == [(s, m) for s, m in everything if m]
        assert page.page.locator("#was-pp5").is_visible()  # the stub shows with moved clauses
        page.page.locator("label[for=f-all]").click()
        assert page.visible_statuses() == everything
        assert page.requests == [page.url]
        page.page.screenshot(
            path=tmp_path / f"filters-{'js' if javascript else 'nojs'}.png", full_page=True
        )
    finally:
        page.close()


def test_everything_visible_without_javascript(browser: Any, tmp_path: Path):
    comparison = french_comparison()
    page = Opened(browser, _write(comparison, tmp_path, show_all=True), javascript=False)
    try:
        assert len(page.visible_statuses()) == len(comparison.changes)
        for unit in comparison.new.units:
            assert page.page.locator(f'[id="n-{unit.id}"]').is_visible(), unit.id
        assert page.page.locator("td.count").count() == len(comparison.summary())
        page.page.screenshot(path=tmp_path / "nojs.png", full_page=True)
    finally:
        page.close()


def test_redline_view_toggle(opened: Opened):
    modified = opened.page.locator("article.st-modified").first
    assert modified.locator(".sbs").is_visible() and not modified.locator(".redline").is_visible()
    opened.page.locator("label[for=v-redline]").click()
    assert modified.locator(".redline").is_visible() and not modified.locator(".sbs").is_visible()
    assert modified.locator(".redline del").count() >= 1


def test_injection_renders_as_text(opened: Opened, tmp_path: Path):
    page = opened.page
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 0
    assert SCRIPT in page.locator('[id="n-pp4"]').inner_text()
    assert IMG in page.locator('[id="o-pp4"]').inner_text()
    assert opened.dialogs == []
    page.locator('[id="n-pp4"]').screenshot(path=tmp_path / "injection.png")


def test_deletions_and_insertions_differ_without_colour(opened: Opened):
    page = opened.page
    deleted = page.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    inserted = page.locator("ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert deleted == "line-through" and inserted == "underline"


def test_links_to_where_a_moved_clause_stood(opened: Opened):
    page = opened.page
    page.locator("#c8 .prov a").click()
    assert page.url.endswith("#was-pp5")
    page.locator("#was-pp5 a").click()
    assert page.url.endswith("#c8")
    # A filtered-out clause still shows when a link targets it.
    page.locator("label[for=f-added]").click()
    page.goto(opened.url + "#c3")
    assert page.locator("#c3").is_visible()


def test_arabic_is_right_to_left(browser: Any, tmp_path: Path):
    page = Opened(browser, _write(arabic_comparison(), tmp_path, "ar.html"))
    try:
        text = page.page.locator('[id="n-op1"] .text')
        assert text.get_attribute("lang") == "ar"
        assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
        page.page.screenshot(path=tmp_path / "arabic.png", full_page=True)
    finally:
        page.close()


def test_prints_on_a4(opened: Opened, tmp_path: Path):
    opened.page.emulate_media(media="print")
    assert not opened.page.locator(".toolbar").is_visible()
    opened.page.screenshot(path=tmp_path / "print.png", full_page=True)
    pdf = opened.page.pdf(format="A4", path=str(tmp_path / "report.pdf"))
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    assert pdf.startswith(b"%PDF") and 1 <= len(pages) <= 6


def test_real_differ_report(browser: Any, tmp_path: Path):
    """The seed against the constructed earlier draft, compared by the real differ."""
    if "constructed-earlier-draft" not in case_names():
        pytest.skip("tests/cases/constructed-earlier-draft is not merged yet")
    comparison = real_comparison("constructed-earlier-draft")
    page = Opened(browser, _write(comparison, tmp_path))
    try:
        for key, count in comparison.summary().items():
            assert page.page.locator(f'td.count[data-key="{key}"]').inner_text() == str(count)
        page.page.locator("label[for=f-changes]").click()
        shown = page.visible_statuses()
        assert shown == [
            (c.status.value, c.moved)
            for c in comparison.changes
            if c.status != "unchanged" or c.moved
        ]
        assert page.requests == [page.url] and page.dialogs == []
        page.page.screenshot(path=tmp_path / "real-changes.png", full_page=True)
    finally:
        page.close()


def test_header_shows_the_record_the_draft_and_the_ocr_badge(browser: Any, tmp_path: Path):
    """A constructed draft against the constructed adopted text, the new side given a library
    record and read by OCR: the badges and links are visible, and nothing is fetched."""
    import dataclasses

    from resdiff import api
    from resdiff.storage import Store

    root = Path(__file__).resolve().parent
    comparison = api.diff(
        Store(tmp_path / "none"),
        str(root / "constructed" / "drafts" / "constructed_E-CN.15-2094-L.3-Rev.1_fr.txt"),
        str(root / "constructed" / "E_RES_2094_1_fr.txt"),
    )
    record = "https://digitallibrary.un.org/search?p=191__a%3A%22E%2FRES%2F2094%2F1%22&of=xm"
    new = dataclasses.replace(
        comparison.new, vote="adopted without a vote", subjects=("TRAFFICKING IN PERSONS",),
        source_url="https://documents.un.org/api/symbol/access?s=E/RES/2094/1&l=fr&t=doc",
        record_url=record, read_by_ocr=True,
    )  # fmt: skip
    page = Opened(browser, _write(dataclasses.replace(comparison, new=new), tmp_path))
    try:
        old_side = page.page.locator("section.version.old")
        new_side = page.page.locator("section.version.new")
        assert old_side.locator(".doc-badge.doc-kind").inner_text().lower() == "revised draft"
        assert new_side.locator(".doc-badge.ocr").is_visible()
        assert new_side.locator(".doc-badge.ocr").inner_text().lower() == "read by ocr"
        assert old_side.locator(".doc-badge.ocr").count() == 0
        assert new_side.locator("dd.vote").inner_text() == "adopted without a vote"
        assert new_side.locator(f'a[href="{record}"]').is_visible()
        assert page.requests == [page.url] and page.dialogs == []
        page.page.locator("header.report-head").screenshot(path=tmp_path / "header.png")
    finally:
        page.close()
