"""The diff command (and the ``resdiff 2019 2021`` shorthand the group resolves to it)."""

from __future__ import annotations

from pathlib import Path

import click

from resdiff import api
from resdiff.cli._group import (
    cli,
    diff_formats,
    handle_errors,
    lang_option,
    series_option,
    use_color,
)
from resdiff.errors import InputError
from resdiff.storage import Store


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(diff_formats()), default=None,
    help="Output format (default: terminal; docx when -o names a .docx file).",
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
    fmt: str | None,
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
    resdiff diff 2019 2021 -o changes.docx      Word, with tracked changes
    """
    from resdiff.render import binary_format_for, is_binary, render, render_bytes

    fmt = fmt or binary_format_for(output) or "terminal"
    if is_binary(fmt) and output is None:
        raise InputError(f"--format {fmt} writes a file; give it with -o changes.{fmt}")
    settings = {} if threshold is None else {"threshold": threshold}
    store = ctx.find_object(Store)
    assert store is not None  # set by the group callback
    comparison = api.diff(store, old, new, lang=lang, series=series, **settings)
    color = use_color(no_color) and output is None
    options = {"color": color, "show_all": show_all, "explain": explain}
    if output is None:
        click.echo(render(comparison, fmt, **options), nl=False)
    else:
        output.write_bytes(render_bytes(comparison, fmt, **options))
        summary = comparison.summary()
        counts = ", ".join(f"{n} {status}" for status, n in summary.items() if n)
        click.echo(f"wrote {output.resolve()} ({counts})")
    if exit_code and comparison.has_differences:
        ctx.exit(1)


# ----------------------------------------------------------------- history (issue 5)
