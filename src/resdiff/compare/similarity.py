"""Pure similarity scores between comparison forms (rapidfuzz), all in [0, 1].

No state, no I/O: every function takes comparison forms (see
:func:`resdiff.compare.comparable.comparison_form`) and returns a float or a matrix.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq, Levenshtein


def similarity(old_form: str, new_form: str) -> float:
    """Normalised Indel similarity of two comparison forms (1.0: identical).

    Example:
        >>> similarity("invite les etats", "encourage les etats") > 0.6
        True
        >>> similarity("", "")
        1.0
    """
    return fuzz.ratio(old_form, new_form, processor=None) / 100.0


def containment(part_form: str, whole_form: str, cutoff: float = 0.0) -> float:
    """How well ``part_form`` is found inside ``whole_form`` (best partial alignment).

    A score below ``cutoff`` comes back as 0.0, which lets rapidfuzz stop early.
    """
    if not part_form or not whole_form:
        return 0.0
    if cutoff > 0 and containment_bound(part_form, whole_form) < cutoff - _BOUND_SLACK:
        return 0.0  # what rapidfuzz gives below the cutoff, without its window-by-window pass
    return containment_exact(part_form, whole_form, cutoff)


def containment_exact(part_form: str, whole_form: str, cutoff: float = 0.0) -> float:
    """:func:`containment` without the upper bound that skips hopeless pairs (the reference)."""
    if not part_form or not whole_form:
        return 0.0
    return (
        fuzz.partial_ratio(part_form, whole_form, processor=None, score_cutoff=cutoff * 100) / 100.0
    )


# rapidfuzz scores a needle of up to 64 characters with one bit-parallel pass, and a longer one
# with a ratio per window of the haystack (about 0.4 ms for a clause in a clause): the bound
# below is worth computing only for those.
_LONG_NEEDLE = 64
# The bound and rapidfuzz's score are computed in floating point by different formulas: a pair
# is skipped only when the bound is below the cutoff by more than rounding can explain.
_BOUND_SLACK = 1e-9


def containment_bound(part_form: str, whole_form: str) -> float:
    """An upper bound of :func:`containment` that costs one longest-common-subsequence pass.

    ``partial_ratio`` is the best Indel ratio ``2·LCS(s, t) / (len s + len t)`` of the shorter
    string ``s`` against windows ``t`` of the longer one no longer than ``s``. Every such
    ``LCS(s, t)`` is at most ``X = LCS(s, longer)`` and at most ``len t``, so the ratio is at
    most ``2·min(X, len t) / (len s + len t) <= 2·X / (len s + X)``. Short needles get 1.0 (no
    bound): rapidfuzz scores them faster than the bound would cost.
    """
    needle, haystack = sorted((part_form, whole_form), key=len)
    length = len(needle)
    if length <= _LONG_NEEDLE:
        return 1.0
    common = LCSseq.similarity(needle, haystack)
    return 2 * common / (length + common)


# A draft found word for word inside a longer clause is agreed language too, but ranks below a
# clause that says the same thing and no more.
FRAGMENT_WEIGHT = 0.95


def precedent_score(draft_form: str, clause_form: str, **_: object) -> float:
    """How well a stored clause answers "has this draft been agreed before?".

    The whole-text similarity, or, for a draft shorter than the clause, how well the draft is
    found inside it (slightly discounted).

    Example:
        >>> precedent_score("prie le secretaire general", "prie le secretaire general de tout")
        0.95
    """
    whole = similarity(draft_form, clause_form)
    if len(draft_form) >= len(clause_form):
        return whole
    return max(whole, FRAGMENT_WEIGHT * containment(draft_form, clause_form))


def similarity_matrix(
    old_forms: Sequence[str], new_forms: Sequence[str], cutoff: float
) -> list[list[float]]:
    """Scores of every old form against every new form; scores below ``cutoff`` are 0.

    Returns:
        ``matrix[i][j]`` is the similarity of ``old_forms[i]`` and ``new_forms[j]``.
    """
    # process.cdist would need numpy; process.extract runs the same C loop per row.
    matrix = [[0.0] * len(new_forms) for _ in old_forms]
    choices = list(new_forms)
    for i, form in enumerate(old_forms):
        found = process.extract(
            form,
            choices,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=cutoff * 100,
            limit=None,
        )
        for _choice, score, j in found:
            matrix[i][j] = score / 100.0
    return matrix


def similar_pairs(
    old_forms: Sequence[str], new_forms: Sequence[str], cutoff: float
) -> list[tuple[int, int, float]]:
    """The nonzero cells of :func:`similarity_matrix`, as ``(i, j, score)``, row by row.

    Without the zeros: a pass over a window of 200 candidates per unit then visits the few
    pairs that are alike, not every cell.
    """
    choices = list(new_forms)
    found: list[tuple[int, int, float]] = []
    for i, form in enumerate(old_forms):
        row = process.extract(
            form, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff * 100, limit=None
        )
        found.extend((i, j, score / 100.0) for _choice, score, j in sorted(row, key=_column))
    return found


def _column(match: tuple[str, float, int]) -> int:
    return match[2]


def levenshtein_ratio(a: str, b: str) -> float:
    """(len a + len b − distance) / (len a + len b): the score of the UN's greedy aligner."""
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    return (total - Levenshtein.distance(a, b)) / total


def best_matches(
    form: str, choices: Sequence[str], limit: int, scorer: Callable[..., float] | None = None
) -> list[tuple[int, float]]:
    """The ``limit`` choices most similar to ``form``, as (index, score), best first.

    ``scorer`` (a function of two forms returning [0, 1]) replaces :func:`similarity`. Ties
    keep the order of ``choices``.
    """
    if scorer is None:
        found = process.extract(form, choices, scorer=fuzz.ratio, processor=None, limit=limit)
        scored = [(j, score / 100.0) for _choice, score, j in found]
    else:
        found = process.extract(form, choices, scorer=scorer, processor=None, limit=limit)
        scored = [(j, float(score)) for _choice, score, j in found]
    return sorted(scored, key=lambda m: (-m[1], m[0]))


# Choices from which similarities() asks rapidfuzz for a matrix row rather than a result list.
_MATRIX_FROM = 256


def similarities(form: str, choices: Sequence[str]) -> list[float]:
    """:func:`similarity` of ``form`` to each of ``choices``, in one C loop.

    Example:
        >>> similarities("ab", ["ab", "cd"])
        [1.0, 0.0]
    """
    if len(choices) >= _MATRIX_FROM and "numpy" in sys.modules:
        # One row of rapidfuzz's matrix (numpy, imported by then in a process counting large
        # posting lists): no result tuple per choice. The same scores to the last bit.
        row = process.cdist([form], choices, scorer=fuzz.ratio, processor=None, dtype=float)
        found_scores: list[float] = (row[0] / 100.0).tolist()
        return found_scores
    found = process.extract(form, choices, scorer=fuzz.ratio, processor=None, limit=None)
    scores = [0.0] * len(choices)
    for _choice, score, position in found:
        scores[position] = score / 100.0
    return scores
