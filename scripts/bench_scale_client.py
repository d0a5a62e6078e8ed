"""One client of ``bench_scale.py``'s concurrent-query measure (developer script).

Run as ``python scripts/bench_scale_client.py LOCATION QUERIES.json`` with the ``resdiff`` to
measure first on ``PYTHONPATH`` (this checkout's or ``--before``'s): it opens the index,
answers one query to warm up, prints ``ready`` and waits for a line on its standard input,
so that every client starts its timed queries at once; it then prints one JSON line (wall
time of each query, its own CPU seconds over them) and waits for another line before it
closes the index (the server's CPU for the run is read while every client is connected).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    location, queries_file = sys.argv[1], Path(sys.argv[2])
    from resdiff.search import find_precedents, open_named

    queries = json.loads(queries_file.read_text(encoding="utf-8"))
    # BENCH_CANDIDATES: the pool asked of this checkout (an older one has no such setting).
    pool = int(os.environ.get("BENCH_CANDIDATES") or 0)
    options = {"candidates": pool} if pool else {}
    index = open_named(location)
    find_precedents(
        index, queries[0], 10, **options
    )  # warm-up: imports, the word lists of the word diff
    print("ready", flush=True)
    sys.stdin.readline()
    before = resource.getrusage(resource.RUSAGE_SELF)
    times = []
    for draft in queries:
        start = time.perf_counter()
        find_precedents(index, draft, 10, **options)
        times.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"times": times, "cpu": cpu}), flush=True)
    sys.stdin.readline()
    index.close()


if __name__ == "__main__":
    main()
