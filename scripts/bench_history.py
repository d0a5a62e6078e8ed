"""Benchmark precedent search and the series timeline (developer script, not part of the package).

Prints one table:

* ``precedent`` on an index of 100,000 constructed clauses (synthetic variants of the seed's
  clauses: words replaced, dropped and inserted, halves of two clauses joined): index build,
  save and load times, then per-query time for lightly reworded drafts of stored clauses and
  whether the source clause is ranked first, beside the brute-force baseline (rapidfuzz
  scoring every clause) measured in the same run on the same drafts;
* ``timeline`` over a constructed series of 50 versions (E/RES/2101/1 … E/RES/2150/1, edited
  year by year from the seed, committed to git as ``add`` does), in the library: cold (empty
  cache), with the comparisons cached, and warm (the saved history);

then a second table of whole ``timeline``, ``log`` and ``blame`` processes over that series,
median wall and CPU time of each in five states — cold (no cache), comparisons cached (the
warm path before whole histories were saved, the baseline measured in the same run), after an
add (the history saved for the series without its last version, which was just committed),
the same with no comparison cached (the new pair compared by the differ, as after a real
``add``) and warm — beside a bare interpreter; ``--before OTHER/src`` runs another checkout's
commands in turn with this one's.

    python scripts/bench_history.py [--clauses N] [--queries Q] [--versions V] [--repeat R]
                                    [--only precedent|history] [--before OTHER/src]
                                    [--command timeline|log|blame|ROW ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from resdiff.compare.comparable import comparison_form
from resdiff.history import ComparisonCache, series_history
from resdiff.ingest import Source
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.render.timeline import render_timeline_html, render_timeline_text
from resdiff.search import Clause, SqliteIndex, find_precedents, load_clauses
from resdiff.search.precedent import brute_force
from resdiff.storage import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.constructed.corpus import vary  # noqa: E402  (the same variants as bench_scale)
from tests.constructed.evolution import renumber  # noqa: E402

SERIES = "constructed-bench"


def timed(func: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def seed() -> Resolution:
    return Store(ROOT / "resolutions").load("2021")


def seed_clauses() -> list[str]:
    skip = {UnitKind.FORMULA, UnitKind.CLOSING, UnitKind.TITLE}
    return [u.text for u in seed().units if u.kind not in skip and len(u.text.split()) >= 6]


def synthetic_clauses(count: int, rng: random.Random) -> list[Clause]:
    """``count`` variants of the seed's clauses, 10-40% of words edited, some joined."""
    bases = seed_clauses()
    vocabulary = sorted({w for text in bases for w in text.split()})
    clauses = []
    for k in range(count):
        text = bases[k % len(bases)]
        if rng.random() < 0.2:  # join the halves of two clauses
            other = rng.choice(bases).split()
            words = text.split()
            text = " ".join(words[: len(words) // 2] + other[len(other) // 2 :])
        text = vary(text, vocabulary, rng, rng.uniform(0.1, 0.4))
        year = 2101 + k // 500
        clauses.append(Clause(f"E/RES/{year}/{k % 500 + 1}", year, SERIES, "fr", f"op{k}", text))
    return clauses


def reword(text: str, rng: random.Random) -> str:
    """A light rewording: two words replaced and one dropped."""
    words = text.split()
    for _ in range(2):
        words[rng.randrange(len(words))] = rng.choice(["renforcer", "notamment", "pleinement"])
    del words[rng.randrange(len(words))]
    return " ".join(words)


def bench_precedent(count: int, queries: int, rows: list[tuple[str, str, str]]) -> None:
    rng = random.Random(20910)
    elapsed, clauses = timed(lambda: synthetic_clauses(count, rng))
    rows.append((f"make {count:,} synthetic clauses", f"{elapsed:.1f} s", ""))
    tmp = tempfile.mkdtemp()
    index = SqliteIndex(Path(tmp) / "index.sqlite3")
    elapsed, _ = timed(lambda: load_clauses(index, clauses))
    rows.append(("precedent: build the index (SQLite)", f"{elapsed:.1f} s", "then incremental"))
    index.close()
    elapsed, opened = timed(lambda: SqliteIndex(Path(tmp) / "index.sqlite3"))
    index = opened
    rows.append(("precedent: open the index", f"{elapsed * 1000:.1f} ms", "each CLI call"))
    forms = [comparison_form(c.text) for c in clauses]
    # Drafts are paragraphs (20 words or more) of the index, lightly reworded.
    paragraphs = [k for k, c in enumerate(clauses) if len(c.text.split()) >= 20]
    sources = rng.sample(paragraphs, queries)
    drafts = [reword(clauses[k].text, rng) for k in sources]
    find_precedents(index, drafts[0], 10)  # warm-up: loads the lexicon the word diff uses
    fast, slow, fast_hits, slow_hits, agree = [], [], 0, 0, 0
    for source, draft in zip(sources, drafts, strict=True):
        elapsed, found = timed(lambda d=draft: find_precedents(index, d, 10))  # type: ignore[misc]
        fast.append(elapsed)
        top = found[0].clause  # type: ignore[index]
        fast_hits += top.unit_id == clauses[source].unit_id
        elapsed, ranked = timed(lambda d=draft: brute_force(forms, d, 10))  # type: ignore[misc]
        slow.append(elapsed)
        slow_hits += ranked[0][0] == source  # type: ignore[index]
        agree += clauses[ranked[0][0]].unit_id == top.unit_id  # type: ignore[index]
    index.close()
    shutil.rmtree(tmp)
    rows.append((
        f"precedent: query, index + exact scoring (n={queries})",
        f"{statistics.mean(fast) * 1000:.0f} ms mean, {max(fast) * 1000:.0f} ms max",
        f"source at rank 1: {fast_hits}/{queries}; same rank 1 as brute force: {agree}/{queries}",
    ))  # fmt: skip
    rows.append((
        "precedent: query, brute force (rapidfuzz on all)",
        f"{statistics.mean(slow) * 1000:.0f} ms mean, {max(slow) * 1000:.0f} ms max",
        f"source at rank 1: {slow_hits}/{queries}; "
        f"index is {statistics.mean(slow) / statistics.mean(fast):.0f}× faster",
    ))  # fmt: skip


def evolve(units: list[Unit], year: int, rng: random.Random) -> list[Unit]:
    """One year of negotiation: a clause reworded, one added, sometimes one dropped or split."""
    units = list(units)
    body = [k for k, u in enumerate(units) if u.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE)]
    k = rng.choice(body)
    units[k] = dataclasses.replace(units[k], text=units[k].text.replace(" la ", " toute la ", 1)
                                   + f" (révisé en {year})")  # fmt: skip
    operative = [k for k, u in enumerate(units) if u.kind is UnitKind.OPERATIVE]
    point = rng.randint(1, 99)
    text = f"Décide d’examiner en {year} la question du point {point} de son programme de travail ;"
    new = Unit("op0", UnitKind.OPERATIVE, text)
    units.insert(rng.choice(operative), new)
    if rng.random() < 0.3 and len(operative) > 8:
        del units[rng.choice(operative[1:])]
    closing = next(k for k, u in enumerate(units) if u.kind is UnitKind.CLOSING)
    units[closing] = dataclasses.replace(
        units[closing], text=f"13e séance plénière\n22 juillet {year}"
    )
    return renumber(units)


def build_series(root: Path, versions: int) -> Store:
    """A git store at ``root`` holding the constructed series, one commit for all versions."""
    rng = random.Random(2101)
    base = seed()
    units = [u for u in base.units if u.kind is not UnitKind.SUBITEM]
    store = Store(root / "resolutions")
    store.init()
    for n in range(versions):
        year = 2101 + n
        units = evolve(units, year, rng) if n else units
        resolution = dataclasses.replace(
            base, symbol=f"E/RES/{year}/1", year=year, date=f"{year}-07-22", series=SERIES,
            units=tuple(units), title=f"Série construite (texte fictif) {year}",
        )  # fmt: skip
        text = "\n\n".join(u.text for u in units).encode("utf-8")
        store.add(resolution, Source(text, f"constructed-{year}.txt", "txt"), commit=False)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "constructed series"]):
        subprocess.run(["git", *args], cwd=root, env=ENV, check=True, capture_output=True)
    return store


def bench_timeline(versions: int, rows: list[tuple[str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = build_series(Path(tmp), versions)
        cache = Path(tmp) / "cache"

        def history() -> object:
            return series_history(store, SERIES, cache=ComparisonCache(cache))

        cold, result = timed(history)
        shutil.rmtree(cache / "history", ignore_errors=True)  # none before histories were saved
        comparisons, _ = timed(history)
        warm, _ = timed(history)
        lineages = len(result.lineages)  # type: ignore[attr-defined]
        rows.append((f"timeline: {versions} versions, library, cold cache", f"{cold:.2f} s",
                     f"{lineages} lineages"))  # fmt: skip
        rows.append((f"timeline: {versions} versions, library, comparisons cached",
                     f"{comparisons:.3f} s", "the history rebuilt from the store"))  # fmt: skip
        rows.append((f"timeline: {versions} versions, library, warm cache", f"{warm:.3f} s",
                     "the saved history"))  # fmt: skip
        elapsed, _ = timed(lambda: render_timeline_html(result))  # type: ignore[arg-type]
        rows.append(("timeline: render HTML", f"{elapsed:.2f} s", ""))
        elapsed, _ = timed(lambda: render_timeline_text(result))  # type: ignore[arg-type]
        rows.append(("timeline: render text", f"{elapsed:.3f} s", ""))


# -- whole processes: timeline, log and blame --------------------------------------------

# PYTHONDONTWRITEBYTECODE would make every process compile resdiff again: an installed
# package has its bytecode, so the benchmark measures with it (compiled once below).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RESDIFF_CACHE")}
ENV.update(
    GIT_AUTHOR_NAME="bench",
    GIT_AUTHOR_EMAIL="bench@example.org",
    GIT_COMMITTER_NAME="bench",
    GIT_COMMITTER_EMAIL="bench@example.org",
    NO_COLOR="1",
)

Measure = tuple[float, float]  # median wall seconds, median CPU seconds


# Another checkout's ``src`` folder (``--before``): its commands run in turn with this one's,
# so that before and after are measured in the same run on a machine whose load changes.
BEFORE: Path | None = None


def run_process(argv: list[str], env: dict[str, str] | None = None) -> Measure:
    """Wall and CPU (user + system, from the process's own rusage) seconds of one process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, env=env or ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed: {err.read().decode()}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def median_of(argv: list[str], repeat: int, setup: Callable[[], None] | None = None) -> Measure:
    """Medians over ``repeat`` runs after one warm-up (``setup`` runs before each)."""
    return medians_beside_before(argv, repeat, setup)[0]


def medians_beside_before(
    argv: list[str], repeat: int, setup: Callable[[], None] | None = None
) -> tuple[Measure, Measure | None]:
    """:func:`median_of` of ``argv``, and of the same command of the ``--before`` checkout
    (``python -m resdiff`` with its ``src`` first on the path), one run of each in turn."""
    envs: list[dict[str, str]] = [ENV]
    if BEFORE is not None:
        envs.append(dict(ENV, PYTHONPATH=str(BEFORE)))
    runs: list[list[Measure]] = [[] for _ in envs]
    for k in range(repeat + 1):  # the first round warms up
        for slot, env in enumerate(envs):
            if setup:
                setup()
            result = run_process(argv, env)
            if k:
                runs[slot].append(result)
    found = []
    for measured in runs:
        wall, cpu = zip(*measured, strict=True)
        found.append((statistics.median(wall), statistics.median(cpu)))
    return found[0], (found[1] if len(found) > 1 else None)


def bench_history_cli(versions: int, repeat: int, only: list[str] | None = None) -> None:
    """Whole ``timeline``, ``log`` and ``blame`` processes: cold, comparisons cached, warm.

    "comparisons cached" is the warm path before histories were saved (each pairwise
    comparison read from its file, every version read from the store): the baseline for
    "warm" measured in this run; a bare interpreter is the floor.
    """
    import compileall

    import resdiff

    compileall.compile_dir(Path(resdiff.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        store = build_series(Path(tmp), versions)
        cache = store.root / ".resdiff-cache"
        last = 2100 + versions

        def clear_all() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        def clear_saved() -> None:  # saved histories and saved timeline outputs
            shutil.rmtree(cache / "history", ignore_errors=True)
            shutil.rmtree(cache / "timeline", ignore_errors=True)

        folder = store.root / SERIES / f"E-RES-{last}-1"
        aside = Path(tmp) / "aside"

        def git(*args: str) -> None:
            subprocess.run(["git", *args], cwd=tmp, env=ENV, check=True, capture_output=True)

        def after_an_add(argv: list[str], compared: bool = True) -> Callable[[], None]:
            """The state ``resdiff add`` of the last version leaves: the history saved for
            the series without it, the comparisons cached (``compared=False``: none, so the
            new pair is compared by the differ, as after a real add), the new version
            committed."""

            # The same command on the shorter series (whose last version is one year earlier).
            shorter = [str(last - 1) if word == str(last) else word for word in argv]

            def setup() -> None:
                clear_saved()
                shutil.move(folder, aside)
                git("add", "-A")
                git("commit", "-q", "-m", "without the last version")
                run_process(shorter)  # saves the history of the shorter series
                shutil.move(aside, folder)
                git("add", "-A")
                git("commit", "-q", "-m", "the last version added")
                if not compared:
                    shutil.rmtree(cache / "compare", ignore_errors=True)

            return setup

        base = [sys.executable, "-m", "resdiff", "--store", str(store.root)]
        commands = {
            "timeline": [*base, "timeline", "--series", SERIES],
            "timeline --format json": [*base, "timeline", "--series", SERIES, "--json"],
            f"log {last} op5": [*base, "log", str(last), "op5", "--series", SERIES],
            f"blame {last} op5": [*base, "blame", str(last), "op5", "--series", SERIES],
            f"blame {last} (every unit)": [*base, "blame", str(last), "--series", SERIES],
        }
        if only:  # --command: the rows of these commands only (their first word)
            commands = {name: argv for name, argv in commands.items()
                        if name.split()[0] in only or name in only}  # fmt: skip
        bare = median_of([sys.executable, "-c", "pass"], repeat)
        print(f"\nWhole processes over {versions} versions (medians of {repeat} runs; "
              "ratio: CPU time / the same command with comparisons cached)")  # fmt: skip
        header = f"{'command':<30} {'cache':<20} {'wall':>8} {'cpu':>8} {'ratio':>7}"
        if BEFORE is not None:
            header += f"   {'before':>8} {'cpu':>8} {'cpu now/before':>15}"
        print(header)
        print(f"{'python -c pass':<30} {'':<20} {bare[0] * 1000:>6.0f}ms {bare[1] * 1000:>6.0f}ms")
        for name, argv in commands.items():
            cold = medians_beside_before(argv, max(1, repeat // 2), setup=clear_all)
            before = medians_beside_before(argv, repeat, setup=clear_saved)
            added = medians_beside_before(argv, repeat, setup=after_an_add(argv))
            new_pair = medians_beside_before(argv, repeat, setup=after_an_add(argv, False))
            warm = medians_beside_before(argv, repeat)
            for label, ((wall, cpu), old) in (("cold (none)", cold),
                                              ("comparisons cached", before),
                                              ("after an add", added),
                                              ("add, pair not cached", new_pair),
                                              ("warm (saved)", warm)):  # fmt: skip
                ratio = f"{cpu / before[0][1]:>6.2f}x"
                line = f"{name:<30} {label:<20} {wall * 1000:>6.0f}ms {cpu * 1000:>6.0f}ms {ratio}"
                if old is not None:
                    line += f"   {old[0] * 1000:>6.0f}ms {old[1] * 1000:>6.0f}ms "
                    line += f"{cpu / old[1]:>14.2f}x"
                print(line)
            name = ""
        if BEFORE is not None:
            print("(before: the --before checkout, run in turn with this one)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clauses", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7, help="runs per whole-process row")
    parser.add_argument("--only", choices=("precedent", "history"), default=None)
    parser.add_argument(
        "--before", type=Path, help="another checkout's src folder: its commands run in turn"
    )
    parser.add_argument(
        "--command", action="append", dest="commands",
        help="whole-process rows of this command only (timeline, log, blame, or a row's "
        "full name such as 'timeline --format json'); repeatable",
    )  # fmt: skip
    args = parser.parse_args()
    if args.before is not None:
        import compileall

        global BEFORE
        BEFORE = args.before.resolve()
        compileall.compile_dir(BEFORE, quiet=1)
    rows: list[tuple[str, str, str]] = []
    if args.only != "history":
        bench_precedent(args.clauses, args.queries, rows)
    if args.only != "precedent":
        bench_timeline(args.versions, rows)
    width = max(len(r[0]) for r in rows)
    timing = max(len(r[1]) for r in rows)
    print(f"{'measure':<{width}}  {'time':<{timing}}  note")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:<{timing}}  {note}")
    if args.only != "precedent":
        bench_history_cli(args.versions, args.repeat, args.commands)


if __name__ == "__main__":
    main()
