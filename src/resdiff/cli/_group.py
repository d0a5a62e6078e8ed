"""The click group and what every command shares: the store, options, error handling.

Errors the library raises on purpose (:class:`~resdiff.errors.ResdiffError`) become a
one-line message on standard error and exit status 2.
"""

from __future__ import annotations

import difflib
import functools
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from resdiff import __version__
from resdiff._argv import is_selector, stdout_is_terminal
from resdiff._argv import use_color as use_color  # re-exported: the commands colour with it
from resdiff._languages import SUPPORTED
from resdiff.errors import ResdiffError
from resdiff.render.safety import one_line

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = "resolutions"


class ResdiffClickError(click.ClickException):
    """A library error shown as ``Error: <message>`` with exit status 2."""

    exit_code = 2


class OneLineUsageError(click.ClickException):
    """A usage error shown as one ``Error: …`` line with exit status 2 (no usage block)."""

    exit_code = 2


def _one_line(exc: click.UsageError) -> click.ClickException:
    """Click's usage error as one line (``resdiff`` alone still shows the help)."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        return exc
    sub = exc.ctx.command_path.split(" ")[1:] if exc.ctx is not None else []
    where = " ".join(["resdiff", *sub])  # however the program was started (python -m …)
    return OneLineUsageError(f"{exc.format_message()} (see `{where} --help`)")


class Interrupted(click.ClickException):
    """Ctrl-C: the store has already undone what the command had not committed."""

    exit_code = 130  # 128 + SIGINT

    def __init__(self) -> None:
        super().__init__("interrupted (Ctrl-C); the store is as it was before the command")


def handle_errors(func: F) -> F:
    """Turn :class:`ResdiffError` into a one-line error and exit status 2 (Ctrl-C: 130)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from resdiff._entry import ignore_late_ctrl_c, take_over_ctrl_c

        take_over_ctrl_c()
        try:
            return _reading_again(func, *args, **kwargs)
        except BrokenPipeError:
            raise  # the reader went away (``| head``): click exits 1 quietly
        except ResdiffError as exc:
            raise ResdiffClickError(one_line(str(exc))) from None
        except KeyboardInterrupt:
            raise Interrupted() from None
        except RuntimeError as exc:
            if _caused_by_ctrl_c(exc):
                raise Interrupted() from None
            raise
        except OSError as exc:  # a disk or permission problem the library did not foresee
            where = f"{exc.filename}: " if exc.filename else ""
            raise ResdiffClickError(
                one_line(f"{where}{exc.strerror or exc}; check the path, its permissions and space")
            ) from None
        finally:
            # The command is over (its result, or its one-line error, is on its way out): a
            # Ctrl-C now would only kill the exit itself, with no status of ours.
            ignore_late_ctrl_c()

    return wrapper  # type: ignore[return-value]


def _reading_again(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a command; when a write moved what it read, run it again on the last commit.

    The command has printed nothing then (commands print once they have read), and has
    written nothing (a store reading its own writes under the lock never raises it).
    """
    from resdiff.errors import StoreChanged

    for _ in range(2):
        try:
            return func(*args, **kwargs)
        except StoreChanged:
            from resdiff.storage import Store

            ctx = click.get_current_context(silent=True)
            store = ctx.find_object(Store) if ctx is not None else None
            if store is None:
                raise
            store.read_committed()
    return func(*args, **kwargs)


def _caused_by_ctrl_c(exc: BaseException) -> bool:
    """True when Ctrl-C is what raised ``exc``: Python 3.11 wraps a ``KeyboardInterrupt``
    raised while a class is created (a dataclass in a module imported on first use) in
    ``RuntimeError: Error calling __set_name__``."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def looks_like_input(word: str) -> bool:
    """True for a word ``diff`` can take: a version selector (``2021``, ``2021/25``,
    ``E/RES/2021/25``, ``2021@HEAD~1``), an existing file or ``-``."""
    return word == "-" or is_selector(word) or Path(word).is_file()


class ResdiffGroup(click.Group):
    """A group where ``resdiff 2019 2021`` means ``resdiff diff 2019 2021``.

    Only words that look like diff inputs take the shortcut, so a mistyped command gets
    click's own "No such command 'lsit'. Did you mean 'list'?".
    """

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            diff = self.commands.get("diff")
            if diff is not None and self._is_shortcut(args):
                return "diff", diff, args
            if looks_like_input(args[0]):  # "resdiff 2021 lsit": the second word is the typo
                ctx.fail(
                    f"{args[1]!r} is not a version, a revision or a file; `resdiff OLD NEW` "
                    "compares two of them"
                )
            close = difflib.get_close_matches(args[0], self.list_commands(ctx), n=1)
            if close:  # as click 8.2+ says it, whatever click is installed
                ctx.fail(f"No such command {args[0]!r}. Did you mean {close[0]!r}?")
        return super().resolve_command(ctx, args)

    @staticmethod
    def _is_shortcut(args: Sequence[str]) -> bool:
        second = args[1] if len(args) > 1 and not args[1].startswith("-") else None
        return looks_like_input(args[0]) and (second is None or looks_like_input(second))

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:  # fmt: skip
        """Parse the group's options; a usage error is one line."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a usage error is one line, with where to read the usage."""
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from None


def pass_store(func: F) -> F:
    """Pass the group's :class:`~resdiff.storage.Store` first, as ``make_pass_decorator`` does.

    The store module is imported when a command runs, so ``--version`` and ``--help`` never
    load it.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from resdiff.storage import Store

        ctx = click.get_current_context()
        store = ctx.find_object(Store)
        if store is None:
            raise RuntimeError("no store on the click context; run commands through the group")
        return ctx.invoke(func, store, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def series_option(func: F) -> F:
    """``--series``: the series a bare year selects in."""
    return click.option(
        "--series", help="Series a bare year refers to (default: the store's default series)."
    )(func)


LANG_CHOICE = click.Choice(SUPPORTED, case_sensitive=False)


def lang_option(func: F) -> F:
    """``--lang``: the language of a text or of a stored version (any case: ``FR`` is ``fr``)."""
    return click.option("--lang", type=LANG_CHOICE, help="Language code; detected when omitted.")(
        func
    )


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

    Try it on the constructed demo series (invented texts, not UN documents) in a clone:

    \b
    resdiff --store examples/constructed-demo 2092 2094
    resdiff --store examples/constructed-demo log 2094 op5
    resdiff --store examples/constructed-demo timeline
    resdiff list
    resdiff show 2021
    resdiff help diff

    OLD NEW without a command is short for diff OLD NEW.
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="resdiff: %(message)s", stream=sys.stderr)
    if sys.stderr.isatty():  # progress of long steps (OCR, rebuild), never into pipes or files
        from resdiff import _progress

        _progress.install(sys.stderr)
    from resdiff.storage import Store

    ctx.obj = Store(store_path)


def diff_formats() -> list[str]:
    from resdiff.render import FORMATS

    return list(FORMATS)


def color_option(func: F) -> F:
    """``--color auto|always|never`` and ``--no-color`` (same as ``--color never``).

    The command receives one ``color`` argument: ``auto``, ``always`` or ``never``.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, color: str, no_color: bool, **kwargs: Any) -> Any:
        return func(*args, color="never" if no_color else color, **kwargs)

    with_color = click.option(
        "--color", type=click.Choice(["auto", "always", "never"]), default="auto",
        show_default=True, help="Colour: on a terminal only (auto), always, or never.",
    )(wrapper)  # fmt: skip
    return click.option(
        "--no-color", is_flag=True, help="No colour (same as --color never; or set NO_COLOR)."
    )(with_color)  # type: ignore[return-value]


_PAGER_KEY = "resdiff.pager"


def _remember_pager(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta[_PAGER_KEY] = value


def output_option(func: F) -> F:
    """``-o/--output FILE``: write the report to a file (``-``: standard output); and
    ``--pager``: page a report printed on a terminal (``$PAGER``, else ``less``/``more``)."""
    paged = click.option(
        "--pager", is_flag=True, expose_value=False, callback=_remember_pager,
        help="Show a report printed on a terminal through $PAGER (less by default).",
    )(func)  # fmt: skip
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        help="Write the report to this file (UTF-8; .html, .md, .json choose the format "
        "unless --format says) and print its path; - is standard output.",
    )(paged)  # fmt: skip


def emit(text: str, output: Path | None, note: str = "") -> None:
    """Print a report (through the pager with ``--pager`` on a terminal), or write it to
    ``output`` (whole or not at all) and print its path."""
    if output is None or str(output) == "-":
        ctx = click.get_current_context(silent=True)
        if ctx is not None and ctx.meta.get(_PAGER_KEY) and stdout_is_terminal():
            click.echo_via_pager(text)
        else:
            click.echo(text, nl=False)
        return
    from resdiff.render.output import write_report

    write_report(output, text)
    click.echo(f"wrote {output.resolve()}" + (f" ({note})" if note else ""))


def index_option(func: F) -> F:
    """``--index``: a shared search index instead of the store's own."""
    return click.option(
        "--index", "index", envvar="RESDIFF_INDEX", metavar="URL|FILE",
        help="Search a shared index: postgresql://… or a SQLite file (or set RESDIFF_INDEX). "
        "Default: the store's own index, updated first.",
    )(func)  # fmt: skip


def json_option(schema: str) -> Callable[[F], F]:
    """``--json``: print the documented JSON shape ``schema``."""

    def decorator(func: F) -> F:
        return click.option(
            "--json", "as_json", is_flag=True, help=f"Print the {schema} JSON shape."
        )(func)

    return decorator


@cli.command("help")
@click.argument("command", required=False)
@click.pass_context
def help_(ctx: click.Context, command: str | None) -> None:
    """Show the help of resdiff, or of COMMAND.

    \b
    resdiff help
    resdiff help diff
    """
    parent = ctx.parent
    assert parent is not None  # a subcommand always has the group's context
    if command is None:
        click.echo(parent.get_help())
        return
    found = cli.get_command(parent, command)
    if found is None:
        names = ", ".join(cli.list_commands(parent))
        raise click.UsageError(f"no command {command!r}; the commands are: {names}")
    with click.Context(found, info_name=command, parent=parent) as sub:
        click.echo(found.get_help(sub))
