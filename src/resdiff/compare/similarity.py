"""Pure similarity scores between comparison forms (rapidfuzz), all in [0, 1].

No state, no I/O: every function takes comparison forms (see
:func:`resdiff.compare.comparable.comparison_form`) and returns a float or a matrix.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein


def similarity(old_form: str, new_form: str) -> float:
    """Normalised Indel similarity of two comparison forms (1.0: identical).

    Example:
        >>> similarity("invite les etats", "encourage les etats") > 0.6
        True
        >>> similarity("", "")
        1.0
    """
    return fuzz.ratio(old_form, new_form, processor=None) / 100.0


def containment(part_form: str, whole_form: str) -> float:
    """How well ``part_form`` is found inside ``whole_form`` (best partial alignment)."""
    if not part_form or not whole_form:
        return 0.0
    return fuzz.partial_ratio(part_form, whole_form, processor=None) / 100.0


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


def levenshtein_ratio(a: str, b: str) -> float:
    """(len a + len b − distance) / (len a + len b): the score of the UN's greedy aligner."""
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    return (total - Levenshtein.distance(a, b)) / total


def best_matches(form: str, choices: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` choices most similar to ``form``, as (index, similarity), best first.

    Ties keep the order of ``choices``.
    """
    found = process.extract(form, choices, scorer=fuzz.ratio, processor=None, limit=limit)
    return sorted(((j, score / 100.0) for _choice, score, j in found), key=lambda m: (-m[1], m[0]))
