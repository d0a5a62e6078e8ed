"""The segmentation's self-check: what a careful reader would notice in the units found.

Each check is a function ``check_<what>(units, discarded) -> list[str]`` returning warnings;
:func:`check_segmentation` runs them in order. Nothing here changes a unit except
:func:`unique_subitem_ids`, which repairs sub-item letters that OCR misread into a repeat.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import replace

from resdiff._plural import counted
from resdiff.model import Discard, Unit, UnitKind

# A unit this many times longer than the median clause, and longer than MIN_GIANT characters,
# has probably swallowed its neighbours.
GIANT_FACTOR = 6
MIN_GIANT = 2500

Check = Callable[[Sequence[Unit], Sequence[Discard]], list[str]]


def check_operative_numbering(units: Sequence[Unit], discarded: Sequence[Discard]) -> list[str]:
    """Operative paragraphs run 1…N: report gaps and a start other than 1."""
    numbers = [int(u.id[2:]) for u in units if u.kind is UnitKind.OPERATIVE and u.id[2:].isdigit()]
    warnings: list[str] = []
    expected = 1
    for number in numbers:
        if number > expected:
            missing = f"{expected}" if number == expected + 1 else f"{expected}–{number - 1}"
            warnings.append(f"operative paragraph numbers skip {missing} (before op{number})")
        expected = max(expected, number + 1)
    return warnings


def check_subitem_letters(units: Sequence[Unit], discarded: Sequence[Discard]) -> list[str]:
    """Sub-items of one paragraph run a, b, c…: report a letter skipped."""
    warnings: list[str] = []
    for parent, letters in _subitem_groups(units).items():
        for previous, letter in itertools.pairwise(letters):
            if len(previous) == 1 == len(letter) and ord(letter) > ord(previous) + 1:
                warnings.append(f"sub-items of {parent} skip from {previous}) to {letter})")
    return warnings


def check_unit_sizes(units: Sequence[Unit], discarded: Sequence[Discard]) -> list[str]:
    """A unit several times longer than any clause has probably glued several together."""
    clauses = [len(u.text) for u in units if u.kind in _CLAUSE_KINDS]
    if len(clauses) < 3:
        return []
    limit = max(MIN_GIANT, GIANT_FACTOR * statistics.median(clauses))
    return [
        f"{u.id} is {len(u.text)} characters long, {len(u.text) / statistics.median(clauses):.0f}"
        " times the median clause: clauses may be glued together; check the source layout"
        for u in units
        if u.kind in _CLAUSE_KINDS and len(u.text) > limit
    ]


# "3. Décide", "12. Prie": a numbered paragraph.
_NUMBERED_RE = re.compile(r"(?:^|\s)\d{1,3}\.\s+[A-ZÀ-Ý]")


def check_front_matter(units: Sequence[Unit], discarded: Sequence[Discard]) -> list[str]:
    """Numbered paragraphs set aside as front matter: the formula was probably not found."""
    numbered = [d for d in discarded if d.kind == "front-matter" and _NUMBERED_RE.search(d.text)]
    if not numbered:
        return []
    one = len(numbered) == 1
    return [
        f"{counted(len(numbered), 'passage')} before the formula {'looks' if one else 'look'} "
        f"like numbered paragraphs and {'was' if one else 'were'} set aside as front matter "
        f"(first: {numbered[0].text[:60]!r}); check the formula line"
    ]


DEFAULT_CHECKS: tuple[Check, ...] = (
    check_operative_numbering,
    check_subitem_letters,
    check_unit_sizes,
    check_front_matter,
)


def check_segmentation(
    units: Sequence[Unit], discarded: Sequence[Discard], checks: Sequence[Check] = DEFAULT_CHECKS
) -> list[str]:
    """Run the checks in order and gather their warnings."""
    warnings: list[str] = []
    for check in checks:
        warnings += check(units, discarded)
    return warnings


def unique_subitem_ids(units: Sequence[Unit]) -> tuple[list[Unit], list[str]]:
    """Give repeated sub-item letters the letter their place calls for.

    OCR reads ``a)`` as ``b)`` (one character), so a paragraph's sub-items come out as
    ``b), b), c)``: two units would share the id ``pp8.b`` and one clause would be lost. A
    repeated letter takes the letter of its position in the run (``a`` for the first);
    the printed label is kept as printed and a warning names the repair.

    Example:
        >>> units = [Unit("pp8", UnitKind.PREAMBLE, "x :")] + [
        ...     Unit(f"pp8.{c}", UnitKind.SUBITEM, c, label=f"{c})") for c in "bbc"]
        >>> [u.id for u in unique_subitem_ids(units)[0]]
        ['pp8', 'pp8.a', 'pp8.b', 'pp8.c']
    """
    groups = _subitem_groups(units)
    repaired: dict[int, str] = {}
    warnings: list[str] = []
    for parent, letters in groups.items():
        if len(set(letters)) == len(letters) or not all(len(x) == 1 for x in letters):
            continue
        positions = [i for i, u in enumerate(units) if _parent_of(u) == parent]
        for place, (index, letter) in enumerate(zip(positions, letters, strict=True)):
            wanted = chr(ord("a") + place)
            if letter != wanted:
                repaired[index] = f"{parent}.{wanted}"
                warnings.append(
                    f"sub-item {letter}) of {parent} repeats a letter; "
                    f"stored as {parent}.{wanted} (its place in the list)"
                )
    result = [replace(u, id=repaired[i]) if i in repaired else u for i, u in enumerate(units)]
    return result, warnings


_CLAUSE_KINDS = (UnitKind.PREAMBLE, UnitKind.OPERATIVE, UnitKind.SUBITEM)


def _parent_of(unit: Unit) -> str | None:
    if unit.kind is not UnitKind.SUBITEM or unit.id.count(".") != 1:
        return None
    return unit.id.rsplit(".", 1)[0]


def _subitem_groups(units: Sequence[Unit]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for unit in units:
        parent = _parent_of(unit)
        if parent is not None:
            groups.setdefault(parent, []).append(unit.id.rsplit(".", 1)[1])
    return groups


__all__ = [
    "DEFAULT_CHECKS",
    "check_front_matter",
    "check_operative_numbering",
    "check_segmentation",
    "check_subitem_letters",
    "check_unit_sizes",
    "unique_subitem_ids",
]
