"""Clause lineages: the pairwise comparisons of consecutive versions, chained over a series.

A *lineage* is a clause followed through every version of a series. Two units of consecutive
versions are linked when the differ pairs them (unchanged, modified, split or merged); a
lineage is a connected group of linked units. So a clause that is renumbered stays in its
lineage, a clause cut in two keeps both parts in the lineage of the clause they came from,
and two clauses merged into one join their lineages. A clause added in a version starts a
lineage; one removed ends it.

Lineages are ordered by position in the latest text; a lineage that ended earlier is placed
right after the lineage of the unit that preceded it when it was last seen.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from resdiff.errors import InvalidSymbol
from resdiff.model import Change, ChangeStatus, Comparison, Resolution
from resdiff.symbols import ResolutionSymbol

# A unit in a series: (index of its version, unit id).
Node = tuple[int, str]
# What names a lineage while they are ordered: its first unit, or its index.
G = TypeVar("G", bound=Hashable)


class CellState(enum.StrEnum):
    """What happened to a lineage in one version."""

    ADDED = "added"  # first version where it exists
    UNCHANGED = "unchanged"  # same words as in the previous version (maybe renumbered, moved)
    MODIFIED = "modified"  # reworded, split, merged or partly removed
    ABSENT = "absent"  # not in this version


@dataclass(frozen=True, slots=True)
class Cell:
    """A lineage in one version: its units there, its state and the changes that led to it.

    ``events`` name what else happened: ``renumbered``, ``moved``, ``split``, ``merged``,
    ``removed`` (the lineage, or one of its parts, was dropped in this version).
    """

    ids: tuple[str, ...]
    state: CellState
    events: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class Lineage:
    """One clause followed through a series: a cell per version of the series.

    ``key`` names it by where it first appeared: ``2091/1:op3``.
    """

    key: str
    cells: tuple[Cell, ...]

    @property
    def first(self) -> int:
        """Index of the version where the lineage first appears."""
        return next(k for k, cell in enumerate(self.cells) if cell.ids)

    @property
    def last(self) -> int:
        """Index of the last version where the lineage exists."""
        # From the end: most lineages live on to the latest version (one step, not all).
        return next(k for k in range(len(self.cells) - 1, -1, -1) if self.cells[k].ids)


@dataclass(frozen=True, slots=True)
class SeriesHistory:
    """The versions of a series (oldest first), their consecutive comparisons and lineages.

    ``comparisons[k]`` compares ``versions[k]`` with ``versions[k + 1]``.
    """

    series: str
    versions: tuple[Resolution, ...]
    comparisons: tuple[Comparison, ...]
    lineages: tuple[Lineage, ...]
    # Versions of the series without a text in the history's language: (symbol, languages).
    left_out: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def index(self, symbol: str) -> int:
        """Index of the version with this symbol.

        Raises:
            KeyError: no version of the series has it.
        """
        for k, version in enumerate(self.versions):
            if version.symbol == symbol:
                return k
        raise KeyError(symbol)

    def lineage_of(self, version: int, unit_id: str) -> Lineage:
        """The lineage holding unit ``unit_id`` of ``versions[version]``.

        Raises:
            KeyError: the version has no such unit.
        """
        for lineage in self.lineages:
            if unit_id in lineage.cells[version].ids:
                return lineage
        raise KeyError(unit_id)


def build_history(
    series: str, versions: Sequence[Resolution], comparisons: Sequence[Comparison]
) -> SeriesHistory:
    """Chain consecutive comparisons into lineages.

    Args:
        series: the series name.
        versions: the versions, oldest first.
        comparisons: ``comparisons[k]`` compares ``versions[k]`` with ``versions[k + 1]``.
    """
    groups = _link(versions, comparisons)
    order = _order(versions, groups)
    members: dict[Node, list[Node]] = {}
    for node, root in groups.items():
        members.setdefault(root, []).append(node)
    # Indexes built once, so that each lineage costs its own size, not the series' size.
    positions = [{unit_id: n for n, unit_id in enumerate(v.ids)} for v in versions]
    touching = [_ChangeIndex(comparison) for comparison in comparisons]
    lineages = tuple(_lineage(versions, positions, touching, members[root]) for root in order)
    return SeriesHistory(series, tuple(versions), tuple(comparisons), lineages)


def extend_history(
    history: SeriesHistory, version: Resolution, comparison: Comparison
) -> SeriesHistory | None:
    """:func:`build_history` of ``history``'s versions and ``version``, given the comparison
    of its last version with ``version``: only the new version's units are linked.

    Returns:
        The history :func:`build_history` gives for the longer series (``left_out`` empty),
        or None when the new comparison joins two existing lineages (every earlier cell of
        the joined lineage would change: build it whole then).
    """
    n = len(history.versions)
    owner: dict[str, int] = {}  # a unit of the last version: the index of its lineage
    for i, lineage in enumerate(history.lineages):
        for unit_id in lineage.cells[n - 1].ids:
            owner[unit_id] = i
    found = _continued(owner, version, comparison)
    if found is None:
        return None
    by_lineage, new_groups = found
    touching = _ChangeIndex(comparison)
    lineages = []
    for i, lineage in enumerate(history.lineages):
        before = lineage.cells[n - 1].ids
        ids = by_lineage.get(i)
        if not ids:
            cell = _REMOVED if before else _ABSENT
        elif not before:
            cell = Cell(tuple(ids), CellState.ADDED)
        else:
            cell = _cell(tuple(ids), touching.involving(before, ids))
        lineages.append(Lineage(lineage.key, (*lineage.cells, cell)))
    absent = (_ABSENT,) * n
    short = _short(version)
    for ids in new_groups:
        lineages.append(Lineage(f"{short}:{ids[0]}", (*absent, Cell(tuple(ids), CellState.ADDED))))
    versions = (*history.versions, version)
    # Every unit of every version mapped to the index of its lineage, for the ordering.
    groups: dict[Node, int] = {}
    for i, lineage in enumerate(lineages):
        for k, cell in enumerate(lineage.cells):
            for unit_id in cell.ids:
                groups[(k, unit_id)] = i
    order = _order(versions, groups)
    return SeriesHistory(
        history.series, versions, (*history.comparisons, comparison),
        tuple(lineages[i] for i in order),
    )  # fmt: skip


def _continued(
    owner: dict[str, int], version: Resolution, comparison: Comparison
) -> tuple[dict[int, list[str]], list[list[str]]] | None:
    """The new version's units by the lineage they continue (the index ``owner`` gives the
    old units), and the groups of those that start new lineages, each in position order;
    None when the comparison joins two lineages."""
    parent: dict[str, str] = {unit.id: unit.id for unit in version.units}
    joined: dict[str, int] = {}  # a group's representative: the lineage it continues

    def find(unit_id: str) -> str:
        while parent[unit_id] != unit_id:
            parent[unit_id] = parent[parent[unit_id]]
            unit_id = parent[unit_id]
        return unit_id

    for change in comparison.changes:  # union-find over the new units
        continued = {owner.get(unit.id, -1) for unit in change.old}
        roots = {find(unit.id) for unit in change.new}
        continued.update(joined[r] for r in roots if r in joined)
        if len(continued) > 1 or -1 in continued:
            return None
        if not roots:
            continue
        root = min(roots)
        for other in roots:
            parent[other] = root
            joined.pop(other, None)
        if continued:
            joined[root] = continued.pop()
    by_lineage: dict[int, list[str]] = {}
    new_groups: dict[str, list[str]] = {}
    for unit in version.units:  # in position order: each list comes out sorted
        root = find(unit.id)
        if root in joined:
            by_lineage.setdefault(joined[root], []).append(unit.id)
        else:
            new_groups.setdefault(root, []).append(unit.id)
    return by_lineage, list(new_groups.values())


class _ChangeIndex:
    """The changes of one comparison that involve each old and each new unit id."""

    def __init__(self, comparison: Comparison) -> None:
        self.changes = comparison.changes
        self.by_old: dict[str, list[int]] = {}
        self.by_new: dict[str, list[int]] = {}
        for n, change in enumerate(comparison.changes):
            for unit in change.old:
                self.by_old.setdefault(unit.id, []).append(n)
            for unit in change.new:
                self.by_new.setdefault(unit.id, []).append(n)

    def involving(self, before: Sequence[str], now: Sequence[str]) -> tuple[Change, ...]:
        """The changes with an old unit in ``before`` or a new unit in ``now``, in order."""
        if len(before) == 1 and len(now) == 1:  # most cells: one unit paired with one unit
            olds = self.by_old.get(before[0], ())
            if len(olds) == 1 and self.by_new.get(now[0], ()) == olds:
                return (self.changes[olds[0]],)
        found = {n for unit_id in before for n in self.by_old.get(unit_id, ())}
        found.update(n for unit_id in now for n in self.by_new.get(unit_id, ()))
        return tuple(self.changes[n] for n in sorted(found))


def _link(versions: Sequence[Resolution], comparisons: Sequence[Comparison]) -> dict[Node, Node]:
    """Union-find over units: each unit mapped to the representative of its lineage."""
    parent: dict[Node, Node] = {}
    for k, version in enumerate(versions):
        for unit in version.units:
            parent[(k, unit.id)] = (k, unit.id)

    def find(node: Node) -> Node:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for k, comparison in enumerate(comparisons):
        for change in comparison.changes:
            nodes = [(k, u.id) for u in change.old] + [(k + 1, u.id) for u in change.new]
            for node in nodes[1:]:
                a, b = find(nodes[0]), find(node)
                if a != b:
                    parent[max(a, b)] = min(a, b)  # the earliest unit represents the group
    return {node: find(node) for node in parent}


def _order(versions: Sequence[Resolution], groups: Mapping[Node, G]) -> list[G]:
    """Lineages in the latest text's order; earlier ones after the unit that preceded them."""
    # A linked list (each lineage → the next one): inserting after a lineage costs nothing,
    # where a list's index() and insert() made the ordering quadratic.
    head: G | None = None
    after: dict[G, G | None] = {}
    for k in range(len(versions) - 1, -1, -1):
        previous: G | None = None
        for unit in versions[k].units:
            root = groups[(k, unit.id)]
            if root not in after:
                if previous is None:
                    after[root], head = head, root
                else:
                    after[root], after[previous] = after[previous], root
            previous = root
    order: list[G] = []
    node = head
    while node is not None:
        order.append(node)
        node = after[node]
    return order


def _lineage(
    versions: Sequence[Resolution],
    positions: Sequence[dict[str, int]],
    touching: Sequence[_ChangeIndex],
    nodes: list[Node],
) -> Lineage:
    ids_at: list[list[str]] = [[] for _ in versions]
    for k, unit_id in nodes:
        ids_at[k].append(unit_id)
    for k, ids in enumerate(ids_at):
        if len(ids) > 1:  # most cells hold one unit, or none
            ids.sort(key=positions[k].__getitem__)
    cells = []
    before: list[str] = []
    for k, ids in enumerate(ids_at):
        if not ids:
            cells.append(_REMOVED if before else _ABSENT)  # frozen: one of each is shared
        elif not before:
            cells.append(Cell(tuple(ids), CellState.ADDED))
        else:
            cells.append(_cell(tuple(ids), touching[k - 1].involving(before, ids)))
        before = ids
    first_k, first_id = min(nodes, key=lambda n: (n[0], positions[n[0]][n[1]]))
    key = f"{_short(versions[first_k])}:{first_id}"
    return Lineage(key, tuple(cells))


_ABSENT = Cell((), CellState.ABSENT)
_REMOVED = Cell((), CellState.ABSENT, ("removed",))


def _cell(ids: tuple[str, ...], changes: tuple[Change, ...]) -> Cell:
    if len(changes) == 1 and changes[0].status is ChangeStatus.UNCHANGED:
        # Most cells: a clause kept as it was (renumbered or moved, perhaps).
        change = changes[0]
        kept: tuple[str, ...] = ("renumbered",) if change.renumbered else ()
        kept += ("moved",) if change.moved else ()
        return Cell(ids, CellState.UNCHANGED, kept, changes)
    statuses = {c.status for c in changes}  # one pass over the changes, not one per event
    events = [s.value for s in _EVENT_STATUSES if s in statuses]
    if any(c.renumbered for c in changes):
        events.append("renumbered")
    if any(c.moved for c in changes):
        events.append("moved")
    same = statuses <= {ChangeStatus.UNCHANGED}
    return Cell(ids, CellState.UNCHANGED if same else CellState.MODIFIED, tuple(events), changes)


# The statuses a cell names as events, in the order it names them.
_EVENT_STATUSES = (ChangeStatus.SPLIT, ChangeStatus.MERGED, ChangeStatus.REMOVED)


def _short(resolution: Resolution) -> str:
    """``2091/1`` for ``E/RES/2091/1``: the short symbol a lineage key starts with."""
    try:
        return ResolutionSymbol.parse(resolution.symbol).short
    except InvalidSymbol:
        return resolution.symbol
