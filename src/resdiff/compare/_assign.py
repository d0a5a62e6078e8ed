"""Two textbook algorithms the aligner needs: a longest increasing subsequence, and an optimal
assignment (Hungarian method) for the few places where candidate pairs compete.

scipy would provide ``linear_sum_assignment``, but resdiff does not depend on it: the matrices
here are tiny (the competing candidates of one connected component), so a plain O(n²m)
implementation is fast enough.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values``.

    Among several longest subsequences, the one found is deterministic (patience sorting
    keeps the earliest smallest tail).

    Example:
        >>> sorted(longest_increasing([0, 1, 5, 2, 3, 4]))
        [0, 1, 3, 4, 5]
    """
    tails: list[int] = []  # tails[k]: smallest tail value of an increasing run of length k+1
    tail_pos: list[int] = []
    previous = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        previous[pos] = tail_pos[k - 1] if k else -1
    chosen: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos != -1:
        chosen.add(pos)
        pos = previous[pos]
    return chosen


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows paired with columns so that the total weight is maximal (each used at most once).

    Pairs of weight 0 are left out: a zero means "not a candidate".

    Example:
        >>> max_weight_assignment([[0.9, 0.8], [0.85, 0.0]])
        [(0, 1), (1, 0)]
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    transposed = rows > cols
    matrix = [list(col) for col in zip(*weights, strict=True)] if transposed else weights
    n, m = (cols, rows) if transposed else (rows, cols)
    # Hungarian method with potentials (minimising cost = -weight), rows n <= columns m.
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[column] = row (1-based), 0 when free
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        match[0] = row
        col0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col0] = True
            row0 = match[col0]
            delta, col1 = inf, 0
            for col in range(1, m + 1):
                if not used[col]:
                    cur = -matrix[row0 - 1][col - 1] - u[row0] - v[col]
                    if cur < minv[col]:
                        minv[col] = cur
                        way[col] = col0
                    if minv[col] < delta:
                        delta, col1 = minv[col], col
            for col in range(m + 1):
                if used[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if match[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    pairs = []
    for col in range(1, m + 1):
        row = match[col]
        if row and matrix[row - 1][col - 1] > 0:
            pairs.append((col - 1, row - 1) if transposed else (row - 1, col - 1))
    return sorted(pairs)
