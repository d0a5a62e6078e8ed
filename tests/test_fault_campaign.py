"""The randomised fault campaign, bounded for CI (scripts/fault_campaign.py runs more).

See :mod:`tests.campaign`: kill -9 and Ctrl-C at random instants of real ``add``, ``add
--replace``, ``correct`` and two-version ``rebuild``, then verify, git fsck and all or
nothing; 8 concurrent writers with readers polling; and readers looping over list, show,
diff and timeline while one writer replaces, rebuilds, fails and is killed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .campaign import Campaign, concurrent_writers

pytestmark = pytest.mark.slow

TRIALS = int(os.environ.get("RESDIFF_CAMPAIGN_TRIALS", "12"))


def test_kill_and_ctrl_c_at_random_instants_leave_none_or_all(tmp_path: Path) -> None:
    tally = Campaign(tmp_path).run(TRIALS, seed=12)
    assert tally.failures == []
    assert tally.trials == TRIALS
    assert tally.in_flight >= TRIALS // 2, "most signals must reach a running writer"


def test_eight_concurrent_writers_all_land_and_readers_never_fail(tmp_path: Path) -> None:
    assert concurrent_writers(tmp_path, writers=8, readers=2) == []


def test_readers_see_only_committed_states_while_a_writer_runs(tmp_path: Path) -> None:
    """list/show/diff/timeline while a writer moves folders, rebuilds two versions, has a
    commit refused and is killed: no reader error, every output one a commit holds."""
    from .campaign import readers_during_writes

    tally = readers_during_writes(Campaign(tmp_path), cycles=1, readers=2, kill_rate=0.3)
    assert tally.failures == []
    assert tally.writes == 6
    assert tally.overlapping >= 6, "readers must run while the writer does"
    assert tally.from_commit >= 1, "some reader must have found a write in flight"
