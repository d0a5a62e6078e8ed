"""``resdiff grep``: every version and unit containing a phrase, OCR- and accent-tolerant.

The phrase and every unit are compared in their comparison form
(:func:`resdiff.compare.comparable.comparison_form`), so ``Etats membres`` finds
``États Membres`` and an OCR'd ``1’Assemblée`` is found by ``l’Assemblée``. A hit must cover
whole words. The earliest hit of each series (by adoption date) is marked ``first``: it is
where the phrase first appears in that series as far as the store knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from resdiff.compare.comparable import Piece, pieces
from resdiff.errors import InputError
from resdiff.search.corpus import Clause


@dataclass(frozen=True, slots=True)
class GrepHit:
    """A unit that contains the phrase; ``spans`` are (start, end) offsets in its text."""

    clause: Clause
    spans: tuple[tuple[int, int], ...]
    first: bool = False


def grep(
    phrase: str, clauses: Iterable[Clause], forms: Iterable[str] | None = None
) -> list[GrepHit]:
    """The clauses that contain ``phrase``, in the order given (oldest version first).

    Args:
        phrase: what to look for.
        clauses: where to look.
        forms: the clauses' comparison forms, when known (the search index keeps them):
            clauses whose form lacks the phrase are then skipped without being cut again.

    Raises:
        InputError: the phrase has no word, number or meaningful sign to look for.
    """
    wanted = phrase_keys(phrase)
    hits: list[GrepHit] = []
    first_seen: set[str] = set()
    joined = " " + " ".join(wanted) + " "
    known = iter(forms) if forms is not None else None
    for clause in clauses:
        if known is not None and joined not in f" {next(known)} ":
            continue
        spans = _spans(clause.text, wanted, joined)
        if spans:
            first = clause.series not in first_seen
            first_seen.add(clause.series)
            hits.append(GrepHit(clause, tuple(spans), first))
    return hits


def phrase_keys(phrase: str) -> list[str]:
    """The words of ``phrase`` in comparison form, in order.

    Raises:
        InputError: the phrase has no word, number or meaningful sign to look for.
    """
    wanted = [p.key for p in pieces(phrase) if p.key]
    if not wanted:
        raise InputError(f"{phrase!r} has nothing to search for; give at least one word")
    return wanted


def _spans(text: str, wanted: Sequence[str], joined: str) -> list[tuple[int, int]]:
    """Where the pieces' keys spell ``wanted``, as offsets of the exact text."""
    starts = []
    cut: list[Piece] = []
    offset = 0
    for piece in pieces(text):
        if piece.key:
            starts.append(offset + piece.raw.find(piece.text))
            cut.append(piece)
        offset += len(piece.raw)
    keys = [p.key for p in cut]
    if joined not in " " + " ".join(keys) + " ":  # the common case: not there at all
        return []
    spans = []
    n = len(wanted)
    k = 0
    while k + n <= len(keys):
        if keys[k : k + n] == list(wanted):
            spans.append((starts[k], starts[k + n - 1] + len(cut[k + n - 1].text)))
            k += n
        else:
            k += 1
    return spans
