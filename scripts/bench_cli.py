"""Benchmark whole ``resdiff`` processes where users wait (developer script, not in the package).

Prints five tables, every figure measured in this run on this machine:

1. Commands: the median wall time and the peak resident memory of whole processes —
   ``resdiff --version``, ``resdiff 2021 2022`` (store to store), ``resdiff diff a b --format
   json`` on two files (the seed pair; constructed documents of about 500 and 2,500 units
   with a light and a heavy revision), ``--format html``, a text-layer PDF against a text,
   and ``add`` of the seed into a fresh store — beside baselines run on the same two files
   in the same run: a bare interpreter, ``difflib`` on lines (a whole Python process) and
   ``git diff --no-index --word-diff``; ratios are resdiff / baseline. The ≈2,500-unit heavy
   pair is also rendered as HTML, Markdown and terminal text.
2. Start-up: the modules ``python -X importtime -m resdiff`` imports for ``--version``,
   ``--help``, ``list`` and ``show`` (how many, how long), the heaviest of ``show`` first.
3. In-process scaling from 50 to 10,000 units: ingest (OCR repair + segmentation of the text)
   and align+diff of a light and of a heavy revision (every cache cleared before each run),
   with the growth exponent between rows (1.0 is linear).
4. In process: compare and each text report (JSON, HTML, Markdown, terminal) of the
   ≈2,300-unit pair, light and heavy (``--only render``).
5. OCR repair of one hostile long token (1x, 2x, 4x its length), and ingest of a paragraph
   full of glued footnote digits: both must grow linearly.

The constructed documents repeat the seed's operative paragraphs (renumbered, each copy
marked "partie N"); the revisions reword, delete, insert and move paragraphs.

    python scripts/bench_cli.py [--repeat N] [--quick] [--before OTHER/src]
                                [--only commands|short|imports|scaling|tokens]

``--before`` runs each resdiff command of another checkout in turn with this one's (the
figures of two separate runs are not comparable on a shared machine).
"""

from __future__ import annotations

import argparse
import compileall
import functools
import math
import os
import random
import re
import resource
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
PDF = ROOT / "tests/fixtures/formats/E-RES-2021-25.fr.constructed.pdf"
WORDS = "coopération régionale durable effective nationale technique financière".split()
ENV = dict(
    os.environ,
    GIT_AUTHOR_NAME="bench",
    GIT_AUTHOR_EMAIL="bench@example.org",
    GIT_COMMITTER_NAME="bench",
    GIT_COMMITTER_EMAIL="bench@example.org",
    NO_COLOR="1",
)
EXE = shutil.which("resdiff") or str(Path(sys.executable).parent / "resdiff")
DIFFLIB = (
    "import difflib, sys; a, b = (open(p, encoding='utf-8').read().splitlines() for p in "
    "sys.argv[1:3]); sys.stdout.writelines(l + '\\n' for l in difflib.unified_diff(a, b))"
)


def run_once(
    argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident MiB of one process.

    ``os.wait4`` gives the process's own rusage. CPU time is the steadier figure on a machine
    shared with other work: wall time there also counts waiting for a core.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: differences found (git diff)
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err}")
    if proc.stderr:
        proc.stderr.close()
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = usage.ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1 << 10)
    return seconds, usage.ru_utime + usage.ru_stime, peak


Measure = tuple[float, float, float]


def measure(
    argv: Sequence[str], cwd: Path, repeat: int, setup: Callable[[], None] | None = None
) -> Measure:
    """Median wall and CPU seconds, highest peak MiB over ``repeat`` runs (after a warm-up)."""
    if setup:
        setup()
    run_once(argv, cwd)  # warm the page cache and the user cache dir, as a second use would
    runs = []
    for _ in range(repeat):
        if setup:
            setup()
        runs.append(run_once(argv, cwd))
    wall, cpu, peak = zip(*runs, strict=True)
    return statistics.median(wall), statistics.median(cpu), max(peak)


# Another checkout's ``src`` folder to run beside this one (``--before``), so that before and
# after are measured in the same run, one process of each in turn, on a machine whose load
# changes from minute to minute.
BEFORE: Path | None = None
# What the ``resdiff`` console script runs.
ENTRY = "import sys; from resdiff._entry import main; sys.exit(main())"


def measure_resdiff(
    args: Sequence[str], cwd: Path, repeat: int, setup: Callable[[], None] | None = None
) -> tuple[Measure, Measure | None]:
    """:func:`measure` of ``resdiff ARGS``, and of the ``--before`` checkout, run in turn."""
    if BEFORE is None:
        return measure([EXE, *args], cwd, repeat, setup), None
    before_env = dict(ENV, PYTHONPATH=str(BEFORE))
    commands = [([EXE, *args], ENV), ([sys.executable, "-c", ENTRY, *args], before_env)]
    runs: list[list[tuple[float, float, float]]] = [[], []]
    for k in range(repeat + 1):  # the first round warms up
        for slot, (argv, env) in enumerate(commands):
            if setup:
                setup()
            result = run_once(argv, cwd, env)
            if k:
                runs[slot].append(result)
    ours, before = (
        (statistics.median(w), statistics.median(c), max(p))
        for w, c, p in (zip(*r, strict=True) for r in runs)
    )
    return ours, before


# -- constructed documents ---------------------------------------------------------------

_NUMBER_RE = re.compile(r"^(\d+)\.(\s+)(\S+)")
_FIRST_WORD_RE = re.compile(r"^(\s?\S+)")


def split_seed(text: str) -> tuple[str, list[str], list[str], str]:
    """The seed as (heading, preamble paragraphs, operative paragraphs, closing)."""
    start = text.index("social,\n") + len("social,\n")
    middle = text.index("\n1. Prieinstamment") + 1
    end = text.index("13¢ séance")

    def paragraphs(part: str) -> list[str]:
        return [p.strip("\n") for p in part.split("\n\n") if p.strip()]

    return text[:start], paragraphs(text[start:middle]), paragraphs(text[middle:end]), text[end:]


Parts = tuple[str, list[str], list[str], str]


def constructed(text: str, copies: int) -> Parts:
    """The seed with its preamble and operative part repeated, each copy made distinct.

    Operative numbers stay below 1,000 up to 70 copies (resolutions never number more).
    """
    head, preamble, operative, tail = split_seed(text)
    mark = lambda p, n: _FIRST_WORD_RE.sub(rf"\1 (partie {n})", p, count=1)  # noqa: E731
    first = [mark(p, n + 1) for n in range(copies) for p in preamble]
    second = [mark(p, n + 1) for n in range(copies) for p in operative]
    return head, first, second, tail


def revise(parts: Parts, rate: float, rng: random.Random) -> str:
    """A revision of a constructed text: rewordings, deletions, insertions, moves."""
    head, preamble, operative, tail = parts
    preamble, operative = list(preamble), list(operative)
    for paragraphs in (preamble, operative):
        count = max(1, int(len(paragraphs) * rate))
        for k in rng.sample(range(len(paragraphs)), count):
            lines = paragraphs[k].split("\n")
            line = rng.randrange(len(lines))
            words = lines[line].split(" ")
            words[rng.randrange(1, len(words)) if len(words) > 2 else 0] = rng.choice(WORDS)
            lines[line] = " ".join(words)
            paragraphs[k] = "\n".join(lines)
        for k in sorted(rng.sample(range(len(paragraphs)), count // 2), reverse=True):
            del paragraphs[k]
        for _ in range(count // 2):
            number = rng.randrange(10**6)
            text = (f"1. Décide de consacrer la {number}e séance à la question ;"
                    if paragraphs is operative else
                    f"Notant le rapport {number} du Secrétaire général,")  # fmt: skip
            paragraphs.insert(rng.randrange(len(paragraphs)), text)
        for _ in range(count // 4):
            paragraphs.insert(
                rng.randrange(len(paragraphs)), paragraphs.pop(rng.randrange(len(paragraphs)))
            )
    return join(head, preamble, operative, tail)


def join(head: str, preamble: list[str], operative: list[str], tail: str) -> str:
    """Renumber the operative paragraphs and put the text together."""
    number = 0
    out = []
    for p in operative:
        if _NUMBER_RE.match(p):
            number = number % 999 + 1  # resolutions never number past 999
            p = _NUMBER_RE.sub(rf"{number}.\2\3", p, count=1)
        out.append(p)
    return head + "\n" + "\n\n".join(preamble + out) + "\n\n" + tail


def variant_of_seed(text: str) -> str:
    """The seed as a 2022 version with one reworded clause (the store-to-store pair)."""
    return (
        text.replace("2021/25.", "2022/10.", 1)
        .replace("22 juillet 2021", "21 juillet 2022")
        .replace("4.  Invite les Etats Membres", "4.  Encourage les Etats Membres")
    )


# -- tables ------------------------------------------------------------------------------


def command_table(tmp: Path, repeat: int, quick: bool, short: bool = False) -> None:
    """The commands table; ``short``: only the commands users run all day (``--version``,
    ``--help``, ``list``, ``show``, a store-to-store diff, ``add``), no file diffs."""
    seed = SEED.read_text(encoding="utf-8")
    rng = random.Random(13)
    files: dict[str, tuple[Path, Path]] = {}
    (tmp / "seed.txt").write_text(seed, encoding="utf-8")
    (tmp / "v2022.txt").write_text(variant_of_seed(seed), encoding="utf-8")
    files["seed pair"] = (tmp / "seed.txt", tmp / "v2022.txt")
    sizes = [(10, "≈500"), (50, "≈2,500")] if not quick else [(10, "≈500")]
    for copies, label in sizes:
        parts = constructed(seed, copies)
        old = tmp / f"x{copies}.txt"
        old.write_text(join(*parts), encoding="utf-8")
        for rate, kind in ((0.05, "light"), (0.3, "heavy")):
            new = tmp / f"x{copies}-{kind}.txt"
            new.write_text(revise(parts, rate, rng), encoding="utf-8")
            files[f"{label} {kind}"] = (old, new)

    store = tmp / "store"
    subprocess.run(["git", "init", "-q", str(store)], check=True)
    for name in ("seed.txt", "v2022.txt"):
        subprocess.run([EXE, "--store", str(store), "add", str(tmp / name)], cwd=tmp, env=ENV,
                       check=True, capture_output=True)  # fmt: skip
    fresh = tmp / "fresh"

    def fresh_store() -> None:
        shutil.rmtree(fresh, ignore_errors=True)
        subprocess.run(["git", "init", "-q", str(fresh)], check=True)

    python = [sys.executable, "-c", "pass"]
    bare = measure(python, tmp, repeat)
    rows: list[tuple[str, tuple[Measure, Measure | None], Measure | None, str]] = []
    store_args = ["--store", str(store)]
    rows.append(("resdiff --version", measure_resdiff(["--version"], tmp, repeat), bare, "python"))
    rows.append(("resdiff --help", measure_resdiff(["--help"], tmp, repeat), bare, "python"))
    rows.append(("resdiff list", measure_resdiff([*store_args, "list"], tmp, repeat), bare,
                 "python"))  # fmt: skip
    rows.append(("resdiff 2021 2022 (store)",
                 measure_resdiff([*store_args, "2021", "2022"], tmp, repeat), bare,
                 "python"))  # fmt: skip
    if short:
        rows.append(("resdiff show 2021",
                     measure_resdiff([*store_args, "show", "2021"], tmp, repeat), bare,
                     "python"))  # fmt: skip
    rows.append(("add seed (fresh store)",
                 measure_resdiff(["--store", str(fresh), "add", str(tmp / "seed.txt")], tmp,
                                 repeat, setup=fresh_store), bare, "python"))  # fmt: skip
    if short:
        print_commands(rows)
        return
    for name, (old, new) in files.items():
        reps = repeat if "2,500" not in name else max(1, repeat // 2)
        ours = measure_resdiff(["diff", str(old), str(new), "--format", "json"], tmp, reps)
        lines = measure([sys.executable, "-c", DIFFLIB, str(old), str(new)], tmp, reps)
        git = measure(["git", "diff", "--no-index", "--word-diff", str(old), str(new)], tmp, reps)
        rows.append((f"diff {name} json", ours, lines, "difflib"))
        rows.append(("", ours, git, "git word-diff"))
    old, new = files["seed pair"]
    html = measure_resdiff(["diff", str(old), str(new), "--format", "html"], tmp, repeat)
    rows.append(("diff seed pair html", html, bare, "python"))
    if not quick:  # the other report formats of a big pair (JSON is above)
        big_old, big_new = files["≈2,500 heavy"]
        for fmt in ("html", "markdown", "terminal"):
            args = ["diff", str(big_old), str(big_new), "--format", fmt]
            big = measure_resdiff(args, tmp, max(1, repeat // 2))
            rows.append((f"diff ≈2,500 heavy {fmt}", big, bare, "python"))
    pdf = measure_resdiff(["diff", str(PDF), str(new), "--format", "json"], tmp, repeat)
    pdftotext = measure(["pdftotext", str(PDF), "-"], tmp, repeat)
    rows.append(("diff text-layer PDF vs text", pdf, pdftotext, "pdftotext"))
    print_commands(rows)


def print_commands(
    rows: list[tuple[str, tuple[Measure, Measure | None], Measure | None, str]],
) -> None:
    header = (f"{'command':<30} {'wall':>8} {'cpu':>8} {'peak':>8}   {'baseline':<14} "
              f"{'wall':>8} {'cpu':>8} {'peak':>8} {'ratio':>7} {'cpu r.':>7}")  # fmt: skip
    if BEFORE is not None:
        header += f"   {'before':>8} {'cpu':>8} {'peak':>8} {'cpu now/before':>15}"
    print(header)
    for name, ((sec, cpu, mib), before), base, base_name in rows:
        line = f"{name:<30} {sec * 1000:>6.0f}ms {cpu * 1000:>6.0f}ms {mib:>5.0f}MiB"
        if not name:
            line = " " * 57
        if base:
            line += f"   {base_name:<14} {base[0] * 1000:>6.0f}ms {base[1] * 1000:>6.0f}ms "
            line += f"{base[2]:>5.0f}MiB {sec / base[0]:>6.1f}x {cpu / base[1]:>6.1f}x"
        if before is not None and name:
            line += f"   {before[0] * 1000:>6.0f}ms {before[1] * 1000:>6.0f}ms "
            line += f"{before[2]:>5.0f}MiB {cpu / before[1]:>14.2f}x"
        print(line)
    print("(wall and cpu: medians; ratio: resdiff wall / baseline wall; cpu r.: the same in "
          "CPU time" + ("; before: the --before checkout, run in turn with this one)"
                        if BEFORE is not None else ")"))  # fmt: skip


def importtime_table(top: int, store: Path = ROOT / "resolutions") -> None:
    """The imports of ``--version``, ``--help``, ``list`` and ``show`` (``-X importtime``):
    how many modules and milliseconds each, and the heaviest top-level ones of ``show``."""
    commands = (["--version"], ["--help"], ["--store", str(store), "list"],
                ["--store", str(store), "show", "2021"])  # fmt: skip
    print("\n`python -X importtime -m resdiff ARGS`:")
    rows: list[tuple[int, int, str]] = []
    for args in commands:
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "resdiff", *args],
                                env=ENV, capture_output=True, text=True, check=True)  # fmt: skip
        rows = []
        for line in result.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, cumulative, name = line.removeprefix("import time:").split("|")
            rows.append((int(cumulative), int(self_us), name.rstrip()[1:]))
        total = sum(self_us for _, self_us, _ in rows)
        label = " ".join(a for a in args if a not in ("--store", str(store)))
        print(f"  {label:<12} {len(rows):>4} modules, {total / 1000:>5.0f} ms of imports")
    print("the heaviest top-level imports of `show 2021`:")
    # Modules up to two levels deep, shown with their nesting.
    shallow = [r for r in rows if len(r[2]) - len(r[2].lstrip()) <= 4]
    for cumulative, _, name in sorted(shallow, reverse=True)[:top]:
        print(f"  {cumulative / 1000:>7.1f} ms  {name}")


def clear_caches() -> None:
    """Empty every cache resdiff keeps in memory for texts (word keys, pieces, comparisons),
    so that a run costs what a fresh process pays. The word lists stay loaded: they are the
    same for every size, and a process loads them once.
    """
    import gc

    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            module = getattr(obj, "__module__", "") or ""
            if module.startswith("resdiff") and obj.__name__ != "for_language":
                obj.cache_clear()


def best(func: Callable[[], object], repeat: int) -> float:
    """Best CPU seconds of ``repeat`` cold runs (caches cleared before each).

    CPU time: on a machine shared with other work, wall time also counts waiting for a core.
    """
    times = []
    for _ in range(repeat):
        clear_caches()
        times.append(timed_cpu(func))
    return min(times)


def exponent(rows: list[tuple[int, float]], k: int) -> str:
    if k == 0:
        return ""
    (n0, t0), (n1, t1) = rows[k - 1], rows[k]
    return f"n^{math.log(t1 / t0) / math.log(n1 / n0):.2f}"


def scaling_table(quick: bool) -> None:
    from resdiff.compare import compare
    from resdiff.ingest import Source, ingest

    seed = SEED.read_text(encoding="utf-8")
    rng = random.Random(50)
    ingest(Source(seed.encode(), "bench.txt", "txt"), lang="fr")  # imports, word lists
    print(f"\n{'units':>7} {'ingest':>10} {'growth':>8} {'align+diff':>12} {'growth':>8} "
          f"{'heavy':>10} {'growth':>8}")  # fmt: skip
    ingest_rows: list[tuple[int, float]] = []
    diff_rows: list[tuple[int, float]] = []
    heavy_rows: list[tuple[int, float]] = []
    copies_list = (1, 2, 10, 50, 200) if not quick else (1, 2, 10)
    for copies in copies_list:
        parts = constructed(seed, copies)
        old_text, new_text = join(*parts), revise(parts, 0.05, rng)
        heavy_text = revise(parts, 0.3, rng)
        repeat = 3 if copies <= 10 else 1
        source = Source(old_text.encode(), "old.txt", "txt")
        ingest_seconds = best(functools.partial(ingest, source, lang="fr"), repeat)
        old = ingest(Source(old_text.encode(), "old.txt", "txt"), lang="fr")
        new = ingest(Source(new_text.encode(), "new.txt", "txt"), lang="fr")
        heavy = ingest(Source(heavy_text.encode(), "heavy.txt", "txt"), lang="fr")
        # Best of three even for the largest: one run of a comparison in a process that has
        # just ingested three big texts is often 20-30 % slow (a fresh process is not).
        diff_seconds = best(lambda: compare(old, new), max(3, repeat))  # noqa: B023
        heavy_seconds = best(lambda: compare(old, heavy), max(3, repeat))  # noqa: B023
        units = len(old.units)
        ingest_rows.append((units, ingest_seconds))
        diff_rows.append((units, diff_seconds))
        heavy_rows.append((units, heavy_seconds))
        k = len(ingest_rows) - 1
        print(f"{units:>7} {ingest_seconds * 1000:>8.0f}ms {exponent(ingest_rows, k):>8} "
              f"{diff_seconds * 1000:>10.0f}ms {exponent(diff_rows, k):>8} "
              f"{heavy_seconds * 1000:>8.0f}ms {exponent(heavy_rows, k):>8}")  # fmt: skip
    print(
        "(CPU seconds, best of the runs, caches cleared; align+diff: a light revision "
        "(5 % of the clauses edited), heavy: 30 %)"
    )


def render_table(quick: bool) -> None:
    """In process, CPU: compare and each text report of the ≈2,300-unit pair (the scaling
    table's, 50 copies; 10 with ``--quick``), light and heavy, caches cleared before each run.
    """
    from resdiff.compare import compare
    from resdiff.ingest import Source, ingest
    from resdiff.render import render

    seed = SEED.read_text(encoding="utf-8")
    rng = random.Random(50)
    parts = constructed(seed, 10 if quick else 50)
    texts = {
        "old": join(*parts),
        "light": revise(parts, 0.05, rng),
        "heavy": revise(parts, 0.3, rng),
    }
    read = {name: ingest(Source(t.encode(), f"{name}.txt", "txt"), lang="fr")
            for name, t in texts.items()}  # fmt: skip
    formats = ("json", "html", "markdown", "terminal")
    print(f"\n{'revision':<10} {'units':>6} {'compare':>10}" + "".join(f"{f:>10}" for f in formats))
    for kind in ("light", "heavy"):
        old, new = read["old"], read[kind]
        comparison = compare(old, new)
        cells = [best(lambda: compare(old, new), 3)]  # noqa: B023
        for fmt in formats:
            options = {"color": False} if fmt == "terminal" else {}
            render(comparison, fmt, **options)  # the HTML template compiled (or loaded) once
            cells.append(best(lambda: render(comparison, fmt, **options), 3))  # noqa: B023
        print(f"{kind:<10} {len(old.units):>6}" + "".join(f"{c * 1000:>8.0f}ms" for c in cells))
    print("(CPU seconds, best of 3, caches cleared; the reports render the comparison made once)")


def long_token_table(quick: bool) -> None:
    """OCR repair of one long word (no ``-\n`` in the text): the cost must grow linearly.

    Before the line-end hyphen pattern was anchored, 8,000 letters took about 4 s here and
    16,000 letters 13 s (quadratic); ``--quick`` keeps to lengths the old code survives.
    """
    from resdiff.normalize import repair

    print(f"\n{'hostile token':<26} {'repair':>10} {'growth':>8}")
    rows: list[tuple[int, float]] = []
    lengths = (2_000, 4_000, 8_000) if quick else (16_000, 32_000, 64_000)
    for length in lengths:
        text = "Le Conseil " + "a" * length + "\n"
        seconds = min(timed_cpu(functools.partial(repair, text, "fr")) for _ in range(3))
        rows.append((length, seconds))
        print(f"{length:>7} letters, no -\\n {seconds * 1000:>12.1f}ms "
              f"{exponent(rows, len(rows) - 1):>8}")  # fmt: skip


def glued_digits_table(quick: bool) -> None:
    """Ingest of the seed with one preambular paragraph of N words with a glued digit.

    Each digit is a footnote marker candidate; the word before it and the quotes open
    before it were read from the whole paragraph before each one (quadratic: 8,000 such
    words took 45 s). The cost must grow linearly.
    """
    from resdiff.ingest import ingest_text

    seed = SEED.read_text(encoding="utf-8")
    print(f"\n{'hostile paragraph':<26} {'ingest':>10} {'growth':>8}")
    rows: list[tuple[int, float]] = []
    for count in (1_000, 2_000, 4_000) if quick else (4_000, 8_000, 16_000):
        text = seed.replace("Rappelant", "Rappelant " + "personnes2 et " * count, 1)
        seconds = timed_cpu(functools.partial(ingest_text, text, lang="fr", strict=False))
        rows.append((count, seconds))
        print(f"{count:>7} glued digits     {seconds * 1000:>12.1f}ms "
              f"{exponent(rows, len(rows) - 1):>8}")  # fmt: skip


def timed_cpu(func: Callable[[], object]) -> float:
    """CPU seconds of one call (steadier than wall time on a shared machine)."""
    start = time.process_time()
    func()
    return time.process_time() - start


def compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does for an installed copy.

    An editable checkout run with ``PYTHONDONTWRITEBYTECODE`` (or from a read-only folder)
    has none and compiles every module from source in every process: about 0.1 s that no
    installed resdiff pays, which made every command look slower than a user sees it.
    """
    import resdiff

    compileall.compile_dir(Path(resdiff.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--quick", action="store_true", help="skip the largest documents")
    parser.add_argument(
        "--only",
        choices=("commands", "short", "imports", "scaling", "render", "tokens"),
        help="one table only (short: the commands table without the file diffs)",
    )
    parser.add_argument(
        "--before", type=Path, help="another checkout's src folder: its commands run in turn"
    )
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    compile_package()
    if args.before is not None:
        global BEFORE
        BEFORE = args.before.resolve()
        compileall.compile_dir(BEFORE, quiet=1)
    if args.only in (None, "commands", "short"):
        with tempfile.TemporaryDirectory() as tmp:
            command_table(Path(tmp), args.repeat, args.quick, short=args.only == "short")
    if args.only in (None, "imports"):
        importtime_table(top=12)
    if args.only in (None, "scaling"):
        scaling_table(args.quick)
    if args.only in (None, "render"):
        render_table(args.quick)
    if args.only in (None, "tokens"):
        long_token_table(args.quick)
        glued_digits_table(args.quick)


if __name__ == "__main__":
    main()
