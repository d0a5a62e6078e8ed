"""The containment's coarse bound for many clauses at once (numpy, as ``_postings``).

:func:`resdiff.search.precedent.containment_bound` bounds how well a draft is found inside
one longer clause from the similarities of a few slices of it. For a query whose draft is
shorter than thousands of its candidates, the Python arithmetic around those slices cost
more than comparing them (a few microseconds each, in rapidfuzz): here the slices of a whole
batch are compared one slice length at a time, in one call each, and the arithmetic runs on
arrays, operation for operation as there, so every bound is the same float.
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
    than ``form``) and its similarity ``w``, on arrays, with a rapidfuzz call per slice length.
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
    # The slices at each end, longest first, each compared capping the shorter ones: one
    # rapidfuzz call per slice length for the clauses whose capped bound still reaches the
    # cutoff (the very slices the one-by-one bound compares).
    edge = np.zeros(len(totals))
    for is_prefix in (True, False):
        cap = common.copy()
        for length, least in reversed(end_slices(size, cutoff, edge_steps)):
            most = _capped(size, cap, length, least)
            chosen = np.flatnonzero(most >= cutoff)
            if len(chosen):
                clauses = [clause_forms[i] for i in chosen.tolist()]
                ends = [c[:length] if is_prefix else c[len(c) - length :] for c in clauses]
                ratio = np.asarray(similarities(form, ends), dtype=np.float64)
                shared = np.minimum(cap[chosen], ratio * (size + length) / 2 + SLACK)
                cap[chosen] = shared
                most[chosen] = 2 * shared / (size + np.where(least > shared, least, shared))
            edge = np.maximum(edge, most)
    bound = np.maximum(bound, edge)
    if pieces:
        # Full-length stretches: the shortest a middle slice bounds is the draft's length.
        ratio = np.asarray(similarities(form, pieces), dtype=np.float64)
        lengths = np.array([len(p) for p in pieces], dtype=np.int64)
        shared = ratio * (size + lengths) / 2 + SLACK
        value = 2 * shared / (size + np.where(size > shared, size, shared))
        np.maximum.at(bound, np.asarray(owners), np.where(shared > 0, value, 0.0))
    return np.minimum(bound, 1.0).tolist()  # type: ignore[no-any-return]
