"""The export command: a stored version in another format (Akoma Ntoso)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from resdiff import api
from resdiff.cli._group import cli, handle_errors, lang_option, pass_store, series_option

if TYPE_CHECKING:  # the store is imported when a command runs, not at start-up
    from resdiff.storage import Store


@cli.command()
@click.argument("version")
@click.option(
    "--format", "fmt", type=click.Choice(api.EXPORT_FORMATS), default="akn", show_default=True,
    help="akn: Akoma Ntoso 3.0 following the UN's AKN4UN guidelines.",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the document to this file and print its path (default or -: standard output).",
)  # fmt: skip
@lang_option
@series_option
@pass_store
@handle_errors
def export(
    store: Store, version: str, fmt: str, output: Path | None, lang: str | None,
    series: str | None,
) -> None:  # fmt: skip
    """Write stored VERSION as an Akoma Ntoso (AKN4UN) document.

    `resdiff add FILE.xml` reads such a document back, structure and all.

    \b
    resdiff export 2021 --format akn -o E-RES-2021-25.fr.xml
    """
    from resdiff.render.output import write_report

    data = api.export(store, version, fmt=fmt, lang=lang, series=series)
    if output is None or str(output) == "-":  # `-o -` is standard output, as for reports
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_report(output, data)  # a temporary file renamed: never a partial document
        click.echo(f"wrote {output.resolve()}")
