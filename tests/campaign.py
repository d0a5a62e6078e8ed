"""A randomised fault campaign: kill -9 and Ctrl-C at random instants of real writers.

Each trial copies a prepared repository, starts one real ``resdiff`` writer (``add``, ``add
--replace``, ``correct`` or a rebuild of two versions) in its own process group, sends
SIGKILL or SIGINT to the group after a random delay within the command's measured duration,
then checks

- no traceback on standard error (a SIGINT while Python itself starts, before resdiff's
  first instruction, is Python's own ``KeyboardInterrupt``: counted in ``Tally.startup``);
- ``resdiff verify`` repairs what was left and then finds no problem, ``git fsck`` is clean;
- all or nothing: the store's files are exactly those before the command or those after an
  uninterrupted run, with zero or one new commit accordingly, and nothing left staged.

:func:`concurrent_writers` runs N writers at once with readers polling ``list``/``show``.
Used by ``tests/test_fault_campaign.py`` (a few dozen trials) and
``scripts/fault_campaign.py`` (as many as wanted).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from resdiff.cli import cli

from .conftest import SEED, constructed, git, init_repo

OPERATIONS = ("add", "replace", "correct", "rebuild")


@dataclasses.dataclass
class Tally:
    """What a campaign did."""

    trials: int = 0
    in_flight: int = 0  # the signal reached a running writer (not one already done)
    sigkill: int = 0
    sigint: int = 0
    # SIGINT while Python itself starts (site, runpy importing the package): a traceback
    # with no frame of resdiff's, before resdiff's first instruction can set a handler.
    startup: int = 0
    failures: list[str] = dataclasses.field(default_factory=list)


def store_state(store: Path) -> dict[str, str]:
    """Relative path → sha256 of the store's files, resdiff's own lock and journal aside."""
    return {
        path.relative_to(store).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(store.rglob("*"))
        if path.is_file() and not path.name.startswith(".resdiff")
    }


def resdiff(store: Path, *args: str, env: dict[str, str] | None = None,
            group: bool = False) -> subprocess.Popen[str]:  # fmt: skip
    environment = {**os.environ, **(env or {})}
    environment.pop("RESDIFF_STORE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "resdiff", "--store", str(store), *args],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=group,
    )  # fmt: skip


def finish(process: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def python_startup_traceback(err: str) -> bool:
    """True for a ``KeyboardInterrupt`` raised before any of resdiff's code ran."""
    frames = [line for line in err.splitlines() if line.lstrip().startswith('File "')]
    return "KeyboardInterrupt" in err and not any("/resdiff/" in line for line in frames)


def make_stale(repo: Path) -> None:
    """Unit op3 of both versions as an earlier pipeline made it, so that ``rebuild``
    rewrites two version folders in one command."""
    store = repo / "resolutions"
    for version in sorted((store / "ecosoc-trafficking").iterdir()):
        unit = version / "fr" / "units" / "op3.txt"
        unit.write_text("An earlier pipeline's text.\n", encoding="utf-8")
        data = json.loads((version / "meta.json").read_text("utf-8"))
        for spec in data["languages"]["fr"]["units"]:
            if spec["id"] == "op3":
                spec["sha256"] = hashlib.sha256(unit.read_bytes()).hexdigest()
        (version / "meta.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    git(repo, "commit", "-qam", "two versions made by an earlier pipeline")


class Campaign:
    """Prepared repositories and the expected outcome of each operation."""

    def __init__(self, work: Path) -> None:
        self.work = work
        seed_text = SEED.read_text(encoding="utf-8")
        self.new_file = work / "constructed_E_RES_2019_99_fr.txt"
        self.new_file.write_text(constructed(seed_text), encoding="utf-8")
        self.replace_file = work / "constructed_replace_2021.txt"
        self.replace_file.write_text(
            seed_text.replace("Prieinstamment", "Prie instamment"), encoding="utf-8"
        )
        self.clean = self._template(work / "template-clean")
        self.stale = work / "template-stale"
        shutil.copytree(self.clean, self.stale, symlinks=True)
        make_stale(self.stale)
        self.expected: dict[str, dict[str, str]] = {}
        self.before: dict[str, dict[str, str]] = {}
        self.duration: dict[str, float] = {}
        for operation in OPERATIONS:
            copy = self.copy(operation, f"reference-{operation}")
            self.before[operation] = store_state(copy / "resolutions")
            started = time.monotonic()
            code, out, err = finish(resdiff(copy / "resolutions", *self.arguments(operation)))
            assert code == 0, (operation, out, err)
            self.duration[operation] = time.monotonic() - started
            self.expected[operation] = store_state(copy / "resolutions")

    def _template(self, path: Path) -> Path:
        """The seed and a second version."""
        repo = init_repo(path)
        store = repo / "resolutions"
        for source in (SEED, self.new_file):
            code, out, err = finish(resdiff(store, "add", str(source)))
            assert code == 0, (out, err)
        return repo

    def arguments(self, operation: str) -> list[str]:
        if operation == "add":
            third = self.work / "constructed_E_RES_2018_98_fr.txt"
            if not third.exists():
                text = constructed(SEED.read_text("utf-8"), "2018/98", "20 juillet 2018")
                third.write_text(text, encoding="utf-8")
            return ["add", str(third)]
        if operation == "replace":
            return ["add", str(self.replace_file), "--replace"]
        if operation == "correct":
            return ["correct", "2021", "op4", "--text", "Prie les États Membres, corrigé."]
        return ["rebuild"]

    def copy(self, operation: str, name: str) -> Path:
        target = self.work / name
        shutil.copytree(self.stale if operation == "rebuild" else self.clean, target, symlinks=True)
        return target

    def trial(self, number: int, rng: random.Random, tally: Tally) -> None:
        """One writer, one signal at a random instant, then the checks."""
        operation = rng.choice(OPERATIONS)
        kind = rng.choice((signal.SIGKILL, signal.SIGINT))
        delay = rng.uniform(0.0, self.duration[operation])
        repo = self.copy(operation, f"trial-{number}")
        store = repo / "resolutions"
        head = git(repo, "rev-parse", "HEAD").strip()
        process = resdiff(store, *self.arguments(operation), group=True)
        time.sleep(delay)
        tally.trials += 1
        if process.poll() is None:
            tally.in_flight += 1
            tally.sigkill += kind == signal.SIGKILL
            tally.sigint += kind == signal.SIGINT
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, kind)
        _, _, err = finish(process)
        label = f"trial {number}: {operation}, {kind.name} after {delay:.2f} s"
        if python_startup_traceback(err):
            tally.startup += 1
            err = ""  # the store must still be all or nothing: checked below
        problems = self.check(repo, store, operation, head, err)
        if problems:
            tally.failures.append(f"{label}: {'; '.join(problems)}")
        shutil.rmtree(repo, ignore_errors=True)

    def check(self, repo: Path, store: Path, operation: str, head: str, err: str) -> list[str]:
        problems = []
        if "Traceback" in err:
            problems.append(f"traceback: {err.strip().splitlines()[-1]}")
        result = CliRunner().invoke(cli, ["--store", str(store), "verify"])
        code, out = result.exit_code, result.output
        verify_err = "" if result.exception is None or isinstance(result.exception, SystemExit) \
            else repr(result.exception)  # fmt: skip
        found = [line for line in out.splitlines() if line.startswith("problem: ")]
        expected = operation == "rebuild" and all(
            line.endswith("`resdiff rebuild`") for line in found
        )
        if (code != 0 and not expected) or verify_err.strip():
            problems.append(f"verify exit {code}: {(out + verify_err).strip()[-300:]}")
        fsck = subprocess.run(["git", "fsck", "--no-progress"], cwd=repo, capture_output=True,
                              text=True, check=False)  # fmt: skip
        if fsck.returncode != 0:
            problems.append(f"git fsck: {fsck.stderr.strip()[-200:]}")
        state = store_state(store)
        commits = int(git(repo, "rev-list", "--count", f"{head}..HEAD").strip())
        if state == self.before[operation] and commits == 0:
            pass  # nothing
        elif state == self.expected[operation] and commits == 1:
            pass  # all
        else:
            problems.append(f"neither none nor all: {commits} new commit(s), store differs")
        status = git(repo, "status", "--porcelain")
        if status:
            problems.append(f"git status not clean: {status.strip()}")
        return problems

    def run(self, trials: int, seed: int) -> Tally:
        rng = random.Random(seed)
        tally = Tally()
        for number in range(trials):
            self.trial(number, rng, tally)
        return tally


def concurrent_writers(work: Path, writers: int, readers: int) -> list[str]:
    """``writers`` adds of distinct versions at once, ``readers`` polling meanwhile.

    Returns:
        The failures: a writer that did not exit 0, a version missing, a reader error.
    """
    repo = init_repo(work / "concurrent")
    store = repo / "resolutions"
    code, out, err = finish(resdiff(store, "add", str(SEED)))
    assert code == 0, (out, err)
    seed_text = SEED.read_text("utf-8")
    files = []
    for index in range(writers):
        path = work / f"constructed_E_RES_2010_{index + 1}_fr.txt"
        path.write_text(constructed(seed_text, f"2010/{index + 1}", "20 juillet 2010"), "utf-8")
        files.append(path)
    started = [resdiff(store, "add", str(path), env={"RESDIFF_LOCK_TIMEOUT": "300"})
               for path in files]  # fmt: skip
    failures = []
    reads = 0
    while any(p.poll() is None for p in started):
        polls = [resdiff(store, "list") for _ in range(readers)]
        polls += [resdiff(store, "show", "2021/25")]
        for poll in polls:
            code, out, err = finish(poll)
            reads += 1
            if code != 0 or "Traceback" in err:
                failures.append(f"reader exit {code}: {err.strip()[-200:]}")
    for process in started:
        code, out, err = finish(process)
        if code != 0:
            failures.append(f"writer exit {code}: {err.strip()[-200:]}")
    listed = finish(resdiff(store, "list"))[1]
    failures += [f"{path.name} not stored" for index, path in enumerate(files)
                 if f"2010/{index + 1}" not in listed]  # fmt: skip
    commits = int(git(repo, "rev-list", "--count", "HEAD").strip())
    if commits != 2 + writers:
        failures.append(f"{commits} commits, expected {2 + writers}")
    if reads == 0:
        failures.append("no read ran while the writers did")
    return failures


READS = (("list",), ("show", "2021"), ("2019", "2021"), ("timeline",))


@dataclasses.dataclass
class ReadTally:
    """What :func:`readers_during_writes` did."""

    writes: int = 0
    kills: int = 0  # writers killed (kill -9 of the process group) while they ran
    reads: int = 0
    overlapping: int = 0  # reads that ran while a writer command ran
    from_commit: int = 0  # reads that found a write in flight and read HEAD's commit
    failures: list[str] = dataclasses.field(default_factory=list)


# Every writer stops a moment after each version folder it moves into place (before its
# commit): a two-version rebuild then shows a state no commit holds for that long.
PAUSED = {"RESDIFF_TEST_PAUSE_AT": "new-moved", "RESDIFF_TEST_PAUSE_SECONDS": "0.4"}
# A commit git refuses (signing with a program that fails): the write is undone.
REFUSED = {"GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "commit.gpgsign",
           "GIT_CONFIG_VALUE_0": "true", "GIT_CONFIG_KEY_1": "gpg.program",
           "GIT_CONFIG_VALUE_1": "false"}  # fmt: skip


def writer_commands(campaign: Campaign, cycles: int) -> list[tuple[list[str], bool]]:
    """(command, whether git refuses its commit): corrections of both versions, a
    two-version ``rebuild --force`` undoing them (its first move, of 2019, makes a state no
    commit holds), ``add --replace`` back and forth, and an
    ``add --replace`` whose commit fails."""
    commands = []
    for cycle in range(cycles):
        commands += [
            (["correct", "2019", "op4", "--text", f"Prie les États, version {cycle}."], False),
            (["correct", "2021", "op4", "--text", f"Prie les États Membres, version {cycle}."],
             False),
            (["rebuild", "--force"], False),
            (["add", str(campaign.replace_file), "--replace"], False),
            (["add", str(SEED), "--replace"], False),
            (["add", str(refused_text(campaign)), "--replace"], True),
        ]  # fmt: skip
    return commands


def refused_text(campaign: Campaign) -> Path:
    """A third text of 2021 (constructed from the seed), never committed: its add fails."""
    path = campaign.work / "constructed_refused_2021.txt"
    if not path.exists():
        text = SEED.read_text("utf-8").replace("Prieinstamment", "Exhorte")
        path.write_text(text, encoding="utf-8")
    return path


def readers_during_writes(
    campaign: Campaign, cycles: int, readers: int, kill_rate: float = 0.0, seed: int = 0
) -> ReadTally:
    """One writer running :func:`writer_commands` while ``readers`` loop over :data:`READS`.

    Every read must exit 0 without a traceback and print exactly what the command prints
    on one of the commits the writer made (or the one before): a reader sees committed
    states only, whatever the writer is doing (moving a version's folder away and back
    during ``add --replace``, two folders during ``rebuild``, a refused commit undone),
    and also after a writer is killed (``kill_rate``: the share of writers killed with
    SIGKILL at a random instant; the next writer finishes or undoes what it left).
    """
    import threading

    rng = random.Random(seed)

    repo = campaign.copy("add", "readers-during-writes")
    store = repo / "resolutions"
    first = git(repo, "rev-parse", "HEAD").strip()
    tally = ReadTally()
    writing = threading.Event()
    done = threading.Event()
    seen: list[tuple[tuple[str, ...], int, str, str, bool]] = []

    def write() -> None:
        for command, refused in writer_commands(campaign, cycles):
            writing.set()
            env = {**PAUSED, **(REFUSED if refused else {})}
            process = resdiff(store, *command, env=env, group=True)
            killed = not refused and rng.random() < kill_rate
            if killed:
                time.sleep(rng.uniform(0.2, 2.0))
                if process.poll() is None:
                    tally.kills += 1
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
            code, _, err = finish(process)
            writing.clear()
            tally.writes += 1
            if not killed and code != (2 if refused else 0):
                tally.failures.append(f"writer {' '.join(command[:2])} exit {code}: {err[-200:]}")
        done.set()

    def read(offset: int) -> None:
        turn = offset
        while not done.is_set():
            command = READS[turn % len(READS)]
            turn += 1
            during = writing.is_set()
            code, out, err = finish(resdiff(store, "-vv", *command))
            seen.append((command, code, out, err, during or writing.is_set()))

    threads = [threading.Thread(target=write)]
    threads += [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    verified = CliRunner().invoke(cli, ["--store", str(store), "verify"])  # after a kill
    if verified.exit_code != 0:
        tally.failures.append(f"verify after the writes: {verified.output.strip()[-300:]}")
    commits = git(repo, "rev-list", "--reverse", f"{first}..HEAD").split()
    if not kill_rate and len(commits) != 5 * cycles:
        tally.failures.append(f"{len(commits)} commits for {5 * cycles} committed writes")
    expected: dict[tuple[str, ...], set[str]] = {command: set() for command in READS}
    for commit in [first, *commits]:
        git(repo, "checkout", "-q", commit, "--", "resolutions")
        for command in READS:
            result = CliRunner().invoke(cli, ["--store", str(store), *command])
            expected[command].add(result.stdout)
    git(repo, "checkout", "-q", "HEAD", "--", "resolutions")
    for command, code, out, err, during in seen:
        tally.reads += 1
        tally.overlapping += during
        tally.from_commit += "a write is in flight: reading commit" in err
        name = " ".join(command)
        if code != 0 or "Traceback" in err:
            lines = [line for line in err.splitlines() if not line.startswith("resdiff: ")]
            tally.failures.append(f"reader {name} exit {code}: {' '.join(lines)[-300:]}")
        elif out not in expected[command]:
            tally.failures.append(f"reader {name} printed a state no commit holds: {out[:300]!r}")
    shutil.rmtree(repo, ignore_errors=True)
    return tally
