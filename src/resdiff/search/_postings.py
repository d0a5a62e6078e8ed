"""Packed posting lists and the counting of shared shingles (numpy; also used by ``_slice_bounds``).

A posting list is the clauses holding one shingle, stored as little-endian unsigned 32-bit
clause numbers (the index's dense ``seq``), in increasing order, one blob per part: a sync
appends a part to each shingle it touches, and parts are merged later. Reading a list is then
one row per part whatever its length, and counting how many of a draft's shingles each clause
holds is one ``bincount`` over the concatenated lists, in C, instead of a ``GROUP BY`` over
millions of rows.

numpy is imported when lists are merged or when a query's lists hold more than
``NUMPY_FROM`` entries: below that, counting in the standard library is faster than importing
numpy (a CLI query on a small index), with the same result to the last bit.
"""

from __future__ import annotations

import array
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

DTYPE = "<u4"
# Entries in a query's lists from which numpy counts them (its import costs ~0.1 s; the
# standard library counts ~5 million entries a second).
NUMPY_FROM = 300_000


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
    """The clauses closest to a draft by shared shingles: ``above`` surely in, ``tied`` at the
    boundary.

    Closeness is the Dice coefficient of the two sets of shingles, 2·shared / (draft's +
    clause's): unlike the bare count it does not favour long clauses, which the exact score
    (a similarity of whole texts) does not either. ``above`` (closest first, equals in clause
    number order) are the clauses closer than the ``limit``-th; ``tied`` those as close as it:
    the caller breaks that tie by a key every backend shares and keeps ``limit`` in all.
    ``counts`` gives each clause's number of shared shingles.
    """

    above: tuple[int, ...]
    tied: tuple[int, ...]
    counts: dict[int, int]


# Clause numbers per block of the packed shingle counts (two bytes each: 128 KiB a block).
SIZE_BLOCK = 1 << 16
SIZE_DTYPE = "<u2"
_MAX_SIZE = (1 << 16) - 1


def pack_sizes(sizes: Sequence[int]) -> bytes:
    """Shingle counts of consecutive clause numbers as a blob (at most 65,535 each).

    Example:
        >>> unpack_sizes(pack_sizes([3, 70000]))
        [3, 65535]
    """
    numbers = array.array("H", (min(size, _MAX_SIZE) for size in sizes))
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def unpack_sizes(blob: bytes) -> list[int]:
    """The shingle counts of a sizes blob."""
    numbers = array.array("H", blob)
    if sys.byteorder == "big":
        numbers.byteswap()
    return list(numbers)


class SizeTable:
    """The packed shingle counts of every clause, unpacked once for many queries.

    ``blocks`` are ``(block, blob)`` rows (:func:`pack_sizes`). An index keeps one table as
    long as the index does not change, so a long-lived client reads and unpacks the counts
    once rather than at every query (two bytes a clause: 2 MiB at a million clauses).
    """

    def __init__(self, blocks: Sequence[tuple[int, bytes]]) -> None:
        self.blocks = tuple(sorted(blocks))
        self._flat: array.array[int] | None = None
        self._numpy: Any = None

    def __bool__(self) -> bool:
        return bool(self.blocks)

    def flat(self) -> array.array[int]:
        """Every count in one array indexed by clause number (0 where none is known)."""
        if self._flat is None:
            known = array.array("H")
            for block, blob in self.blocks:  # blocks in order: one flat array of every size
                known.frombytes(bytes(2 * max(block * SIZE_BLOCK - len(known), 0)))
                known.frombytes(blob)
            if sys.byteorder == "big":
                known.byteswap()
            self._flat = known
        return self._flat

    def numpy(self, length: int) -> Any:
        """The counts of clause numbers below ``length`` as a numpy array (0 where unknown)."""
        import numpy as np

        if self._numpy is None:
            self._numpy = np.frombuffer(self.flat().tobytes(), dtype=np.uint16)
        known = self._numpy[:length]
        if len(known) < length:
            known = np.concatenate([known, np.zeros(length - len(known), dtype=np.uint16)])
        return known


def top(
    blobs: Sequence[bytes],
    dead: Sequence[int],
    limit: int,
    sizes: SizeTable | Sequence[tuple[int, bytes]] = (),
    draft_size: int = 0,
) -> Counted:
    """The ``limit`` clauses closest to a draft in these posting blobs (see :class:`Counted`).

    Args:
        blobs: the posting blobs of the draft's shingles.
        dead: clause numbers to leave out.
        limit: how many clauses to keep.
        sizes: ``(block, blob)`` of the clauses' shingle counts (:func:`pack_sizes`); without
            them closeness is the bare number of shared shingles.
        draft_size: the draft's number of shingles.
    """
    if not blobs or limit <= 0:
        return Counted((), (), {})
    if not isinstance(sizes, SizeTable):
        sizes = SizeTable(sizes)
    # numpy once a process has imported it (a long-lived client, after its first large
    # query): its import is then paid, and it counts 100,000 entries ten times faster.
    if "numpy" not in sys.modules and sum(len(blob) for blob in blobs) // 4 < NUMPY_FROM:
        return _top_small(blobs, dead, limit, sizes, draft_size)
    import numpy as np

    counts = _count(np, blobs)
    if not len(counts):
        return Counted((), (), {})
    if len(dead):
        dead_seqs = np.asarray([d for d in dead if d < len(counts)], dtype=np.int64)
        counts[dead_seqs] = 0
    # held[c]: how many clauses share c shingles (the clauses sharing none left out).
    held = np.bincount(counts)
    held[0] = 0
    if not held.any():
        return Counted((), (), {})
    if sizes:
        # c / (draft + clause) orders as the Dice coefficient; the same float on every
        # machine (a correctly rounded quotient of small integers), so ties are exact.
        known = sizes.numpy(len(counts))
        # As in _top_small: closeness only for the clauses sharing the most shingles (a
        # clause sharing c is at most c / (draft + c) close), two passes at most; at a
        # million clauses the draft's lists hold ~600,000 of them, a few thousand count.
        from_top = np.cumsum(held[::-1])
        level = int(np.searchsorted(from_top, limit))
        least = len(held) - 1 - level if level < len(from_top) else 1
        levels = np.flatnonzero(held)
        for _pass in range(2):
            present = np.flatnonzero(counts >= least)
            shared = counts[present].astype(np.int64)
            closeness = shared / (draft_size + np.maximum(known[present], shared))
            boundary = _boundary(np, closeness, limit)
            lower = levels[levels < least]
            reach = lower[lower / (draft_size + lower) >= boundary]
            if not len(reach):
                break
            least = int(reach.min())
    else:
        present = np.flatnonzero(counts)
        closeness = counts[present].astype(np.float64)
        boundary = _boundary(np, closeness, limit)
    is_above = closeness > boundary
    above = present[is_above]
    above = above[np.lexsort((above, -closeness[is_above]))]
    tied = present[closeness == boundary]
    chosen = np.concatenate([above, tied])
    return Counted(  # tolist(): Python ints, in one C loop
        tuple(above.tolist()),
        tuple(tied.tolist()),
        dict(zip(chosen.tolist(), counts[chosen].tolist(), strict=True)),
    )


def _count(np: Any, blobs: Sequence[bytes]) -> Any:
    """How many of ``blobs`` hold each clause number, indexed by clause number.

    A list holds a clause once (its parts are disjoint, each sorted), so each blob adds one
    at its numbers with a fancy-indexed add, into counts of one or two bytes: a fraction of
    the memory ``bincount``'s 64-bit counts take at a million clauses, and faster.
    """
    seqs = np.frombuffer(b"".join(blobs), dtype=DTYPE)
    if not len(seqs) or len(blobs) >= 1 << 16:
        return np.bincount(seqs)  # (so many lists that two bytes could overflow)
    counts = np.zeros(int(seqs.max()) + 1, dtype=np.uint8 if len(blobs) < 256 else np.uint16)
    start = 0
    for blob in blobs:
        end = start + len(blob) // 4
        counts[seqs[start:end]] += 1
        start = end
    return counts


def _boundary(np: Any, closeness: Any, limit: int) -> Any:
    """The ``limit``-th largest closeness (the smallest when there are fewer)."""
    if len(closeness) > limit:
        # The limit-th closest: everything closer is in, its ties are decided later.
        return np.partition(closeness, len(closeness) - limit)[len(closeness) - limit]
    return closeness.min()


def _top_small(
    blobs: Sequence[bytes],
    dead: Sequence[int],
    limit: int,
    sizes: SizeTable,
    draft_size: int,
) -> Counted:
    """:func:`top` in the standard library (the same floats, the same order)."""
    numbers = array.array("I", b"".join(blobs))
    if sys.byteorder == "big":
        numbers.byteswap()
    counts = Counter(numbers)
    for number in dead:
        counts.pop(number, None)
    if not counts:
        return Counted((), (), {})
    if sizes:
        known = sizes.flat()
        end = len(known)

        def close(n: int, c: int) -> float:
            return c / (draft_size + max(known[n] if n < end else 0, c))

        def most(c: int) -> float:  # the closest a clause sharing c shingles can be
            return c / (draft_size + c)
    else:

        def close(n: int, c: int) -> float:
            return float(c)

        def most(c: int) -> float:
            return float(c)

    # Closeness is computed only for the clauses sharing the most shingles: the limit-th
    # closest of those can only rise as clauses are added, so a clause sharing c shingles,
    # at most c / (draft + c) close, is left out when that is below it. Most clauses share
    # a shingle or two (the common ones), and are never scored: two passes at most.
    held = Counter(counts.values())
    levels = sorted(held, reverse=True)
    total = 0
    least = levels[-1]
    for level in levels:
        total += held[level]
        if total >= limit:
            least = level
            break
    for _pass in range(2):
        closeness = {n: close(n, c) for n, c in counts.items() if c >= least}
        boundary = sorted(closeness.values(), reverse=True)[min(limit, len(closeness)) - 1]
        reach = [level for level in levels if level < least and most(level) >= boundary]
        if not reach:
            break
        least = min(reach)
    above = sorted(
        (n for n, v in closeness.items() if v > boundary), key=lambda n: (-closeness[n], n)
    )
    tied = sorted(n for n, v in closeness.items() if v == boundary)
    return Counted(tuple(above), tuple(tied), {n: counts[n] for n in (*above, *tied)})
