"""``resdiff precedent``: the stored clauses closest to a draft paragraph.

"Has this language been agreed before, and where?" The draft is put in comparison form, the
index (:mod:`resdiff.search._sql`) proposes the clauses sharing the most word pairs with it,
and only those are scored exactly (:func:`~resdiff.compare.similarity.precedent_score`: the
differ's similarity of comparison forms, or how well a shorter draft is found inside the
clause). Ranking happens here, in Python, whatever the backend: the same candidates give the
same ranks and scores on SQLite and PostgreSQL. Each result carries the word-level
differences from the stored clause to the draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import best_matches, precedent_score
from resdiff.compare.worddiff import word_diff
from resdiff.errors import InputError
from resdiff.model import Token
from resdiff.search._sql import Candidate, SqlIndex
from resdiff.search.corpus import Clause
from resdiff.search.shingles import shingles

# Clauses the prefilter hands to exact scoring, per result asked for (and at least MIN):
# scoring 500 forms costs a few milliseconds, and on 100,000 constructed clauses the index
# then ranks exactly as scoring every clause does (scripts/bench_history.py).
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
    found = index.candidates(sorted(shingles(form)), limit, lang)
    return rank(form, text, found, n)


def rank(form: str, text: str, found: Sequence[Candidate], n: int) -> list[Precedent]:
    """Score candidates exactly and keep the ``n`` best wordings, oldest clause first."""
    scored = sorted(((precedent_score(form, c.form), c) for c in found),
                    key=lambda item: (-item[0], item[1].order))  # fmt: skip
    groups: dict[str, list[Candidate]] = {}  # same wording: one result, oldest first
    for _score, candidate in scored:
        groups.setdefault(candidate.form, []).append(candidate)
    results = []
    for members in list(groups.values())[:n]:
        first, *rest = sorted(members, key=lambda c: c.order)
        score = round(precedent_score(form, first.form), 4)
        tokens = word_diff(first.clause.text, text, first.clause.lang).tokens
        results.append(Precedent(first.clause, score, tokens, tuple(c.clause for c in rest)))
    return results


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
