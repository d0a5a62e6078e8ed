"""Word-level blame: the version in which each word of a clause first appeared in its lineage.

Every character of every unit gets the index of the version it comes from. The first version
and added units come entirely from their own version; across each comparison of consecutive
versions, the word tokens of the change carry origins over: an ``=`` token keeps the origin
of the old words it matches, a ``+`` token comes from the new version. Split and merged
units are handled by joining their texts the way the differ does, so words that moved into
the second part of a split clause keep their old origin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from resdiff.history.lineage import Node, SeriesHistory
from resdiff.model import Change, Resolution

_WORD_RE = re.compile(r"\S+")
# How the differ joins the parts of a split or merged clause: resdiff.compare.PART_SEPARATOR
# (a test keeps them equal), not imported so that blame never loads the differ.
_PART_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class BlameRun:
    """A run of consecutive words of a unit that first appeared in the same version.

    ``text`` is the exact text of the run, from its first word to its last.
    """

    text: str
    version: int  # index in SeriesHistory.versions


@dataclass(frozen=True, slots=True)
class UnitBlame:
    """A unit of a version, cut into runs of words by the version where they first appeared."""

    version: int
    unit_id: str
    runs: tuple[BlameRun, ...]


def origins(history: SeriesHistory) -> dict[Node, list[int]]:
    """The version index each character of every unit of the series comes from."""
    result: dict[Node, list[int]] = {}
    for unit in history.versions[0].units if history.versions else ():
        result[(0, unit.id)] = [0] * len(unit.text)
    for k, comparison in enumerate(history.comparisons, start=1):
        for change in comparison.changes:
            if change.new:
                _carry(change, k, result)
    return result


def blame_unit(history: SeriesHistory, version: int, unit_id: str,
               table: dict[Node, list[int]] | None = None) -> UnitBlame:  # fmt: skip
    """Cut a unit into runs of words by the version where each first appeared.

    Args:
        history: the series history.
        version: index of the version in ``history.versions``.
        unit_id: the unit's id in that version.
        table: what :func:`origins` returned, to blame many units of one history cheaply.

    Raises:
        KeyError: the version has no such unit.
    """
    resolution = history.versions[version]
    text = resolution.unit(unit_id).text
    per_char = (table if table is not None else origins(history))[(version, unit_id)]
    return UnitBlame(version, unit_id, tuple(_runs(text, per_char)))


def _carry(change: Change, k: int, result: dict[Node, list[int]]) -> None:
    """Origins of the new units of one change, from the old units' origins and the tokens."""

    old: list[int] = []
    for n, unit in enumerate(change.old):
        if n:
            old.extend([k - 1] * len(_PART_SEPARATOR))
        old.extend(result.get((k - 1, unit.id), [k - 1] * len(unit.text)))
    new_text = _PART_SEPARATOR.join(u.text for u in change.new)
    new = _through_tokens(change, old, k)
    if len(new) != len(new_text):  # tokens that do not spell the text: trust nothing old
        new = [k] * len(new_text)
    start = 0
    for unit in change.new:
        result[(k, unit.id)] = new[start : start + len(unit.text)]
        start += len(unit.text) + len(_PART_SEPARATOR)


def _through_tokens(change: Change, old: list[int], k: int) -> list[int]:
    new: list[int] = []
    at = 0  # position in the old text
    for token in change.tokens:
        if token.op == "+":
            new.extend([k] * len(token.text))
        elif token.op == "-":
            at += len(token.text)
        else:
            old_len = len(token.old if token.old is not None else token.text)
            span = old[at : at + old_len] or [k]
            # Same words, maybe spelled differently (OCR): align character by character and
            # give any extra characters the origin of the span's last one (in slices: this
            # runs for every character of every version).
            size = len(token.text)
            new.extend(span[:size])
            if size > len(span):
                new.extend([span[-1]] * (size - len(span)))
            at += old_len
    return new


def _runs(text: str, per_char: Sequence[int]) -> list[BlameRun]:
    """Group words by origin; a word that was touched gets its latest origin."""
    runs: list[BlameRun] = []
    start = end = 0
    current: int | None = None
    for match in _WORD_RE.finditer(text):
        origin = max(per_char[match.start() : match.end()], default=0)
        if origin != current:
            if current is not None:
                runs.append(BlameRun(text[start:end], current))
            start, current = match.start(), origin
        end = match.end()
    if current is not None:
        runs.append(BlameRun(text[start:end], current))
    return runs


def version_label(resolution: Resolution) -> str:
    """How blame names a version: its year, or its symbol when it has none."""
    return str(resolution.year) if resolution.year else resolution.symbol
