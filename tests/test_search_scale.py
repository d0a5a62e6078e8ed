"""What makes precedent search fast must not change its answers.

Early-exit rescoring ranks as scoring every candidate in full; the containment bound it uses
is never below the containment; packed posting lists merged after many syncs, and clauses of
replaced or removed versions, give what an index built afresh gives.
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import containment, precedent_score
from resdiff.search import Clause, SqliteIndex, find_precedents, load_clauses
from resdiff.search._sql import MAX_PARTS, Candidate
from resdiff.search.precedent import containment_bound, draft_form, rank

from .constructed import corpus


def _full_ranking(form: str, found: list[Candidate], n: int) -> list[tuple[str, str, float]]:
    """Every candidate scored in full, sorted by (score, order), one result per wording."""
    scored = sorted(found, key=lambda c: (-precedent_score(form, c.form), c.order))
    firsts: dict[str, Candidate] = {}
    for candidate in scored:
        firsts.setdefault(candidate.form, candidate)
    best = sorted(firsts.values(), key=lambda c: (-precedent_score(form, c.form), c.order))
    return [
        (c.clause.symbol, c.clause.unit_id, round(precedent_score(form, c.form), 4))
        for c in best[:n]
    ]


def test_early_exit_rescoring_ranks_as_scoring_every_candidate() -> None:
    clauses = list(corpus.clauses(600, seed=5))
    found = [
        Candidate(c, comparison_form(c.text), (str(c.year), c.symbol, c.series, "", "fr", k))
        for k, c in enumerate(clauses)
    ]
    rng = random.Random(11)
    for k in rng.sample(range(len(clauses)), 8):
        words = clauses[k].text.split()
        # A reworded clause, and a fragment of one (the containment decides its rank).
        for draft in (corpus.reword(clauses[k].text, rng), " ".join(words[2 : len(words) // 2])):
            form = draft_form(draft)
            ours = [
                (r.clause.symbol, r.clause.unit_id, r.score) for r in rank(form, draft, found, 10)
            ]
            assert ours == _full_ranking(form, found, 10)


@given(
    st.text(alphabet="ab c", min_size=1, max_size=40),
    st.text(alphabet="ab c", min_size=1, max_size=120),
)
def test_the_containment_bound_is_never_below_the_containment(draft: str, clause: str) -> None:
    if len(clause) > len(draft):
        assert containment_bound(draft, clause) >= containment(draft, clause) - 1e-9


def _top(index: SqliteIndex, drafts: list[str]) -> list[list[tuple[object, ...]]]:
    return [
        [
            (r.clause.symbol, r.clause.unit_id, r.score, len(r.also))
            for r in find_precedents(index, d)
        ]
        for d in drafts
    ]


def test_merged_lists_and_dropped_versions_answer_as_a_fresh_index() -> None:
    clauses = list(corpus.clauses(400, seed=3))
    rng = random.Random(4)
    drafts = [corpus.reword(clauses[k].text, rng) for k in rng.sample(range(400), 6)]
    grown = SqliteIndex()
    # One sync per version: the common shingles get far more than MAX_PARTS parts, merged.
    symbols = sorted({c.symbol for c in clauses})
    for symbol in symbols:
        load_clauses(grown, [c for c in clauses if c.symbol == symbol])
    ((parts,),) = grown._rows(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM postings GROUP BY key)"
    )
    assert len(symbols) > MAX_PARTS >= parts
    # A version replaced by other text, another removed: their clauses leave the counts.
    first, second = symbols[0], symbols[1]
    replaced = [
        Clause(
            c.symbol, c.year, c.series, c.lang, c.unit_id, "Décide de rester saisi de la question ;"
        )
        for c in clauses
        if c.symbol == first
    ]
    load_clauses(grown, replaced)
    grown.apply("constructed", "", None, [f"{corpus.SERIES}/{second}"], [])
    kept = replaced + [c for c in clauses if c.symbol not in (first, second)]
    fresh = SqliteIndex()
    load_clauses(fresh, kept)
    assert len(grown) == len(fresh) == len(kept)
    assert _top(grown, drafts) == _top(fresh, drafts)
    assert all(r.clause.symbol != second for d in drafts for r in find_precedents(grown, d, 50))
    grown.close()
    fresh.close()
