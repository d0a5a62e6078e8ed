"""The render-ready view shared by the HTML and Markdown reports."""

from __future__ import annotations

import pytest

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Token, Unit, UnitKind
from resdiff.render._view import (
    ChangeView,
    Segment,
    SegmentKind,
    StubView,
    build_view,
    text_dir,
    visible_text,
)
from tests.report_factory import NoisyToken, french_comparison, word_tokens

S, D, INS = SegmentKind.SAME, SegmentKind.DELETED, SegmentKind.INSERTED


def _op(n: int, text: str) -> Unit:
    return Unit(f"op{n}", UnitKind.OPERATIVE, text)


def _view_of(*changes: Change, old: tuple[Unit, ...] = (), new: tuple[Unit, ...] = ()):
    return build_view(
        Comparison(Resolution("A/RES/1/1", "fr", old), Resolution("A/RES/2/1", "fr", new), changes)
    )


def test_headings_say_renumbering_split_and_merge():
    view = build_view(french_comparison())
    headings = [c.heading for c in view.changes]
    assert "op5 → op6" in headings
    assert "op2 → op3, op4" in headings
    assert "op3 + op4 → op5" in headings
    assert "op6" in headings  # removed: old id only
    assert "pp1" in headings  # same id: no arrow


def test_summary_follows_model_counts():
    comparison = french_comparison()
    view = build_view(comparison)
    assert view.summary == {k: comparison.summary()[k] for k in view.summary}
    assert set(view.summary) == set(comparison.summary())
    assert view.renumbered == 2  # pp6 → pp5 and op5 → op6; the moved one counts as moved


def test_segments_keep_spaces_outside_marks():
    old, new = _op(1, "Invite les États"), _op(1, "Encourage les États")
    change = Change(ChangeStatus.MODIFIED, (old,), (new,), tokens=word_tokens(old.text, new.text))
    (view,) = _view_of(change, old=(old,), new=(new,)).changes
    assert view.redline == (
        Segment(D, "Invite"),
        Segment(S, " "),
        Segment(INS, "Encourage"),
        Segment(S, " les États"),
    )
    assert view.old[0].segments == (Segment(D, "Invite"), Segment(S, " les États"))
    assert view.new[0].segments == (Segment(INS, "Encourage"), Segment(S, " les États"))


def test_equal_tokens_show_each_sides_own_spelling():
    old, new = _op(1, "les Etats Membres"), _op(1, "les États Membres")
    tokens = (
        NoisyToken("=", "les "),
        NoisyToken("=", "États ", old="Etats "),
        NoisyToken("=", "Membres"),
    )
    change = Change(ChangeStatus.UNCHANGED, (old,), (new,), tokens=tokens)  # type: ignore[arg-type]
    (view,) = _view_of(change, old=(old,), new=(new,)).changes
    assert view.old[0].text == "les Etats Membres"
    assert view.new[0].text == "les États Membres"


def test_split_tokens_are_divided_among_the_new_units():
    view = build_view(french_comparison())
    split = next(c for c in view.changes if c.status == "split")
    assert [u.id for u in split.new] == ["op3", "op4"]
    comparison = french_comparison()
    for unit in split.new:
        assert unit.text == comparison.new.unit(unit.id).text
    assert any(s.kind is INS for s in split.new[0].segments)
    assert split.new[1].segments[0] == Segment(INS, "Demande également aux États Membres")
    merged = next(c for c in view.changes if c.status == "merged")
    assert [u.text for u in merged.old] == [comparison.old.unit(i).text for i in ("op3", "op4")]


def test_tokens_that_do_not_rebuild_the_units_fall_back_to_whole_texts():
    old, new = (_op(1, "un"), _op(2, "deux")), (_op(1, "un deux trois"),)
    tokens = (Token("=", "something else entirely"),)
    change = Change(ChangeStatus.MERGED, old, new, tokens=tokens)
    (view,) = _view_of(change, old=old, new=new).changes
    assert [u.segments for u in view.old] == [(Segment(S, "un"),), (Segment(S, "deux"),)]
    assert view.redline == (Segment(S, "something else entirely"),)


def test_added_and_removed_units_are_marked_whole():
    view = build_view(french_comparison())
    added = next(c for c in view.changes if c.status == "added")
    removed = next(c for c in view.changes if c.status == "removed")
    assert all(s.kind is INS for u in added.new for s in u.segments)
    assert all(s.kind is D for u in removed.old for s in u.segments)
    assert {s.kind for s in added.redline} == {INS}


def test_moved_clause_gets_a_stub_where_it_stood():
    view = build_view(french_comparison())
    order = [item.anchor if isinstance(item, StubView) else item.heading for item in view.items]
    # Old order: pp4, pp5, pp6; new order: pp4, pp5 (old pp6), pp6 (old pp5, moved).
    stub_at = order.index("was-pp5")
    assert order[stub_at - 1] == "pp4"
    moved = next(c for c in view.changes if c.moved)
    assert moved.moved_from == "was-pp5"
    assert moved.provenance == "moved from pp5"
    stub = view.items[stub_at]
    assert isinstance(stub, StubView) and stub.target == moved.anchor


@pytest.mark.parametrize(
    ("old_ids", "new_ids", "moved", "expected"),
    [
        ("abc", "bca", "a", ["was-a", "b", "c", "a"]),  # moved to the end: stub at the top
        ("abcd", "acbd", "b", ["a", "was-b", "c", "b", "d"]),  # b now after c: stub after a
        ("abc", "cab", "c", ["c", "a", "b", "was-c"]),  # moved to the start: stub after b
    ],
)
def test_stub_positions(old_ids, new_ids, moved, expected):
    old = tuple(Unit(i, UnitKind.OPERATIVE, i * 3) for i in old_ids)
    new = tuple(Unit(i, UnitKind.OPERATIVE, i * 3) for i in new_ids)
    changes = tuple(
        Change(ChangeStatus.UNCHANGED, (o,), (n,), moved=n.id in moved)
        for n in new
        for o in old
        if o.id == n.id
    )
    view = _view_of(*changes, old=old, new=new)
    order = [i.anchor if isinstance(i, StubView) else i.heading for i in view.items]
    assert order == expected


def test_control_characters_become_visible():
    assert (
        visible_text("a\x1b[31mb\x00c\x7fd\x85e\tf\ng") == "a\u241b[31mb\u2400c\u2421d\ufffde\tf\ng"
    )


@pytest.mark.parametrize(
    ("lang", "expected"), [("ar", "rtl"), ("ar-EG", "rtl"), ("fr", "auto"), ("he", "rtl")]
)
def test_text_dir(lang, expected):
    assert text_dir(lang) == expected


def test_view_is_change():
    view = build_view(french_comparison())
    changed = {c.heading for c in view.changed}
    assert "pp2" not in changed and "op5 → op6" not in changed
    assert "pp5 → pp6" in changed  # moved
    assert all(isinstance(c, ChangeView) for c in view.changed)
