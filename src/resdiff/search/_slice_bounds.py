"""The containment's coarse bound for many clauses at once (numpy, as ``_postings``).

:func:`resdiff.search.precedent.containment_bound` bounds how well a draft is found inside
one longer clause from the similarities of a few slices of it. For a query whose draft is
shorter than thousands of its candidates, the Python arithmetic around those slices cost
more than comparing them (a few microseconds each, in rapidfuzz): here the slices of a whole
batch are compared in one call and the arithmetic runs on arrays, operation for operation
as there, so every bound is the same float.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from resdiff.compare.similarity import similarities

# Added to a longest common subsequence recovered from a similarity (as in precedent.py).
SLACK = 1e-9


def end_slices(size: int, cutoff: float, steps: int) -> list[tuple[int, int]]:
    """``(slice length, shortest stretch it bounds)`` of the slices at each end, shortest first.

    From the shortest stretch that could reach ``cutoff`` to the draft's ``size``: a stretch
    of m characters is at most 2m / (size + m) similar, which reaches the cutoff when
    m >= cutoff * size / (2 - cutoff).
    """
    low = max(int(cutoff * size / (2 - cutoff)) - 1, 0) if cutoff < 1 else size - 1
    edges: list[tuple[int, int]] = []
    for k in range(1, steps + 1):
        length = low + -(-(size - low) * k // steps)
        edges.append((length, edges[-1][0] + 1 if edges else low + 1))
    return edges


def _capped(size: int, cap: Any, length: int, least: int) -> Any:
    """The bound of an end slice of ``length`` from what it shares at most (``cap``)."""
    shared = np.minimum(cap, length + SLACK)
    return 2 * shared / (size + np.where(least > shared, least, shared))


def coarse_bounds(
    form: str,
    clause_forms: Sequence[str],
    wholes: Sequence[float],
    cutoff: float,
    steps: tuple[int, int],
) -> list[float]:
    """``containment_bound(form, c, cutoff, steps, whole=w)`` of each clause ``c`` (longer
    than ``form``) and its similarity ``w``, in a few numpy operations and one rapidfuzz call.
    """
    size = len(form)
    middle_steps, edge_steps = steps
    totals = np.array([len(c) for c in clause_forms], dtype=np.int64)
    common = np.asarray(wholes, dtype=np.float64) * (size + totals) / 2 + SLACK
    # Full-length stretches: none compared when L / len(draft) is below the cutoff.
    no_middle = common / size < cutoff
    bound = np.where(no_middle, common / size, 0.0)
    step = max(size // middle_steps, 1)
    pieces: list[str] = []
    owners: list[int] = []
    for i in np.flatnonzero(~no_middle).tolist():
        clause, total = clause_forms[i], int(totals[i])
        for start in range(0, total, step):
            pieces.append(clause[start : start + size + step])
            owners.append(i)
            if start + size + step >= total:
                break
    middle = len(pieces)
    # The end slices: compared where their bound from L alone reaches the cutoff (a superset
    # of those the capping below asks for: a cap only lowers that bound).
    edges = end_slices(size, cutoff, edge_steps)
    asked: list[tuple[int, Any]] = []
    for length, least in edges:
        chosen = np.flatnonzero(_capped(size, common, length, least) >= cutoff)
        asked.append((length, chosen))
        for i in chosen.tolist():
            clause = clause_forms[i]
            pieces += (clause[:length], clause[len(clause) - length :])
    ratios = np.asarray(similarities(form, pieces) if pieces else [], dtype=np.float64)
    # The slices at each end, longest first, each compared one capping the shorter ones.
    known: dict[tuple[bool, int], Any] = {}  # by (prefix?, edge): lengths may repeat
    at = middle
    for number, (_length, chosen) in enumerate(asked):
        prefix, suffix = np.zeros(len(totals)), np.zeros(len(totals))
        prefix[chosen] = ratios[at : at + 2 * len(chosen) : 2]
        suffix[chosen] = ratios[at + 1 : at + 2 * len(chosen) : 2]
        known[True, number], known[False, number] = prefix, suffix
        at += 2 * len(chosen)
    edge = np.zeros(len(totals))
    for is_prefix in (True, False):
        cap = common
        for number in reversed(range(len(edges))):
            length, least = edges[number]
            most = _capped(size, cap, length, least)
            compare = most >= cutoff
            shared = np.minimum(cap, known[is_prefix, number] * (size + length) / 2 + SLACK)
            cap = np.where(compare, shared, cap)
            most = np.where(compare, 2 * cap / (size + np.where(least > cap, least, cap)), most)
            edge = np.maximum(edge, most)
    bound = np.maximum(bound, edge)
    if middle:
        # Full-length stretches: the shortest a middle slice bounds is the draft's length.
        ratio = ratios[:middle]
        lengths = np.array([len(p) for p in pieces[:middle]], dtype=np.int64)
        shared = ratio * (size + lengths) / 2 + SLACK
        value = 2 * shared / (size + np.where(size > shared, size, shared))
        np.maximum.at(bound, np.asarray(owners), np.where(shared > 0, value, 0.0))
    return np.minimum(bound, 1.0).tolist()  # type: ignore[no-any-return]
