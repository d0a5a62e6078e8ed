"""Commands that write or read the store: add, list, show, verify, rebuild, correct, fetch,
normalize."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from resdiff import api
from resdiff.cli._group import (
    LANG_CHOICE,
    cli,
    emit,
    handle_errors,
    lang_option,
    ocr_option,
    output_option,
    pass_store,
    series_option,
)
from resdiff.render.safety import one_line

if TYPE_CHECKING:  # the store is imported when a command runs, not at start-up
    from resdiff.batch import BatchOutcome
    from resdiff.storage import Added, Store


def _json_wanted(as_json: bool, output: Path | None) -> bool:
    from resdiff.render.output import format_for

    return as_json or format_for(output, None, ("text", "json"), "text") == "json"


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--from", "from_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Ingest every file of this folder (a batch).")  # fmt: skip
@click.option(
    "--jobs", type=click.IntRange(1, 256), help="Batch: worker processes (default: cores)."
)
@click.option("--batch", is_flag=True, help="Batch: one commit for all versions, not one each.")
@click.option("--symbol", help="UN symbol, e.g. E/RES/2021/25 (detected from the heading).")
@click.option("--date", help="Adoption date YYYY-MM-DD (detected from the closing).")
@click.option("--title", help="Title (detected from the heading).")
@lang_option
@series_option
@click.option("--no-commit", is_flag=True, help="Write the files without committing them.")
@click.option(
    "--replace", is_flag=True, help="Replace a stored text; the old one stays in git history."
)
@click.option(
    "--raw", is_flag=True, help="Store the text as plain paragraphs p1…pN (needs --symbol, --date)."
)
@click.option(
    "--pick", metavar="HEADING",
    help="In a file holding several resolutions, the one to store (its heading: 2021/26).",
)  # fmt: skip
@ocr_option
@pass_store
@handle_errors
def add(
    store: Store,
    files: tuple[str, ...],
    from_dir: Path | None,
    jobs: int | None,
    batch: bool,
    symbol: str | None,
    date: str | None,
    title: str | None,
    lang: str | None,
    series: str | None,
    no_commit: bool,
    replace: bool,
    raw: bool,
    pick: str | None,
    ocr: bool | None,
) -> None:
    """Ingest FILE (text, PDF, Word, HTML; OCR repair, segmentation) as a new version.

    The series is --series, else that of a stored version with the same symbol or the
    same title, else one named from the text's body and subject (ecosoc-trafficking).
    Several FILEs (or --from DIR) are ingested in parallel processes; a file that fails is
    reported and skipped (exit status 1 once the others are stored).

    \b
    resdiff --store my-store add resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt
    resdiff --store my-store add tests/constructed/E_RES_2091_1_fr.txt --series constructed-demo
    """
    if from_dir is not None or len(files) != 1 or jobs is not None or batch:
        if symbol or date or title or raw or no_commit or pick:
            raise click.UsageError(
                "--symbol, --date, --title, --raw and --no-commit apply to one FILE (and "
                "--pick); give a single FILE, or drop them for a batch"
            )
        from resdiff.batch import files_in

        paths: list[str | Path] = [*files, *(files_in(from_dir) if from_dir else [])]
        if not paths:
            raise click.UsageError("give FILE… to add, or --from DIR")
        _add_batch(store, paths, lang, series, ocr, replace, jobs, batch)
        return
    _echo_added(
        api.add(
            store, files[0], lang=lang, symbol=symbol, date=date, title=title, series=series,
            commit=not no_commit, replace=replace, raw=raw, ocr=ocr, pick=pick,
        ),
        not no_commit,
    )  # fmt: skip


def _add_batch(
    store: Store, paths: list[str | Path], lang: str | None, series: str | None,
    ocr: bool | None, replace: bool, jobs: int | None, batch: bool,
) -> None:  # fmt: skip
    """Run a batch, printing each outcome (progress on standard error on a terminal)."""
    show_progress = sys.stderr.isatty()

    def progress(done: int, total: int, outcome: BatchOutcome) -> None:
        if show_progress:
            click.echo(f"[{done}/{total}] {outcome.path}", err=True)

    failed = 0
    for outcome in api.add_files(
        store, paths, lang=lang, series=series, ocr=ocr, replace=replace, jobs=jobs,
        batch=batch, progress=progress,
    ):  # fmt: skip
        if outcome.added is not None:
            _echo_added(outcome.added, not batch)
        else:
            failed += 1
            click.echo(f"skipped {outcome.path}: {one_line(outcome.error or '')}", err=True)
    click.echo(f"{len(paths) - failed} files added, {failed} skipped")
    if failed:
        sys.exit(1)


def _echo_added(added: Added, commit_ok: bool) -> None:
    entry = added.version.entry(added.lang)
    verb = "replaced" if added.replaced else "added"
    if added.commit:
        where = f"commit {added.commit[:10]}"
    else:
        where = "identical to the stored text, nothing to commit" if commit_ok else "not committed"
    click.echo(
        f"{verb} {added.version.symbol} ({added.lang}) {added.version.date}: "
        f"{len(entry.units)} units in {added.version.path} ({where})"
    )
    if added.replaced:
        click.echo("the previous text stays in git history: git log -- " + str(added.version.path))
    for warning in entry.warnings:
        click.echo(f"warning: {warning}", err=True)


@cli.command("list")
@series_option
@click.option("--json", "as_json", is_flag=True, help="Print the resdiff.list/1 JSON shape.")
@output_option
@pass_store
@handle_errors
def list_(store: Store, series: str | None, as_json: bool, output: Path | None) -> None:
    """List the stored versions, oldest first."""
    from resdiff.render.version import render_list_json, render_list_text

    versions = api.list_versions(store, series)
    json_out = _json_wanted(as_json, output)
    emit((render_list_json(versions) if json_out else render_list_text(versions)) + "\n", output)


@cli.command()
@click.argument("version")
@lang_option
@series_option
@click.option("--json", "as_json", is_flag=True, help="Print the resdiff.version/1 JSON shape.")
@output_option
@pass_store
@handle_errors
def show(
    store: Store, version: str, lang: str | None, series: str | None, as_json: bool,
    output: Path | None,
) -> None:  # fmt: skip
    """Show the clauses of a stored VERSION (a year, 2021/25 or E/RES/2021/25).

    \b
    resdiff show 2021
    resdiff show 2021 --json -o 2021.json
    """
    from resdiff.render.version import render_version_json, render_version_text

    resolution = api.show(store, version, lang=lang, series=series)
    json_out = _json_wanted(as_json, output)
    text = render_version_json(resolution) if json_out else render_version_text(resolution)
    emit(text + "\n", output)


@cli.command()
@pass_store
@handle_errors
def verify(store: Store) -> None:
    """Check every stored version: source sha256, unit files, corrections (exit 1 on problems).

    Interrupted writes are finished or undone first, and reported.
    """
    from resdiff.render.integrity import render_verification

    result = api.verify(store)
    click.echo(render_verification(result))
    if not result.ok:
        sys.exit(1)


@cli.command()
@click.argument("version", required=False)
@lang_option
@series_option
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--force", is_flag=True, help="Also overwrite human corrections and hand edits.")
@click.option("--no-commit", is_flag=True, help="Write the files without committing them.")
@pass_store
@handle_errors
def rebuild(
    store: Store,
    version: str | None,
    lang: str | None,
    series: str | None,
    dry_run: bool,
    force: bool,
    no_commit: bool,
) -> None:
    """Regenerate canonical unit files from the stored sources (all versions, or VERSION).

    \b
    resdiff rebuild --dry-run      what a pipeline improvement would change
    resdiff rebuild 2021           regenerate one version (one commit)
    """
    from resdiff.render.integrity import render_rebuild

    plans, sha = api.rebuild(
        store, version, lang=lang, series=series, force=force, dry_run=dry_run,
        commit=not no_commit,
    )  # fmt: skip
    click.echo(render_rebuild(plans, sha, dry_run))


@cli.command()
@click.argument("version")
@click.argument("unit")
@click.option("--text", help="The corrected text of the unit.")
@click.option("--file", type=click.Path(dir_okay=False, allow_dash=True), help="A file holding it.")
@lang_option
@series_option
@click.option("--no-commit", is_flag=True, help="Write the files without committing them.")
@pass_store
@handle_errors
def correct(
    store: Store,
    version: str,
    unit: str,
    text: str | None,
    file: str | None,
    lang: str | None,
    series: str | None,
    no_commit: bool,
) -> None:
    """Replace the text of UNIT in VERSION by hand, recorded as a human correction.

    \b
    resdiff correct 2021 op3 --text "Prie instamment les États Membres …"
    """
    recorded, sha = api.correct(
        store, version, unit, text=text, file=file, lang=lang, series=series,
        commit=not no_commit,
    )  # fmt: skip
    what = "recorded a correction of" if recorded else "restored the pipeline's text of"
    where = f"commit {sha[:10]}" if sha else "nothing committed"
    click.echo(f"{what} {unit} in {version} ({where})")


@cli.command()
@click.argument("symbol")
@click.option("--lang", required=True, type=LANG_CHOICE, help="Language to download (any case).")
@click.option("--add", "add_it", is_flag=True, help="Also ingest it and store it as a version.")
@click.option("--refresh", is_flag=True, help="Download again even when it is in the cache.")
@series_option
@pass_store
@handle_errors
def fetch(
    store: Store, symbol: str, lang: str, add_it: bool, refresh: bool, series: str | None
) -> None:
    """Download resolution SYMBOL (Word, else PDF) from the UN Official Document System.

    Its metadata comes from the UN Digital Library; both are cached in the user cache folder
    (or RESDIFF_CACHE; RESDIFF_CACHE=off keeps nothing). A document is kept even when its
    record cannot be had (a warning says so).

    \b
    resdiff fetch E/RES/2021/25 --lang fr
    resdiff --store my-store fetch E/RES/2021/25 --lang fr --add
    """
    if add_it:
        fetched, added = api.fetch_and_add(store, symbol, lang, series=series, refresh=refresh)
    else:
        fetched = api.fetch(symbol, lang, refresh=refresh)
    record = fetched.record
    origin = "cache" if fetched.from_cache else "downloaded"
    click.echo(f"{fetched.symbol} ({fetched.lang}): {fetched.path} ({origin})")
    click.echo(f"title: {record.title or '-'}\ndate: {record.date or '-'}")
    if record.subjects:
        click.echo("subjects: " + "; ".join(record.subjects))
    if record.vote:
        click.echo("vote: " + ", ".join(f"{k} {v}" for k, v in record.vote.items()))
    if record.vote_note:
        click.echo(f"adopted: {record.vote_note}")
    for warning in fetched.warnings:
        click.echo(f"warning: {warning}", err=True)
    if add_it:
        entry = added.version.entry(added.lang)
        click.echo(f"added {added.version.symbol} ({added.lang}): {len(entry.units)} units")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@lang_option
@ocr_option
@handle_errors
def normalize(file: str, lang: str | None, ocr: bool | None) -> None:
    """Print the OCR-repaired text of FILE, line structure kept (for pipes and debugging)."""
    click.echo(api.normalize_file(file, lang, ocr), nl=False)
