"""Run the randomised fault campaign at any size and print its figures.

    .venv/bin/python scripts/fault_campaign.py --trials 200 --seed 1 --writers 8

Each trial starts a real ``resdiff`` writer (add, add --replace, correct, a two-version
rebuild), sends SIGKILL or SIGINT to its process group at a random instant within the
command's duration, then checks no traceback, ``verify`` clean after its repairs, ``git
fsck`` clean, and all or nothing (see ``tests/campaign.py``). Then N concurrent writers
with readers polling. Prints a table: trials, in-flight kills, failures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.campaign import Campaign, concurrent_writers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--writers", type=int, default=8, help="concurrent writers (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="resdiff-campaign-") as tmp:
        started = time.monotonic()
        campaign = Campaign(Path(tmp))
        tally = campaign.run(args.trials, args.seed)
        seconds = time.monotonic() - started
        concurrent = concurrent_writers(Path(tmp), args.writers, 2) if args.writers else []
    print("| trials | in-flight signals | SIGKILL | SIGINT | failures | seconds |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {tally.trials} | {tally.in_flight} | {tally.sigkill} | {tally.sigint} "
          f"| {len(tally.failures)} | {seconds:.0f} |")  # fmt: skip
    if args.writers:
        print(f"\n{args.writers} concurrent writers with readers: {len(concurrent)} failure(s)")
    for line in [*tally.failures, *concurrent]:
        print(f"FAIL {line}")
    return 1 if tally.failures or concurrent else 0


if __name__ == "__main__":
    sys.exit(main())
