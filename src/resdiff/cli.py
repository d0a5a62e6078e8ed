"""The ``resdiff`` command: parses options, calls :mod:`resdiff.api`, prints a renderer's output.

Errors the library raises on purpose (:class:`~resdiff.errors.ResdiffError`) become a
one-line message on standard error and exit status 2.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from resdiff import __version__, api
from resdiff.errors import ResdiffError
from resdiff.render.safety import one_line
from resdiff.storage import Store

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = "resolutions"


class ResdiffClickError(click.ClickException):
    """A library error shown as ``Error: <message>`` with exit status 2."""

    exit_code = 2


def handle_errors(func: F) -> F:
    """Turn :class:`ResdiffError` into a one-line error and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ResdiffError as exc:
            raise ResdiffClickError(one_line(str(exc))) from None
        except OSError as exc:  # a disk or permission problem the library did not foresee
            where = f"{exc.filename}: " if exc.filename else ""
            raise ResdiffClickError(
                one_line(f"{where}{exc.strerror or exc}; check the path, its permissions and space")
            ) from None

    return wrapper  # type: ignore[return-value]


class ResdiffGroup(click.Group):
    """A group where ``resdiff 2019 2021`` means ``resdiff diff 2019 2021``."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            diff = self.commands.get("diff")
            if diff is not None:
                return "diff", diff, args
        return super().resolve_command(ctx, args)


pass_store = click.make_pass_decorator(Store)


def series_option(func: F) -> F:
    """``--series``: the series a bare year selects in."""
    return click.option(
        "--series", help="Series a bare year refers to (default: the store's default series)."
    )(func)


def lang_option(func: F) -> F:
    """``--lang``: the language of a text or of a stored version."""
    return click.option("--lang", help="Language code (fr, en); detected when omitted.")(func)


def ocr_option(func: F) -> F:
    """``--ocr/--no-ocr``: how to read a PDF's page images."""
    return click.option(
        "--ocr/--no-ocr",
        default=None,
        help="PDF: --ocr reads the page images with tesseract even when there is a text "
        "layer; --no-ocr refuses scanned PDFs. Default: OCR only PDFs without a text layer.",
    )(func)


@click.group(cls=ResdiffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    envvar="RESDIFF_STORE",
    default=DEFAULT_STORE,
    show_default=True,
    type=click.Path(path_type=Path),
    help="The store folder (or set RESDIFF_STORE).",
)
@click.option("-v", "--verbose", count=True, help="Log what resdiff does (-vv for more).")
@click.version_option(__version__, prog_name="resdiff")
@click.pass_context
def cli(ctx: click.Context, store_path: Path, verbose: int) -> None:
    """Version and diff United Nations resolutions clause by clause.

    \b
    resdiff add E_RES_2021_25_fr.txt      store a resolution (one git commit)
    resdiff list                          the stored versions
    resdiff show 2021                     a version's clauses
    resdiff 2019 2021                     what changed, clause by clause
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="resdiff: %(message)s", stream=sys.stderr)
    ctx.obj = Store(store_path)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
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
@ocr_option
@pass_store
@handle_errors
def add(
    store: Store,
    file: str,
    symbol: str | None,
    date: str | None,
    title: str | None,
    lang: str | None,
    series: str | None,
    no_commit: bool,
    replace: bool,
    raw: bool,
    ocr: bool | None,
) -> None:
    """Ingest FILE (text, PDF, Word, HTML; OCR repair, segmentation) as a new version.

    \b
    resdiff add E_RES_2021_25_fr.txt
    resdiff add E_RES_2021_25_fr.pdf
    resdiff add scan.txt --symbol E/RES/2019/23 --date 2019-07-23 --lang fr
    resdiff add notes.txt --raw --symbol E/RES/2019/23 --date 2019-07-23
    """
    commit_ok = not no_commit
    added = api.add(
        store, file, lang=lang, symbol=symbol, date=date, title=title, series=series,
        commit=not no_commit, replace=replace, raw=raw, ocr=ocr,
    )  # fmt: skip
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
@pass_store
@handle_errors
def list_(store: Store, series: str | None, as_json: bool) -> None:
    """List the stored versions, oldest first."""
    from resdiff.render.version import render_list_json, render_list_text

    versions = api.list_versions(store, series)
    click.echo(render_list_json(versions) if as_json else render_list_text(versions))


@cli.command()
@click.argument("version")
@lang_option
@series_option
@click.option("--json", "as_json", is_flag=True, help="Print the resdiff.version/1 JSON shape.")
@pass_store
@handle_errors
def show(store: Store, version: str, lang: str | None, series: str | None, as_json: bool) -> None:
    """Show the clauses of a stored VERSION (a year, 2021/25 or E/RES/2021/25)."""
    from resdiff.render.version import render_version_json, render_version_text

    resolution = api.show(store, version, lang=lang, series=series)
    click.echo(render_version_json(resolution) if as_json else render_version_text(resolution))


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
@click.option("--lang", required=True, help="Language to download: ar, en, es, fr, ru or zh.")
@click.option("--add", "add_it", is_flag=True, help="Also ingest it and store it as a version.")
@click.option("--refresh", is_flag=True, help="Download again even when it is in the cache.")
@series_option
@pass_store
@handle_errors
def fetch(
    store: Store, symbol: str, lang: str, add_it: bool, refresh: bool, series: str | None
) -> None:
    """Download resolution SYMBOL (PDF) from the UN Official Document System.

    Its metadata comes from the UN Digital Library; both are cached in ~/.cache/resdiff
    (or RESDIFF_CACHE).

    \b
    resdiff fetch E/RES/2021/25 --lang fr
    resdiff fetch E/RES/2021/25 --lang fr --add
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


def _diff_formats() -> list[str]:
    from resdiff.render import RENDERERS

    return sorted(RENDERERS)


def _use_color(no_color: bool) -> bool:
    """Colour only on a terminal, and never with ``--no-color`` or ``NO_COLOR`` set."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(_diff_formats()), default="terminal", show_default=True,
    help="Output format.",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the report to this file (UTF-8) and print its path.",
)  # fmt: skip
@click.option("--explain", is_flag=True, help="List the differences ignored as OCR noise.")
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged clauses.")
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (or set NO_COLOR).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when differences are found, like git diff.")
@click.option(
    "--threshold", type=click.FloatRange(0.0, 1.0), default=None,
    help="Similarity from which two clauses are the same clause reworded (default 0.6).",
)  # fmt: skip
@lang_option
@series_option
@click.pass_context
@handle_errors
def diff(
    ctx: click.Context,
    old: str,
    new: str,
    fmt: str,
    output: Path | None,
    explain: bool,
    show_all: bool,
    no_color: bool,
    exit_code: bool,
    threshold: float | None,
    lang: str | None,
    series: str | None,
) -> None:
    """Show what changed between OLD and NEW, clause by clause.

    OLD and NEW are stored versions (2019, 2021/25, E/RES/2021/25), files (ingested on the
    fly, the store is not touched), or VERSION@REV: a stored version at a git revision.

    \b
    resdiff 2019 2021
    resdiff diff old.txt new.txt --format json
    resdiff diff 2021@HEAD~1 2021 --explain
    """
    from resdiff.render import render

    settings = {} if threshold is None else {"threshold": threshold}
    store = ctx.find_object(Store)
    assert store is not None  # set by the group callback
    comparison = api.diff(store, old, new, lang=lang, series=series, **settings)
    color = _use_color(no_color) and output is None
    text = render(comparison, fmt, color=color, show_all=show_all, explain=explain)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        summary = comparison.summary()
        counts = ", ".join(f"{n} {status}" for status, n in summary.items() if n)
        click.echo(f"wrote {output.resolve()} ({counts})")
    if exit_code and comparison.has_differences:
        ctx.exit(1)


# ----------------------------------------------------------------- history (issue 5)


def json_option(schema: str) -> Callable[[F], F]:
    """``--json``: print the documented JSON shape ``schema``."""

    def decorator(func: F) -> F:
        return click.option(
            "--json", "as_json", is_flag=True, help=f"Print the {schema} JSON shape."
        )(func)

    return decorator


@cli.command("log")
@click.argument("version")
@click.argument("unit")
@lang_option
@series_option
@json_option("resdiff.log/1")
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (or set NO_COLOR).")
@pass_store
@handle_errors
def log_(
    store: Store, version: str, unit: str, lang: str | None, series: str | None,
    as_json: bool, no_color: bool,
) -> None:  # fmt: skip
    """Show the history of clause UNIT of VERSION over its series, oldest first.

    \b
    resdiff log 2021 op8
    resdiff log E/RES/2094/1 op5 --json
    """
    from resdiff.render.history import render_log_json, render_log_text

    clause = api.log(store, version, unit, lang=lang, series=series)
    click.echo(
        render_log_json(clause) if as_json else render_log_text(clause, color=_use_color(no_color)),
        nl=False,
    )


@cli.command()
@click.argument("version")
@click.argument("unit", required=False)
@lang_option
@series_option
@json_option("resdiff.blame/1")
@pass_store
@handle_errors
def blame(
    store: Store, version: str, unit: str | None, lang: str | None, series: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Annotate each word of UNIT (or of every unit) of VERSION with the year it first appeared.

    \b
    resdiff blame 2021 op8
    resdiff blame 2021 --json
    """
    from resdiff.render.history import render_blame_json, render_blame_text

    blamed = api.blame(store, version, unit, lang=lang, series=series)
    click.echo(render_blame_json(blamed) if as_json else render_blame_text(blamed), nl=False)


@cli.command()
@series_option
@lang_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text",
    show_default=True, help="text matrix, self-contained HTML heat map, or resdiff.timeline/1.",
)  # fmt: skip
@json_option("resdiff.timeline/1 (same as --format json)")
@pass_store
@handle_errors
def timeline(store: Store, series: str | None, lang: str | None, fmt: str, as_json: bool) -> None:
    """Show every clause lineage of a series across its versions (a matrix or a heat map).

    \b
    resdiff timeline
    resdiff timeline --series constructed-demo --format html > timeline.html
    """
    from resdiff.render.timeline import TIMELINE_RENDERERS

    history = api.history(store, series, lang)
    click.echo(TIMELINE_RENDERERS["json" if as_json else fmt](history), nl=False)


@cli.command()
@click.argument("phrase")
@series_option
@lang_option
@json_option("resdiff.grep/1")
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (or set NO_COLOR).")
@pass_store
@handle_errors
def grep(
    store: Store, phrase: str, series: str | None, lang: str | None, as_json: bool,
    no_color: bool,
) -> None:  # fmt: skip
    """List every stored clause containing PHRASE (tolerant of OCR damage and accents).

    \b
    resdiff grep "chaînes d'approvisionnement"
    resdiff grep "Etats membres" --series ecosoc-trafficking --json
    """
    from resdiff.render.search import render_grep_json, render_grep_text

    hits = api.grep(store, phrase, series=series, lang=lang)
    color = _use_color(no_color)
    click.echo(
        render_grep_json(phrase, hits) if as_json else render_grep_text(phrase, hits, color=color),
        nl=False,
    )


@cli.command()
@click.argument("text", required=False)
@click.option(
    "--file", "file", type=click.File("r", encoding="utf-8"),
    help="Read the draft paragraph from a file (- for standard input).",
)  # fmt: skip
@click.option("-n", "count", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many clauses to show.")  # fmt: skip
@lang_option
@json_option("resdiff.precedent/1")
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (or set NO_COLOR).")
@pass_store
@handle_errors
def precedent(
    store: Store, text: str | None, file: Any, count: int, lang: str | None, as_json: bool,
    no_color: bool,
) -> None:  # fmt: skip
    """Find the stored clauses closest to a draft paragraph, with the words that differ.

    \b
    resdiff precedent "Invite les États Membres à s'attaquer aux facteurs sociaux"
    resdiff precedent --file draft.txt -n 5 --json
    """
    from resdiff.render.search import render_precedent_json, render_precedent_text

    if (text is None) == (file is None):
        raise click.UsageError("give the draft as TEXT or with --file, not both")
    draft = text if text is not None else file.read()
    results = api.precedent(store, draft, n=count, lang=lang)
    color = _use_color(no_color)
    click.echo(
        render_precedent_json(draft, results)
        if as_json
        else render_precedent_text(draft, results, color=color),
        nl=False,
    )


@cli.command()
@click.option("--base", required=True, help="The git revision the pull request starts from.")
@click.option("--head", default="HEAD", show_default=True, help="The revision to review.")
@click.option(
    "--html-dir", type=click.Path(file_okay=False, path_type=Path),
    help="Write one HTML report per added or corrected version into this folder.",
)  # fmt: skip
@json_option("resdiff.review/1")
@click.option("--strict", is_flag=True, help="Exit 1 when a problem is found.")
@pass_store
@click.pass_context
@handle_errors
def review(
    ctx: click.Context, store: Store, base: str, head: str, html_dir: Path | None,
    as_json: bool, strict: bool,
) -> None:  # fmt: skip
    """Review what a pull request does to the store: added and corrected versions, problems.

    Prints Markdown (also appended to $GITHUB_STEP_SUMMARY when that is set).

    \b
    resdiff review --base origin/main
    resdiff review --base main --head my-branch --html-dir review-html --strict
    """
    from resdiff.render.review import (
        render_review_json,
        render_review_markdown,
        write_html_reports,
    )

    result = api.review(store, base, head)
    reports = write_html_reports(result, html_dir) if html_dir is not None else {}
    if as_json:
        click.echo(render_review_json(result), nl=False)
    else:
        markdown = render_review_markdown(result, reports=reports)
        click.echo(markdown, nl=False)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(markdown)
    if strict and result.problems:
        ctx.exit(1)
