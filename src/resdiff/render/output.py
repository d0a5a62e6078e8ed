"""Where a report goes: its format from the file name, and a write that never leaves half a file.

>>> format_for("report.html", None, ("terminal", "json", "markdown", "html"), "terminal")
'html'
>>> format_for("report.html", "json", ("terminal", "json", "markdown", "html"), "terminal")
'json'
>>> format_for("notes.txt", None, ("text", "html", "json"), "text")
'text'
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

# File name endings and the format they ask for (when the command has that format).
SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".docx": "docx",
}


def format_for(
    output: str | Path | None, given: str | None, choices: Sequence[str], default: str
) -> str:
    """The format a report is written in: ``given``, else the one ``output``'s name asks for.

    Args:
        output: the ``-o`` file (``-`` or None for standard output).
        given: the ``--format`` given, or None.
        choices: the formats the command has.
        default: the format when neither says (or the command lacks the one asked for).
    """
    if given is not None:
        return given
    if output is None or str(output) == "-":
        return default
    wanted = SUFFIX_FORMATS.get(Path(output).suffix.lower())
    return wanted if wanted is not None and wanted in choices else default


def write_report(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8, or bytes as they are) to ``path`` through a temporary file
    renamed into place.

    A failure leaves ``path`` as it was (absent, or the previous report), never empty or cut.
    A ``path`` that is not a file (``/dev/null``, a named pipe, a terminal) is written to as
    it is: renaming over it would put a file in its place.

    Raises:
        OSError: the folder does not exist or cannot be written.
    """
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent))
    data = text.encode("utf-8") if isinstance(text, str) else text
    if _is_device(path):
        with open(path, "wb") as out:
            out.write(data)
        return
    import tempfile  # only when a report is written to a file (list and show never are)

    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a report is shared like any file the user
        # writes: the mode of the report it replaces, else what the umask gives a new file.
        os.chmod(temp, _mode_for(path))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _is_device(path: Path) -> bool:
    """True when ``path`` is there and is neither a file nor a folder (a device, a pipe)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _mode_for(path: Path) -> int:
    """The permission bits for ``path``: its own when it exists, else a new file's."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
