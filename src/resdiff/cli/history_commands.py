"""Language evolution: log, blame, timeline, grep, precedent, and review of the store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from resdiff import api
from resdiff.cli._group import (
    cli,
    color_option,
    emit,
    handle_errors,
    index_option,
    json_option,
    lang_option,
    output_option,
    pass_store,
    series_option,
    use_color,
)

if TYPE_CHECKING:  # the store is imported when a command runs, not at start-up
    from resdiff.storage import Store

if TYPE_CHECKING:
    from resdiff.history import SeriesHistory


def wants_json(as_json: bool, output: Path | None) -> bool:
    """``--json``, or ``-o`` naming a ``.json`` file."""
    from resdiff.render.output import format_for

    return as_json or format_for(output, None, ("text", "json"), "text") == "json"


def note_left_out(history: SeriesHistory) -> None:
    """Say on standard error which versions have no text in the history's language."""
    from resdiff.render.history import left_out_note

    note = left_out_note(history)
    if note:
        click.echo(f"note: {note}", err=True)


@cli.command("log")
@click.argument("version")
@click.argument("unit")
@lang_option
@series_option
@json_option("resdiff.log/1")
@output_option
@color_option
@pass_store
@handle_errors
def log_(
    store: Store, version: str, unit: str, lang: str | None, series: str | None,
    as_json: bool, output: Path | None, color: str,
) -> None:  # fmt: skip
    """Show the history of clause UNIT of VERSION over its series, oldest first.

    \b
    resdiff --store examples/constructed-demo log 2094 op5
    resdiff --store examples/constructed-demo log E/RES/2094/1 op5 --json
    """
    from resdiff.render.history import render_log_json, render_log_text

    clause = api.log(store, version, unit, lang=lang, series=series)
    note_left_out(clause.history)
    if wants_json(as_json, output):
        emit(render_log_json(clause), output)
    else:
        emit(render_log_text(clause, color=use_color(color, output)), output)


@cli.command()
@click.argument("version")
@click.argument("unit", required=False)
@lang_option
@series_option
@json_option("resdiff.blame/1")
@output_option
@pass_store
@handle_errors
def blame(
    store: Store, version: str, unit: str | None, lang: str | None, series: str | None,
    as_json: bool, output: Path | None,
) -> None:  # fmt: skip
    """Annotate each word of UNIT (or of every unit) of VERSION with the year it first appeared.

    \b
    resdiff --store examples/constructed-demo blame 2094 op5
    resdiff blame 2021 --json
    """
    from resdiff.render.history import render_blame_json, render_blame_text

    blamed = api.blame(store, version, unit, lang=lang, series=series)
    note_left_out(blamed.history)
    json_out = wants_json(as_json, output)
    emit(render_blame_json(blamed) if json_out else render_blame_text(blamed), output)


@cli.command()
@series_option
@lang_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "html", "json"]), default=None,
    help="text matrix, self-contained HTML heat map, or resdiff.timeline/1 "
    "(default: from the -o file name, else text).",
)  # fmt: skip
@json_option("resdiff.timeline/1 (same as --format json)")
@output_option
@pass_store
@handle_errors
def timeline(
    store: Store, series: str | None, lang: str | None, fmt: str | None, as_json: bool,
    output: Path | None,
) -> None:  # fmt: skip
    """Show every clause lineage of a series across its versions (a matrix or a heat map).

    \b
    resdiff timeline
    resdiff --store examples/constructed-demo timeline -o timeline.html
    """
    from resdiff.render.output import format_for
    from resdiff.render.timeline import TIMELINE_RENDERERS

    fmt = format_for(output, "json" if as_json else fmt, tuple(TIMELINE_RENDERERS), "text")
    text, note = api.timeline(store, series, lang, fmt)
    if note:
        click.echo(f"note: {note}", err=True)
    emit(text, output)


@cli.command()
@click.argument("phrase")
@series_option
@lang_option
@json_option("resdiff.grep/1")
@output_option
@color_option
@index_option
@pass_store
@click.pass_context
@handle_errors
def grep(
    ctx: click.Context, store: Store, phrase: str, series: str | None, lang: str | None,
    as_json: bool, output: Path | None, color: str, index: str | None,
) -> None:  # fmt: skip
    """List every stored clause containing PHRASE (tolerant of OCR damage and accents).

    Exits 1 when no clause contains it, like grep.

    \b
    resdiff grep "chaînes d'approvisionnement"
    resdiff grep "Etats membres" --series ecosoc-trafficking --json
    """
    from resdiff.render.search import render_grep_json, render_grep_text

    hits = api.grep(store, phrase, series=series, lang=lang, index=index)
    if wants_json(as_json, output):
        emit(render_grep_json(phrase, hits), output)
    else:
        emit(render_grep_text(phrase, hits, color=use_color(color, output)), output)
    if not hits:
        ctx.exit(1)


@cli.command()
@click.argument("text", required=False)
@click.option(
    "--file", "file", type=click.File("r", encoding="utf-8"),
    help="Read the draft paragraph from a file (- for standard input).",
)  # fmt: skip
@click.option("-n", "count", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many clauses to show.")  # fmt: skip
@click.option(
    "--candidates", type=click.IntRange(1, 10_000_000),
    help="How many of the closest clauses to score exactly (default: 0.4 % of the index, "
    "at least 500): fewer is faster, more finds more.",
)  # fmt: skip
@lang_option
@json_option("resdiff.precedent/1")
@output_option
@color_option
@index_option
@pass_store
@handle_errors
def precedent(
    store: Store, text: str | None, file: Any, count: int, candidates: int | None,
    lang: str | None, as_json: bool, output: Path | None, color: str, index: str | None,
) -> None:  # fmt: skip
    """Find the stored clauses closest to a draft paragraph, with the words that differ.

    \b
    resdiff precedent "Invite les États Membres à s'attaquer aux facteurs sociaux"
    resdiff precedent "Invite les États Membres à s’attaquer aux facteurs" -n 5 --json
    """
    from resdiff.render.search import render_precedent_json, render_precedent_text

    if (text is None) == (file is None):
        raise click.UsageError("give the draft as TEXT or with --file, not both")
    draft = text if text is not None else file.read()
    results = api.precedent(store, draft, n=count, lang=lang, index=index, candidates=candidates)
    if wants_json(as_json, output):
        emit(render_precedent_json(draft, results), output)
    else:
        emit(render_precedent_text(draft, results, color=use_color(color, output)), output)


@cli.command()
@click.option("--base", required=True, help="The git revision the pull request starts from.")
@click.option("--head", default="HEAD", show_default=True, help="The revision to review.")
@click.option(
    "--html-dir", type=click.Path(file_okay=False, path_type=Path),
    help="Write one HTML report per added or corrected version into this folder.",
)  # fmt: skip
@json_option("resdiff.review/1")
@click.option("--strict", is_flag=True, help="Exit 1 when a problem is found.")
@output_option
@pass_store
@click.pass_context
@handle_errors
def review(
    ctx: click.Context, store: Store, base: str, head: str, html_dir: Path | None,
    as_json: bool, strict: bool, output: Path | None,
) -> None:  # fmt: skip
    """Review what a pull request does to the store: added and corrected versions, problems.

    Prints Markdown (also appended to $GITHUB_STEP_SUMMARY when that is set).

    \b
    resdiff review --base origin/main
    resdiff review --base main --head my-branch --html-dir review-html --strict
    resdiff review --base main -o review.md
    """
    from resdiff.render.review import (
        render_review_json,
        render_review_markdown,
        write_html_reports,
    )

    result = api.review(store, base, head)
    reports = write_html_reports(result, html_dir) if html_dir is not None else {}
    if as_json or (output is not None and output.suffix.lower() == ".json"):
        emit(render_review_json(result), output)
    else:
        markdown = render_review_markdown(result, reports=reports)
        emit(markdown, output)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(markdown)
    if strict and result.problems:
        ctx.exit(1)
