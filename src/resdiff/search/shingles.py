"""Word-pair shingles of a comparison form: what the search index posts clauses under.

Each clause is cut into overlapping runs of ``SHINGLE`` words of its comparison form (so OCR
damage, accents and case do not matter; pairs rather than triples, so that each edited word
of a short draft costs it at most two shingles), each run hashed to 32 bits with CRC-32
(stable across processes and machines, unlike ``hash``). The index posts a clause under the
shingles of its language (:func:`posting_keys`): a search in one language reads only that
language's lists.
"""

from __future__ import annotations

import zlib

SHINGLE = 2


def shingles(form: str, lang: str = "") -> set[int]:
    """The hashed word shingles of a comparison form (the words themselves when it is short).

    ``lang``, when given, is hashed in front of every shingle: the same words in two
    languages are two keys.

    Example:
        >>> len(shingles("a b c d")), len(shingles("a"))
        (3, 1)
        >>> shingles("a b", "fr") == shingles("a b", "en")
        False
    """
    words = form.split()
    if len(words) < SHINGLE:
        grams = words
    else:  # SHINGLE words in a row (pairs: zip is the fast way to make them)
        runs = zip(*(words[k:] for k in range(SHINGLE)), strict=False)
        grams = [" ".join(run) for run in runs]
    start = zlib.crc32(f"{lang}\0".encode()) if lang else 0
    crc = zlib.crc32
    return {crc(gram.encode("utf-8"), start) for gram in grams}


def posting_keys(form: str, lang: str) -> set[int]:
    """The keys a clause of language ``lang`` is posted under (its shingles in that language)."""
    return shingles(form, lang)
