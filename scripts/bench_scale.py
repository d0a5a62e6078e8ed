"""Benchmark search and ingestion at scale (developer script, not part of the package).

Everything it indexes is constructed (tests/constructed/corpus.py: variants of the seed's
clauses under symbols E/RES/3001/… that are not real); nothing here is a UN text.

* Search, for each ``--clauses`` size: sync throughput into the embedded SQLite index and a
  throwaway PostgreSQL cluster (tests/pg_server.py), query latency p50/p95 with 1 and 8
  concurrent client processes, one whole CLI query (``resdiff precedent --index FILE``)
  with its peak memory, and parity (the same top 10, ranks and scores, on both backends).
  Baseline, in the same run: the shingle index this replaces (``search/index.py`` as it was
  at ``--baseline-rev``, read from git), built, saved, loaded and queried as each CLI call
  did (its store fingerprint, a stat of every file, is not counted).
* Batch ingestion: ``resdiff add --from DIR`` of ``--texts`` constructed resolutions, as
  plain text and as text-layer PDFs (made by scripts/make_format_fixtures.py), with 1 and 2
  jobs, one commit each and ``--batch``: throughput, the ratio to 1 job, CPU time, and the
  serial fraction with its Amdahl bound (``--clauses`` with no size runs only this table).

Usage: ``python scripts/bench_scale.py --clauses 100000 1000000 --keep /tmp/resdiff-scale``
(1,000,000 clauses take a long time on 2 cores: forms are computed in 2 processes, the sync
writes ~30 M postings; ``--keep`` builds them once). Then, on kept indexes::

    python scripts/bench_scale.py --clauses 1000000 --keep /tmp/resdiff-scale \
        --only latency --queries 40 --repeat 2 --before /tmp/base/src

Concurrent clients are separate processes (``bench_scale_client.py``), each with one
connection reused for all its queries, started together once all have warmed up. Each row
says the CPU a query took in the clients and in the server, and how busy other processes
kept the machine meanwhile (``/proc/stat``): a figure taken while they held more than a
quarter of a core says "NOT quiet" — the 8-client target is for an idle machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.constructed import build, corpus  # noqa: E402
from tests.pg_server import cluster, pg_bin  # noqa: E402

from resdiff.compare.comparable import comparison_form  # noqa: E402
from resdiff.compare.similarity import precedent_score  # noqa: E402
from resdiff.search import Clause, SqliteIndex, find_precedents  # noqa: E402
from resdiff.search._sql import Candidate, IndexedUnit, IndexedVersion, SqlIndex  # noqa: E402
from resdiff.search.precedent import (  # noqa: E402
    MIN_CANDIDATES,
    Precedent,
    candidate_limit,
    draft_form,
    rank,
)

Row = tuple[str, str, str]
SYNC_CHUNK = 20_000  # clauses per sync transaction (as an incremental sync of many versions)


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(values: Sequence[float]) -> str:
    return f"p50 {pct(values, 0.5) * 1000:.0f} ms, p95 {pct(values, 0.95) * 1000:.0f} ms"


def _forms(texts: list[str]) -> list[str]:
    return [comparison_form(t) for t in texts]


def constructed(count: int, keep: Path | None = None) -> tuple[list[Clause], list[str]]:
    """The clauses and their comparison forms (computed in 2 processes; kept in ``keep``)."""
    saved = keep / f"corpus-{count}.pickle" if keep is not None else None
    if saved is not None and saved.exists():
        with saved.open("rb") as file:
            loaded: tuple[list[Clause], list[str]] = pickle.load(file)
            return loaded
    clauses = list(corpus.clauses(count, seed=1))
    texts = [c.text for c in clauses]
    chunks = [texts[i : i + 5000] for i in range(0, len(texts), 5000)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        forms = [f for chunk in pool.map(_forms, chunks) for f in chunk]
    if saved is not None:
        saved.parent.mkdir(parents=True, exist_ok=True)
        with saved.open("wb") as file:
            pickle.dump((clauses, forms), file, protocol=pickle.HIGHEST_PROTOCOL)
    return clauses, forms


def versions(clauses: list[Clause], forms: list[str]) -> list[IndexedVersion]:
    grouped: dict[str, list[IndexedUnit]] = {}
    first: dict[str, Clause] = {}
    for position, (clause, form) in enumerate(zip(clauses, forms, strict=True)):
        first.setdefault(clause.symbol, clause)
        grouped.setdefault(clause.symbol, []).append(
            IndexedUnit(clause.lang, position, clause.unit_id, clause.text, form)
        )
    return [
        IndexedVersion(f"{corpus.SERIES}/{s.replace('/', '-')}", "constructed", s,
                       first[s].year, corpus.SERIES, f"{first[s].year}-07-22", tuple(units))
        for s, units in grouped.items()
    ]  # fmt: skip


def sync(index: SqlIndex, items: list[IndexedVersion], chunk: int = SYNC_CHUNK) -> None:
    batch: list[IndexedVersion] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.units)
        if size >= chunk:
            index.apply("constructed", "", None, [], batch)
            batch, size = [], 0
    if batch:
        index.apply("constructed", "", None, [], batch)


def drafts(clauses: list[Clause], count: int) -> list[str]:
    rng = random.Random(20910)
    long = [c for c in clauses if len(c.text.split()) >= 20]
    return [corpus.reword(c.text, rng) for c in rng.sample(long, count)]


CLIENT = Path(__file__).with_name("bench_scale_client.py")
# Other processes' use of the machine below which a concurrent measure counts as quiet.
QUIET_CORES = 0.25


def _busy_ticks() -> int:
    """Clock ticks every core of the machine spent busy so far (Linux ``/proc/stat``)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return user + nice + system + irq + softirq + steal


def _tree_ticks(pid: int) -> int:
    """Clock ticks of CPU used by ``pid`` and its children still running (a server)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total


@dataclass
class Concurrent:
    """One concurrent measure: query times, CPU a query (client, server), others' share."""

    times: list[float]
    client_cpu: float  # seconds a query, in the clients
    server_cpu: float  # seconds a query, in the server's processes
    others: float  # cores other processes kept busy on average during the run
    load: str

    def note(self) -> str:
        verdict = ("quiet" if self.others < QUIET_CORES
                   else "NOT quiet: re-run on an idle machine for the target")  # fmt: skip
        return (f"{len(self.times)} queries; CPU a query: client {self.client_cpu * 1000:.0f} ms"
                f" + server {self.server_cpu * 1000:.0f} ms; other processes kept "
                f"{self.others:.2f} of {os.cpu_count()} cores busy (load {self.load}): "
                f"{verdict}")  # fmt: skip


def latency(
    location: str,
    queries: list[str],
    clients: int,
    src: Path,
    server_pid: int | None = None,
    pool: int = 0,
) -> Concurrent:
    """``clients`` processes querying at once (each its own connection, reused)."""
    per = [queries[k::clients] or queries[:1] for k in range(clients)]
    env = {**os.environ, "PYTHONPATH": str(src), "BENCH_CANDIDATES": str(pool or "")}
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        for k, share in enumerate(per):
            path = Path(tmp) / f"q{k}.json"
            path.write_text(json.dumps(share, ensure_ascii=False), encoding="utf-8")
            procs.append(subprocess.Popen(
                [sys.executable, str(CLIENT), location, str(path)], env=env, text=True,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            ))  # fmt: skip
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        ticks, server = _busy_ticks(), _tree_ticks(server_pid) if server_pid else 0
        wall = time.perf_counter()
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("\n")
            proc.stdin.flush()
        found = [json.loads(proc.stdout.readline()) for proc in procs if proc.stdout]
        wall = time.perf_counter() - wall
        ticks = _busy_ticks() - ticks
        server = (_tree_ticks(server_pid) - server) if server_pid else 0
        for proc in procs:
            proc.communicate("\n")
    hertz = os.sysconf("SC_CLK_TCK")
    times = [t for f in found for t in f["times"]]
    client = sum(f["cpu"] for f in found)
    others = max(ticks / hertz - client - server / hertz, 0.0) / wall
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return Concurrent(times, client / len(times), server / hertz / len(times), others, load)


def peak_mib() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_query(
    location: str, draft_file: Path, runs: int, src: Path, pool: int = 0
) -> tuple[list[float], list[float], float]:
    """Whole-process wall and CPU times of ``resdiff precedent``, peak RSS (MiB) of one run."""
    command = [sys.executable, "-m", "resdiff", "precedent", "--index", location,
               "--file", str(draft_file), "-n", "10", "--json"]  # fmt: skip
    command += ["--candidates", str(pool)] if pool else []
    env = {**os.environ, "PYTHONPATH": str(src)}
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed, _ = timed(
            lambda: subprocess.run(command, capture_output=True, check=True, env=env)
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(elapsed)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    # Peak memory through GNU time: a child of this (large) process would inherit its peak,
    # which Linux keeps across exec; GNU time's own child starts small.
    gnu_time = shutil.which("time") or "/usr/bin/time"
    try:
        done = subprocess.run([gnu_time, "-f", "%M", *command], capture_output=True, text=True,
                              check=True, env=env)  # fmt: skip
        peak = int(done.stderr.strip().splitlines()[-1]) / 1024
    except (OSError, ValueError, IndexError, subprocess.CalledProcessError):
        peak = float("nan")
    return times, cpu, peak


def baseline(
    rev: str, clauses: list[Clause], queries: list[str], ours: list[float], rows: list[Row]
) -> None:
    """The shingle index this replaces, read from git at ``rev``, in this same run."""
    try:
        source = subprocess.run(["git", "show", f"{rev}:src/resdiff/search/index.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout  # fmt: skip
    except subprocess.CalledProcessError:
        rows.append(("baseline", "-", f"no search/index.py at {rev}"))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old_index.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("old_index", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        elapsed, index = timed(lambda: module.ClauseIndex.build(clauses))
        rows.append(("baseline: build the shingle index", f"{elapsed:.1f} s",
                     f"{len(clauses) / elapsed:,.0f} clauses/s"))  # fmt: skip
        elapsed, _ = timed(lambda: index.save(Path(tmp) / "idx"))
        rows.append(("baseline: save", f"{elapsed:.1f} s", ""))
        times = []
        for draft in queries:

            def query(d: str = draft) -> None:
                loaded = module.ClauseIndex.load(Path(tmp) / "idx")  # every CLI call loaded it
                form = comparison_form(d)
                numbers = loaded.candidates(form, MIN_CANDIDATES)
                found = [Candidate(loaded.clauses[k], loaded.forms[k], ("", "", "", "", "", k))
                         for k in numbers]  # fmt: skip
                rank(form, d, found, 10)

            elapsed, _ = timed(query)
            times.append(elapsed)
        ratio = pct(times, 0.5) / pct(ours, 0.5)
        rows.append(("baseline: load + query (in process, per CLI call)", ms(times),
                     f"×{ratio:.1f} the sqlite p50 on the same queries; "
                     "its store fingerprint (a stat of every file) not counted"))  # fmt: skip


def full_rank(form: str, found: Sequence[Candidate], n: int) -> list[tuple[Any, ...]]:
    """The rescoring before early exit: every candidate scored in full, then sorted."""
    scored = sorted(((precedent_score(form, c.form), c) for c in found),
                    key=lambda item: (-item[0], item[1].order))  # fmt: skip
    groups: dict[str, list[Candidate]] = {}
    for _score, candidate in scored:
        groups.setdefault(candidate.form, []).append(candidate)
    top = []
    for members in list(groups.values())[:n]:
        first = min(members, key=lambda c: c.order)
        top.append((first.clause.symbol, first.clause.unit_id,
                    round(precedent_score(form, first.form), 4)))  # fmt: skip
    return top


def summary(results: Sequence[Precedent]) -> list[tuple[Any, ...]]:
    return [(r.clause.symbol, r.clause.unit_id, r.score) for r in results]


_EVERY: list[Candidate] = []  # every clause as a candidate, for the exhaustive ranking


def _exhaustive(draft: str) -> list[tuple[Any, ...]]:
    return summary(rank(draft_form(draft), draft, _EVERY, 10))


def exhaustive(clauses: list[Clause], forms: list[str], queries: list[str]) -> list[list[Any]]:
    """The exact top 10 over every clause (no index), in 2 processes."""
    _EVERY.clear()
    for position, (clause, form) in enumerate(zip(clauses, forms, strict=True)):
        order = (f"{clause.year}-07-22", clause.symbol, corpus.SERIES, "constructed",
                 clause.lang, position)  # fmt: skip
        clause = Clause(clause.symbol, clause.year, corpus.SERIES, clause.lang,
                        clause.unit_id, clause.text, "constructed")  # fmt: skip
        _EVERY.append(Candidate(clause, form, order))
    with ProcessPoolExecutor(max_workers=2) as pool:  # forked: they share _EVERY
        found = list(pool.map(_exhaustive, queries))
    _EVERY.clear()
    return found


def recall(
    clauses: list[Clause], forms: list[str], queries: list[str],
    ours: list[list[tuple[Any, ...]]], rows: list[Row], keep: Path | None = None,
) -> None:  # fmt: skip
    """recall@10 of the index against exact scoring of every clause, on the same queries.

    The exhaustive answers are kept beside the corpus with ``--keep`` (they take minutes at
    1,000,000 clauses and depend only on the corpus and the queries).
    """
    saved = keep / f"exact-{len(clauses)}.json" if keep is not None else None
    cached = json.loads(saved.read_text(encoding="utf-8")) if saved and saved.exists() else {}
    if cached.get("queries") == queries:
        elapsed, exact = 0.0, [[tuple(r) for r in top] for top in cached["exact"]]
    else:
        elapsed, exact = timed(lambda: exhaustive(clauses, forms, queries))
        if saved is not None:
            saved.write_text(json.dumps({"queries": queries, "exact": exact}), encoding="utf-8")
        elapsed /= len(exact)
    found = sum(len(set(a) & set(b)) for a, b in zip(ours, exact, strict=False))
    same = sum(a == b for a, b in zip(ours, exact, strict=False))
    total = sum(len(b) for b in exact)
    rows.append(("recall@10 against exact scoring of every clause", f"{found / total:.3f}",
                 f"{same}/{len(exact)} queries with the same top 10 (ranks, scores); "
                 + (f"exhaustive {elapsed:.1f} s a query" if elapsed
                    else "exhaustive answers kept by an earlier run")))  # fmt: skip


def rescoring(index: SqlIndex, queries: list[str], rows: list[Row], name: str) -> None:
    """Early-exit rescoring against full rescoring of the same candidates (same run)."""
    same, early, full, limit = 0, [], [], MIN_CANDIDATES
    for draft in queries:
        form = draft_form(draft)
        limit = candidate_limit(10, len(index))
        found = index.candidates(form, limit)
        elapsed, ours = timed(lambda f=found, d=draft, fm=form: summary(rank(fm, d, f, 10)))
        early.append(elapsed)
        elapsed, theirs = timed(lambda f=found, fm=form: full_rank(fm, f, 10))
        full.append(elapsed)
        same += ours == theirs
    rows.append((f"{name}: rescoring {limit:,} candidates, early exit", ms(early),
                 f"×{pct(full, 0.5) / pct(early, 0.5):.0f} faster than full rescoring "
                 f"({ms(full)}); same top 10 in {same}/{len(queries)}"))  # fmt: skip


def open_kept_postgres(url: str, count: int) -> str:
    """A database of the kept cluster for ``count`` clauses (created when missing)."""
    import psycopg

    name = f"scale{count}"
    with psycopg.connect(url, autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall():
            db.execute(f"CREATE DATABASE {name}")
    return url.replace("/postgres?", f"/{name}?")


@dataclass(frozen=True)
class Settings:
    """What a search measure runs: sizes, parts, the checkout to compare with."""

    queries: int
    clients: int
    pg: bool
    keep: Path | None
    check: int
    only: frozenset[str]
    before: Path | None
    repeat: int
    pool: int  # --candidates for this checkout (0: its default)


SRC = ROOT / "src"


def measure_latency(
    name: str, location: str, asked: list[str], draft_file: Path, settings: Settings,
    rows: list[Row], server_pid: int | None,
) -> list[float]:  # fmt: skip
    """Concurrent queries and whole CLI queries, this checkout and ``--before`` in turn."""
    checkouts = [("", SRC)] + ([(" [before]", settings.before)] if settings.before else [])
    single: list[float] = []
    for n in (1, settings.clients):
        for _run in range(settings.repeat):
            for label, src in checkouts:  # interleaved: a change of load hits both
                pool = 0 if label else settings.pool
                found = latency(location, asked, n, src, server_pid, pool)
                if not label and n == 1:
                    single = found.times
                rows.append((f"{name}: query, {n} client(s){label}", ms(found.times),
                             found.note()))  # fmt: skip
    for label, src in checkouts:
        times, cpu, peak = cli_query(location, draft_file, 5, src, 0 if label else settings.pool)
        rows.append((f"{name}: one CLI query, whole process{label}", ms(times),
                     f"CPU {ms(cpu)}; peak RSS {peak:.0f} MiB"))  # fmt: skip
    return single


def bench_search(count: int, rev: str | None, settings: Settings, rows: list[Row]) -> None:
    keep, only = settings.keep, settings.only
    elapsed, (clauses, forms) = timed(lambda: constructed(count, keep))
    rows.append((f"{count:,} constructed clauses + forms (2 processes)", f"{elapsed:.1f} s",
                 "read back from --keep" if keep and elapsed < 60 else ""))  # fmt: skip
    asked = drafts(clauses, settings.queries)
    results: dict[str, list[list[tuple[Any, ...]]]] = {}
    single: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        draft_file = Path(tmp) / "draft.txt"
        draft_file.write_text(asked[0], encoding="utf-8")
        locations: list[tuple[str, str, Callable[[], SqlIndex]]] = []
        path = folder / f"index-{count}.sqlite3"
        locations.append(("sqlite", str(path), lambda: SqliteIndex(path)))
        server, server_pid = None, None
        if settings.pg and pg_bin() is not None:
            pg_folder = keep / "pg" if keep else None
            server = cluster(pg_bin(), pg_folder)  # type: ignore[arg-type]
            url = server.__enter__()
            pid_file = Path(url.split("host=", 1)[1]) / "data" / "postmaster.pid"
            server_pid = int(pid_file.read_text().split()[0])
            url = open_kept_postgres(url, count) if keep else url
            from resdiff.search.postgres_index import PostgresIndex

            locations.append(("postgresql", url, lambda: PostgresIndex(url)))
        try:
            for name, location, opener in locations:
                index = opener()
                if len(index) == count:
                    rows.append((f"{name}: sync {count:,} clauses", "kept",
                                 f"built by an earlier run in {folder}"))  # fmt: skip
                elif only == {"latency"}:
                    raise SystemExit(
                        f"--only latency needs the {name} index of {count:,} "
                        f"clauses kept in {folder} (run once without --only)"
                    )
                else:
                    # A sync an earlier run left half done goes on where it stopped.
                    done = index.versions("constructed")
                    items = [v for v in versions(clauses, forms) if v.path not in done]
                    # SQLite: transactions of SYNC_CHUNK clauses, as an incremental sync of many
                    # versions; PostgreSQL: one, as a store's first sync into a team's server
                    # (its trigram index then built once).
                    chunk = SYNC_CHUNK if name == "sqlite" else len(clauses)
                    elapsed, _ = timed(lambda i=index, it=items, c=chunk: sync(i, it, c))
                    size = (f"; file {path.stat().st_size / 2**20:,.0f} MiB"
                            if name == "sqlite" else "")  # fmt: skip
                    synced = sum(len(v.units) for v in items)
                    how = f"by {chunk:,}" if chunk < synced else "in one transaction"
                    rows.append((f"{name}: sync {synced:,} clauses {how}", f"{elapsed:.1f} s",
                                 f"{synced / elapsed:,.0f} clauses/s{size}; "
                                 f"bench peak RSS {peak_mib():.0f} MiB"))  # fmt: skip
                if only & {"recall", "parity"}:
                    options = {"candidates": settings.pool} if settings.pool else {}
                    results[name] = [summary(find_precedents(index, d, **options)) for d in asked]
                if name == "sqlite" and "rescoring" in only:
                    rescoring(index, asked[: settings.check or None], rows, name)
                index.close()
                if "latency" in only:
                    pid = server_pid if name == "postgresql" else None
                    found = measure_latency(name, location, asked, draft_file, settings, rows, pid)
                    single = found if name == "sqlite" else single
                if settings.check and name == "sqlite" and "recall" in only:
                    recall(clauses, forms, asked[: settings.check], results["sqlite"], rows, keep)
                print_rows(rows)
        finally:
            if server is not None:
                server.__exit__(None, None, None)
    if "postgresql" in results and "parity" in only:
        same = sum(a == b for a, b in zip(results["sqlite"], results["postgresql"], strict=True))
        rows.append(("parity: same top 10 (ranks, scores)", f"{same}/{len(asked)}", "queries"))
    if rev is not None and single and "baseline" in only:
        baseline(rev, clauses, asked, single, rows)


def _pdf_blocks(text: str) -> list[Any]:
    """The printed paragraphs of a constructed text, as make_format_fixtures lays them out."""
    from make_format_fixtures import Block

    parts = text.strip("\n").split("\n\n")
    label, _, title = parts[0].partition(" ")
    blocks = [Block("title", label, title), Block("formula", None, parts[1])]
    for part in parts[2:-1]:
        number, _, clause = part.partition(" ")
        operative = number.endswith(".") and number[:-1].isdigit()
        blocks.append(Block("operative", number, clause) if operative else
                      Block("preambular", None, part))  # fmt: skip
    return [*blocks, Block("closing", None, parts[-1])]


def constructed_inputs(folder: Path, texts: int, kind: str) -> None:
    """``texts`` constructed resolutions (E/RES/209x/k, not real symbols) as text or PDF.

    The PDFs are text-layer PDFs laid out by scripts/make_format_fixtures.py (running header,
    footer band, masthead), each saying in its footer that it is constructed.
    """
    folder.mkdir(parents=True)
    if kind == "pdf":
        sys.path.insert(0, str(ROOT / "scripts"))
        sys.path.insert(0, str(ROOT / "tests"))
        from make_format_fixtures import make_pdf
    for k in range(texts):
        year = build.YEARS[k % len(build.YEARS)]
        text = build.text(year).replace(f"{year}/1. ", f"{year}/{k + 1}. ", 1)
        name = f"E_RES_{year}_{k + 1}_fr.constructed"
        if kind == "pdf":
            symbol, job = f"E/RES/{year}/{k + 1}", f"{year % 100}-{k + 1:05d}"
            pdf = make_pdf(_pdf_blocks(text), {}, symbol, job, f"30 juillet {year}")
            (folder / f"{name}.pdf").write_bytes(pdf)
        else:
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")


# The line `resdiff -v add --from` logs at the end of a batch (resdiff.batch.add_files).
_BATCH_LOG_RE = re.compile(r"batch of \d+ files: ([\d.]+) s, of which ([\d.]+) s storing")
_GIT_ENV = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
            "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}  # fmt: skip


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class AddRun(NamedTuple):
    """One ``add --from``: wall and CPU seconds of the command; the batch's own seconds (from
    its first file read to its last version stored, as resdiff logs it: the command less its
    start-up) and of them storing (None from a resdiff that does not log it)."""

    wall: float
    cpu: float
    batch: float | None
    storing: float | None

    @property
    def serial(self) -> float | None:
        """The part of the wall time that is not ingestion (start-up, storing under the
        lock); meaningful with 1 job only."""
        if self.batch is None or self.storing is None:
            return None
        return (self.wall - (self.batch - self.storing)) / self.wall


def add_from(
    folder: Path, project: Path, jobs: int, batch: bool, src: Path | None = None
) -> AddRun:
    """One ``resdiff -v add --from`` into a new repository (``src``: the resdiff found there)."""
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    store = str(project / "resolutions")
    command = [sys.executable, "-m", "resdiff", "-v", "--store", store, "add", "--from",
               str(folder), "--jobs", str(jobs), "--series", "constructed-b"]  # fmt: skip
    command += ["--batch"] if batch else []
    env = {**os.environ, **_GIT_ENV, **({"PYTHONPATH": str(src)} if src else {})}
    before = _child_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    cpu = _child_cpu() - before
    shutil.rmtree(project)
    found = _BATCH_LOG_RE.search(done.stderr)
    if not found:
        return AddRun(elapsed, cpu, None, None)
    return AddRun(elapsed, cpu, float(found[1]), float(found[2]))


Mode = tuple[str, int, bool]  # (which resdiff: "" for this one, "before"), jobs, --batch


def bench_ingest(
    texts: int,
    rows: list[Row],
    runs: int = 3,
    kinds: Sequence[str] = ("txt", "pdf"),
    before: Path | None = None,
) -> None:
    """``add --from`` with 1 and 2 jobs, a commit each and ``--batch``: medians of ``runs``.

    Besides wall time (texts/s and the ratio to 1 job): CPU time (user + sys of the command,
    its workers and its git processes) and, from the 1-job runs, the serial fraction ``s``
    with Amdahl's bound on 2 cores, 1 / (s + (1 - s) / 2); with 2 jobs also the ratio of the
    batch itself, the command less its start-up (interpreter, imports), which a longer batch
    amortises: the throughput an archive of many files gets. Other load on the machine
    depresses the wall-clock ratio, not the bound; the load average is printed beside it.
    ``before``: the ``src`` folder of another resdiff, run the same way, interleaved.
    """
    which = ["", *(["before"] if before else [])]
    modes = [(w, jobs, batch) for w in which for batch in (False, True) for jobs in (1, 2)]
    for kind in kinds:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "incoming"
            constructed_inputs(folder, texts, kind)
            found: dict[Mode, list[AddRun]] = {m: [] for m in modes}
            loads = [os.getloadavg()[0]]
            for run in range(runs):
                for mode in modes:  # interleaved: a change of machine load hits every mode
                    w, jobs, batch = mode
                    project = Path(tmp) / f"p{w}{jobs}{batch}{run}"
                    src = before if w else None
                    found[mode].append(add_from(folder, project, jobs, batch, src))
                loads.append(os.getloadavg()[0])
            load = f"load average {min(loads):.1f}–{max(loads):.1f}"
            for mode in modes:
                rows.append(_ingest_row(texts, kind, mode, found, load))


def _ingest_row(
    texts: int, kind: str, mode: Mode, found: dict[Mode, list[AddRun]], load: str
) -> Row:
    """One row of the batch table (see :func:`bench_ingest`)."""
    which, jobs, batch = mode
    runs = found[mode]
    median = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    walls = ", ".join(f"{r.wall:.2f}" for r in sorted(runs))
    note = f"{texts / median:.1f} texts/s; runs {walls} s; CPU {cpu:.2f} s"
    serial = [f for f in (r.serial for r in runs) if f is not None]
    if jobs == 1 and serial:
        s = statistics.median(serial)
        note += f"; serial fraction {s:.0%}: Amdahl bound on 2 cores ×{1 / (s + (1 - s) / 2):.2f}"
    elif jobs > 1:
        ones = found[(which, 1, batch)]
        ratios = sorted(a.wall / b.wall for a, b in zip(ones, runs, strict=True))
        note += (f"; ×{statistics.median(r.wall for r in ones) / median:.2f} vs 1 job "
                 f"(medians), per run ×{ratios[0]:.2f}–×{ratios[-1]:.2f}")  # fmt: skip
        batches = [(a.batch, b.batch) for a, b in zip(ones, runs, strict=True)]
        if all(one is not None and two is not None for one, two in batches):
            ratio = statistics.median(one / two for one, two in batches)  # type: ignore[operator]
            note += f"; the batch less the command's start-up ×{ratio:.2f}"
        note += f"; {load}"
    label = "one commit" if batch else "a commit each"
    name = f"add --from: {texts} constructed {kind}, {jobs} job(s), {label}"
    return (f"{name} ({which})" if which else name, f"{median:.2f} s", note)


PARTS = ("latency", "recall", "parity", "rescoring", "baseline", "ingest")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clauses", type=int, nargs="*", default=[100_000])
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--texts", type=int, default=100)
    parser.add_argument("--ingest-runs", type=int, default=3)
    parser.add_argument("--baseline-rev", default="1007f1c")
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=100_000,
        help="measure the old index only up to this many clauses",
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep the corpus and the indexes in this folder (outside the repository) and "
        "reuse them in later runs, e.g. /tmp/resdiff-scale",
    )
    parser.add_argument(
        "--check",
        type=int,
        default=20,
        help="queries checked against exact scoring of every clause (recall@10); 0: none",
    )
    parser.add_argument("--no-ingest", action="store_true")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=PARTS,
        help="measure only these parts (with --keep: e.g. `--only latency` re-runs the "
        "concurrent and CLI queries on kept indexes in minutes)",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout's src folder: its clients and CLI queries run in turn with "
        "this one's, on the same index",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="concurrent measures per client count"
    )
    parser.add_argument(
        "--candidates",
        type=int,
        default=0,
        help="clauses scored exactly by this checkout (precedent --candidates; default its own)",
    )
    parser.add_argument(
        "--ingest-before",
        type=Path,
        help="also run the batch table with the resdiff of this src folder (a baseline)",
    )
    parser.add_argument(
        "--ingest-kinds",
        nargs="+",
        default=["txt", "pdf"],
        choices=["txt", "pdf"],
        help="what the batch-ingestion table ingests: constructed texts, text-layer PDFs",
    )
    args = parser.parse_args()
    only = frozenset(args.only or PARTS)
    settings = Settings(args.queries, args.clients, not args.no_postgres, args.keep,
                        min(args.check, args.queries), only, args.before, args.repeat,
                        args.candidates)  # fmt: skip
    rows: list[Row] = []
    for count in args.clauses:
        rev = args.baseline_rev if count <= args.baseline_max else None
        if only - {"ingest"}:
            bench_search(count, rev, settings, rows)
            print_rows(rows)
    if not args.no_ingest and "ingest" in only:
        bench_ingest(args.texts, rows, args.ingest_runs, args.ingest_kinds, args.ingest_before)
    print_rows(rows)


def print_rows(rows: list[Row]) -> None:
    width = max(len(r[0]) for r in rows)
    timing = max(len(r[1]) for r in rows)
    print(f"{'measure':<{width}}  {'value':<{timing}}  note")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:<{timing}}  {note}")
    print(flush=True)


if __name__ == "__main__":
    main()
