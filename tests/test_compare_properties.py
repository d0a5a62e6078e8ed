"""Properties of the differ on generated documents (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resdiff.compare import compare
from resdiff.compare.worddiff import rebuild, word_diff
from resdiff.model import ChangeStatus, Resolution, Unit, UnitKind
from tests.diff_helpers import CLAUSES

WORDS = sorted({w for text in CLAUSES.values() for w in text.split()} | {"ne", "pas", "68/193"})
words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=30).map(" ".join)
any_text = st.text(max_size=120)
texts = st.one_of(words, any_text, st.sampled_from(sorted(CLAUSES.values())))
kinds = st.sampled_from([UnitKind.PREAMBLE, UnitKind.OPERATIVE, UnitKind.FOOTNOTE])


@st.composite
def resolutions(draw: st.DrawFn) -> Resolution:
    bodies = draw(st.lists(st.tuples(kinds, texts), max_size=12))
    units = tuple(Unit(f"u{k}", kind, text) for k, (kind, text) in enumerate(bodies))
    return Resolution("E/RES/2021/25", "fr", units)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions())
def test_a_text_compared_with_itself_has_no_differences(res: Resolution) -> None:
    comparison = compare(res, res)
    assert not comparison.has_differences
    assert all(c.status is ChangeStatus.UNCHANGED and not c.moved for c in comparison.changes)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions(), resolutions())
def test_every_unit_appears_exactly_once(old: Resolution, new: Resolution) -> None:
    comparison = compare(old, new)
    seen_old = [u.id for c in comparison.changes for u in c.old]
    seen_new = [u.id for c in comparison.changes for u in c.new]
    assert sorted(seen_old) == sorted(old.ids)  # each paired at most once, none lost
    assert sorted(seen_new) == sorted(new.ids)
    assert seen_new == list(new.ids)  # in the new text's order


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions(), resolutions())
def test_swapping_inputs_swaps_added_and_removed(old: Resolution, new: Resolution) -> None:
    forward = compare(old, new).summary()
    backward = compare(new, old).summary()
    assert (forward["added"], forward["removed"]) == (backward["removed"], backward["added"])
    assert (forward["split"], forward["merged"]) == (backward["merged"], backward["split"])


@settings(deadline=None)
@given(texts, texts)
def test_tokens_rebuild_both_texts(old: str, new: str) -> None:
    diff = word_diff(old, new, "fr")
    assert rebuild(diff.tokens) == (old, new)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions(), resolutions())
def test_change_tokens_rebuild_both_sides(old: Resolution, new: Resolution) -> None:
    for change in compare(old, new).changes:
        old_text, new_text = rebuild(change.tokens)
        assert old_text == "\n".join(u.text for u in change.old)
        assert new_text == "\n".join(u.text for u in change.new)
