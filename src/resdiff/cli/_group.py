"""The click group and what every command shares: the store, options, error handling.

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

from resdiff import __version__
from resdiff.errors import ResdiffError
from resdiff.render.safety import one_line
from resdiff.storage import Store

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = "resolutions"


class ResdiffClickError(click.ClickException):
    """A library error shown as ``Error: <message>`` with exit status 2."""

    exit_code = 2


class Interrupted(click.ClickException):
    """Ctrl-C: the store has already undone what the command had not committed."""

    exit_code = 130  # 128 + SIGINT

    def __init__(self) -> None:
        super().__init__("interrupted (Ctrl-C); the store is as it was before the command")


def handle_errors(func: F) -> F:
    """Turn :class:`ResdiffError` into a one-line error and exit status 2 (Ctrl-C: 130)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ResdiffError as exc:
            raise ResdiffClickError(one_line(str(exc))) from None
        except KeyboardInterrupt:
            raise Interrupted() from None
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


def diff_formats() -> list[str]:
    from resdiff.render import RENDERERS

    return sorted(RENDERERS)


def use_color(no_color: bool) -> bool:
    """Colour only on a terminal, and never with ``--no-color`` or ``NO_COLOR`` set."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def json_option(schema: str) -> Callable[[F], F]:
    """``--json``: print the documented JSON shape ``schema``."""

    def decorator(func: F) -> F:
        return click.option(
            "--json", "as_json", is_flag=True, help=f"Print the {schema} JSON shape."
        )(func)

    return decorator
