"""How deep a prefilter must reach for recall@10 (developer script, not part of the package).

Offline, without an index: on the constructed corpus and the exhaustive answers that
``bench_scale.py --keep DIR --check N`` keeps (``corpus-N.pickle``, ``exact-N.json``), each
prefilter ranks every clause for each benchmark draft, and the table says which share of the
exact top 10 lies inside its first P clauses (the recall@10 that P candidates, rescored
exactly, would give) and how many posting entries a query would count.

Prefilters:

* ``word pairs`` — the index's own: Dice of word-pair shingle sets, pairs held by more than
  a fifth of the clauses not counted (``resdiff.search._sql.COMMON_SHARE``), exact over all.
* ``words``, ``words by length`` — single words, each shared word counting 1 or its
  length + 1 (characters), exact over all clauses.
* ``char 3-grams``, ``char 4-grams`` — Dice of character n-gram sets, computed for the
  ``--shortlist`` clauses most similar to the draft by whole text (every other clause is
  taken to rank below them): their ranks are at best these, so their recall at most this.
* ``whole-text similarity`` — the exact scorer's whole-text part itself (rapidfuzz), the
  ceiling any prefilter could reach.

With ``--index FILE`` (the kept SQLite index of the same corpus) it measures instead what a
pool costs: for each ``--pools`` size, the CPU a query takes in a client that keeps the index
open (as ``bench_scale_client.py``), and the recall@10 of its results against the exact
answers: the cost a prefilter reaching the exact top 10 within that many clauses would have.

Usage: ``python scripts/bench_prefilter.py --keep /tmp/resdiff-scale9 --clauses 1000000``
(``--index /tmp/resdiff-scale9/index-1000000.sqlite3 --pools 250 500 1000 2000 4000``)
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from resdiff.search._sql import COMMON_SHARE  # noqa: E402
from resdiff.search.precedent import draft_form  # noqa: E402

POOLS = (100, 250, 500, 1000, 2000, 4000, 8000)


class Features:
    """Every clause's set of features (words or word pairs) as flat numpy arrays."""

    def __init__(self, forms: Sequence[str], cut: Callable[[list[str]], set[str]]) -> None:
        ids: dict[str, int] = {}
        flat: list[int] = []
        rows = [0]
        for form in forms:
            flat.extend({ids.setdefault(f, len(ids)) for f in cut(form.split())})
            rows.append(len(flat))
        self.ids = ids
        self.flat = np.asarray(flat, dtype=np.int32)
        self.row = np.repeat(np.arange(len(forms)), np.diff(np.asarray(rows)))
        self.df = np.bincount(self.flat, minlength=len(ids))
        self.count = len(forms)

    def dice(self, keys: set[str], weight: np.ndarray, common: float) -> tuple[Any, int]:
        """Closeness of every clause to a draft of ``keys`` (as ``_postings.top``), entries."""
        known = np.asarray(sorted(self.ids[k] for k in keys if k in self.ids), dtype=np.int64)
        counted = known[self.df[known] <= common] if len(known) else known
        counted = counted if len(counted) else known  # (all when every one is common)
        wanted = np.zeros(len(self.ids))
        wanted[counted] = weight[counted]
        shared = np.bincount(self.row, weights=wanted[self.flat], minlength=self.count)
        size = np.bincount(self.row, weights=weight[self.flat], minlength=self.count)
        draft = float(weight[known].sum()) + (len(keys) - len(known))
        entries = int(self.df[counted].sum()) if len(counted) else 0
        return shared / (draft + np.maximum(size, shared)), entries


def pairs(words: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in itertools.pairwise(words)} or set(words)


def singles(words: list[str]) -> set[str]:
    return set(words)


def grams(form: str, q: int) -> set[str]:
    padded = f" {form} "
    return {padded[i : i + q] for i in range(len(padded) - q + 1)}


def rank_of(closeness: Any, positions: Sequence[int]) -> list[int]:
    """Each position's rank, ties counted against it (how many clauses are at least as close)."""
    return [int((closeness >= closeness[p]).sum()) for p in positions]


def gram_df(forms: Sequence[str], q: int, every: int) -> dict[int, int]:
    """Clauses holding each n-gram (its CRC-32), estimated from every ``every``-th clause."""
    counts: dict[int, int] = {}
    for form in forms[::every]:
        for gram in grams(form, q):
            key = zlib.crc32(gram.encode())
            counts[key] = counts.get(key, 0) + every
    return counts


def pool_costs(args: argparse.Namespace) -> None:
    """CPU a query and recall@10 of ``find_precedents`` for each pool, on a kept index."""
    from resdiff.search import find_precedents, open_named

    saved = json.loads((args.keep / f"exact-{args.clauses}.json").read_text(encoding="utf-8"))
    drafts, exact = saved["queries"], saved["exact"]
    if args.queries:
        drafts, exact = drafts[: args.queries], exact[: args.queries]
    index = open_named(str(args.index))
    find_precedents(index, drafts[0], 10)  # warm-up: imports, the snapshot, the word lists
    print(f"{'pool':>6}  CPU a query (median, max)  recall@10  same top 10")
    for pool in args.pools:
        cpu, found, same = [], 0, 0
        for draft, top in zip(drafts, exact, strict=True):
            before = time.process_time()
            results = find_precedents(index, draft, 10, candidates=pool)
            cpu.append(time.process_time() - before)
            ours = [[r.clause.symbol, r.clause.unit_id, r.score] for r in results]
            found += len({tuple(r) for r in ours} & {tuple(r) for r in top})
            same += ours == top
        total = sum(len(top) for top in exact)
        print(f"{pool:>6}  {np.median(cpu) * 1000:6.0f} ms, {max(cpu) * 1000:4.0f} ms"
              f"           {found / total:.3f}      {same}/{len(exact)}", flush=True)  # fmt: skip
    index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, required=True)
    parser.add_argument("--clauses", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=0, help="the first N drafts (0: all)")
    parser.add_argument("--shortlist", type=int, default=40_000)
    parser.add_argument("--sample", type=int, default=10, help="n-gram counts: every k-th")
    parser.add_argument("--index", type=Path, help="measure the CPU of each pool on this index")
    parser.add_argument("--pools", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000])
    args = parser.parse_args()
    if args.index is not None:
        pool_costs(args)
        return
    started = time.perf_counter()
    with (args.keep / f"corpus-{args.clauses}.pickle").open("rb") as file:
        clauses, forms = pickle.load(file)
    saved = json.loads((args.keep / f"exact-{args.clauses}.json").read_text(encoding="utf-8"))
    drafts, exact = saved["queries"], saved["exact"]
    if args.queries:
        drafts, exact = drafts[: args.queries], exact[: args.queries]
    where = {(c.symbol, c.unit_id): k for k, c in enumerate(clauses)}
    wanted = [[where[(symbol, unit)] for symbol, unit, _score in top] for top in exact]
    by_pairs, by_words = Features(forms, pairs), Features(forms, singles)
    lengths = np.asarray([len(w) + 1 for w in sorted(by_words.ids, key=by_words.ids.get)])
    common = COMMON_SHARE * len(forms)
    ngram_df = {q: gram_df(forms, q, args.sample) for q in (3, 4)}
    print(f"corpus and features: {time.perf_counter() - started:.0f} s", flush=True)
    names = ("word pairs", "words", "words by length", "char 3-grams", "char 4-grams",
             "whole-text similarity")  # fmt: skip
    ranks: dict[str, list[list[int]]] = {name: [] for name in names}
    entries: dict[str, list[int]] = {name: [] for name in names}
    for number, (draft, positions) in enumerate(zip(drafts, wanted, strict=True)):
        form = draft_form(draft)
        words = form.split()
        for name, features, keys, weight in (
            ("word pairs", by_pairs, pairs(words), np.ones(len(by_pairs.ids))),
            ("words", by_words, singles(words), np.ones(len(by_words.ids))),
            ("words by length", by_words, singles(words), lengths.astype(np.float64)),
        ):
            closeness, counted = features.dice(keys, weight, common)
            ranks[name].append(rank_of(closeness, positions))
            entries[name].append(counted)
        whole = process.cdist([form], forms, scorer=fuzz.ratio, processor=None,
                              dtype=np.float32, workers=1)[0]  # fmt: skip
        ranks["whole-text similarity"].append(rank_of(whole, positions))
        shortlist = np.argpartition(-whole, args.shortlist)[: args.shortlist]
        at = {int(k): i for i, k in enumerate(shortlist)}
        for q in (3, 4):
            mine = grams(form, q)
            dice = np.asarray([2 * len(mine & (g := grams(forms[k], q))) / (len(mine) + len(g))
                               for k in shortlist])  # fmt: skip
            ranks[f"char {q}-grams"].append(
                [rank_of(dice, [at[p]])[0] if p in at else len(forms) for p in positions]
            )
            df = ngram_df[q]
            keys = {zlib.crc32(g.encode()) for g in mine}
            held = [df.get(k, 0) for k in keys]
            rare = [n for n in held if n <= common]
            entries[f"char {q}-grams"].append(sum(rare) if rare else sum(held))
        print(f"draft {number + 1}: deepest of the exact top 10 "
              + ", ".join(f"{n} {max(r[-1])}" for n, r in ranks.items()), flush=True)  # fmt: skip
    print(f"\nrecall@10 inside the first P clauses of each prefilter ({len(drafts)} drafts, "
          f"{len(forms):,} clauses); entries: posting entries a query counts (median)")  # fmt: skip
    print(f"{'prefilter':<22} " + " ".join(f"{p:>6}" for p in POOLS) + "  entries  deepest")
    for name in names:
        found = np.asarray(ranks[name])
        cells = " ".join(f"{(found <= p).mean():6.3f}" for p in POOLS)
        counted = int(np.median(entries[name])) if entries[name] else 0
        counted_text = f"{counted / 1e6:5.1f} M" if counted else "    -  "
        print(f"{name:<22} {cells}  {counted_text}  {found.max(axis=1).tolist()}")


if __name__ == "__main__":
    main()
