"""The diff command (and the ``resdiff 2019 2021`` shorthand the group resolves to it)."""

from __future__ import annotations

from pathlib import Path

import click

from resdiff import api
from resdiff.cli._group import (
    cli,
    color_option,
    diff_formats,
    emit,
    handle_errors,
    lang_option,
    output_option,
    series_option,
    use_color,
)
from resdiff.errors import InputError


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(diff_formats()), default=None,
    help="Output format (default: from the -o file name, else terminal; docx writes Word "
    "with tracked changes).",
)  # fmt: skip
@output_option
@click.option("--explain", is_flag=True, help="List the differences ignored as OCR noise.")
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged clauses.")
@color_option
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
    fmt: str | None,
    output: Path | None,
    explain: bool,
    show_all: bool,
    color: str,
    exit_code: bool,
    threshold: float | None,
    lang: str | None,
    series: str | None,
) -> None:
    """Show what changed between OLD and NEW, clause by clause.

    OLD and NEW are stored versions (2019, 2021/25, E/RES/2021/25), files (ingested on the
    fly, the store is not touched), or VERSION@REV: a stored version at a git revision.

    \b
    resdiff --store examples/constructed-demo 2092 2094
    resdiff diff examples/constructed-earlier-draft.fr.txt 2021 -o report.html
    resdiff diff 2021@HEAD~1 2021 --explain
    resdiff --store examples/constructed-demo diff 2093 2094 -o changes.docx
    """
    from resdiff.render import is_binary, render, render_bytes
    from resdiff.render.output import format_for, write_report

    fmt = format_for(output, fmt, diff_formats(), "terminal")
    if is_binary(fmt) and (output is None or str(output) == "-"):
        raise InputError(f"--format {fmt} writes a file; give it with -o changes.{fmt}")
    settings = {} if threshold is None else {"threshold": threshold}
    from resdiff.storage import Store

    store = ctx.find_object(Store)
    assert store is not None  # set by the group callback
    comparison = api.diff(store, old, new, lang=lang, series=series, **settings)
    for argument, resolution in ((old, comparison.old), (new, comparison.new)):
        if argument == "-" or Path(argument).is_file():  # stored versions warned when added
            for warning in resolution.warnings:
                click.echo(f"warning: {argument}: {warning}", err=True)
    options = {"color": use_color(color, output), "show_all": show_all, "explain": explain}
    counts = ", ".join(f"{n} {status}" for status, n in comparison.summary().items() if n)
    if is_binary(fmt):
        assert output is not None  # checked above
        write_report(output, render_bytes(comparison, fmt, **options))
        click.echo(f"wrote {output.resolve()} ({counts})")
    else:
        emit(render(comparison, fmt, **options), output, counts)
    if exit_code and comparison.has_differences:
        ctx.exit(1)


# ----------------------------------------------------------------- history (issue 5)
