"""Whole series histories kept in the store's cache, found again without reading the store.

A history is saved under a key made of the git tree id of its series folder at HEAD, taken
only when git says nothing in that folder is staged, modified or untracked (see
:func:`resdiff.storage.git.clean_tree`). So a second ``timeline``, ``log`` or ``blame`` on an
unchanged, committed series reads one file instead of every version's unit files, and any
change to the series (a commit, an edit not committed yet, a checkout) gives another key or
none at all; without a key (no git, a dirty series) the history is built from the store as
before. Unused entries are simply never read again.

A saved history is JSON (never pickle: the cache sits in a store someone else may hand you)
in which every text is written once in a string table and referred to by its index, since
most clauses keep the same text from one version to the next.
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resdiff import __version__
from resdiff._cachedir import prepare, write_atomically
from resdiff.history.lineage import Cell, CellState, Lineage, SeriesHistory
from resdiff.model import (
    Change,
    ChangeStatus,
    Comparison,
    Resolution,
    Suppressed,
    Token,
    Unit,
    UnitKind,
)
from resdiff.storage.meta import LanguageEntry, StoredVersion

logger = logging.getLogger(__name__)

# Bump when the serialised shape below changes.
HISTORY_FORMAT = 1


def saved_state(store_root: Path, series: str, lang: str | None) -> tuple[str, str] | None:
    """The key of a series' history in this language and the git tree id of the series
    folder it is made from, or None when git cannot vouch for it.

    Args:
        store_root: the store's folder.
        series: the series (a valid series name, so a safe git path).
        lang: the language asked for (None: the series' commonest one).
    """
    return saved_state_started(store_root, series, lang)()


def saved_state_started(
    store_root: Path, series: str, lang: str | None, clean_tree: str | None = None
) -> Callable[[], tuple[str, str] | None]:
    """:func:`saved_state`, git asked now: call the result for the answer (at most once
    waiting for git; every call gives the same answer).

    ``clean_tree`` is the series folder's tree id when git has just said so (the same two
    commands, run by :mod:`resdiff._fast_timeline` in this process): git is not asked again.
    """
    if lang is not None and not _LANG_RE.fullmatch(lang):
        return lambda: None  # not a language code: never part of a file name
    if clean_tree is not None:
        tree_of: Callable[[], str | None] = lambda: clean_tree  # noqa: E731
    else:
        from resdiff.storage.git import clean_tree_started

        tree_of = clean_tree_started(store_root, series)

    def answer() -> tuple[str, str] | None:
        tree = tree_of()
        if tree is None:
            return None
        payload = [__version__, HISTORY_FORMAT, series, lang, tree]
        digest = hashlib.sha256(json.dumps(payload).encode("utf-8")).hexdigest()
        return f"{series}.{lang or 'any'}.{digest}", tree

    return answer


_LANG_RE = re.compile(r"[a-z]{2}")


def _path(folder: Path, key: str) -> Path:
    return folder / "history" / f"{key}.json"


def _prune(folder: Path, key: str) -> None:
    """Remove the histories saved for the same series and language under older keys.

    One file per series and language is kept: the cache does not grow with every commit.
    """
    prefix = key.rsplit(".", 1)[0] + "."
    for old in (folder / "history").glob(f"{glob.escape(prefix)}*.json"):
        if old.name != f"{key}.json":
            old.unlink(missing_ok=True)


def read_history(folder: Path, key: str) -> SeriesHistory | None:
    """The history saved under ``key``, or None (absent or unreadable: it is rebuilt)."""
    path = _path(folder, key)
    try:
        data = json.loads(path.read_bytes())
        return decode(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        logger.debug("ignoring the unreadable saved history %s", path)
        return None


def read_previous(folder: Path, key: str) -> tuple[SeriesHistory, dict[str, str], Seed] | None:
    """The history saved for the same series and language under another key (an older
    tree of the series), with the git tree id of each of its version folders and what
    writing a history that keeps its objects needs (a :class:`Seed`); None when there is
    none this resdiff wrote with its trees.

    What a new version (or a replaced one) leaves unchanged need not be read again: a
    version folder with the same tree id holds the same files (see :func:`resdiff.history.
    series_history`).
    """
    prefix = key.rsplit(".", 1)[0] + "."
    for old in (folder / "history").glob(f"{glob.escape(prefix)}*.json"):
        if old.name == f"{key}.json":
            continue
        try:
            data = json.loads(old.read_bytes())
            trees = data.get("trees")
            if data.get("resdiff") != __version__ or not isinstance(trees, dict):
                continue
            seed = _decode(data)
            return seed.history, {str(name): str(tree) for name, tree in trees.items()}, seed
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            logger.debug("ignoring the unreadable saved history %s", old)
    return None


def write_history(
    folder: Path, key: str, history: SeriesHistory, trees: dict[str, str] | None = None,
    seed: Seed | None = None, stored: dict[str, Listed] | None = None,
) -> None:  # fmt: skip
    """Save ``history`` under ``key``; a cache that cannot be written is skipped.

    Args:
        folder: the cache folder.
        key: from :func:`saved_state`.
        history: the history.
        trees: the git tree id of each version folder of the series (see
            :func:`read_previous`), when known.
        seed: the older history ``history`` was extended from (its objects are written as
            they were read, not encoded again).
        stored: what the ``meta.json`` of each version folder says (see :func:`listed`),
            kept with ``trees`` only.
    """
    path = _path(folder, key)
    data = encode(history, seed)
    if trees is not None:
        data["resdiff"] = __version__
        data["trees"] = trees
        if stored is not None:
            data["listed"] = {name: known.fields() for name, known in stored.items()}
    try:
        prepare(folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Made here of lists and dicts, never a cycle: the encoder need not look for one
        # (it costs a third of the encoding).
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False)
        write_atomically(path, text)
        _prune(folder, key)
    except OSError as exc:
        logger.debug("cannot save the history in %s: %s", folder, exc)


# -- the serialised shape ---------------------------------------------------------------
#
# Five tables — texts, units, changes, cells — each entry written once and referred to by
# its index: a clause that keeps its words is one unit, its unchanged pairing one change and
# its cell one cell, however many versions it lives through. Decoding then builds each
# distinct (frozen, so safely shared) object once.


class _Table:
    """Distinct entries in first-seen order, each referred to by its index."""

    def __init__(self) -> None:
        self.entries: list[Any] = []
        self._index: dict[Any, int] = {}

    def add(self, entry: Any, key: Any) -> int:
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.entries)
            self.entries.append(entry)
        return found

    @classmethod
    def of(cls, entries: list[Any], key: Callable[[Any], Any]) -> _Table:
        """A table holding ``entries`` (as JSON read them), each found again by ``key(entry)``."""
        table = cls()
        table.entries = list(entries)
        table._index = {key(entry): n for n, entry in enumerate(entries)}
        return table


@dataclass(frozen=True, slots=True)
class Seed:
    """A saved history as it was read: its data, and the objects made from each table entry.

    A history extended from it (:func:`resdiff.history.lineage.extend_history`) holds those
    very objects, so they are written again by identity, not encoded again.
    """

    history: SeriesHistory
    data: dict[str, Any]
    units: list[Unit]
    changes: list[Change]
    cells: list[Cell]
    # What the ``meta.json`` of each version folder said when it was saved (see Listed).
    listed: dict[str, Listed]


@dataclass(frozen=True, slots=True)
class Listed:
    """What listing a series needs of a version's ``meta.json``, saved beside its history.

    A version folder whose git tree is the one it had when the history was saved holds that
    very ``meta.json`` (read and checked then): listing the series after an add reads only
    the new version's. The language entries it gives are hollow (codes only): a version
    whose text is needed is read from the store (:func:`resdiff.history._versions`).
    """

    symbol: str
    series: str
    year: int
    date: str
    languages: tuple[str, ...]

    @classmethod
    def of(cls, version: StoredVersion) -> Listed:
        """What ``version`` (read from its ``meta.json``) says."""
        return cls(version.symbol, version.series, version.year, version.date,
                   tuple(version.languages))  # fmt: skip

    @classmethod
    def parse(cls, fields: Any) -> Listed:
        """The record :meth:`fields` gave, from JSON.

        Raises:
            ValueError, TypeError: fields of another shape.
        """
        symbol, series, year, date, languages = fields
        if not all(isinstance(v, str) for v in (symbol, series, date, *languages)):
            raise TypeError("a listed version holds a name that is not a string")
        if type(year) is not int:
            raise TypeError("a listed version's year is not a whole number")
        return cls(symbol, series, year, date, tuple(languages))

    def fields(self) -> list[Any]:
        """JSON-ready."""
        return [self.symbol, self.series, self.year, self.date, list(self.languages)]

    def hollow(self, path: Path) -> StoredVersion:
        """The stored version at ``path`` as listing the series sees it (no unit known)."""
        entries = {code: LanguageEntry(code, "", "", "", "", ()) for code in self.languages}
        return StoredVersion(self.symbol, self.series, self.year, self.date, path, entries)


def listed(stored: list[StoredVersion]) -> dict[str, Listed]:
    """What each version's ``meta.json`` says, by the name of its folder (see Listed)."""
    return {version.path.name: Listed.of(version) for version in stored}


def _tuples(items: list[list[Any]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(map(tuple, items))


class _Encoder:
    def __init__(self, seed: Seed | None = None) -> None:
        self.strings, self.units, self.changes, self.cells = _Table(), _Table(), _Table(), _Table()
        # Objects already written, by identity: a version's units are also its changes'
        # units, and a cell's changes are its comparison's (the history keeps them alive).
        self._done: dict[int, int] = {}
        if seed is None:
            return
        # The tables as read, keyed as :meth:`unit`, :meth:`_change` and :meth:`cell` key
        # their entries (JSON gave lists where they make tuples).
        data = seed.data
        self.strings = _Table.of(data["strings"], lambda text: text)
        self.units = _Table.of(data["units"], lambda e: (*e[:4], tuple(e[4])))
        self.changes = _Table.of(data["changes"], lambda e: (
            e[0], e[1], e[2], tuple(e[3]), tuple(e[4]), _tuples(e[5]), _tuples(e[6]), tuple(e[7])
        ))  # fmt: skip
        self.cells = _Table.of(data["cells"], lambda e: (tuple(e[0]), e[1], tuple(e[2]),
                                                         tuple(e[3])))  # fmt: skip
        for objects in (seed.units, seed.changes, seed.cells):
            self._done.update((id(item), n) for n, item in enumerate(objects))
        self._keep = seed  # its objects stay alive while their ids are keys

    def text(self, text: str) -> int:
        return self.strings.add(text, text)

    def unit(self, unit: Unit) -> int:
        found = self._done.get(id(unit))
        if found is None:
            entry = (unit.id, unit.kind.value, self.text(unit.text), unit.label,
                     unit.footnote_refs)  # fmt: skip
            found = self._done[id(unit)] = self.units.add(entry, entry)
        return found

    def change(self, change: Change) -> int:
        found = self._done.get(id(change))
        if found is None:
            found = self._done[id(change)] = self._change(change)
        return found

    def _change(self, change: Change) -> int:
        tokens = tuple((t.op, self.text(t.text), None if t.old is None else self.text(t.old))
                       for t in change.tokens)  # fmt: skip
        entry = (
            change.status.value,
            change.moved,
            change.similarity,
            tuple(self.unit(u) for u in change.old),
            tuple(self.unit(u) for u in change.new),
            tokens,
            tuple((x.old, x.new, x.reason) for x in change.suppressed),
            change.annotations,
        )
        return self.changes.add(entry, entry)

    def cell(self, cell: Cell) -> int:
        found = self._done.get(id(cell))
        if found is None:
            changes = tuple(self.change(c) for c in cell.changes)
            entry = (cell.ids, cell.state.value, cell.events, changes)
            found = self._done[id(cell)] = self.cells.add(entry, entry)
        return found


def encode(history: SeriesHistory, seed: Seed | None = None) -> dict[str, Any]:
    """``history`` as JSON-ready data (see :func:`decode`); with the ``seed`` it was
    extended from, the objects read from it are written as they were."""
    e = _Encoder(seed)
    versions = [
        [[getattr(v, name) for name in _VERSION_FIELDS], v.warnings, [e.unit(u) for u in v.units]]
        for v in history.versions
    ]
    comparisons = [[e.change(c) for c in cmp.changes] for cmp in history.comparisons]
    lineages = [[lin.key, [e.cell(cell) for cell in lin.cells]] for lin in history.lineages]
    return {
        "format": HISTORY_FORMAT,
        "series": history.series,
        "strings": e.strings.entries,
        "units": e.units.entries,
        "changes": e.changes.entries,
        "cells": e.cells.entries,
        "versions": versions,
        "comparisons": comparisons,
        "lineages": lineages,
        "left_out": history.left_out,
    }


_VERSION_FIELDS = ("symbol", "lang", "title", "date", "year", "series", "body", "meeting",
                   "source_name", "session", "agenda_item", "source_url")  # fmt: skip
# Enum members by value: a dict lookup, many times cheaper than calling the enum.
_KINDS: dict[str, UnitKind] = {kind.value: kind for kind in UnitKind}
_STATUSES: dict[str, ChangeStatus] = {status.value: status for status in ChangeStatus}
_STATES: dict[str, CellState] = {state.value: state for state in CellState}


def decode(data: dict[str, Any]) -> SeriesHistory:
    """The history :func:`encode` wrote.

    Raises:
        ValueError, KeyError, TypeError, IndexError: data of another shape.
    """
    return _decode(data).history


def _decode(data: dict[str, Any]) -> Seed:
    """:func:`decode`, with the objects made from each table entry."""
    if data["format"] != HISTORY_FORMAT:
        raise ValueError(f"saved history format {data['format']}")
    strings: list[str] = data["strings"]
    units = [Unit(unit_id, _KINDS[kind], strings[text], label, tuple(refs))
             for unit_id, kind, text, label, refs in data["units"]]  # fmt: skip
    changes = [
        Change(
            _STATUSES[status],
            old=tuple(units[n] for n in old),
            new=tuple(units[n] for n in new),
            moved=bool(moved),
            similarity=float(similarity),
            tokens=tuple(
                Token(op, strings[text], None if was is None else strings[was])
                for op, text, was in tokens
            ),
            suppressed=tuple(Suppressed(o, n, r) for o, n, r in suppressed),
            annotations=tuple(annotations),
        )
        for status, moved, similarity, old, new, tokens, suppressed, annotations in data["changes"]
    ]
    cells = [Cell(tuple(ids), _STATES[state], tuple(events), tuple(changes[n] for n in found))
             for ids, state, events, found in data["cells"]]  # fmt: skip
    versions = tuple(
        Resolution(
            **dict(zip(_VERSION_FIELDS, fields, strict=True)),
            warnings=tuple(warnings),
            units=tuple(units[n] for n in members),
        )
        for fields, warnings, members in data["versions"]
    )
    comparisons = tuple(
        Comparison(old, new, tuple(changes[n] for n in items))
        for (old, new), items in zip(itertools.pairwise(versions), data["comparisons"], strict=True)
    )
    lineages = tuple(Lineage(key, tuple(cells[n] for n in members))
                     for key, members in data["lineages"])  # fmt: skip
    left_out = tuple((symbol, tuple(langs)) for symbol, langs in data["left_out"])
    history = SeriesHistory(data["series"], versions, comparisons, lineages, left_out)
    known = {str(name): Listed.parse(fields) for name, fields in data.get("listed", {}).items()}
    return Seed(history, data, units, changes, cells, known)
