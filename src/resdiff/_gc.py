"""Pausing Python's cyclic garbage collector around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from types import TracebackType


class cyclic_gc_paused:  # lower case: used like a function, ``with cyclic_gc_paused():``
    """Pause the cyclic garbage collector for the duration of a ``with`` block.

    The differ and the report views make hundreds of thousands of small objects that live to
    the end (pieces, tokens, changes, segments) and almost no reference cycles; each time they
    pile up, the collector walks every object in the process again, which made a third of a
    9,000-unit comparison and of its HTML report. Reference counting still frees everything as
    usual, and the collector resumes afterwards (unless the caller had turned it off) and
    then finds the few cycles made meanwhile. A class, not ``contextlib.contextmanager``: the
    command line imports this module for every command.

    Example:
        >>> with cyclic_gc_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._enabled:
            gc.enable()
