"""Reports of the real differ's comparisons on the constructed golden cases (tests/cases/)."""

from __future__ import annotations

import re

import pytest

from resdiff.render.html import render_html
from resdiff.render.markdown import render_markdown
from tests.report_factory import case_names, real_comparison
from tests.test_report_html import Elements

CASES = case_names() or [pytest.param("none", marks=pytest.mark.skip(reason="no tests/cases yet"))]


@pytest.mark.parametrize("case", CASES)
def test_html_report_of_case(case):
    comparison = real_comparison(case)
    html = render_html(comparison)
    assert html == render_html(comparison)
    shown = re.findall(r'<td class="num count" data-key="(\w+)">(\d+)</td>', html)
    assert {k: int(v) for k, v in shown} == comparison.summary()
    elements = Elements(html)
    ids = [attrs["id"] for _n, attrs in elements.with_attr("id")]
    assert len(ids) == len(set(ids))
    for _name, attrs in elements.with_attr("href"):
        assert (attrs["href"] or "#")[1:] in ids
    for unit in comparison.new.units:
        assert f"n-{unit.id}" in ids
    assert len(elements.named("article")) == len(comparison.changes)


@pytest.mark.parametrize("case", CASES)
def test_markdown_report_of_case(case):
    comparison = real_comparison(case)
    md = render_markdown(comparison)
    assert len(md) <= 65536
    for change in comparison.changes:
        if change.status.value != "unchanged":
            ids = [u.id for u in change.new or change.old]
            assert ids[0] in md
