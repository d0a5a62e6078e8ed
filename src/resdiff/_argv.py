"""What words of the command line mean, without click: version selectors, and colour.

Shared by the command line (:mod:`resdiff.cli`) and the entry point's fast path for a diff
of two stored versions (:mod:`resdiff._fast_diff`), which runs before click is imported.
"""

from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs milliseconds here
if TYPE_CHECKING:
    from pathlib import Path

# What a stored version looks like to `diff`: a year, a short or full symbol, optionally @REV.
_SELECTOR_RE = re.compile(
    r"""^(?:\d{4}                         # a year: 2021
         |\d{1,4}/\d{1,4}[A-Z]?           # a short symbol: 2021/25, 76/1
         |[A-Z]+(?:/[A-Z0-9.]+)*/RES/\S+  # a full symbol: E/RES/2021/25
         |[AES](?:/[A-Z0-9.]+){2,}        # a draft or document: A/C.3/76/L.10/Rev.1
        )(?:@\S+)?$                       # at a git revision: 2021@HEAD~1""",
    re.I | re.X,
)


def is_selector(word: str) -> bool:
    """True for a word that names a stored version: ``2021``, ``2021/25``, ``E/RES/2021/25``,
    ``2021@HEAD~1`` (whether such a version is stored is the store's to say)."""
    return _SELECTOR_RE.match(word) is not None


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (colour and the pager are for people)."""
    return sys.stdout.isatty()


def use_color(color: str = "auto", output: Path | None = None) -> bool:
    """Whether to colour: ``always``; not with ``never``, ``NO_COLOR`` or a file; else on a TTY."""
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR") or (output and str(output) != "-"):
        return False
    return stdout_is_terminal()
