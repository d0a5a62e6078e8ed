"""The Markdown report: escaping, redline marks, folding and the size limit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Unit, UnitKind
from resdiff.render import RENDERERS
from resdiff.render._view import Segment, SegmentKind
from resdiff.render.markdown import (
    GITHUB_COMMENT_LIMIT,
    escape_markdown,
    redline,
    render_markdown,
)
from tests.report_factory import IMG, SCRIPT, french_comparison, large_comparison

S, D, INS = SegmentKind.SAME, SegmentKind.DELETED, SegmentKind.INSERTED


def _added(text: str, unit_id: str = "op1") -> Comparison:
    unit = Unit(unit_id, UnitKind.OPERATIVE, text)
    return Comparison(
        Resolution("A/RES/1/1", "fr", ()),
        Resolution("A/RES/2/1", "fr", (unit,)),
        (Change(ChangeStatus.ADDED, (), (unit,)),),
    )


def test_registered_in_renderers():
    assert RENDERERS["markdown"] is render_markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", r"a \| b"),
        ("`code`", r"\`code\`"),
        ("<script>", r"\<script\>"),
        ("*gras* _it_ ~~barré~~", r"\*gras\* \_it\_ \~\~barré\~\~"),
        ("[lien](http://x)", r"\[lien\](http://x)"),
        ("@everyone #12", r"\@everyone \#12"),
        ("5 $ et 6 $", r"5 \$ et 6 \$"),
        ("&lt;", r"\&lt;"),
        ("back\\slash", r"back\\slash"),
        ("ligne\nsuivante\r\n fin", "ligne suivante fin"),
        ("œ, É, «\u00a0»", "œ, É, «\u00a0»"),
    ],
)
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        (
            [Segment(D, "Invite"), Segment(S, " "), Segment(INS, "Encourage")],
            "~~Invite~~ **Encourage**",
        ),
        ([Segment(D, "a"), Segment(INS, "b")], "~~a~~ **b**"),
        ([Segment(S, "1. Décide")], r"1\. Décide"),
        ([Segment(S, "- tiret")], r"\- tiret"),
        ([Segment(S, "+ plus")], r"\+ plus"),
        ([Segment(INS, "*x* | y")], r"**\*x\* \| y**"),
    ],
)
def test_redline(segments, expected):
    assert redline(segments) == expected


def test_report_shape():
    md = render_markdown(french_comparison())
    assert md.startswith("## resdiff report: E/RES/2019/20 → E/RES/2021/25\n")
    assert "| modified | 4 |" in md and "| moved | 1 |" in md and "| unchanged | 8 |" in md
    assert "#### op1 — modified" in md
    assert "> **Opening words changed:** Invite → Encourage" in md
    assert "~~Invite~~ **Encourage** les États Membres" in md
    assert "#### op5 → op6" not in md  # quiet renumbering is not a change
    assert "#### pp5 → pp6 — moved" in md and "_moved from pp5_" in md
    assert "<details><summary>OCR or typographic noise ignored (1)</summary>" in md
    assert "| pp2 | Etats | États | accent dropped by OCR |" in md
    assert md == render_markdown(french_comparison())


def test_injection_is_escaped():
    md = render_markdown(french_comparison())
    assert SCRIPT not in md and IMG not in md
    assert r"**\<script\>alert(1)\</script\>**" in md
    assert r'~~"\>\<img src=x onerror=alert(1)\>~~' in md


def test_table_cells_are_escaped():
    unit = Unit("op1", UnitKind.OPERATIVE, "x")
    old = Resolution("A/RES/1/1", "fr", (), title="a | b `c` <d>\nsuite")
    comparison = Comparison(
        old, Resolution("A/RES/2/1", "fr", (unit,)), (Change(ChangeStatus.ADDED, (), (unit,)),)
    )
    md = render_markdown(comparison)
    assert r"| Title | a \| b \`c\` \<d\> suite |" in md


def test_no_differences():
    unit = Unit("op1", UnitKind.OPERATIVE, "x")
    doc = Resolution("A/RES/1/1", "fr", (unit,))
    md = render_markdown(Comparison(doc, doc, (Change(ChangeStatus.UNCHANGED, (unit,), (unit,)),)))
    assert "### Changes (0)\n\nNo differences.\n" in md


def test_long_reports_fold_into_details():
    md = render_markdown(large_comparison(800))
    assert md.count("<details><summary>") == md.count("</details>") > 50
    assert "#### " not in md
    assert "<details><summary>op4 — modified</summary>\n\n" in md


def test_details_summary_is_html_escaped():
    comparison = large_comparison(400)
    evil = Unit("op<b>&", UnitKind.OPERATIVE, "texte " * 3000)
    comparison = Comparison(
        comparison.old,
        comparison.new,
        (*comparison.changes, Change(ChangeStatus.ADDED, (), (evil,))),
    )
    md = render_markdown(comparison, limit=10**7)
    assert "<summary>op&lt;b&gt;&amp; — added</summary>" in md


def test_cut_at_limit_with_note():
    comparison = large_comparison(5000)
    md = render_markdown(comparison, html_path="out/report.html")
    assert len(md) <= GITHUB_COMMENT_LIMIT
    assert md.endswith(
        "> [!WARNING]\n> Report cut to fit 65,536 characters: "
        f"{md.count('<details>')} of {sum(1 for c in comparison.changes if c.status != 'unchanged')} "
        "changes shown. The full report is in out/report.html.\n"
    )
    assert md.count("<details>") == md.count("</details>")


def test_cut_note_without_html_path_says_how_to_make_it():
    md = render_markdown(large_comparison(200), limit=3000)
    assert len(md) <= 3000
    assert "Run `resdiff diff OLD NEW --format html -o report.html` for the full report." in md


def test_cut_counts_utf16_units():
    md = render_markdown(_added("𝄞" * 3000), limit=4000)  # each is two UTF-16 code units
    assert len(md.encode("utf-16-le")) // 2 <= 4000
    assert "0 of 1 changes shown" in md


def test_html_path_is_escaped():
    md = render_markdown(large_comparison(200), limit=3000, html_path="a_b*<c>.html")
    assert r"a\_b\*\<c\>.html" in md


def _unescaped(text: str, char: str) -> int:
    """How many times ``char`` appears without a backslash escaping it."""
    count = 0
    for i, c in enumerate(text):
        if c == char:
            slashes = len(text[:i]) - len(text[:i].rstrip("\\"))
            count += slashes % 2 == 0
    return count


@settings(deadline=None)
@given(text=st.text(min_size=1), limit=st.integers(min_value=1, max_value=3000))
def test_never_over_limit_and_never_raw_markup(text, limit):
    md = render_markdown(_added(text), limit=limit)
    assert len(md.encode("utf-16-le")) // 2 <= limit
    body = render_markdown(_added(text), limit=10**6).split("#### op1 — added\n\n", 1)[1]
    assert "\n" not in body.rstrip("\n")  # one paragraph
    for char in "<>`|[]_~@#$&":
        assert _unescaped(body, char) == 0, char
    stars = _unescaped(body, "*")
    assert stars in (0, 4)  # only the **inserted** marks
