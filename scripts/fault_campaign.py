"""Run the randomised fault campaign at any size and print its figures.

    .venv/bin/python scripts/fault_campaign.py --trials 200 --seed 1 --writers 8

Each trial starts a real ``resdiff`` writer (add, add --replace, correct, a two-version
rebuild), sends SIGKILL or SIGINT to its process group at a random instant within the
command's duration, then checks no traceback (one raised while Python itself starts,
before resdiff's first instruction, is counted apart), ``verify`` clean after its repairs,
``git fsck`` clean, and all or nothing (see ``tests/campaign.py``). Then N concurrent writers
with readers polling. Then readers looping over ``list``, ``show``, ``OLD NEW`` and
``timeline`` while one writer replaces, rebuilds two versions, has a commit refused and is
killed (``--cycles``): every read exits 0 and prints a state some commit holds. Prints
tables: trials, in-flight kills, failures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.campaign import Campaign, concurrent_writers, readers_during_writes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--writers", type=int, default=8, help="concurrent writers (0: none)")
    parser.add_argument("--cycles", type=int, default=4, help="writer cycles under readers")
    parser.add_argument("--readers", type=int, default=2, help="readers looping meanwhile")
    parser.add_argument("--kill-rate", type=float, default=0.3, help="writers killed (share)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="resdiff-campaign-") as tmp:
        started = time.monotonic()
        campaign = Campaign(Path(tmp))
        tally = campaign.run(args.trials, args.seed)
        seconds = time.monotonic() - started
        concurrent = concurrent_writers(Path(tmp), args.writers, 2) if args.writers else []
        reads = readers_during_writes(campaign, args.cycles, args.readers, args.kill_rate,
                                      args.seed) if args.cycles else None  # fmt: skip
    print("| trials | in-flight signals | SIGKILL | SIGINT | SIGINT in Python's start-up "
          "| failures | seconds |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {tally.trials} | {tally.in_flight} | {tally.sigkill} | {tally.sigint} "
          f"| {tally.startup} | {len(tally.failures)} | {seconds:.0f} |")  # fmt: skip
    if args.writers:
        print(f"\n{args.writers} concurrent writers with readers: {len(concurrent)} failure(s)")
    read_failures = reads.failures if reads else []
    if reads:
        print(
            "\n| writes | writers killed | reads | reads during a write | read HEAD's commit "
            "| failures |"
        )
        print("|---:|---:|---:|---:|---:|---:|")
        print(
            f"| {reads.writes} | {reads.kills} | {reads.reads} | {reads.overlapping} "
            f"| {reads.from_commit} | {len(read_failures)} |"
        )
    for line in [*tally.failures, *concurrent, *read_failures]:
        print(f"FAIL {line}")
    return 1 if tally.failures or concurrent or read_failures else 0


if __name__ == "__main__":
    sys.exit(main())
