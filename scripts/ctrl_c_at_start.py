"""Ctrl-C at the very start of ``resdiff add``: measure the window where it is not handled.

    .venv/bin/python scripts/ctrl_c_at_start.py [--trials 60]

Each trial makes a fresh store (an empty git repository), starts ``resdiff --store S add
SEED`` in its own process group and sends SIGINT to the group after a delay between 1 ms
and 200 ms (spread evenly on a log scale), then checks: no traceback, exit status 130 (or 0
when the add had finished; -2 when the signal came before Python installed any handler:
the process is killed by the signal, which a shell shows as 130 too), and the store either
untouched (no commit, no stored file) or fully committed (one commit, ``verify`` clean,
``git status`` clean).

It also measures, with ``python -X importtime``, how long Python's own start-up takes before
the first instruction of ``resdiff._entry`` runs: the only window left where the interrupt
is Python's default (a ``KeyboardInterrupt`` traceback or death by the signal).
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt"
EXE = shutil.which("resdiff") or str(Path(sys.executable).parent / "resdiff")
ENV = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
           GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")  # fmt: skip


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def trial(work: Path, delay: float) -> tuple[str, str]:
    """(outcome, problem or ''): interrupt one add after ``delay`` seconds."""
    repo = work / "repo"
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir()
    git(repo, "init", "-q")
    store = repo / "resolutions"
    process = subprocess.Popen([EXE, "--store", str(store), "add", str(SEED)], env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # fmt: skip
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    code = process.returncode
    commits = git(repo, "rev-list", "--count", "HEAD") or "0"
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    problems = []
    frames = [line for line in err.splitlines() if line.lstrip().startswith('File "')]
    ours = [line for line in frames if "/resdiff/" in line]
    if "Traceback" in err and not ours:
        # In site, io, abc… or in the installer's launcher (``bin/resdiff``), whose
        # ``import re`` runs before it imports resdiff._entry.
        where = "the launcher's import re" if any("bin/resdiff" in f for f in frames) else "site"
        return f"Python's start-up ({where}): KeyboardInterrupt before resdiff's first line", ""
    if "Traceback" in err:
        problems.append("traceback in resdiff: " + ours[-1].strip())
    if code not in (0, 130, -signal.SIGINT):
        problems.append(f"exit {code}: {err.strip()[-200:]}")
    if commits == "0":
        outcome = "untouched"
        if status:
            problems.append(f"nothing committed but files left: {status[:200]}")
    else:
        outcome = "committed"
        verify = subprocess.run([EXE, "--store", str(store), "verify"], env=ENV,
                                capture_output=True, text=True, check=False)  # fmt: skip
        if commits != "1" or status or verify.returncode != 0:
            problems.append(f"{commits} commits, status {status!r}, verify {verify.returncode}")
    if code == -signal.SIGINT:
        outcome += " (killed by the signal before Python's handler)"
    elif code == 130:
        outcome += " (exit 130)"
    return outcome, "; ".join(problems)


def startup_before_entry() -> float:
    """Milliseconds of imports Python and the launcher run before ``resdiff._entry``."""
    done = subprocess.run([sys.executable, "-X", "importtime", EXE, "--version"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    total = 0
    for line in done.stderr.splitlines():
        parts = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[0].isdigit():
            if parts[2].strip().startswith("resdiff"):
                break
            if not parts[2].startswith(" "):  # top-level imports only
                total += int(parts[1])
    return total / 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60)
    args = parser.parse_args()
    delays = [0.001 * (200 ** (i / max(1, args.trials - 1))) for i in range(args.trials)]
    outcomes: collections.Counter[str] = collections.Counter()
    failures = []
    with tempfile.TemporaryDirectory(prefix="resdiff-ctrl-c-") as tmp:
        for delay in delays:
            outcome, problem = trial(Path(tmp), delay)
            outcomes[outcome] += 1
            if problem:
                failures.append(f"{delay * 1000:.1f} ms: {problem}")
    bare = []
    for _ in range(10):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    print(f"| trials | delays | failures |\n|---:|---|---:|\n| {args.trials} | "
          f"{delays[0] * 1000:.0f}-{delays[-1] * 1000:.0f} ms | {len(failures)} |")  # fmt: skip
    for outcome, count in sorted(outcomes.items()):
        print(f"  {count:3} {outcome}")
    before = startup_before_entry()
    print(
        f"Python start-up before resdiff._entry: {before:.1f} ms of imports (site, the "
        f"launcher's re); a bare interpreter runs in {sorted(bare)[5] * 1000:.0f} ms"
    )
    for line in failures:
        print(f"FAIL {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
