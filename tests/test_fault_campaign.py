"""The randomised fault campaign, bounded for CI (scripts/fault_campaign.py runs more).

See :mod:`tests.campaign`: kill -9 and Ctrl-C at random instants of real ``add``, ``add
--replace``, ``correct`` and two-version ``rebuild``, then verify, git fsck and all or
nothing; and 8 concurrent writers with readers polling.
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
