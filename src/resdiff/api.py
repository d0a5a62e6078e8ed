"""The functions a Python user (and the CLI) calls. They wire the stages; no algorithms here.

Example::

    from pathlib import Path
    from resdiff import api
    from resdiff.storage import Store

    seed = "resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt"
    resolution = api.ingest_file(seed)                 # no store needed
    store = Store(Path("my-store"))
    api.add(store, seed)
    print(api.show(store, "2021").units[0].text)
    demo = Store(Path("examples/constructed-demo"))   # the constructed demo series
    print(api.diff(demo, "2092", "2094").summary())
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Every stage is imported by the functions that use it: the ingestion pipeline (word lists,
# PDF and Word readers), the downloader (urllib, ssl), even the store, so that importing this
# module costs nothing and ``resdiff --version``, ``list`` and ``show`` start quickly.
if TYPE_CHECKING:
    from resdiff.batch import BatchOutcome
    from resdiff.fetch import Fetched
    from resdiff.history import Blame, ClauseLog, SeriesHistory
    from resdiff.integrity import LanguagePlan, Verification
    from resdiff.model import Comparison, Resolution
    from resdiff.review import Review
    from resdiff.search import GrepHit, IndexedStore, Precedent, SyncReport
    from resdiff.storage import Added, Store, StoredVersion


def ingest_file(
    path: str | Path,
    *,
    lang: str | None = None,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
    series: str | None = None,
    strict: bool = True,
    ocr: bool | None = None,
    pick: str | None = None,
) -> Resolution:
    """Read and ingest a file (text, PDF, Word, HTML) without touching any store.

    ``strict=False`` accepts a text that prints no symbol, date or title (a draft). ``pick``
    names the resolution to read (``2021/26``) in a file that holds several.

    Raises:
        ResdiffError: unreadable input, no resolution structure, missing metadata.
    """
    from resdiff.ingest import ingest, read_source

    source = read_source(path)
    return ingest(
        source, lang=lang, symbol=symbol, date=date, title=title, series=series, strict=strict,
        ocr=ocr, pick=pick,
    )  # fmt: skip


def add(
    store: Store,
    path: str | Path,
    *,
    lang: str | None = None,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
    series: str | None = None,
    commit: bool = True,
    replace: bool = False,
    raw: bool = False,
    ocr: bool | None = None,
    pick: str | None = None,
) -> Added:
    """Ingest a file and store it as a version (one git commit unless ``commit`` is False).

    With ``raw``, the text is stored as plain paragraphs ``p1``…``pN`` (kind ``preamble``)
    without looking for a resolution's structure; ``symbol`` and ``date`` must then be given.
    ``pick`` names the resolution to store (``2021/26``) from a file that holds several; it is
    recorded in ``meta.json`` (``ingest.pick``), so that ``rebuild`` reads the same one.

    Raises:
        ResdiffError: bad input, or a store that cannot take the version.
    """
    from resdiff.ingest import ingest, read_source
    from resdiff.storage.meta import check_one_line

    if title is not None:
        check_one_line("--title", title)  # before reading: nothing is done with a bad option
    source = read_source(path)
    resolution = ingest(
        source, lang=lang, symbol=symbol, date=date, title=title, series=series, raw=raw,
        ocr=ocr, pick=pick,
    )  # fmt: skip
    options: dict[str, object] = {"raw": raw, "title": title}
    if pick is not None:
        options["pick"] = pick.strip().rstrip(".")
    return store.add(resolution, source, commit=commit, replace=replace, options=options)


def add_files(
    store: Store,
    paths: Sequence[str | Path],
    *,
    lang: str | None = None,
    series: str | None = None,
    ocr: bool | None = None,
    replace: bool = False,
    jobs: int | None = None,
    batch: bool = False,
    progress: Callable[[int, int, BatchOutcome], None] | None = None,
) -> Iterator[BatchOutcome]:
    """Ingest many files in parallel processes and store each (see :mod:`resdiff.batch`).

    Yields one outcome per file, in the files' order; a file that fails is reported in its
    outcome and skipped. ``batch`` makes one commit of all the versions.

    Raises:
        StoreError: the final commit of a batch failed.
    """
    from resdiff.batch import BatchOptions
    from resdiff.batch import add_files as add_batch

    options = BatchOptions(lang=lang, series=series, ocr=ocr, replace=replace)
    return add_batch(store, paths, options, jobs=jobs, batch=batch, progress=progress)


def list_versions(store: Store, series: str | None = None) -> list[StoredVersion]:
    """Stored versions, oldest first."""
    return store.versions(series)


def show(
    store: Store,
    selector: str,
    lang: str | None = None,
    series: str | None = None,
    *,
    candidates: Sequence[StoredVersion] | None = None,
) -> Resolution:
    """A stored version's canonical units (``candidates``: the store's versions, if read).

    Raises:
        UnknownVersion, AmbiguousVersion: the selector does not name exactly one version.
    """
    return store.load(store.select(selector, series, candidates), lang)


def normalize_file(path: str | Path, lang: str | None = None, ocr: bool | None = None) -> str:
    """The OCR-repaired text of a file, line structure kept (for pipes and debugging)."""
    from resdiff.ingest import extract, read_source
    from resdiff.normalize import repair

    text = extract(read_source(path), lang=lang, ocr=ocr).text  # mojibake repaired, as ingest
    from resdiff import lang as languages

    if lang is not None:
        languages.check_language(text, lang)
    return repair(text, lang or languages.detect(text))


EXPORT_FORMATS = ("akn",)


def export(
    store: Store,
    selector: str,
    *,
    fmt: str = "akn",
    lang: str | None = None,
    series: str | None = None,
) -> bytes:
    """A stored version as a document in another format: ``akn`` (Akoma Ntoso 3.0, AKN4UN).

    Raises:
        ResdiffError: unknown version or format, or a text the format cannot carry.
    """
    from resdiff.errors import InputError

    if fmt not in EXPORT_FORMATS:
        raise InputError(f"cannot export as {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    from resdiff.akn.write import to_akn

    version = store.select(selector, series)
    resolution = store.load(version, lang)
    raw = bool(version.entry(resolution.lang).options.get("raw", False))
    return to_akn(resolution, raw=raw)


# ----------------------------------------------------------------- comparing (issue 3)


def load_input(
    store: Store,
    spec: str,
    *,
    lang: str | None = None,
    series: str | None = None,
    candidates: Sequence[StoredVersion] | None = None,
) -> Resolution:
    """The resolution a diff input names.

    ``spec`` is an existing file (ingested on the fly, the store is not touched), a stored
    version selector (``2021``, ``2021/25``, ``E/RES/2021/25``), or ``SELECTOR@REV``: a
    stored version as it was at a git revision (``2021@HEAD~1``).

    Raises:
        ResdiffError: unreadable file, unknown version or revision.
    """
    path = Path(spec)
    if spec == "-" or path.is_file() or (path.exists() and not looks_like_selector(spec)):
        return ingest_file(spec, lang=lang, strict=False)  # a folder or a pipe: said so
    if "@" in spec:
        from resdiff.storage.revision import load_at_revision

        selector, _, rev = spec.rpartition("@")
        return load_at_revision(store, selector, rev, lang=lang, series=series)
    return show(store, spec, lang=lang, series=series, candidates=candidates)


def looks_like_selector(spec: str) -> bool:
    """True for a stored version's selector, optionally at a revision (``2021@HEAD~1``)."""
    import re

    return re.fullmatch(r"(?:\d{4}|\d{1,4}/\d{1,4}[A-Z]?|[A-Z]+(?:/[A-Z0-9.]+)*/RES/\S+)(?:@\S+)?",
                        spec, re.I) is not None  # fmt: skip


def _is_stored(spec: str) -> bool:
    """True when a diff input names a stored version as it is now (no file, no ``@REV``)."""
    return spec != "-" and "@" not in spec and not Path(spec).is_file()


def diff(
    store: Store,
    old: str,
    new: str,
    *,
    lang: str | None = None,
    series: str | None = None,
    **settings: Any,
) -> Comparison:
    """Compare two inputs (files, stored versions or ``VERSION@REV``) clause by clause.

    Args:
        store: where stored versions are read from.
        old: the earlier input, see :func:`load_input`.
        new: the later input.
        lang: the language to read (both sides).
        series: the series a bare year selects in.
        **settings: aligner settings, see :func:`resdiff.compare.compare`.

    Raises:
        ResdiffError: an input cannot be read.
    """
    # Two stored versions: the store's metadata is read once for both selections, and the
    # comparison cache is asked before the differ is imported (a hit needs no alignment).
    stored = _is_stored(old) and _is_stored(new)
    candidates = store.versions() if stored else None
    if Path(old).is_file() and Path(new).is_file():  # two large files are read side by side
        from resdiff.ingest.pair import ingest_pair

        old_resolution, new_resolution = ingest_pair(old, new, lang=lang)
    else:
        old_resolution = load_input(store, old, lang=lang, series=series, candidates=candidates)
        new_resolution = load_input(store, new, lang=lang, series=series, candidates=candidates)
    if stored:
        from resdiff._comparison_cache import ComparisonCache

        cache = ComparisonCache.for_store(store.root)
        return cache.compare(old_resolution, new_resolution, **settings)
    from resdiff.compare import compare

    return compare(old_resolution, new_resolution, **settings)


compare_versions = diff


# ----------------------------------------------------------------- integrity (issue 7)


def verify(store: Store) -> Verification:
    """Check every stored version against its source and the current pipeline.

    Interrupted writes are finished or undone first, and reported in ``repaired``.

    Raises:
        ResdiffError: the folder is not a store, or an interrupted write cannot be finished.
    """
    from resdiff.integrity import verify as verify_store

    return verify_store(store)


def rebuild(
    store: Store,
    selector: str | None = None,
    *,
    lang: str | None = None,
    series: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    commit: bool = True,
) -> tuple[list[LanguagePlan], str | None]:
    """Regenerate canonical unit files from the stored sources (one commit).

    Human corrections are kept unless ``force``; ``dry_run`` only says what would change.

    Raises:
        ResdiffError: unknown version, or a store that cannot be written.
    """
    from resdiff.integrity import plan_rebuild
    from resdiff.integrity import rebuild as rebuild_store

    if dry_run:
        return plan_rebuild(store, selector, lang=lang, series=series, force=force), None
    return rebuild_store(store, selector, lang=lang, series=series, force=force, commit=commit)


def correct(
    store: Store,
    selector: str,
    unit_id: str,
    *,
    text: str | None = None,
    file: str | Path | None = None,
    lang: str | None = None,
    series: str | None = None,
    commit: bool = True,
) -> tuple[bool, str | None]:
    """Replace a unit's canonical text by hand and record it as a human correction.

    Args:
        store: the store.
        selector: the version.
        unit_id: the unit (``op3``).
        text: the corrected text, or
        file: a file holding it (``-`` for standard input).
        lang: the language, when the version has several.
        series: the series a bare year selects in.
        commit: commit the change.

    Returns:
        Whether a correction is recorded (False when the pipeline's own text was given
        back), and the commit.

    Raises:
        ResdiffError: no or two texts given, unknown version or unit, bad text.
    """
    from resdiff.errors import InputError
    from resdiff.ingest import extract_text, read_source
    from resdiff.integrity import correct as correct_unit

    if (text is None) == (file is None):
        raise InputError("give the corrected text with either --text or --file")
    if file is not None:
        text = extract_text(read_source(file))
    assert text is not None
    return correct_unit(store, selector, unit_id, text, lang=lang, series=series, commit=commit)


# ----------------------------------------------------------------- history (issue 5)


def history(store: Store, series: str | None = None, lang: str | None = None) -> SeriesHistory:
    """Every version of a series with its clause lineages (comparisons are cached).

    Raises:
        UnknownVersion: the series has no stored version.
    """
    from resdiff.history import series_history

    return series_history(store, series, lang)


def timeline(
    store: Store, series: str | None = None, lang: str | None = None, fmt: str = "text",
    *, clean_tree: str | None = None,
) -> tuple[str, str | None]:  # fmt: skip
    """The series timeline rendered in ``fmt`` (``text``, ``json``, ``html``), and the note
    on the versions it leaves out (None when it leaves none out).

    On a committed series the output is saved too, so that running ``resdiff timeline``
    again prints it without building anything (:mod:`resdiff._fast_timeline`).
    ``clean_tree``: the series folder's git tree id, as git has just said it is clean (see
    :func:`resdiff.history.saved_series_history`).

    Raises:
        UnknownVersion: the series has no stored version.
    """
    from resdiff import _saved_timeline
    from resdiff.history import saved_series_history
    from resdiff.render.history import left_out_note
    from resdiff.render.timeline import TIMELINE_RENDERERS

    store_json = _saved_timeline.store_file(str(store.root))  # read before the history is
    history, tree = saved_series_history(store, series, lang, clean_tree=clean_tree)
    text = TIMELINE_RENDERERS[fmt](history)
    note = left_out_note(history)
    if tree is not None and store_json is not None:
        _saved_timeline.write_output(
            str(store.root), history.series, lang, fmt, (tree, store_json), note, text
        )
    return text, note


def log(
    store: Store, selector: str, unit_id: str, *, lang: str | None = None,
    series: str | None = None,
) -> ClauseLog:  # fmt: skip
    """The history of one clause: its text in every version of its series, oldest first.

    Raises:
        UnknownVersion, AmbiguousVersion, UnknownUnit: no such version or unit.
    """
    from resdiff.history import clause_log

    return clause_log(store, selector, unit_id, lang=lang, series=series)


def blame(
    store: Store, selector: str, unit_id: str | None = None, *, lang: str | None = None,
    series: str | None = None,
) -> Blame:  # fmt: skip
    """Each word of a clause (or of every clause) with the version where it first appeared.

    Raises:
        UnknownVersion, AmbiguousVersion, UnknownUnit: no such version or unit.
    """
    from resdiff.history import blame as blame_units

    return blame_units(store, selector, unit_id, lang=lang, series=series)


def grep(
    store: Store, phrase: str, *, series: str | None = None, lang: str | None = None,
    index: str | None = None,
) -> list[GrepHit]:  # fmt: skip
    """Every indexed clause containing ``phrase`` (OCR- and accent-tolerant), oldest first.

    ``index`` names a shared index (a ``postgresql://`` URL or a SQLite file; default
    ``RESDIFF_INDEX``); without one, the store's own index, brought up to date first.

    Raises:
        InputError: the phrase has nothing to search for.
        SearchIndexError: the named index cannot be opened.
    """
    from resdiff.search import grep as grep_clauses
    from resdiff.search import open_index, phrase_keys

    words = phrase_keys(phrase)
    searched = open_index(store, index)
    try:
        found = searched.phrase_candidates(words, series, lang)
    finally:
        searched.close()
    return grep_clauses(phrase, [c.clause for c in found], [c.form for c in found])


def precedent(
    store: Store,
    text: str,
    *,
    n: int = 10,
    lang: str | None = None,
    index: str | None = None,
    candidates: int | None = None,
) -> list[Precedent]:
    """The ``n`` indexed clauses closest to a draft paragraph, best first.

    ``index`` as for :func:`grep`; ``candidates``: how many of the closest clauses to score
    exactly (default: :func:`~resdiff.search.precedent.candidate_limit`).

    Raises:
        InputError: the draft has no words.
        SearchIndexError: the named index cannot be opened.
    """
    from resdiff.search import find_precedents, open_index
    from resdiff.search.precedent import draft_form

    draft_form(text)  # a draft without words is refused before any index is opened
    searched = open_index(store, index)
    try:
        return find_precedents(searched, text, n, lang, candidates=candidates)
    finally:
        searched.close()


def index_sync(store: Store, index: str | None = None, *, name: str | None = None) -> SyncReport:
    """Push the store's changed versions into a search index (the store's own by default).

    Raises:
        NotAStore: the folder is not a store.
        SearchIndexError: the named index cannot be opened.
    """
    from resdiff.search import sync_store
    from resdiff.search.location import named_location, open_named, store_index

    named = named_location(index)
    searched = open_named(named) if named is not None else store_index(store)
    try:
        return sync_store(searched, store, name)
    finally:
        searched.close()


def index_status(store: Store, index: str | None = None) -> tuple[str, list[IndexedStore]]:
    """Where the index is and the stores it holds (the store's own index is synced first).

    Raises:
        SearchIndexError: the named index cannot be opened.
    """
    from resdiff.search import open_index

    searched = open_index(store, index)
    try:
        return searched.location, searched.stores()
    finally:
        searched.close()


def review(store: Store, base: str, head: str = "HEAD") -> Review:
    """What changed in the store between two git revisions, and what looks wrong at ``head``.

    Raises:
        StoreError: no git repository, or a revision that does not exist.
    """
    from resdiff.review import review as review_revisions

    return review_revisions(store, base, head)


# ----------------------------------------------------------------- fetch (issue 6)


def fetch(symbol: str, lang: str, *, refresh: bool = False) -> Fetched:
    """Download a resolution from the UN Official Document System, with its library record.

    Raises:
        ResdiffError: a malformed symbol, offline, not found, or a malformed answer.
    """
    from resdiff.fetch import fetch as fetch_document

    return fetch_document(symbol, lang, refresh=refresh)


def fetch_and_add(
    store: Store,
    symbol: str,
    lang: str,
    *,
    series: str | None = None,
    refresh: bool = False,
    commit: bool = True,
) -> tuple[Fetched, Added]:
    """Fetch a resolution and store it; the library record fills what the text does not print.

    Raises:
        ResdiffError: fetching failed, or the store cannot take the version.
    """
    from resdiff.errors import MetadataError
    from resdiff.ingest import ingest, read_source

    fetched = fetch(symbol, lang, refresh=refresh)
    source = read_source(fetched.path)
    try:
        resolution = ingest(source, lang=lang, symbol=fetched.symbol, series=series)
    except MetadataError:
        record = fetched.record  # 992's adoption date when the text prints no closing
        try:
            resolution = ingest(
                source, lang=lang, symbol=fetched.symbol, series=series,
                date=record.date, title=record.title,
            )  # fmt: skip
        except MetadataError as exc:
            raise MetadataError(
                f"{exc}, and the library record gives none; the download is kept: "
                f"`resdiff add {fetched.path} --symbol {fetched.symbol}` with that option"
            ) from None
    added = store.add(resolution, source, commit=commit, fetched=fetched.provenance())
    return fetched, added
