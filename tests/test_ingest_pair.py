"""The two files of ``diff`` read side by side give what reading them in turn gives.

The size thresholds are lowered so that the seed itself goes to a worker process; the
results, the errors and their order, and the fallbacks are compared with reading in turn.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

from resdiff.cli import cli
from resdiff.compare import comparable
from resdiff.errors import InputError, StructureError
from resdiff.ingest import pair

TESTS = Path(__file__).parent


@pytest.fixture
def two_files(tmp_path: Path, seed_text: str) -> tuple[str, str]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(seed_text, encoding="utf-8")
    new.write_text(seed_text.replace("Prie", "Invite", 1), encoding="utf-8")
    return str(old), str(new)


@pytest.fixture
def side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pair of files is read in two processes, whatever its size and the cores."""
    monkeypatch.setattr(pair, "MIN_BYTES_FORKED", 1)
    monkeypatch.setattr(pair, "MIN_BYTES_SPAWNED", 1)
    monkeypatch.setattr(pair, "_cores", lambda: 2)


def in_turn(old: str, new: str) -> tuple[object, object]:
    return pair.ingest_file(old, None), pair.ingest_file(new, None)


@pytest.mark.usefixtures("side_by_side")
def test_side_by_side_gives_what_in_turn_gives(two_files: tuple[str, str]) -> None:
    assert pair.worth_a_worker(*two_files)
    with mock.patch("concurrent.futures.ProcessPoolExecutor", wraps=ProcessPoolExecutor) as pool:
        both = pair.ingest_pair(*two_files)
    assert pool.called  # a worker read the earlier file
    assert both == in_turn(*two_files)
    assert both[0] != both[1]


@pytest.mark.usefixtures("side_by_side")
def test_the_forms_the_worker_made_are_the_forms_made_here(two_files: tuple[str, str]) -> None:
    comparable._GIVEN.clear()
    old, _new = pair.ingest_pair(*two_files)
    assert {unit.text for unit in old.units} <= set(comparable._GIVEN)  # made in the worker
    for unit in old.units:
        assert comparable.comparison_form(unit.text) == comparable._comparison_form.__wrapped__(
            unit.text
        )


def test_small_files_are_read_here(two_files: tuple[str, str]) -> None:
    assert not pair.worth_a_worker(*two_files)  # the seed: a process would cost more
    with mock.patch("concurrent.futures.ProcessPoolExecutor") as pool:
        both = pair.ingest_pair(*two_files)
    assert not pool.called
    assert both == in_turn(*two_files)


@pytest.mark.usefixtures("side_by_side")
def test_one_core_or_standard_input_reads_in_turn(
    two_files: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not pair.worth_a_worker("-", two_files[1])
    monkeypatch.setattr(pair, "_cores", lambda: 1)
    assert not pair.worth_a_worker(*two_files)


@pytest.mark.usefixtures("side_by_side")
@pytest.mark.parametrize("broken", ["old", "new", "both"])
def test_errors_are_those_of_reading_in_turn(
    two_files: tuple[str, str], tmp_path: Path, broken: str
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing here.\n", encoding="utf-8")
    old, new = two_files
    old = str(empty) if broken in ("old", "both") else old
    new = str(tmp_path / "missing.txt") if broken in ("new", "both") else new
    with pytest.raises(InputError) as in_turn_error:
        in_turn(old, new)
    with pytest.raises(InputError) as side_error:
        pair.ingest_pair(old, new)
    assert type(side_error.value) is type(in_turn_error.value)
    assert str(side_error.value) == str(in_turn_error.value)
    assert isinstance(side_error.value, StructureError) is (broken != "new")  # earlier first


@pytest.mark.usefixtures("side_by_side")
def test_no_worker_process_falls_back_to_reading_here(two_files: tuple[str, str]) -> None:
    with mock.patch("concurrent.futures.ProcessPoolExecutor", side_effect=OSError("no processes")):
        assert pair.ingest_pair(*two_files) == in_turn(*two_files)


@pytest.mark.usefixtures("side_by_side")
def test_a_dead_worker_falls_back_to_reading_here(two_files: tuple[str, str]) -> None:
    from concurrent.futures.process import BrokenProcessPool

    class Dead:
        def result(self) -> object:
            raise BrokenProcessPool("killed")

    class Pool:
        def __init__(self, max_workers: int, initializer: object) -> None:
            pass

        def submit(self, *args: object) -> Dead:
            return Dead()

        def shutdown(self) -> None:
            pass

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    with mock.patch("concurrent.futures.ProcessPoolExecutor", Pool):
        assert pair.ingest_pair(*two_files) == in_turn(*two_files)


@pytest.mark.usefixtures("side_by_side")
def test_the_diff_command_side_by_side_prints_what_it_printed(two_files: tuple[str, str]) -> None:
    runner = CliRunner()
    side = runner.invoke(cli, ["diff", *two_files, "--format", "json"])
    with mock.patch.object(pair, "worth_a_worker", lambda old, new: False):
        turn = runner.invoke(cli, ["diff", *two_files, "--format", "json"])
    assert side.exit_code == turn.exit_code == 0, side.output
    assert side.output == turn.output
    assert json.loads(side.stdout)["summary"]


def slow_or_interrupted(path: str, lang: str | None) -> object:
    """The earlier file takes a minute in the worker; the later one is interrupted here."""
    if path.endswith("old.txt"):
        time.sleep(60)
    raise KeyboardInterrupt


@pytest.mark.usefixtures("side_by_side")
def test_ctrl_c_does_not_wait_for_the_worker(two_files: tuple[str, str]) -> None:
    workers: list[multiprocessing.Process] = []
    stop = pair._stop

    def stop_and_note(pool: ProcessPoolExecutor) -> None:
        workers.extend(pool._processes.values())  # type: ignore[union-attr]
        stop(pool)

    started = time.monotonic()
    with (
        mock.patch.object(pair, "ingest_file", slow_or_interrupted),
        mock.patch.object(pair, "_stop", stop_and_note),
        pytest.raises(KeyboardInterrupt),
    ):
        pair.ingest_pair(*two_files)
    assert workers
    for worker in workers:  # stopped, not left reading for a minute
        worker.join(timeout=20)
        assert not worker.is_alive()
    assert time.monotonic() - started < 30
