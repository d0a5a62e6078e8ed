"""``resdiff precedent``: the stored clauses closest to a draft paragraph.

"Has this language been agreed before, and where?" The draft is put in comparison form, the
index (:mod:`resdiff.search._sql`) proposes the clauses sharing the most word pairs with it,
and only those are scored exactly (:func:`~resdiff.compare.similarity.precedent_score`: the
differ's similarity of comparison forms, or how well a shorter draft is found inside the
clause). Ranking happens here, in Python, whatever the backend: the same candidates give the
same ranks and scores on SQLite and PostgreSQL. Each result carries the word-level
differences from the stored clause to the draft.

Scoring stops early, never approximately: once ``n`` wordings are scored, a candidate is
only scored as far as it could still beat the ``n``-th best (rapidfuzz's ``score_cutoff``);
one that cannot is left out, which is what scoring it in full and sorting would have done.
Scoring needs only the candidates' comparison forms: the index hands out those first
(:meth:`~resdiff.search._sql.SqlIndex.candidate_forms`), and the rest of a clause's row is
read only for the wordings that rank.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import (
    FRAGMENT_WEIGHT,
    best_matches,
    containment,
    precedent_score,
    similarities,
    similarity,
)
from resdiff.compare.worddiff import word_diff
from resdiff.errors import InputError
from resdiff.model import Token
from resdiff.search._sql import Candidate, SqlIndex
from resdiff.search.corpus import Clause

# Clauses the prefilter hands to exact scoring: per result asked for, at least MIN, and a
# share of the index (the more clauses, the more near-identical variants compete). Against
# scoring every clause (scripts/bench_scale.py --check), recall@10 on 1,000,000 constructed
# clauses was 0.78 with 500 clauses by shared-shingle count; by Dice closeness it is 0.87
# with 500, 0.94 with 2,000 and 0.98 with 4,000 (20 queries).
CANDIDATES_PER_RESULT = 20
MIN_CANDIDATES = 500
CANDIDATE_SHARE = 0.004


def candidate_limit(n: int, indexed: int) -> int:
    """How many clauses to score exactly for ``n`` results from ``indexed`` clauses.

    Example:
        >>> candidate_limit(10, 100_000), candidate_limit(10, 1_000_000)
        (500, 4000)
    """
    return max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * n, math.ceil(CANDIDATE_SHARE * indexed))


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
    index: SqlIndex,
    text: str,
    n: int = 10,
    lang: str | None = None,
    *,
    candidates: int | None = None,
) -> list[Precedent]:
    """The ``n`` indexed clauses closest to ``text`` (in ``lang``), best first.

    ``candidates`` is how many of the closest clauses by shared word pairs are scored
    exactly (default: :func:`candidate_limit`); the ranking among them is exact.

    Raises:
        InputError: the draft has no word to compare.
    """
    form = draft_form(text)
    limit = candidates or candidate_limit(n, len(index))
    pool = index.candidate_forms(form, limit, lang)
    scores, floor = wording_scores(form, {f for _seq, f in pool}, n)
    # Only the wordings that can rank are read in full: rank() then orders them as it
    # would have ordered every candidate (the others score below the n-th best).
    kept = [seq for seq, f in pool if scores[f] >= floor - _SLACK]
    return rank(form, text, index.clauses_at(kept), n)


def rank(form: str, text: str, found: Sequence[Candidate], n: int) -> list[Precedent]:
    """Score candidates exactly and keep the ``n`` best wordings, oldest clause first.

    The same results as scoring every candidate in full and sorting by (score, order): a
    wording is skipped only when it scores below the ``n``-th best already found.
    """
    scores, floor = wording_scores(form, {c.form for c in found}, n)
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


def wording_scores(form: str, wordings: Collection[str], n: int) -> tuple[dict[str, float], float]:
    """Exact scores of the wordings that can be among the ``n`` best, and the ``n``-th best.

    Every wording whose score is at least the returned floor has its exact score; the others
    have some score below the floor (-1 when not scored at all).
    """
    # Each wording's whole-text similarity (microseconds) and what its score can be at most;
    # wordings are scored best bound first, and once n are scored, a wording whose bound is
    # below the n-th best is left out, and so is every one after it.
    ordered = sorted(wordings)  # the same order whatever order the index gave them in
    wholes = similarities(form, ordered)
    # A score is at least the whole-text similarity: the n-th best of those is a floor from
    # the start, so the containment of a clause that cannot reach it is never looked for
    # (without it, the floor rose one scored wording at a time).
    least = heapq.nlargest(n, wholes)[-1] if 0 < n <= len(wholes) else 0.0
    bounds = _score_bounds(form, ordered, wholes)
    scores: dict[str, float] = dict.fromkeys(ordered, -1.0)  # -1: below the floor, unscored
    best: list[float] = []  # the n best scores so far (a min-heap)
    # Coarse containment bounds, computed a batch at a time once numpy is loaded (a process
    # counting large posting lists has it): see resdiff.search._slice_bounds.
    coarse: dict[int, float] | None = {} if "numpy" in sys.modules else None
    # Best bound first (a stable sort: equal bounds in wording order).
    order = sorted(range(len(ordered)), key=bounds.__getitem__, reverse=True)
    for at, k in enumerate(order):
        floor = max(best[0] if len(best) >= n else 0.0, least)
        if bounds[k] < floor - _SLACK:
            break
        if coarse is not None and k not in coarse:
            _batch_coarse(form, ordered, wholes, order[at : at + _BATCH], floor, coarse)
        known = coarse.get(k) if coarse is not None else None
        score = score_above(form, ordered[k], floor, wholes[k], known)
        scores[ordered[k]] = score
        if score >= floor:
            heapq.heappush(best, score)
            if len(best) > n:
                heapq.heappop(best)
    return scores, (best[0] if len(best) >= n else 0.0)


# Wordings looked at together for the containment's coarse bound (their slices in one call).
_BATCH = 64


def _batch_coarse(
    form: str,
    ordered: Sequence[str],
    wholes: Sequence[float],
    batch: Sequence[int],
    floor: float,
    coarse: dict[int, float],
) -> None:
    """The coarse containment bounds of the wordings of ``batch`` that need one at ``floor``.

    Their cutoff is this floor's: the floor only rises, and a bound computed for a lower
    cutoff holds for a higher one (it leaves out fewer stretches).
    """
    from resdiff.search._slice_bounds import coarse_bounds

    needing = [
        j
        for j in batch
        if j not in coarse and _needs_containment(form, ordered[j], wholes[j], floor)
    ]
    cutoff = max(floor / FRAGMENT_WEIGHT - _SLACK, 0.0)
    found = coarse_bounds(form, [ordered[j] for j in needing], [wholes[j] for j in needing],
                          cutoff, _BOUND_STEPS[0])  # fmt: skip
    coarse.update(zip(needing, found, strict=True))
    coarse.update((j, -1.0) for j in batch if j not in coarse)  # -1: none needed


def _needs_containment(form: str, clause_form: str, whole: float, floor: float) -> bool:
    """True when :func:`score_above` at ``floor`` goes on to the containment's bounds."""
    if len(form) >= len(clause_form) or whole >= FRAGMENT_WEIGHT:
        return False
    needed = max(floor, whole)
    return FRAGMENT_WEIGHT * _stretch_bound(form, clause_form, whole) >= needed - _SLACK


def score_above(
    form: str,
    clause_form: str,
    floor: float,
    whole: float | None = None,
    coarse: float | None = None,
) -> float:
    """:func:`~resdiff.compare.similarity.precedent_score`, exact when it is at least ``floor``.

    Below ``floor`` the value is some score below it (the containment is then not computed
    past what it needs).

    Example:
        >>> score_above("prie le secretaire general", "prie le secretaire general de tout", 0)
        0.95
    """
    if whole is None:
        whole = similarity(form, clause_form)
    if len(form) >= len(clause_form) or whole >= FRAGMENT_WEIGHT:
        return whole  # a fragment's score is at most FRAGMENT_WEIGHT
    needed = max(floor, whole)
    # The containment is the best similarity of the draft to a stretch of the clause: most
    # candidates are shown unable to reach the floor by two cheap bounds (no stretch search).
    if FRAGMENT_WEIGHT * _stretch_bound(form, clause_form, whole) < needed - _SLACK:
        return whole
    cutoff = max(needed / FRAGMENT_WEIGHT - _SLACK, 0.0)
    for steps in _BOUND_STEPS:  # a coarse bound (a few slices) first, then a finer one
        if coarse is not None and coarse >= 0 and steps == _BOUND_STEPS[0]:
            bound = coarse  # computed for a cutoff at most this one: it holds here too
        else:
            bound = containment_bound(form, clause_form, cutoff, steps, whole=whole)
        if FRAGMENT_WEIGHT * bound < needed - _SLACK:
            return whole
    return max(whole, FRAGMENT_WEIGHT * containment(form, clause_form, cutoff=cutoff))


def _score_bound(form: str, clause_form: str, whole: float) -> float:
    """At most :func:`score_above` of ``clause_form`` (``whole``: their similarity)."""
    if len(form) >= len(clause_form) or whole >= FRAGMENT_WEIGHT:
        return whole
    return max(whole, FRAGMENT_WEIGHT * min(1.0, _stretch_bound(form, clause_form, whole)))


def _score_bounds(form: str, wordings: Sequence[str], wholes: Sequence[float]) -> list[float]:
    """:func:`_score_bound` of each wording (``wholes``: their similarities), in one loop.

    The same floats as :func:`_score_bound` (the same operations in the same order), without
    two Python calls a wording: this runs for each of the 4,000 candidates of a query.
    """
    size = len(form)
    bounds = []
    for wording, whole in zip(wordings, wholes, strict=True):
        total = len(wording)
        if size >= total or whole >= FRAGMENT_WEIGHT:
            bounds.append(whole)
            continue
        common = whole * (size + total) / 2 + _SLACK  # _stretch_bound(form, wording, whole)
        stretch = 2 * common / (size + (common if common > 1 else 1)) if common > 0 else 0.0
        fragment = FRAGMENT_WEIGHT * (stretch if stretch < 1.0 else 1.0)
        bounds.append(fragment if fragment > whole else whole)
    return bounds


def _stretch_bound(form: str, text: str, whole: float, shortest: int = 1) -> float:
    """At most the similarity of ``form`` to a stretch of ``text`` at least ``shortest`` long.

    ``whole`` is the similarity of ``form`` to all of ``text``: it gives L, the longest common
    subsequence of the two (similarity = 2L / (len a + len b)). A stretch of length m shares
    at most min(L, m) characters in order with the draft, so its similarity to the draft is
    at most 2L / (len(form) + max(m, L)).
    """
    common = whole * (len(form) + len(text)) / 2 + _SLACK
    return 2 * common / (len(form) + max(shortest, common)) if common > 0 else 0.0


# Slices per edge of the clause, and per draft length of the clause's middle, in the bound.
_EDGE_STEPS = 16
_MIDDLE_STEPS = 4
# The bounds tried in turn before the stretch search: (middle, edge) slices.
_BOUND_STEPS = ((4, 4), (8, _EDGE_STEPS))


def containment_bound(
    form: str,
    clause_form: str,
    cutoff: float = 0.0,
    steps: tuple[int, int] = (_MIDDLE_STEPS, _EDGE_STEPS),
    *,
    whole: float | None = None,
) -> float:
    """At most :func:`~resdiff.compare.similarity.containment` of ``form`` in ``clause_form``
    (when that containment is at least ``cutoff``; below it, some value).

    The containment (rapidfuzz's ``partial_ratio``) is the best similarity of the draft to a
    stretch of the clause as long as the draft, or to a shorter one at either end. Every such
    stretch lies inside a slice bounded here through :func:`_stretch_bound`: overlapping
    slices of the middle, a quarter of the draft longer than it, for the full-length
    stretches, and growing slices at each end for the shorter ones. A stretch of m
    characters is at most 2m / (len(draft) + m) similar to the draft: end slices start at
    the shortest stretch that could reach ``cutoff``. A few whole-text similarities, in one
    C loop (microseconds), instead of the stretch search (about a millisecond). ``steps``
    are the slices per draft length in the middle and per edge: fewer, a looser bound.

    ``whole``, the similarity of ``form`` to all of ``clause_form``, gives L, their longest
    common subsequence, which no slice exceeds: a slice shares at most min(L, its length)
    characters with the draft, and one whose bound from that alone is below ``cutoff`` is
    not compared at all (nor the middle, when L / len(draft) is below it: a full-length
    stretch is then too far from the draft). With near variants most slices are settled so.

    Example:
        >>> containment_bound("ab", "xxabxx") >= 1.0
        True
    """
    size, total = len(form), len(clause_form)
    if size == 0 or total <= size:
        return 1.0  # not a case the bound is for (equal lengths are compared both ways)
    pieces: list[str] = []
    shortest: list[int] = []
    middle_steps, edge_steps = steps
    # At most the LCS of the draft and the whole clause (no bound from it without ``whole``).
    common_all = whole * (size + total) / 2 + _SLACK if whole is not None else float(size)
    bound = 0.0
    if whole is not None and common_all / size < cutoff:
        bound = common_all / size  # every full-length stretch: 2 min(L, size) / (2 size)
    else:
        step = max(size // middle_steps, 1)
        for start in range(0, total, step):  # full-length stretches
            pieces.append(clause_form[start : start + size + step])
            shortest.append(size)
            if start + size + step >= total:
                break
    # Stretches at the ends, from the shortest that could reach the cutoff to the draft's
    # length: 2m / (size + m) >= cutoff when m >= cutoff * size / (2 - cutoff).
    low = max(int(cutoff * size / (2 - cutoff)) - 1, 0) if cutoff < 1 else size - 1
    edges: list[tuple[int, int]] = []  # (slice length, shortest stretch it bounds)
    for k in range(1, edge_steps + 1):
        length = low + -(-(size - low) * k // edge_steps)
        edges.append((length, edges[-1][0] + 1 if edges else low + 1))
    if whole is None:
        for length, least in edges:
            pieces += [clause_form[:length], clause_form[total - length :]]
            shortest += [least, least]
    else:
        bound = max(bound, _edge_bound(form, clause_form, edges, common_all, cutoff))
    ratios = similarities(form, pieces) if pieces else []
    for piece, ratio, least in zip(pieces, ratios, shortest, strict=True):
        # _stretch_bound(form, piece, ratio, least), inlined (and comparisons rather than
        # max() calls): it runs for every slice, a million times in a query of 4,000.
        common = ratio * (size + len(piece)) / 2 + _SLACK
        if common > 0:
            value = 2 * common / (size + (least if least > common else common))
            if value > bound:
                bound = value
    return min(bound, 1.0)


def _edge_bound(
    form: str, clause_form: str, edges: Sequence[tuple[int, int]], common: float, cutoff: float
) -> float:
    """:func:`containment_bound`'s bound for the stretches at the ends, given L (``common``).

    The slices at one end are nested, so each shares at most what the next longer one
    shares with the draft: taken longest first, every slice compared lowers the bound of the
    shorter ones, and a slice whose bound from that alone is below ``cutoff`` is not
    compared. ``edges`` are ``(length, shortest stretch)`` pairs, shortest slice first.
    """
    size, total = len(form), len(clause_form)
    bound = 0.0
    for prefix in (True, False):
        cap = common  # at most what the longer slices at this end share with the draft
        for length, least in reversed(edges):
            shared = min(cap, length + _SLACK)
            most = 2 * shared / (size + (least if least > shared else shared))
            if most >= cutoff:
                piece = clause_form[:length] if prefix else clause_form[total - length :]
                shared = min(cap, similarity(form, piece) * (size + length) / 2 + _SLACK)
                cap = shared
                most = 2 * shared / (size + (least if least > shared else shared))
            if most > bound:
                bound = most
    return bound


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
