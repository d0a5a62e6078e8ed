"""The clause differ: align two resolutions by content, then diff each pair word by word.

``compare(old, new)`` returns a :class:`~resdiff.model.Comparison` whose ``changes`` cover
every unit of both sides exactly once, in the new text's order, with removed units placed
right after the unit that preceded them in the old text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resdiff._gc import cyclic_gc_paused
from resdiff.compare.align import Aligner, Alignment, Pairing
from resdiff.compare.annotate import annotate
from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import similarity
from resdiff.compare.worddiff import word_diff
from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Suppressed, Token, Unit

__all__ = ["Aligner", "compare"]

# Texts of the units of a split or merge are joined with this before the word diff.
PART_SEPARATOR = "\n"


def compare(old: Resolution, new: Resolution, **settings: Any) -> Comparison:
    """Compare two resolutions clause by clause.

    Args:
        old: the earlier version.
        new: the later version.
        **settings: :class:`Aligner` settings (``threshold``, ``split_threshold``,
            ``split_gain``, ``max_candidates``, ``max_parts``), plus ``lang`` to override
            the language used for the lexicon (default: the new version's).

    Returns:
        The comparison, with one change per unit or group of units.
    """
    lang = settings.pop("lang", None) or new.lang or old.lang
    with cyclic_gc_paused():
        alignment = Aligner(**settings).align(old.units, new.units)
        return Comparison(old, new, _changes(old.units, new.units, alignment, lang))


def _changes(
    old: Sequence[Unit], new: Sequence[Unit], alignment: Alignment, lang: str
) -> tuple[Change, ...]:
    added = set(alignment.added)
    by_first_new = {min(p.new): p for p in alignment.pairings}
    ordered: list[tuple[Change, Pairing | None]] = []
    for j, unit in enumerate(new):
        if j in added:
            ordered.append((Change(ChangeStatus.ADDED, new=(unit,), similarity=0.0,
                                   tokens=(Token("+", unit.text),)), None))  # fmt: skip
        elif j in by_first_new:
            pairing = by_first_new[j]
            ordered.append((_paired_change(old, new, pairing, lang), pairing))
    return _place_removed(ordered, old, alignment)


def _place_removed(
    ordered: list[tuple[Change, Pairing | None]], old: Sequence[Unit], alignment: Alignment
) -> tuple[Change, ...]:
    """Insert each removed unit after the change holding the old unit that preceded it."""
    position: dict[int, int] = {}
    settled: set[int] = set()  # old units that kept their place (not moved)
    for k, (_change, pairing) in enumerate(ordered):
        if pairing is not None:
            for i in pairing.old:
                position[i] = k
                if not pairing.moved:
                    settled.add(i)
    keyed: list[tuple[int, int, int, Change]] = [
        (k, 0, 0, change) for k, (change, _p) in enumerate(ordered)
    ]
    anchors = _anchors(set(alignment.removed), position, settled)
    for i in alignment.removed:
        anchor = anchors[i]
        k = position[anchor] if anchor is not None else -1
        removed = Change(ChangeStatus.REMOVED, old=(old[i],), similarity=0.0,
                         tokens=(Token("-", old[i].text),))  # fmt: skip
        keyed.append((k, 1, i, removed))
    keyed.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in keyed)


def _anchors(
    removed: set[int], position: dict[int, int], settled: set[int]
) -> dict[int, int | None]:
    """For each removed old unit, the old unit it follows in the report.

    The nearest earlier old unit that kept its place, else the nearest earlier one that has a
    change, else None. One pass over the old units (a backward scan per removed unit made a
    revision that removes many clauses quadratic).
    """
    anchors: dict[int, int | None] = {}
    last_positioned: int | None = None
    last_settled: int | None = None
    for i in range(max(removed, default=-1) + 1):
        if i in removed:
            anchors[i] = last_settled if last_settled is not None else last_positioned
        if i in position:
            last_positioned = i
            if i in settled:
                last_settled = i
    return anchors


def _paired_change(old: Sequence[Unit], new: Sequence[Unit], pairing: Pairing, lang: str) -> Change:
    old_units = tuple(old[i] for i in pairing.old)
    new_units = tuple(new[j] for j in pairing.new)
    old_text = PART_SEPARATOR.join(u.text for u in old_units)
    new_text = PART_SEPARATOR.join(u.text for u in new_units)
    if old_text == new_text:
        tokens: tuple[Token, ...] = (Token("=", new_text),) if new_text else ()
        suppressed: tuple[Suppressed, ...] = ()
        differs = False
    else:
        diff = word_diff(old_text, new_text, lang)
        tokens, suppressed, differs = diff.tokens, diff.suppressed, diff.differs
    if len(old_units) > 1:
        status = ChangeStatus.MERGED
    elif len(new_units) > 1:
        status = ChangeStatus.SPLIT
    else:
        status = ChangeStatus.MODIFIED if differs else ChangeStatus.UNCHANGED
    score = (
        1.0
        if not differs
        else round(similarity(comparison_form(old_text), comparison_form(new_text)), 4)
    )
    return Change(
        status,
        old=old_units,
        new=new_units,
        moved=pairing.moved,
        similarity=score,
        tokens=tokens,
        suppressed=suppressed,
        annotations=annotate(old_text, new_text, tokens) if differs else (),
    )
