"""Language evolution: log, blame, timeline, grep, precedent, and review of the store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from resdiff import api
from resdiff.cli._group import (
    cli,
    handle_errors,
    index_option,
    json_option,
    lang_option,
    pass_store,
    series_option,
    use_color,
)
from resdiff.storage import Store


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
        render_log_json(clause) if as_json else render_log_text(clause, color=use_color(no_color)),
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
@index_option
@pass_store
@handle_errors
def grep(
    store: Store, phrase: str, series: str | None, lang: str | None, as_json: bool,
    no_color: bool, index: str | None,
) -> None:  # fmt: skip
    """List every stored clause containing PHRASE (tolerant of OCR damage and accents).

    \b
    resdiff grep "chaînes d'approvisionnement"
    resdiff grep "Etats membres" --series ecosoc-trafficking --json
    """
    from resdiff.render.search import render_grep_json, render_grep_text

    hits = api.grep(store, phrase, series=series, lang=lang, index=index)
    color = use_color(no_color)
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
@index_option
@pass_store
@handle_errors
def precedent(
    store: Store, text: str | None, file: Any, count: int, lang: str | None, as_json: bool,
    no_color: bool, index: str | None,
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
    results = api.precedent(store, draft, n=count, lang=lang, index=index)
    color = use_color(no_color)
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
