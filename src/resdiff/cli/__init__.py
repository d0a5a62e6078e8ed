"""The ``resdiff`` command: parses options, calls :mod:`resdiff.api`, prints a renderer's output.

One module per family of commands; importing them registers them on the group.
"""

from resdiff.cli import (
    diff_commands,
    export_commands,
    history_commands,
    index_commands,
    store_commands,
)
from resdiff.cli._group import cli

__all__ = [
    "cli",
    "diff_commands",
    "export_commands",
    "history_commands",
    "index_commands",
    "store_commands",
]
