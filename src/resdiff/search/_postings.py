"""Packed posting lists and the counting of shared shingles (the only numpy user).

A posting list is the clauses holding one shingle, stored as little-endian unsigned 32-bit
clause numbers (the index's dense ``seq``), in increasing order, one blob per part: a sync
appends a part to each shingle it touches, and parts are merged later. Reading a list is then
one row per part whatever its length, and counting how many of a draft's shingles each clause
holds is one ``bincount`` over the concatenated lists, in C, instead of a ``GROUP BY`` over
millions of rows.

numpy is imported when a list is first packed or counted: commands that never search do not
pay for it.
"""

from __future__ import annotations

import array
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DTYPE = "<u4"


def pack(seqs: Iterable[int]) -> bytes:
    """Clause numbers as a posting blob.

    Example:
        >>> unpack(pack([3, 5, 9]))
        [3, 5, 9]
    """
    numbers = array.array("I", seqs)  # the C loop of the standard library: no numpy needed
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def unpack(blob: bytes) -> list[int]:
    """The clause numbers of a posting blob."""
    import numpy as np

    return [int(n) for n in np.frombuffer(blob, dtype=DTYPE)]


def length(blob: bytes) -> int:
    """How many clause numbers a blob holds (without decoding it)."""
    return len(blob) // 4


def merge(blobs: Sequence[bytes], dead: Sequence[int]) -> bytes:
    """The parts of one list as one blob, sorted, without the clauses in ``dead``."""
    import numpy as np

    seqs = np.frombuffer(b"".join(blobs), dtype=DTYPE)
    if len(dead):
        seqs = seqs[~np.isin(seqs, np.asarray(dead, dtype=DTYPE))]
    return np.sort(seqs, kind="stable").tobytes()


@dataclass(frozen=True, slots=True)
class Counted:
    """The clauses sharing the most shingles: ``above`` surely in, ``tied`` at the boundary.

    ``above`` (best first, equal counts in clause-number order) are the clauses whose count is
    higher than that of the ``limit``-th best; ``tied`` those whose count equals it: the caller
    breaks that tie by a key every backend shares and keeps ``limit`` in all. ``counts`` gives
    each clause's number of shared shingles.
    """

    above: tuple[int, ...]
    tied: tuple[int, ...]
    counts: dict[int, int]


def top(blobs: Sequence[bytes], dead: Sequence[int], limit: int) -> Counted:
    """The ``limit`` clauses found in the most of these posting blobs (see :class:`Counted`)."""
    import numpy as np

    if not blobs or limit <= 0:
        return Counted((), (), {})
    seqs = np.frombuffer(b"".join(blobs), dtype=DTYPE)
    if not len(seqs):
        return Counted((), (), {})
    counts = np.bincount(seqs)
    if len(dead):
        dead_seqs = np.asarray([d for d in dead if d < len(counts)], dtype=np.int64)
        counts[dead_seqs] = 0
    present = np.flatnonzero(counts)
    if len(present) > limit:
        # The limit-th largest count: everything above it is in, its ties are decided later.
        boundary = int(np.partition(counts[present], len(present) - limit)[len(present) - limit])
    else:
        boundary = int(counts[present].min()) if len(present) else 0
    above = present[counts[present] > boundary]
    above = above[np.lexsort((above, -counts[above]))]
    tied = present[counts[present] == boundary] if boundary else present[:0]
    chosen = np.concatenate([above, tied])
    return Counted(
        tuple(int(s) for s in above),
        tuple(int(s) for s in tied),
        {int(s): int(c) for s, c in zip(chosen, counts[chosen], strict=True)},
    )
