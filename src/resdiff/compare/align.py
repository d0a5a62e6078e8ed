"""Align the units of two resolutions by content, as a sequence of named passes.

:meth:`Aligner.align` reads like a rename detector:

1. ``exact``: units whose comparison forms are equal are paired by hashing (first unused
   old unit of the same form for each new unit, so duplicates pair in order);
2. ``anchors``: a longest increasing subsequence over those pairs keeps the most units in
   place; the exact pairs outside it are the fewest units that must be marked moved;
3. ``gap candidates``: what remains is scored with rapidfuzz only within the gaps between
   consecutive anchors, where a reworded clause almost always stays;
4. ``moved candidates``: what still remains is scored across the whole document (reworded
   *and* moved), capped by ``max_candidates`` per unit;
5. ``splits and merges``: one old unit against the concatenation of consecutive new units
   (a split), and back (a merge), when that explains the texts better than a single pairing;
6. ``moved``: a final longest increasing subsequence over every pairing decides which are moved.

Only units of the same class are compared (a title with a title, a footnote with a footnote),
but preamble, operative paragraphs and sub-items form one class: a clause may cross from the
preamble to the operative part. Where candidates compete, pairs are chosen by an optimal
assignment (maximal total similarity) within each connected group of competing candidates.
"""

from __future__ import annotations

import bisect
import itertools
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from resdiff.compare._assign import longest_increasing, max_weight_assignment
from resdiff.compare.comparable import comparison_form
from resdiff.compare.similarity import containment, similar_pairs, similarity
from resdiff.model import Unit, UnitKind

logger = logging.getLogger(__name__)

# Pair two units as the same clause reworded from this similarity of their comparison forms:
# resolutions reuse long formulas ("des Nations Unies contre la drogue et le crime"), so two
# unrelated clauses often reach 0.4-0.5, while a rewording of a clause keeps well above 0.6.
SIMILARITY_THRESHOLD = 0.6
# A split (or merge) is kept when the concatenation scores at least this much...
SPLIT_THRESHOLD = 0.8
# ...and beats the best single pairing of the whole unit by this margin.
SPLIT_GAIN = 0.05
# A part of a split must be found inside the whole at least this well (partial ratio).
PART_CONTAINMENT = 0.85
# At most this many parts in one split or merge.
MAX_PARTS = 8
# At most this many candidates scored per unit in the document-wide pass (bounds the
# quadratic work on very different documents).
MAX_CANDIDATES = 200
# Hungarian assignment on components up to this many units per side; greedy by score above.
MAX_HUNGARIAN = 60

_BODY = frozenset({UnitKind.PREAMBLE, UnitKind.OPERATIVE, UnitKind.SUBITEM})


def unit_class(kind: UnitKind) -> str:
    """The class of units a unit may be paired with: ``body`` for every kind of paragraph."""
    return "body" if kind in _BODY else kind.value


@dataclass(frozen=True, slots=True)
class Pairing:
    """Old units paired with new units (indices into each side): 1:1, 1:n (split) or n:1."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    moved: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    """The result of aligning two unit sequences."""

    pairings: tuple[Pairing, ...]
    removed: tuple[int, ...]  # old indices left unpaired
    added: tuple[int, ...]  # new indices left unpaired


@dataclass
class _State:
    old_forms: list[str]
    new_forms: list[str]
    old_class: list[str]
    new_class: list[str]
    old_of_new: dict[int, tuple[int, ...]] = field(default_factory=dict)
    groups: dict[tuple[int, ...], tuple[tuple[int, ...], float]] = field(default_factory=dict)

    def pair(self, old: tuple[int, ...], new: tuple[int, ...], score: float) -> None:
        self.groups[old] = (new, score)
        for j in new:
            self.old_of_new[j] = old

    def unpair_old(self, i: int) -> None:
        for old, (new, _score) in list(self.groups.items()):
            if i in old:
                del self.groups[old]
                for j in new:
                    self.old_of_new.pop(j, None)

    @property
    def paired_old(self) -> set[int]:
        return {i for old in self.groups for i in old}

    def free_old(self) -> list[int]:
        paired = self.paired_old
        return [i for i in range(len(self.old_forms)) if i not in paired]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.new_forms)) if j not in self.old_of_new]


class Aligner:
    """Pairs the units of two resolutions by content. Settings default to the module constants.

    Example:
        >>> old = [Unit("op1", UnitKind.OPERATIVE, "Décide de rester saisi de la question ;")]
        >>> new = [Unit("op1", UnitKind.OPERATIVE, "Prie le Secrétaire général de faire rapport ;"),
        ...        Unit("op2", UnitKind.OPERATIVE, "Décide de rester saisi de la question ;")]
        >>> Aligner().align(old, new)
        Alignment(pairings=(Pairing(old=(0,), new=(1,), similarity=1.0, moved=False),), \
removed=(), added=(0,))
    """

    def __init__(
        self,
        threshold: float = SIMILARITY_THRESHOLD,
        split_threshold: float = SPLIT_THRESHOLD,
        split_gain: float = SPLIT_GAIN,
        max_candidates: int = MAX_CANDIDATES,
        max_parts: int = MAX_PARTS,
    ) -> None:
        self.threshold = threshold
        self.split_threshold = split_threshold
        self.split_gain = split_gain
        self.max_candidates = max_candidates
        self.max_parts = max_parts

    def align(self, old: Sequence[Unit], new: Sequence[Unit]) -> Alignment:
        """Pair old and new units; see the module docstring for the passes.

        Args:
            old: the old units, in document order.
            new: the new units, in document order.

        Returns:
            Pairings (with their moved flags) and the unpaired units of each side.
        """
        state = _State(
            [comparison_form(u.text) for u in old],
            [comparison_form(u.text) for u in new],
            [unit_class(u.kind) for u in old],
            [unit_class(u.kind) for u in new],
        )
        self._exact(state)
        anchors = self._anchors(state)
        self._gap_candidates(state, anchors)
        self._moved_candidates(state)
        self._splits(state, reverse=False)
        self._splits(state, reverse=True)
        return self._classify(state)

    def _exact(self, state: _State) -> None:
        """Pass 1: pair equal comparison forms of the same class, in order."""
        waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, form in reversed(list(enumerate(state.old_forms))):
            waiting[(state.old_class[i], form)].append(i)  # reversed: pop() gives the first
        for j, form in enumerate(state.new_forms):
            queue = waiting.get((state.new_class[j], form))
            if queue:
                state.pair((queue.pop(),), (j,), 1.0)

    def _anchors(self, state: _State) -> list[tuple[int, int]]:
        """Pass 2: the exact pairs in a longest increasing order, as (old, new) anchors."""
        exact = sorted((new[0], old[0]) for old, (new, _s) in state.groups.items())
        kept = longest_increasing([i for _j, i in exact])
        return [(exact[k][1], exact[k][0]) for k in sorted(kept)]

    def _gap_candidates(self, state: _State, anchors: list[tuple[int, int]]) -> None:
        """Pass 3: score unpaired units within each gap between consecutive anchors."""
        free_old, free_new = set(state.free_old()), set(state.free_new())
        bounds = [(-1, -1), *anchors, (len(state.old_forms), len(state.new_forms))]
        for (old_lo, new_lo), (old_hi, new_hi) in itertools.pairwise(bounds):
            gap_old = [i for i in range(old_lo + 1, old_hi) if i in free_old]
            gap_new = [j for j in range(new_lo + 1, new_hi) if j in free_new]
            if gap_old and gap_new:
                self._assign(state, gap_old, gap_new)

    def _moved_candidates(self, state: _State) -> None:
        """Pass 4: score what remains across the document (clauses reworded and moved)."""
        free_old, free_new = state.free_old(), state.free_new()
        if free_old and free_new:
            self._assign(state, free_old, free_new)

    def _assign(self, state: _State, olds: list[int], news: list[int]) -> None:
        """Score candidates, then pick the best compatible pairs per competing component."""
        edges: dict[tuple[int, int], float] = {}
        by_class_new: dict[str, list[int]] = defaultdict(list)
        for j in news:
            by_class_new[state.new_class[j]].append(j)
        by_class_old: dict[str, list[int]] = defaultdict(list)
        for i in olds:
            by_class_old[state.old_class[i]].append(i)
        for cls, class_olds in by_class_old.items():
            class_news = by_class_new.get(cls, [])
            if not class_news:
                continue
            for chunk_olds, chunk_news in self._windows(class_olds, class_news, state):
                pairs = similar_pairs(
                    [state.old_forms[i] for i in chunk_olds],
                    [state.new_forms[j] for j in chunk_news],
                    self.threshold,
                )
                for a, b, score in pairs:
                    if score >= self.threshold:
                        key = (chunk_olds[a], chunk_news[b])
                        edges[key] = max(edges.get(key, 0.0), score)
        for component in _components(edges):
            for i, j, score in _choose(component, edges, self.threshold):
                state.pair((i,), (j,), score)

    def _windows(
        self, olds: list[int], news: list[int], state: _State
    ) -> list[tuple[list[int], list[int]]]:
        """Split a large scoring job so each old unit meets at most ``max_candidates`` units.

        New units are taken around the old units' relative position in the document, which is
        where a clause moved by a few places still is.
        """
        cap = max(2, self.max_candidates)
        if len(news) <= cap:
            return [(olds, news)]
        jobs = []
        scale = len(state.new_forms) / max(1, len(state.old_forms))
        step = cap // 2
        for start in range(0, len(olds), step):
            chunk = olds[start : start + step]
            centre = (chunk[0] + chunk[-1]) / 2 * scale
            nearest = sorted(news, key=lambda j: (abs(j - centre), j))[:cap]
            jobs.append((chunk, sorted(nearest)))
        return jobs

    def _splits(self, state: _State, reverse: bool) -> None:
        """Pass 5: one unit against the concatenation of consecutive units of the other side.

        ``reverse=False`` looks for splits (one old, several new), ``True`` for merges.
        """
        whole_forms = state.new_forms if reverse else state.old_forms
        part_forms = state.old_forms if reverse else state.new_forms
        part_class = state.old_class if reverse else state.new_class
        whole_class = state.new_class if reverse else state.old_class
        partner = _partners(state, reverse)  # whole index -> (part indices, score)
        free_parts = set(state.free_old() if reverse else state.free_new())
        if not free_parts:
            return
        ordered = sorted(free_parts)  # re-sorted only when a split takes parts
        for whole in range(len(whole_forms)):
            current, score = partner.get(whole, ((), 0.0))
            if len(current) > 1 or score >= 1.0:
                continue
            form = whole_forms[whole]
            # Parts of a split stay near where the whole was: near its partner if it has one,
            # else near its relative position in the document.
            scale = len(part_forms) / max(1, len(whole_forms))
            centre = current[0] if current else whole * scale
            reach = self.max_parts if current else self.max_candidates
            # The eligible parts within reach, in order: a window of the sorted free parts
            # (bisect) plus the current partners, not a sort of every free part per whole.
            low, high = centre - reach, centre + reach
            window = ordered[bisect.bisect_left(ordered, low) : bisect.bisect_right(ordered, high)]
            near = sorted({*window, *(p for p in current if low <= p <= high)})
            seeds = [
                p
                for p in near
                if part_class[p] == whole_class[whole]
                and len(part_forms[p]) < len(form)  # a part is shorter than its whole
                and containment(part_forms[p], form, PART_CONTAINMENT) >= PART_CONTAINMENT
            ]
            best: tuple[float, tuple[int, ...]] | None = None
            # Only a whole with seeds needs the parts it may take (a copy of every free part
            # per whole was quadratic in a heavy revision, where many parts are free).
            eligible = free_parts | set(current) if seeds else set()
            for seed in seeds[: self.max_parts * 2]:
                run = self._grow(seed, eligible, part_forms, part_class, form, whole_class[whole])
                if len(run) < 2 or set(current) - set(run):
                    continue
                joined = similarity(form, " ".join(part_forms[p] for p in run))
                if best is None or joined > best[0]:
                    best = (joined, run)
            if best is None:
                continue
            joined, run = best
            if joined >= self.split_threshold and joined >= score + self.split_gain:
                self._replace(state, whole, current, run, joined, reverse)
                free_parts -= set(run)
                ordered = sorted(free_parts)

    def _grow(
        self,
        seed: int,
        eligible: set[int],
        forms: list[str],
        classes: list[str],
        whole: str,
        cls: str,
    ) -> tuple[int, ...]:
        """Extend a run of consecutive parts around ``seed`` while each part is in ``whole``."""
        run = [seed]
        for step in (-1, 1):
            nxt = seed + step
            while (
                len(run) < self.max_parts
                and nxt in eligible
                and classes[nxt] == cls
                and containment(forms[nxt], whole, PART_CONTAINMENT) >= PART_CONTAINMENT
            ):
                run.append(nxt)
                nxt += step
        return tuple(sorted(run))

    @staticmethod
    def _replace(
        state: _State,
        whole: int,
        current: tuple[int, ...],
        run: tuple[int, ...],
        score: float,
        reverse: bool,
    ) -> None:
        if reverse:  # merge: several old units, one new unit
            if current:
                state.unpair_old(current[0])
            state.old_of_new.pop(whole, None)
            state.pair(run, (whole,), score)
        else:
            state.unpair_old(whole)
            state.pair((whole,), run, score)

    def _classify(self, state: _State) -> Alignment:
        """Pass 6: a longest increasing subsequence over all pairings decides what moved."""
        order = sorted(state.groups.items(), key=lambda item: min(item[1][0]))
        kept = longest_increasing([min(old) for old, _ in order])
        pairings = tuple(
            Pairing(old, new, score, moved=k not in kept)
            for k, (old, (new, score)) in enumerate(order)
        )
        return Alignment(pairings, tuple(state.free_old()), tuple(state.free_new()))


def _partners(state: _State, reverse: bool) -> dict[int, tuple[tuple[int, ...], float]]:
    """For each unit of the 'whole' side, the units it is paired with and the score."""
    found: dict[int, tuple[tuple[int, ...], float]] = {}
    for old, (new, score) in state.groups.items():
        wholes, parts = (new, old) if reverse else (old, new)
        if len(wholes) == 1:
            found[wholes[0]] = (parts, score)
    return found


def _components(edges: dict[tuple[int, int], float]) -> list[list[tuple[int, int]]]:
    """Connected components of the bipartite candidate graph, in a deterministic order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(("o", i))] = find(("n", j))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for i, j in sorted(edges):
        groups[find(("o", i))].append((i, j))
    return list(groups.values())


def _choose(
    component: list[tuple[int, int]], edges: dict[tuple[int, int], float], threshold: float
) -> list[tuple[int, int, float]]:
    """Best pairs of one component: optimal assignment if small, else greedy by score.

    Greedy by descending score (ties: nearest positions first) is a 1/2-approximation of the
    optimum and only runs on components larger than ``MAX_HUNGARIAN`` units per side, which
    happen only when many near-identical clauses compete.
    """
    olds = sorted({i for i, _ in component})
    news = sorted({j for _, j in component})
    if len(component) == 1:
        ((i, j),) = component
        return [(i, j, edges[(i, j)])]
    if max(len(olds), len(news)) <= MAX_HUNGARIAN:
        # Weigh a pair by how far it clears the threshold, so one excellent pair is preferred
        # to two mediocre ones that together score a little more.
        floor = threshold - 1e-6
        weights = [[max(0.0, edges.get((i, j), floor) - floor) for j in news] for i in olds]
        chosen = max_weight_assignment(weights)
        return [(olds[a], news[b], edges[(olds[a], news[b])]) for a, b in chosen]
    greedy: list[tuple[int, int, float]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for i, j in sorted(component, key=lambda e: (-edges[e], abs(e[0] - e[1]), e)):
        if i not in used_old and j not in used_new:
            greedy.append((i, j, edges[(i, j)]))
            used_old.add(i)
            used_new.add(j)
    return greedy
