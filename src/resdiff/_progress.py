"""Progress of long steps (OCR pages, versions rebuilt), as log records the CLI may draw.

The library never prints: :func:`report` logs to the ``resdiff.progress`` logger with the
step and counts attached. The command line installs :class:`ProgressHandler` on standard
error only when it is a terminal, so pipes, files and tests see nothing.
"""

from __future__ import annotations

import logging
from typing import TextIO

LOGGER = "resdiff.progress"
logger = logging.getLogger(LOGGER)


def report(step: str, done: int, total: int, unit: str) -> None:
    """Say that ``done`` of ``total`` ``unit`` of ``step`` are finished (OCR, 3, 6, pages)."""
    extra = {"step": step, "done": done, "total": total, "unit": unit}
    logger.debug("%s: %d/%d %s", step, done, total, unit, extra=extra)


class ProgressHandler(logging.Handler):
    """Draws ``step: done/total`` on one terminal line, rewritten in place.

    >>> import io
    >>> out = io.StringIO()
    >>> handler = ProgressHandler(out)
    >>> for k in (1, 2):
    ...     _ = handler.handle(logging.makeLogRecord({"step": "OCR", "done": k, "total": 2}))
    >>> out.getvalue()
    '\\rOCR: 1/2 pages\\rOCR: 2/2 pages\\n'
    """

    def __init__(self, stream: TextIO, unit: str = "pages") -> None:
        super().__init__(logging.DEBUG)
        self.stream = stream
        self.unit = unit

    def emit(self, record: logging.LogRecord) -> None:
        """Rewrite the progress line; end it when the step is complete."""
        done, total = getattr(record, "done", None), getattr(record, "total", None)
        if done is None or total is None:
            return
        unit = getattr(record, "unit", self.unit)
        end = "\n" if done >= total else ""
        step = getattr(record, "step", "")
        self.stream.write(f"\r{step}: {done}/{total} {unit}{end}")
        self.stream.flush()


def install(stream: TextIO) -> None:
    """Draw progress on ``stream`` (the CLI calls it when standard error is a terminal)."""
    progress = logging.getLogger(LOGGER)
    progress.setLevel(logging.DEBUG)
    progress.propagate = False
    if not any(isinstance(h, ProgressHandler) for h in progress.handlers):
        progress.addHandler(ProgressHandler(stream))
