"""Benchmark the store's read path: ``resdiff 2021 2022`` and ``show`` as whole processes.

    .venv/bin/python scripts/bench_store_reads.py [--repeat 11]

A fresh store holds the seed (2021) and a constructed variant of it (2022, as in
``scripts/bench_cli.py``). Rows, each a whole process, CPU and wall medians (CPU time is the
steadier figure on a shared machine; a child's git processes count in its CPU):

- the store-to-store diff with the comparison cache empty (the differ runs), then cached;
- the same while a write is in flight (a journal present): readers read HEAD's commit
  through ``git ls-tree`` and ``git cat-file --batch`` instead of the files;
- ``show 2021`` from the files and from HEAD's commit.

Baselines measured in the same run: a bare interpreter, and ``import click`` (the floor of
any command line). The last column says whether the process imported the differ's
libraries (rapidfuzz, diff-match-patch, the word lists) or Jinja2 (``-X importtime``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt"
EXE = shutil.which("resdiff") or str(Path(sys.executable).parent / "resdiff")
ENV = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org",
           GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org",
           NO_COLOR="1")  # fmt: skip
HEAVY = ("rapidfuzz", "diff_match_patch", "jinja2", "resdiff.normalize.lexicon")


def run_once(argv: Sequence[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the process and the children it waited for)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def measure(argv: Sequence[str], repeat: int, setup: Callable[[], None] | None = None,
            ) -> tuple[float, float]:  # fmt: skip
    walls, cpus = [], []
    for _ in range(repeat):
        if setup is not None:
            setup()
        wall, cpu = run_once(argv)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def heavy_imports(argv: Sequence[str]) -> str:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "resdiff", *argv[1:]],
                          env=ENV, capture_output=True, text=True, check=False)  # fmt: skip
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    found = [name for name in HEAVY if name in names]
    return ", ".join(found) or "none"


def variant(seed: str) -> str:
    dated = seed.replace("2021/25.", "2022/10.", 1).replace("22 juillet 2021", "21 juillet 2022")
    return dated.replace("4.  Invite les Etats Membres", "4.  Encourage les Etats Membres")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="runs per row (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="resdiff-bench-reads-") as tmp:
        work = Path(tmp)
        store = work / "store"
        subprocess.run(["git", "init", "-q", str(store)], check=True)
        seed = SEED.read_text(encoding="utf-8")
        (work / "v2022.txt").write_text(variant(seed), encoding="utf-8")
        for path in (SEED, work / "v2022.txt"):
            subprocess.run([EXE, "--store", str(store), "add", str(path)], env=ENV, check=True,
                           capture_output=True)  # fmt: skip
        journal = store / ".resdiff-journal.json"
        cache = store / ".resdiff-cache"
        diff = [EXE, "--store", str(store), "2021", "2022"]
        show = [EXE, "--store", str(store), "show", "2021"]

        def cold() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        rows: list[tuple[str, tuple[float, float], str]] = []
        bare = measure([sys.executable, "-c", "pass"], args.repeat)
        click = measure([sys.executable, "-c", "import click"], args.repeat)
        rows.append(("diff, cache empty", measure(diff, args.repeat, cold), ""))
        run_once(diff)  # fills the cache
        rows.append(("diff, cached", measure(diff, args.repeat), heavy_imports(diff)))
        journal.write_text("")
        rows.append(("diff, cached, write in flight", measure(diff, args.repeat),
                     heavy_imports(diff)))  # fmt: skip
        rows.append(("show, write in flight", measure(show, args.repeat), ""))
        journal.unlink()
        rows.append(("show", measure(show, args.repeat), ""))
    print(f"{'resdiff (whole process)':<32} {'cpu':>7} {'wall':>7} {'cpu/python':>11} "
          f"{'cpu/click':>10}   heavy imports")  # fmt: skip
    for name, (wall, cpu), heavy in rows:
        print(f"{name:<32} {cpu * 1000:>5.0f}ms {wall * 1000:>5.0f}ms {cpu / bare[1]:>10.1f}x "
              f"{cpu / click[1]:>9.1f}x   {heavy}")  # fmt: skip
    print(f"{'baseline: python -c pass':<32} {bare[1] * 1000:>5.0f}ms {bare[0] * 1000:>5.0f}ms")
    print(f"{'baseline: python -c import click':<32} {click[1] * 1000:>5.0f}ms "
          f"{click[0] * 1000:>5.0f}ms")  # fmt: skip
    print("(medians of", args.repeat, "runs)")


if __name__ == "__main__":
    main()
