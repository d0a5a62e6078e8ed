"""The input of ``git fast-import`` that makes a chain of commits from staged blobs (no I/O).

A batch that commits each version makes one commit per version; as plumbing that is five
git processes a commit (``add``, ``diff-index``, ``write-tree``, ``commit-tree``,
``update-ref``), more than the ingestion of a short text. ``git fast-import`` makes the whole
chain in one process: each commit starts from the one before (the first from HEAD), deletes
its paths and adds back every file the index holds under them (blobs git already has, named
by their id), so each commit records exactly its paths, as ``git commit --only`` does, and
anything else staged stays out of it. :meth:`resdiff.storage.git.GitRepo.commit_each` runs it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    """A file of the index: its git mode, blob id and path (posix, from the work tree)."""

    mode: str
    blob: str
    path: str


@dataclass(frozen=True, slots=True)
class ChainedCommit:
    """One commit of the chain: the paths it records, their files, message and author date.

    ``paths`` are posix paths from the work tree (folders or files); ``entries`` every file
    of the index under them (none for a path deleted).
    """

    paths: tuple[str, ...]
    entries: tuple[Entry, ...]
    message: str
    author_time: str | None = None


def parse_ident(ident: str) -> tuple[str, str]:
    """``Name <email>`` and ``time zone`` of a ``git var GIT_*_IDENT`` line.

    Example:
        >>> parse_ident("A U Thor <a@example.org> 1700000000 +0100")
        ('A U Thor <a@example.org>', '1700000000 +0100')
    """
    who, _, when = ident.strip().rpartition(">")
    return who + ">", when.strip()


def adoption_time(date: str) -> str:
    """An ISO date as fast-import's raw author time: noon UTC, as ``resdiff add`` dates it.

    Example:
        >>> adoption_time("2021-07-22")
        '1626955200 +0000'

    Raises:
        ValueError: ``date`` is not an ISO date.
    """
    moment = datetime.datetime.fromisoformat(f"{date}T12:00:00+00:00")
    return f"{int(moment.timestamp())} +0000"


def quote(path: str) -> str:
    """A path as fast-import reads it: C-style quoted when it could be misread.

    Example:
        >>> quote('a/b c'), quote('a/"b"')
        ('a/b c', '"a/\\\\"b\\\\""')
    """
    if not any(ch in path for ch in '"\\\n') and not path.startswith('"'):
        return path
    escaped = path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def stream(
    ref: str, parent: str, commits: Sequence[ChainedCommit], author: str, committer: str
) -> bytes:
    """The fast-import commands making ``commits`` on ``ref``, the first one's parent ``parent``.

    Args:
        ref: a private ref the chain is built on (HEAD is moved by the caller).
        parent: the commit the chain starts from.
        commits: in order; commit ``k`` gets the mark ``:k+1``.
        author: ``Name <email> time zone`` (a commit's ``author_time`` replaces the time).
        committer: ``Name <email> time zone``.

    Returns:
        The stream, ending with ``done`` (run fast-import with ``--done``: a cut stream fails).
    """
    out = [b"feature done\n"]
    who, when = parse_ident(author)
    for number, commit in enumerate(commits, start=1):
        message = commit.message.encode("utf-8") + b"\n"
        head = [
            f"commit {ref}",
            f"mark :{number}",
            f"author {who} {commit.author_time or when}",
            f"committer {committer.strip()}",
            f"data {len(message)}",
        ]
        out.append(("\n".join(head) + "\n").encode("utf-8") + message)
        lines = [f"from {parent}"] if number == 1 else []
        lines += [f"D {quote(path)}" for path in commit.paths]
        lines += [f"M {e.mode} {e.blob} {quote(e.path)}" for e in commit.entries]
        out.append(("\n".join(lines) + "\n\n").encode("utf-8"))
    out.append(b"done\n")
    return b"".join(out)


def read_marks(text: str) -> dict[int, str]:
    """Mark number → commit id, from fast-import's ``--export-marks`` file.

    Example:
        >>> read_marks(":1 " + "a" * 40 + "\\n")[1] == "a" * 40
        True
    """
    marks = {}
    for line in text.splitlines():
        mark, _, sha = line.partition(" ")
        if mark.startswith(":") and sha:
            marks[int(mark[1:])] = sha.strip()
    return marks
