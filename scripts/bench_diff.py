"""Benchmark the clause differ against two baselines (developer script, not part of the package).

Prints one table: align+diff time of resdiff for the seed pair (~50 units) and constructed
documents of ~500 and ~2,500 units, beside difflib on the lines of the same texts and the
greedy first-fit aligner of the UN's web differ (each new unit takes the first unused old
unit after the last match whose Levenshtein ratio exceeds 0.8), with the ratios; then the
end-to-end time of ``resdiff 2021 2022`` on the seed pair in a throwaway store.

    python scripts/bench_diff.py [--greedy-limit SECONDS]
"""

from __future__ import annotations

import argparse
import difflib
import functools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from resdiff.compare import compare
from resdiff.compare.comparable import comparison_form, pieces, word_key
from resdiff.compare.similarity import levenshtein_ratio
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.storage import Store

ROOT = Path(__file__).resolve().parents[1]
SEED_SOURCE = ROOT / "resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt"
WORDS = "coopération régionale durable effective nationale technique financière".split()


def best_of(func: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def seed_resolution() -> Resolution:
    return Store(ROOT / "resolutions").load("2021")


def edit(units: list[Unit], rng: random.Random, rate: float) -> list[Unit]:
    """Known edits: rewordings, insertions, deletions, moves, a split; then renumbering."""
    units = list(units)
    body = [k for k, u in enumerate(units) if u.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE)]
    count = max(1, int(len(body) * rate))
    for k in rng.sample(body, count):  # reword one word
        words = units[k].text.split()
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        units[k] = Unit(units[k].id, units[k].kind, " ".join(words))
    for k in sorted(rng.sample(body, count), reverse=True)[: count // 2]:  # delete
        del units[k]
    for _ in range(count // 2):  # insert
        k = rng.randrange(len(units))
        text = f"Décide de consacrer la {rng.randrange(10**6)}e séance à la question ;"
        units.insert(k, Unit("new", UnitKind.OPERATIVE, text))
    for _ in range(count // 4):  # move
        unit = units.pop(rng.randrange(len(units)))
        units.insert(rng.randrange(len(units)), unit)
    counters: dict[str, int] = {}
    renumbered = []
    for unit in units:
        prefixes = {UnitKind.PREAMBLE: "pp", UnitKind.OPERATIVE: "op"}
        prefix = prefixes.get(unit.kind, "")
        if prefix:
            counters[prefix] = counters.get(prefix, 0) + 1
            unit = Unit(f"{prefix}{counters[prefix]}", unit.kind, unit.text, unit.label)
        renumbered.append(unit)
    return renumbered


def large(seed: Resolution, copies: int) -> Resolution:
    """A constructed document: the seed's paragraphs repeated, each copy made distinct."""
    units = []
    for copy in range(copies):
        for unit in seed.units:
            if unit.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE, UnitKind.SUBITEM):
                text = f"{unit.text.rstrip(' ,;.')} (partie {copy + 1}, alinéa {len(units) + 1}) ;"
                units.append(Unit(f"x{len(units)}", unit.kind, text))
    return Resolution(seed.symbol, seed.lang, tuple(units))


def greedy_first_fit(old: list[str], new: list[str], limit: float) -> tuple[float, bool]:
    """The UN web differ's aligner; returns (seconds, finished). Stops after ``limit`` s."""
    start = time.perf_counter()
    used = [False] * len(old)
    last = -1
    for text in new:
        for i in range(last + 1, len(old)):
            if not used[i] and levenshtein_ratio(old[i], text) > 0.8:
                used[i] = True
                last = i
                break
        if time.perf_counter() - start > limit:
            return time.perf_counter() - start, False
    return time.perf_counter() - start, True


def difflib_lines(old: Resolution, new: Resolution) -> None:
    a = "\n".join(u.text for u in old.units).splitlines()
    b = "\n".join(u.text for u in new.units).splitlines()
    list(difflib.unified_diff(a, b, lineterm=""))


def cli_seconds(seed_text: str, repeat: int) -> float:
    """End to end: ``resdiff 2021 2022`` in a throwaway store holding the seed and a variant."""
    variant = (
        seed_text.replace("2021/25.", "2022/10.", 1)
        .replace("22 juillet 2021", "21 juillet 2022")
        .replace("4.  Invite les Etats Membres", "4.  Encourage les Etats Membres")
    )
    exe = shutil.which("resdiff") or str(Path(sys.executable).parent / "resdiff")
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["git", "init", "-q", tmp], check=True)
        for name, text in (("seed.txt", seed_text), ("v2022.txt", variant)):
            (Path(tmp) / name).write_text(text, encoding="utf-8")
            subprocess.run([exe, "add", name], cwd=tmp, env=env, check=True, capture_output=True)
        run = lambda: subprocess.run([exe, "2021", "2022"], cwd=tmp, env=env, check=True,  # noqa: E731
                                     capture_output=True)  # fmt: skip
        return best_of(run, repeat)


def cold_compare(old: Resolution, new: Resolution) -> None:
    """compare() with every text cache emptied first (word keys, pieces, comparison forms):
    no help from an earlier run. The word lists stay loaded, as in any process that diffs.
    """
    for cache in (word_key, pieces, comparison_form):
        cache.cache_clear()
    compare(old, new)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--greedy-limit",
        type=float,
        default=600.0,
        help="stop the greedy baseline after this many seconds per document",
    )
    args = parser.parse_args()
    rng = random.Random(25)
    seed = seed_resolution()
    compare(seed, seed)  # warm caches and imports, as a long-lived process would be
    # (name, document, share of clauses edited): a light annual revision, and a heavy one
    # where the greedy baseline keeps scanning ahead for clauses that no longer exist.
    cases = [("seed pair", seed, 0.05)]
    cases += [(f"constructed x{copies}", large(seed, copies), 0.05) for copies in (10, 50)]
    cases += [("revised x50", large(seed, 50), 0.3)]
    print(f"{'document':<18} {'units':>11} {'resdiff':>9} {'difflib':>9} {'greedy':>10} "
          f"{'greedy/resdiff':>15} {'difflib/resdiff':>16}")  # fmt: skip
    for name, old, rate in cases:
        new_units = edit(list(old.units), rng, rate=rate)
        new = Resolution(old.symbol, old.lang, tuple(new_units))
        repeat = 5 if len(old.units) < 1000 else 3
        ours = best_of(functools.partial(cold_compare, old, new), repeat)
        lines = best_of(functools.partial(difflib_lines, old, new), repeat)
        old_texts, new_texts = [u.text for u in old.units], [u.text for u in new.units]
        greedy, done = greedy_first_fit(old_texts, new_texts, args.greedy_limit)
        mark = "" if done else ">"
        print(f"{name:<18} {len(old.units):>5}/{len(new.units):<5} {ours * 1000:>7.1f}ms "
              f"{lines * 1000:>7.1f}ms {mark}{greedy:>8.2f}s {mark}{greedy / ours:>13.2f}x "
              f"{lines / ours:>15.2f}x")  # fmt: skip
    seconds = cli_seconds(SEED_SOURCE.read_text(encoding="utf-8"), repeat=5)
    print(f"\nend to end: `resdiff 2021 2022` on the seed pair: {seconds * 1000:.0f} ms "
          "(best of 5)")  # fmt: skip


if __name__ == "__main__":
    main()
