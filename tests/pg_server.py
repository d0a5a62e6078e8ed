"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, a Unix socket.

Debian keeps ``initdb`` and ``pg_ctl`` in ``/usr/lib/postgresql/<version>/bin``; CI runs as
root and ``initdb`` refuses root, so the cluster then runs as the ``postgres`` system user
(``runuser``), in a folder that user owns. The server listens on a socket in that folder
only (no TCP port to collide with), and is stopped (immediately) when the tests end.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is missing."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_postgres(command: list[str]) -> list[str]:
    """Run as the ``postgres`` user when we are root (initdb refuses root)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def cluster(bin_dir: Path, keep: Path | None = None) -> Iterator[str]:
    """Start a cluster; yields a libpq URL to its ``postgres`` database.

    ``keep`` names a folder the cluster lives in and stays in after it stops (a benchmark's
    large index, built once); by default it is a temporary folder, deleted.
    """
    folder = keep or Path(tempfile.mkdtemp(prefix="resdiff-pg-", dir="/tmp"))
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    try:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(folder, user.pw_uid, user.pw_gid)
        run = lambda *args: subprocess.run(  # noqa: E731
            _as_postgres([str(a) for a in args]), check=True, capture_output=True, text=True
        )
        if not (data / "PG_VERSION").exists():
            run(bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync")  # fmt: skip
        options = f"-c listen_addresses='' -k {folder} -c fsync=off -c full_page_writes=off"
        run(bin_dir / "pg_ctl", "-D", data, "-l", folder / "log", "-o", options, "-w", "start")
        try:
            yield f"postgresql://postgres@/postgres?host={folder}"
        finally:
            run(bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
