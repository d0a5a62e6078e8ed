"""``resdiff index``: push a store into a search index (shared or its own); what it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from resdiff import api
from resdiff.cli._group import cli, handle_errors, index_option, pass_store

if TYPE_CHECKING:  # the store is imported when a command runs, not at start-up
    from resdiff.storage import Store


@cli.group()
def index() -> None:
    """The search index behind grep and precedent (the store's own, or a shared server).

    \b
    resdiff index sync              update the store's own index
    resdiff index status

    With --index postgresql://host/db (or RESDIFF_INDEX) both work on a team's server.
    """


@index.command("sync")
@index_option
@click.option("--name", help="The store's name in a shared index (default: parent/folder).")
@pass_store
@handle_errors
def sync(store: Store, index: str | None, name: str | None) -> None:
    """Push the versions that changed since the last sync (by git tree id) into the index."""
    report = api.index_sync(store, index, name=name)
    click.echo(
        f"{report.store}: {len(report.updated)} versions written, {len(report.removed)} "
        f"dropped, {report.unchanged} unchanged; {report.clauses} clauses indexed"
        + (f" at commit {report.head[:10]}" if report.head else "")
    )


@index.command("status")
@index_option
@pass_store
@handle_errors
def status(store: Store, index: str | None) -> None:
    """Where the index is and the stores it holds (name, clauses, commit, folder)."""
    location, stores = api.index_status(store, index)
    click.echo(f"index: {location}")
    if not stores:
        click.echo("no store indexed; run `resdiff index sync`")
    for held in stores:
        commit = held.head[:10] if held.head else "-"
        click.echo(f"{held.name}: {held.clauses} clauses at commit {commit} ({held.root})")
