"""``resdiff precedent``: the stored clauses closest to a draft paragraph.

"Has this language been agreed before, and where?" The draft is put in comparison form, the
shingle index (:mod:`resdiff.search.index`) proposes the clauses sharing the most word runs
with it, and only those are scored exactly (:func:`~resdiff.compare.similarity.precedent_score`:
the differ's similarity of comparison forms, or how well a shorter draft is found inside the
clause). Each result carries the word-level differences from the stored clause to
the draft.

The index of a store is cached under ``<store>/.resdiff-cache/precedent-<fingerprint>``,
where the fingerprint changes whenever a stored file does.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass

from resdiff._cachedir import cache_root, prepare
from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import best_matches, precedent_score
from resdiff.compare.worddiff import word_diff
from resdiff.errors import InputError
from resdiff.model import Token
from resdiff.search.corpus import Clause, store_clauses, store_fingerprint
from resdiff.search.index import ClauseIndex
from resdiff.storage import Store

logger = logging.getLogger(__name__)

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


def find_precedents(index: ClauseIndex, text: str, n: int = 10) -> list[Precedent]:
    """The ``n`` indexed clauses closest to ``text``, best first.

    Raises:
        InputError: the draft has no word to compare.
    """
    form = _form(text)
    limit = max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * n)
    numbers = index.candidates(form, limit)
    scored = sorted(((precedent_score(form, index.forms[k]), k) for k in numbers),
                    key=lambda item: (-item[0], item[1]))  # fmt: skip
    groups: dict[str, list[int]] = {}  # same wording: one result, oldest first
    for _score, k in scored:
        groups.setdefault(index.forms[k], []).append(k)
    results = []
    for members in list(groups.values())[:n]:
        first, *rest = sorted(members)
        score = precedent_score(form, index.forms[first])
        results.append(
            _precedent(index.clauses[first], score, text, [index.clauses[k] for k in rest])
        )
    return results


def brute_force(index: ClauseIndex, text: str, n: int = 10) -> list[tuple[int, float]]:
    """Score every indexed clause (the baseline the index is measured against)."""
    return best_matches(_form(text), index.forms, n, scorer=precedent_score)


def _form(text: str) -> str:
    form = comparison_form(text)
    if not form.strip():
        raise InputError("the draft has no words to compare; give a clause's text or --file")
    return form


def _precedent(clause: Clause, score: float, draft: str, also: list[Clause]) -> Precedent:
    tokens = word_diff(clause.text, draft, clause.lang).tokens
    return Precedent(clause, round(score, 4), tokens, tuple(also))


def store_index(store: Store, lang: str | None = None) -> ClauseIndex:
    """The index of every clause of the store (in ``lang``), from the cache when up to date."""
    cache = cache_root(store.root)
    name = f"precedent-{store_fingerprint(store)[:24]}-{lang or 'all'}"
    index = ClauseIndex.load(cache / name) if cache is not None else None
    if index is not None:
        return index
    index = ClauseIndex.build(store_clauses(store, lang=lang))
    if cache is None:
        return index
    try:
        prepare(cache)
        for stale in cache.glob(f"precedent-*-{lang or 'all'}"):
            shutil.rmtree(stale, ignore_errors=True)
        index.save(cache / name)
    except OSError as exc:
        logger.debug("cannot cache the precedent index in %s: %s", cache, exc)
    return index


def precedents(store: Store, text: str, n: int = 10, lang: str | None = None) -> list[Precedent]:
    """The ``n`` stored clauses closest to a draft paragraph, best first.

    Raises:
        InputError: the draft has no word to compare.
    """
    return find_precedents(store_index(store, lang), text, n)
