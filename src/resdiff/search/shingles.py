"""Word-pair shingles of a comparison form: what the search index posts clauses under.

Each clause is cut into overlapping runs of ``SHINGLE`` words of its comparison form (so OCR
damage, accents and case do not matter; pairs rather than triples, so that each edited word
of a short draft costs it at most two shingles), each run hashed to 32 bits with CRC-32
(stable across processes and machines, unlike ``hash``).
"""

from __future__ import annotations

import zlib

SHINGLE = 2


def shingles(form: str) -> set[int]:
    """The hashed word shingles of a comparison form (the words themselves when it is short).

    Example:
        >>> len(shingles("a b c d")), len(shingles("a"))
        (3, 1)
    """
    words = form.split()
    if len(words) < SHINGLE:
        grams = words
    else:
        grams = [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return {zlib.crc32(gram.encode("utf-8")) for gram in grams}
