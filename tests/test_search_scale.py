"""What makes precedent search fast must not change its answers.

Early-exit rescoring ranks as scoring every candidate in full; the containment bound it uses
is never below the containment; packed posting lists merged after many syncs, and clauses of
replaced or removed versions, give what an index built afresh gives.
"""

from __future__ import annotations

import random
from pathlib import Path
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import (
    _MATRIX_FROM,
    containment,
    precedent_score,
    similarities,
    similarity,
)
from resdiff.search import Clause, SqliteIndex, _postings, find_precedents, load_clauses
from resdiff.search._postings import pack, pack_sizes, unpack
from resdiff.search._slice_bounds import coarse_bounds
from resdiff.search._sql import MAX_PARTS, Candidate
from resdiff.search.precedent import (
    _score_bound,
    _score_bounds,
    candidate_limit,
    containment_bound,
    draft_form,
    rank,
)

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


@given(
    st.text(alphabet="ab c", min_size=1, max_size=40),
    st.text(alphabet="ab c", min_size=1, max_size=120),
    st.floats(min_value=0.0, max_value=1.0),
    st.sampled_from([(1, 1), (2, 2), (4, 4), (4, 16), (8, 3), (8, 16)]),
)
def test_the_containment_bound_with_a_cutoff_holds_above_it(
    draft: str, clause: str, cutoff: float, steps: tuple[int, int]
) -> None:
    # Windows too short to reach the cutoff are left out; any containment reaching it is bounded,
    # also when the whole-text similarity rules slices out without comparing them.
    if len(clause) > len(draft) and containment(draft, clause) >= cutoff:
        least = containment(draft, clause) - 1e-9
        assert containment_bound(draft, clause, cutoff, steps) >= least
        whole = similarity(draft, clause)
        assert containment_bound(draft, clause, cutoff, steps, whole=whole) >= least


def test_scoring_forms_first_ranks_as_scoring_every_candidate_in_full() -> None:
    clauses = list(corpus.clauses(900, seed=8))
    index = SqliteIndex()
    load_clauses(index, clauses)
    rng = random.Random(9)
    for k in rng.sample(range(len(clauses)), 8):
        words = clauses[k].text.split()
        for draft in (corpus.reword(clauses[k].text, rng), " ".join(words[1 : len(words) // 2])):
            form = draft_form(draft)
            found = index.candidates(form, candidate_limit(10, len(index)))
            ours = [
                (r.clause.symbol, r.clause.unit_id, r.score) for r in find_precedents(index, draft)
            ]
            assert ours == _full_ranking(form, found, 10)
    index.close()


def _listed(index: SqliteIndex) -> set[int]:
    return {n for (blob,) in index._rows("SELECT seqs FROM postings") for n in unpack(blob)}


def test_a_dropped_clause_leaves_every_list_in_the_same_sync() -> None:
    clauses = list(corpus.clauses(200, seed=6))
    index = SqliteIndex()
    load_clauses(index, clauses)
    symbols = sorted({c.symbol for c in clauses})
    gone = {
        int(seq)
        for (seq,) in index._rows(
            "SELECT seq FROM clauses WHERE path = ?", (f"{corpus.SERIES}/{symbols[0]}",)
        )
    }
    assert gone <= _listed(index)
    index.apply("constructed", "", None, [f"{corpus.SERIES}/{symbols[0]}"], [])
    assert not gone & _listed(index)
    assert index._rows("SELECT count(*) FROM dead") == [(0,)]
    kept = {int(seq) for (seq,) in index._rows("SELECT seq FROM clauses")}
    assert _listed(index) == kept
    index.close()


def test_an_index_made_without_shingle_counts_is_upgraded_when_opened(tmp_path: Path) -> None:
    clauses = list(corpus.clauses(300, seed=12))
    rng = random.Random(13)
    drafts = [corpus.reword(clauses[k].text, rng) for k in rng.sample(range(300), 5)]
    path = tmp_path / "index.sqlite3"
    made = SqliteIndex(path)
    load_clauses(made, clauses)
    # As an index of the previous release: no counts, and a removed version still listed.
    made._rows("DROP TABLE sizes")
    dropped = made._rows("SELECT seq FROM clauses WHERE symbol = ?", (clauses[0].symbol,))
    made._bulk("dead", ("seq",), dropped)
    made._rows("DELETE FROM clauses WHERE symbol = ?", (clauses[0].symbol,))
    made.close()
    upgraded = SqliteIndex(path)
    assert upgraded._rows("SELECT count(*) FROM dead") == [(0,)]
    assert not {int(s) for (s,) in dropped} & _listed(upgraded)
    fresh = SqliteIndex()
    load_clauses(fresh, [c for c in clauses if c.symbol != clauses[0].symbol])
    assert _top(upgraded, drafts) == _top(fresh, drafts)
    assert all(
        r.clause.symbol != clauses[0].symbol for d in drafts for r in find_precedents(upgraded, d)
    )
    upgraded.close()
    fresh.close()


@given(
    st.lists(st.lists(st.integers(0, 300), max_size=60), min_size=1, max_size=8),
    st.lists(st.integers(0, 300), max_size=10),
    st.integers(1, 40),
    st.lists(st.integers(0, 90), max_size=310),
    st.integers(0, 30),
)
def test_counting_without_numpy_gives_what_numpy_gives(
    lists: list[list[int]], dead: list[int], limit: int, sizes: list[int], draft: int
) -> None:
    blobs = [pack(sorted(set(found))) for found in lists]
    for blocks in ([], [(0, pack_sizes(sizes))]):
        small = _postings._top_small(blobs, dead, limit, _postings.SizeTable(blocks), draft)
        with patch.object(_postings, "NUMPY_FROM", 0):  # every list counted by numpy
            assert _postings.top(blobs, dead, limit, blocks, draft) == small


def test_counting_more_lists_than_a_byte_counts() -> None:
    # 300 lists all holding clause 7: its count does not wrap around at 256.
    blobs = [pack([7, 1000 + k]) for k in range(300)] + [pack([3, 7])]
    sizes = [(0, pack_sizes([5] * 1400))]
    small = _postings._top_small(blobs, [], 2, _postings.SizeTable(sizes), 310)
    with patch.object(_postings, "NUMPY_FROM", 0):
        found = _postings.top(blobs, [], 2, sizes, 310)
    assert found == small
    assert found.counts[7] == 301 and found.above == (7,)


@given(
    st.text(alphabet="ab c", min_size=1, max_size=40),
    st.lists(st.text(alphabet="ab c", min_size=1, max_size=120), min_size=1, max_size=8),
)
def test_score_bounds_in_one_loop_are_the_bound_of_each_wording(
    draft: str, clauses: list[str]
) -> None:
    # The same floats as the per-wording bound: the rescoring's order and early exit rely on it.
    wholes = [similarity(draft, clause) for clause in clauses]
    expected = [
        _score_bound(draft, clause, whole) for clause, whole in zip(clauses, wholes, strict=True)
    ]
    assert _score_bounds(draft, clauses, wholes) == expected
    for clause, bound in zip(clauses, expected, strict=True):
        assert bound >= precedent_score(draft, clause) - 1e-9


def test_similarities_as_a_matrix_row_are_the_similarity_of_each_choice() -> None:
    # Past _MATRIX_FROM choices (numpy loaded), rapidfuzz's matrix row gives the scores:
    # the same floats as one similarity at a time, which the exact rescoring compares.
    import numpy  # noqa: F401  (the row is used once numpy is loaded)

    clauses = list(corpus.clauses(400, seed=31))
    forms = [comparison_form(c.text) for c in clauses]
    draft = forms[7][: len(forms[7]) // 2]
    assert len(forms) >= _MATRIX_FROM
    assert similarities(draft, forms) == [similarity(draft, f) for f in forms]
    assert similarities(draft, forms[:3]) == [similarity(draft, f) for f in forms[:3]]


@given(
    st.text(alphabet="ab c", min_size=1, max_size=40),
    st.lists(st.text(alphabet="ab c", min_size=1, max_size=160), min_size=1, max_size=12),
    st.floats(min_value=0.0, max_value=1.0),
    st.sampled_from([(4, 4), (1, 1), (8, 16)]),
)
def test_coarse_bounds_of_a_batch_are_each_clauses_containment_bound(
    draft: str, clauses: list[str], cutoff: float, steps: tuple[int, int]
) -> None:
    # The batch's arrays give the very floats of one containment_bound a clause: the early
    # exit of the rescoring takes the same decisions either way.
    longer = [c for c in clauses if len(c) > len(draft)]
    wholes = [similarity(draft, c) for c in longer]
    expected = [
        containment_bound(draft, c, cutoff, steps, whole=w)
        for c, w in zip(longer, wholes, strict=True)
    ]
    assert coarse_bounds(draft, longer, wholes, cutoff, steps) == expected
