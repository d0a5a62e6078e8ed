"""Language evolution: clause lineages over a series, word-level blame, the series timeline.

Everything starts from :func:`series_history`, which loads the versions of a series and the
(cached) comparisons of consecutive versions, and chains them into lineages.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass

from resdiff._comparison_cache import ComparisonCache
from resdiff._gc import cyclic_gc_paused
from resdiff.errors import StoreError, UnknownUnit, UnknownVersion
from resdiff.history._saved import (
    Listed,
    listed,
    read_history,
    read_previous,
    saved_state_started,
    write_history,
)
from resdiff.history.blame import BlameRun, UnitBlame, blame_unit, origins
from resdiff.history.lineage import (
    Cell,
    CellState,
    Lineage,
    SeriesHistory,
    build_history,
    extend_history,
)
from resdiff.model import Comparison, Resolution
from resdiff.storage import Store, StoredVersion, safety
from resdiff.storage.layout import META_FILE, check_series

__all__ = [
    "Blame",
    "BlameRun",
    "Cell",
    "CellState",
    "ClauseLog",
    "ComparisonCache",
    "Lineage",
    "SeriesHistory",
    "UnitBlame",
    "blame",
    "build_history",
    "clause_log",
    "saved_series_history",
    "series_history",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClauseLog:
    """The lineage of one unit of one version, with the history it belongs to."""

    history: SeriesHistory
    version: int
    unit_id: str
    lineage: Lineage


@dataclass(frozen=True, slots=True)
class Blame:
    """Blamed units of one version of a series."""

    history: SeriesHistory
    version: int
    units: tuple[UnitBlame, ...]


def series_history(
    store: Store,
    series: str | None = None,
    lang: str | None = None,
    cache: ComparisonCache | None = None,
) -> SeriesHistory:
    """Load every version of a series, compare consecutive ones (cached), chain the lineages.

    Args:
        store: the store.
        series: the series (default: the store's default series).
        lang: the language to follow (default: the one most versions have; on a tie, the
            latest version's French, else only, language). Versions without it are left out.
        cache: where comparisons are cached (default: the store's cache folder).

    Returns:
        The history; ``left_out`` names the versions without a text in ``lang``.

    Raises:
        UnknownVersion: the series has no version (in that language).
    """
    return saved_series_history(store, series, lang, cache)[0]


def saved_series_history(
    store: Store,
    series: str | None = None,
    lang: str | None = None,
    cache: ComparisonCache | None = None,
    *,
    clean_tree: str | None = None,
) -> tuple[SeriesHistory, str | None]:
    """:func:`series_history`, and the git tree id of the series folder it was read from or
    saved for (None when it is not saved: no git, a series git cannot vouch for, no cache).

    The tree is given only for a history that matches it: one read from the history saved
    for it, or one built while the series stayed at it (see ``_saved``). ``clean_tree``:
    the series folder's tree id, clean, as git has just given it in this process (git is
    then asked once, after everything is read, whether the series is still at it).

    Raises:
        UnknownVersion: the series has no version (in that language).
    """
    # A history is tens of thousands of small frozen objects and no reference cycle: the
    # collector walking them again and again while they are decoded, extended and encoded
    # (≈90 collections after an add) finds nothing to free.
    with cyclic_gc_paused():
        return _saved_series_history(store, series, lang, cache, clean_tree)


def _saved_series_history(
    store: Store,
    series: str | None,
    lang: str | None,
    cache: ComparisonCache | None,
    clean_tree: str | None,
) -> tuple[SeriesHistory, str | None]:
    name = series or store.default_series
    cache = cache if cache is not None else ComparisonCache.for_store(store.root)
    state = _saved_state_started(store, name, lang, cache, clean_tree)()
    if state is None or cache.folder is None:
        return _build(store, name, lang, cache)[0], None
    key, tree = state
    saved = read_history(cache.folder, key)
    if saved is not None:
        logger.info("history of %s read from the cache", name)
        return saved, tree
    # Only on a miss (a cached diff never needs it); git lists the version folders while
    # the older history is looked for, and asks the state again while the pairs are compared.
    from resdiff.storage.git import subtrees_started

    trees_of = subtrees_started(store.root, tree)
    asked: list[Callable[[], tuple[str, str] | None]] = []
    saved_for: str | None = None
    try:
        previous = read_previous(cache.folder, key)
        trees = trees_of() if previous else None
        reuse = (
            _Reuse.of(*previous[:2], trees, previous[2].listed)
            if previous and trees is not None
            else None
        )

        def read() -> None:  # everything is read: from now on a change is one made after
            asked.append(_saved_state_started(store, name, lang, cache))

        history, stored = _build(store, name, lang, cache, reuse, read)
        trees = trees_of()
        # Saved only if the series did not change while it was read (the key is asked again).
        if state == (asked[0]() if asked else _saved_state(store, name, lang, cache)):
            # What the older history holds is written as it was read, not encoded again.
            seed = previous[2] if previous and reuse is not None else None
            write_history(cache.folder, key, history, trees, seed, listed(stored))
            saved_for = tree
        elif reuse is not None:  # what was kept may not match what was read: read it all
            history = _build(store, name, lang, cache)[0]
    finally:  # every git process waited for, whatever happened
        trees_of()
        for answer in asked:
            answer()
    return history, saved_for


def _saved_state(
    store: Store, name: str, lang: str | None, cache: ComparisonCache
) -> tuple[str, str] | None:
    """The key of the saved history and the series' tree, or None when there is none to
    trust (see ``_saved``)."""
    return _saved_state_started(store, name, lang, cache)()


def _saved_state_started(
    store: Store,
    name: str,
    lang: str | None,
    cache: ComparisonCache,
    clean_tree: str | None = None,
) -> Callable[[], tuple[str, str] | None]:
    """:func:`_saved_state`, git asked now (unless ``clean_tree`` gives its answer): call
    the result for the answer."""
    if cache.folder is None:
        return lambda: None
    try:
        check_series(name)  # the name goes into a git path: only a valid one
    except StoreError:
        return lambda: None
    store.config()  # a folder that is not a store is refused, cached history or not
    return saved_state_started(store.root, name, lang, clean_tree)


@dataclass(frozen=True, slots=True)
class _Reuse:
    """What a history saved for an older tree of the series still holds.

    A version folder whose git tree id is the same now (``trees``) as when that history was
    saved (``saved_trees``) holds the same files: its text is taken from the saved history,
    not read again, and so is the comparison of two such versions that were consecutive
    then. Both trees are of clean, committed series folders (``_saved``).
    """

    history: SeriesHistory
    saved_trees: dict[str, str]
    trees: dict[str, str]
    by_symbol: dict[str, Resolution]
    # What the saved history's ``meta.json`` said of each version folder (see ``Listed``).
    listed: dict[str, Listed]

    @classmethod
    def of(cls, history: SeriesHistory, saved_trees: dict[str, str], trees: dict[str, str],
           listed: dict[str, Listed] | None = None) -> _Reuse:  # fmt: skip
        """What ``history``, saved with ``saved_trees``, holds for the series at ``trees``."""
        by_symbol = {v.symbol: v for v in history.versions}
        return cls(history, saved_trees, trees, by_symbol, listed or {})

    def unchanged(self, folder: str) -> bool:
        """Whether the version folder ``folder`` has the git tree it had when saved."""
        tree = self.trees.get(folder)
        return tree is not None and self.saved_trees.get(folder) == tree

    def version(self, stored: StoredVersion, lang: str | None) -> Resolution | None:
        """The saved text of an unchanged version in ``lang``, or None."""
        if not self.unchanged(stored.path.name):
            return None
        found = self.by_symbol.get(stored.symbol)
        return found if found is not None and found.lang == lang else None

    def comparisons(self) -> dict[tuple[int, int], Comparison]:
        """The saved comparisons by the identity of their two versions."""
        return {(id(c.old), id(c.new)): c for c in self.history.comparisons}


def _build(
    store: Store,
    name: str,
    lang: str | None,
    cache: ComparisonCache,
    reuse: _Reuse | None = None,
    read: Callable[[], None] | None = None,
) -> tuple[SeriesHistory, list[StoredVersion]]:
    """Read every version of the series, compare consecutive ones (cached), chain lineages.

    With ``reuse``, the versions and comparisons an older saved history holds unchanged are
    taken from it instead, and so is what their ``meta.json`` says (only the new or changed
    versions' are read); ``read`` is called once every version is read.

    Returns:
        The history and the versions of the series as the store lists them.
    """
    stored, hollow = _versions(store, name, reuse)
    if lang is None and stored:
        lang = _commonest_language(stored)  # never compare a French text with an English one
    kept = [reuse.version(v, lang) if reuse is not None else None for v in stored]
    for k, (v, got) in enumerate(zip(stored, kept, strict=True)):
        if got is None and v.path.name in hollow and lang in v.languages:
            stored[k] = store.read_meta(v.path / META_FILE)  # its text is needed after all
    versions = [
        k if k is not None else _load(store, v, lang) for v, k in zip(stored, kept, strict=True)
    ]
    loaded = [v for v in versions if v is not None]
    if read is not None:
        read()
    if not loaded:
        in_lang = f" in {lang!r}" if lang else ""
        raise UnknownVersion(
            f"the series {name!r} has no stored version{in_lang}; see `resdiff list`"
        )
    known = reuse.comparisons() if reuse is not None else {}
    comparisons = []
    for a, b in itertools.pairwise(loaded):
        found = known.get((id(a), id(b)))
        comparisons.append(found if found is not None else cache.compare(a, b))
    logger.info(
        "history of %s: %d versions and %d comparisons kept from the saved history; "
        "%d cached comparisons, %d computed", name, sum(k is not None for k in kept),
        sum((id(a), id(b)) in known for a, b in itertools.pairwise(loaded)), cache.hits,
        cache.misses,
    )  # fmt: skip
    left_out = tuple(
        (v.symbol, tuple(sorted(v.languages)))
        for v, got in zip(stored, versions, strict=True)
        if got is None
    )
    history = _extended(reuse.history, loaded, comparisons) if reuse is not None else None
    if history is None:
        history = build_history(name, loaded, comparisons)
    return dataclasses.replace(history, left_out=left_out), stored


def _versions(
    store: Store, name: str, reuse: _Reuse | None
) -> tuple[list[StoredVersion], set[str]]:
    """The versions of the series, as :meth:`Store.versions` lists them, and the folders of
    those made from what the saved history recorded of their ``meta.json`` (their language
    entries hollow: only their codes are known), not read again.

    Only with ``reuse`` whose trees git gave for the clean series folder (whose version
    folders are then those on disk): a folder with the tree it had when the history was
    saved holds the very ``meta.json`` that was read then.
    """
    if reuse is None or not reuse.listed:
        return store.versions(name), set()
    found: list[StoredVersion] = []
    hollow: set[str] = set()
    root = store.root / name
    for folder in sorted(reuse.trees):
        if folder.startswith("."):  # a write's leftover: never a version (see meta_files)
            continue
        known = reuse.listed.get(folder)
        if known is not None and reuse.unchanged(folder):
            version = known.hollow(root / folder)
            hollow.add(folder)
        elif safety.is_file(root / folder / META_FILE):
            version = store.read_meta(root / folder / META_FILE)
        else:
            continue
        if version.series == name:
            found.append(version)
    return sorted(found, key=lambda v: (v.series, v.date, v.symbol)), hollow


def _extended(
    previous: SeriesHistory, versions: list[Resolution], comparisons: list[Comparison]
) -> SeriesHistory | None:
    """The history of ``versions`` by extending ``previous`` when they are its versions (the
    same objects, compared by the same comparisons) followed by new ones; else None."""
    n = len(previous.versions)
    if not 0 < n < len(versions) or any(
        a is not b for a, b in zip(previous.versions, versions, strict=False)
    ):
        return None
    if any(a is not b for a, b in zip(previous.comparisons, comparisons, strict=False)):
        return None
    history: SeriesHistory | None = previous
    for k in range(n, len(versions)):
        assert history is not None
        history = extend_history(history, versions[k], comparisons[k - 1])
        if history is None:
            return None  # two lineages joined: built whole
    logger.info("history extended by %d versions", len(versions) - n)
    return history


def _commonest_language(stored: list[StoredVersion]) -> str:
    """The language most versions have; on a tie, the one the latest version reads first."""
    counts = collections.Counter(code for version in stored for code in version.languages)
    preferred = stored[-1].entry(None).lang
    return max(counts, key=lambda code: (counts[code], code == preferred, code))


def _load(store: Store, version: StoredVersion, lang: str | None) -> Resolution | None:
    if lang is not None and lang not in version.languages:
        logger.info("%s has no %r text; left out of the history", version.symbol, lang)
        return None
    return store.load(version, lang)


def _locate(
    store: Store, selector: str, unit_id: str | None, lang: str | None, series: str | None
) -> tuple[SeriesHistory, int]:
    """The history of the series of the version ``selector`` names, and that version's index.

    Raises:
        UnknownVersion, AmbiguousVersion: the selector names no single version.
        UnknownUnit: the version has no such unit.
    """
    version = store.select(selector, series)
    history = series_history(store, version.series, lang or version.entry(None).lang)
    k = history.index(version.symbol)
    if unit_id is not None and unit_id not in history.versions[k].ids:
        ids = ", ".join(history.versions[k].ids)
        raise UnknownUnit(f"{version.symbol} has no unit {unit_id!r}; its units: {ids}")
    return history, k


def clause_log(
    store: Store, selector: str, unit_id: str, lang: str | None = None, series: str | None = None
) -> ClauseLog:
    """The lineage of unit ``unit_id`` of the version ``selector`` names, over its series.

    Raises:
        UnknownVersion, AmbiguousVersion: the selector names no single version.
        UnknownUnit: the version has no such unit.
    """
    history, k = _locate(store, selector, unit_id, lang, series)
    return ClauseLog(history, k, unit_id, history.lineage_of(k, unit_id))


def blame(
    store: Store,
    selector: str,
    unit_id: str | None = None,
    lang: str | None = None,
    series: str | None = None,
) -> Blame:
    """Each word of a unit (or of every unit) annotated with the version it first appeared in.

    Raises:
        UnknownVersion, AmbiguousVersion: the selector names no single version.
        UnknownUnit: the version has no such unit.
    """
    history, k = _locate(store, selector, unit_id, lang, series)
    table = origins(history)
    ids = [unit_id] if unit_id is not None else list(history.versions[k].ids)
    return Blame(history, k, tuple(blame_unit(history, k, i, table) for i in ids))
