"""The diff command (and the ``resdiff 2019 2021`` shorthand the group resolves to it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:  # the store is imported when a command runs, not at start-up
    pass


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(diff_formats()), default="terminal", show_default=True,
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
    from resdiff.storage import Store

    store = ctx.find_object(Store)
    assert store is not None  # set by the group callback
    comparison = api.diff(store, old, new, lang=lang, series=series, **settings)
    color = use_color(no_color) and output is None
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
