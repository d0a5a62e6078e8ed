"""``resdiff precedent``: the stored clauses closest to a draft paragraph.

"Has this language been agreed before, and where?" The draft is put in comparison form, the
index (:mod:`resdiff.search._sql`) proposes the clauses sharing the most word pairs with it,
and only those are scored exactly (:func:`~resdiff.compare.similarity.precedent_score`: the
differ's similarity of comparison forms, or how well a shorter draft is found inside the
clause). Ranking happens here, in Python, whatever the backend: the same candidates give the
same ranks and scores on SQLite and PostgreSQL. Each result carries the word-level
differences from the stored clause to the draft.

Scoring stops early, never approximately: candidates come most shared shingles first, and
once ``n`` wordings are scored, a candidate is only scored as far as it could still beat the
``n``-th best (rapidfuzz's ``score_cutoff``); one that cannot is left out, which is what
scoring it in full and sorting would have done.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import (
    FRAGMENT_WEIGHT,
    best_matches,
    containment,
    precedent_score,
    similarity,
)
from resdiff.compare.worddiff import word_diff
from resdiff.errors import InputError
from resdiff.model import Token
from resdiff.search._sql import Candidate, SqlIndex
from resdiff.search.corpus import Clause

# Clauses the prefilter hands to exact scoring, per result asked for (and at least MIN): on
# 100,000 and 1,000,000 constructed clauses the index then ranks exactly as scoring every
# clause does (recall@10 in scripts/bench_scale.py).
CANDIDATES_PER_RESULT = 20
MIN_CANDIDATES = 500


@dataclass(frozen=True, slots=True)
class Precedent:
    """A stored clause close to the draft; ``tokens`` go from the stored clause to the draft.

    ``clause`` is the oldest stored clause with this wording; ``also`` the later ones with the
    same comparison form (the clause re-adopted unchanged).
    """

    clause: Clause
    score: float
    tokens: tuple[Token, ...]
    also: tuple[Clause, ...] = ()


def find_precedents(
    index: SqlIndex, text: str, n: int = 10, lang: str | None = None
) -> list[Precedent]:
    """The ``n`` indexed clauses closest to ``text`` (in ``lang``), best first.

    Raises:
        InputError: the draft has no word to compare.
    """
    form = draft_form(text)
    limit = max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * n)
    found = index.candidates(form, limit, lang)
    return rank(form, text, found, n)


def rank(form: str, text: str, found: Sequence[Candidate], n: int) -> list[Precedent]:
    """Score candidates exactly and keep the ``n`` best wordings, oldest clause first.

    The same results as scoring every candidate in full and sorting by (score, order): a
    wording is skipped only when it scores below the ``n``-th best already found.
    """
    scores: dict[str, float] = {}  # one score per wording (comparison form)
    best: list[float] = []  # the n best scores so far (a min-heap)
    for candidate in found:
        if candidate.form in scores:
            continue
        floor = best[0] if len(best) >= n else 0.0
        score = score_above(form, candidate.form, floor)
        scores[candidate.form] = score
        if score >= floor:
            heapq.heappush(best, score)
            if len(best) > n:
                heapq.heappop(best)
    floor = best[0] if len(best) >= n else 0.0
    groups: dict[str, list[Candidate]] = {}  # same wording: one result, oldest first
    for candidate in found:
        if scores[candidate.form] >= floor:
            groups.setdefault(candidate.form, []).append(candidate)
    ordered = sorted(
        (sorted(members, key=lambda c: c.order) for members in groups.values()),
        key=lambda members: (-scores[members[0].form], members[0].order),
    )
    results = []
    for first, *rest in ordered[:n]:
        score = round(scores[first.form], 4)
        tokens = word_diff(first.clause.text, text, first.clause.lang).tokens
        results.append(Precedent(first.clause, score, tokens, tuple(c.clause for c in rest)))
    return results


# Scores within this of a floor are computed in full: a float rounding never drops a tie.
_SLACK = 1e-9


def score_above(form: str, clause_form: str, floor: float) -> float:
    """:func:`~resdiff.compare.similarity.precedent_score`, exact when it is at least ``floor``.

    Below ``floor`` the value is some score below it (the containment is then not computed
    past what it needs).

    Example:
        >>> score_above("prie le secretaire general", "prie le secretaire general de tout", 0)
        0.95
    """
    whole = similarity(form, clause_form)
    if len(form) >= len(clause_form) or whole >= FRAGMENT_WEIGHT:
        return whole  # a fragment's score is at most FRAGMENT_WEIGHT
    needed = max(floor, whole) / FRAGMENT_WEIGHT - _SLACK
    return max(whole, FRAGMENT_WEIGHT * containment(form, clause_form, cutoff=max(needed, 0.0)))


def brute_force(forms: Sequence[str], text: str, n: int = 10) -> list[tuple[int, float]]:
    """Score every form (the baseline the index is measured against): ``(position, score)``."""
    return best_matches(draft_form(text), forms, n, scorer=precedent_score)


def draft_form(text: str) -> str:
    """The comparison form of a draft.

    Raises:
        InputError: the draft has no word to compare.
    """
    form = comparison_form(text)
    if not form.strip():
        raise InputError("the draft has no words to compare; give a clause's text or --file")
    return form
