"""The bad-input matrix: every row is refused with one exact line, exit 2, the store untouched.

"Untouched" means the same HEAD, the same ``git status --porcelain`` (clean, except in the
rows that start from a mid-merge repository) and the same bytes in every file of the work
tree, ignored files included.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import lang
from resdiff.cli import cli
from resdiff.ingest import MAX_SOURCE_BYTES
from resdiff.storage.store import WAYS_FORWARD

from .conftest import git


def snapshot(repo: Path) -> tuple[str, str, dict[str, str]]:
    """HEAD, ``git status --porcelain`` and a hash of every file outside ``.git``."""
    head = git(repo, "rev-parse", "--verify", "-q", "HEAD").strip()
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    files = {
        str(path.relative_to(repo)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(repo.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(repo).parts
    }
    return head, status, files


def assert_refused(
    runner: CliRunner,
    repo: Path,
    args: list[str],
    message: str,
    *,
    store: Path | None = None,
    clean: bool = True,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> None:
    """Run ``resdiff --store STORE ARGS``: one exact error line, exit 2, nothing changed."""
    before = snapshot(repo)
    if clean:
        assert before[1] == "", before[1]
    store = repo / "resolutions" if store is None else store
    result = runner.invoke(cli, ["--store", str(store), *args], input=stdin, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.output == f"Error: {message}\n"
    assert result.exit_code == 2
    assert snapshot(repo) == before


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


# --------------------------------------------------------------------------- input files

NO_STRUCTURE = b"Hello world.\n\nThis is just a note about a meeting, not a resolution.\n"

INPUT_ROWS: list[tuple[str, str, bytes | None, list[str], str]] = [
    # (row, file name, bytes (None: the seed), extra arguments, message)
    ("empty", "empty.txt", b"", [],
     "empty.txt is empty; give a file that holds the text of a resolution"),
    ("blank", "blank.txt", b" \n\t\r\n  \n", [],
     "blank.txt is empty; give a file that holds the text of a resolution"),
    ("binary-nul", "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, [],
     "scan.txt looks like a binary file, not text; give a .txt, .pdf or .docx"),
    ("binary-controls", "ctl.txt", bytes(range(1, 32)) * 40, [],
     "ctl.txt looks like a binary file, not text; give a .txt, .pdf or .docx"),
    ("pdf-holding-text", "x.pdf", b"2021/25. Mise en oeuvre\n\nLe Conseil,\n", [],
     "x.pdf is not a valid .pdf file; check that it is not damaged"),
    ("docx-holding-text", "x.docx", b"Le Conseil economique et social,\n", [],
     "x.docx is not a valid .docx file; check that it is not damaged"),
    ("txt-holding-pdf", "x.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", [],
     "x.txt is named like a text file but holds PDF data; rename it"),
    ("txt-holding-docx", "y.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, [],
     "y.txt is named like a text file but holds DOCX data; rename it"),
    ("undecodable-utf8", "bad.txt", "Le Conseil économique et social,\n".encode()[:22] + b"\xff\xfe" + b" et social", [],
     "bad.txt is UTF-8 with undecodable bytes (0xff at byte 22); repair the file or save it again as UTF-8"),
    ("no-encoding", "high.txt", bytes(range(0x80, 0x100)) * 10, [],
     "high.txt is in no text encoding resdiff can detect; save it as UTF-8 and try again"),
    ("no-structure", "note.txt", NO_STRUCTURE, [],
     "note.txt has no recognisable resolution structure (no preambular or numbered operative "
     "paragraphs); store it as plain paragraphs with --raw"),
    ("raw-without-symbol", "note.txt", NO_STRUCTURE, ["--raw"],
     "no resolution symbol found in note.txt; give it with --symbol E/RES/2021/25"),
    ("raw-without-date", "note.txt", NO_STRUCTURE, ["--raw", "--symbol", "E/RES/2019/99"],
     "no adoption date found in note.txt; give it with --date YYYY-MM-DD"),
    ("unknown-language", "seed.txt", None, ["--lang", "xx"],
     "Invalid value for '--lang': 'xx' is not one of "
     f"{', '.join(repr(code) for code in lang.SUPPORTED)}. (see `resdiff add --help`)"),
    ("bad-date", "seed.txt", None, ["--date", "2021-02-30"],
     "'2021-02-30' is not a date; write it as YYYY-MM-DD"),
    ("symbol-contradicts-date", "seed.txt", None, ["--date", "2020-07-22"],
     "the symbol E/RES/2021/25 names the year 2021 but the date is 2020-07-22; "
     "correct --symbol or --date"),
    # A title is kept in meta.json and shown on one line: a CR would read back as LF.
    ("title-with-cr", "seed.txt", None, ["--title", "Titre\rpiégé"],
     "--title holds a carriage return; give it as one line of text without control characters"),
    ("title-with-lf", "seed.txt", None, ["--title", "Titre\npiégé"],
     "--title holds a line break; give it as one line of text without control characters"),
    ("title-with-escape", "seed.txt", None, ["--title", "Titre \x1b[31m"],
     "--title holds the control character U+001B; give it as one line of text without "
     "control characters"),
    ("title-with-bidi-override", "seed.txt", None, ["--title", "Titre \u202e"],
     "--title holds the control character U+202E; give it as one line of text without "
     "control characters"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "extra", "message"),
    [row[1:] for row in INPUT_ROWS],
    ids=[row[0] for row in INPUT_ROWS],
)
def test_bad_input_file(
    runner: CliRunner,
    stocked: Path,
    tmp_path: Path,
    seed_path: Path,
    name: str,
    data: bytes | None,
    extra: list[str],
    message: str,
) -> None:
    source = tmp_path / name
    source.write_bytes(seed_path.read_bytes() if data is None else data)
    assert_refused(runner, stocked, ["add", str(source), *extra], message)


def unreadable_file(tmp_path: Path) -> Path:
    """A regular file this process cannot read: mode 000, or (root reads anything) Linux's
    ``/proc/self/mem``, a regular file whose read fails."""
    if os.name == "posix" and os.geteuid() != 0:
        path = tmp_path / "secret.txt"
        path.write_text("Le Conseil,\n", encoding="utf-8")
        path.chmod(0)
        return path
    if Path("/proc/self/mem").is_file():
        return Path("/proc/self/mem")
    pytest.skip("no regular file this process cannot read on this system")


@pytest.mark.parametrize("kind", ["folder", "fifo", "unreadable"])
@pytest.mark.parametrize("command", ["add", "diff", "normalize", "correct"])
def test_a_file_argument_that_is_a_folder_a_pipe_or_unreadable(
    runner: CliRunner, stocked: Path, tmp_path: Path, kind: str, command: str
) -> None:
    """One line naming what the path is, exit 2, store unchanged; a FIFO is never opened
    (it would block the command until something writes to it)."""
    if kind == "folder":
        path = tmp_path / "drafts"
        path.mkdir()
        message = (
            f"{path} is a folder, not a file; give a text, PDF, Word, HTML or Akoma Ntoso file"
        )
        if command in ("add", "normalize", "correct"):  # click's own check of the argument
            option = {"add": "'[FILES]...'", "normalize": "'FILE'", "correct": "'--file'"}
            message = (
                f"Invalid value for {option[command]}: File {str(path)!r} is a directory. "
                f"(see `resdiff {command} --help`)"
            )
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes on this system")
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
        message = (
            f"{path} is not a regular file (a pipe, socket or device); save it to a file, or "
            "give - to read standard input"
        )
    else:
        path = unreadable_file(tmp_path)
        detail = "Permission denied" if path.name == "secret.txt" else "Input/output error"
        message = f"cannot read {path}: {detail}; check its permissions"
    args = {
        "add": ["add", str(path)],
        "diff": ["diff", str(path), "2021"],
        "normalize": ["normalize", str(path)],
        "correct": ["correct", "2021", "op1", "--file", str(path)],
    }[command]
    assert_refused(runner, stocked, args, message)


def test_bad_input_into_a_new_store_creates_nothing(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    note = write(tmp_path / "note.txt", NO_STRUCTURE)
    message = (
        "note.txt has no recognisable resolution structure (no preambular or numbered "
        "operative paragraphs); store it as plain paragraphs with --raw"
    )
    assert_refused(runner, repo, ["add", note], message)
    assert not (repo / "resolutions").exists()


def test_huge_file(runner: CliRunner, stocked: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: no 20 MB written to disk
        handle.truncate(MAX_SOURCE_BYTES + 1)
    assert_refused(runner, stocked, ["add", str(huge)], f"{huge} is larger than 20 MB; split it")


def test_huge_standard_input(runner: CliRunner, stocked: Path) -> None:
    data = b"a" * (MAX_SOURCE_BYTES + 1)
    assert_refused(
        runner, stocked, ["add", "-"], "stdin.txt is larger than 20 MB; split it", stdin=data
    )


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    from resdiff.ingest import read_source

    path = tmp_path / "limit.txt"
    path.write_bytes(b"a" * MAX_SOURCE_BYTES)
    assert len(read_source(path).data) == MAX_SOURCE_BYTES


# --------------------------------------------------------------------------- symbols

ESCAPING_SYMBOLS = [
    ("dot-dot", "../../etc"),
    ("absolute", "/etc/passwd"),
    ("dot-dot-inside", "E/RES/../../../etc"),
    ("nul", "E/RES/2021/25\x00"),
    ("escape", "E/RES/2021/\x1b[31m25"),
    ("newline", "E/RES/2021/25\n../x"),
    ("backslash", "E\\RES\\2021\\25"),
    ("too-long", "E/RES/2021/25" + "0" * 50),
]


@pytest.mark.parametrize(
    "symbol", [s for _, s in ESCAPING_SYMBOLS], ids=[i for i, _ in ESCAPING_SYMBOLS]
)
def test_symbol_that_would_escape_the_store(
    runner: CliRunner, stocked: Path, seed_path: Path, symbol: str
) -> None:
    message = (
        f"{symbol!r} is not a UN resolution symbol; write it like E/RES/2021/25 or "
        "A/RES/76/1 (a draft: A/C.3/76/L.10)"
    )
    assert_refused(runner, stocked, ["add", str(seed_path), "--symbol", symbol], message)


@pytest.mark.parametrize("series", ["../x", "/abs", "a/b", "Upper", "x\x00", ".hidden"])
def test_series_that_would_escape_the_store(
    runner: CliRunner, stocked: Path, seed_path: Path, series: str
) -> None:
    message = f"{series!r} is not a valid series name; use lower-case letters, digits and hyphens"
    assert_refused(runner, stocked, ["add", str(seed_path), "--series", series], message)


def test_every_symbol_folder_is_one_safe_name() -> None:
    from resdiff.storage import layout

    for symbol in [
        "E/RES/2021/25",
        "A/RES/76/1",
        "S/RES/2601 (2021)",
        "A/HRC/RES/47/1",
        "A/C.3/76/L.10",
        "E/CN.15/2021/L.3/Rev.1",
        "A/RES/76/1/Corr.1",
    ]:
        folder = layout.version_dir("s", symbol)
        assert folder.parts[0] == "s" and len(folder.parts) == 2
        assert set(folder.parts[1]) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-"
        )
        assert ".." not in folder.parts[1] and not folder.parts[1].startswith(".")


# --------------------------------------------------------------------------- the store


def test_version_that_already_exists(runner: CliRunner, stocked: Path, seed_path: Path) -> None:
    message = (
        "E/RES/2021/25 (fr) is already stored; use --replace to store the new text "
        "(the old one stays in git history)"
    )
    assert_refused(runner, stocked, ["add", str(seed_path)], message)


def test_replace_says_the_old_text_stays_in_history(
    runner: CliRunner, stocked: Path, tmp_path: Path, seed_path: Path
) -> None:
    corrected = write(
        tmp_path / "corrected.txt",
        seed_path.read_bytes().replace(b"Prieinstamment", b"Prie instamment"),
    )
    store = stocked / "resolutions"
    result = runner.invoke(cli, ["--store", str(store), "add", corrected, "--replace"])
    assert result.exit_code == 0, result.output
    version = store / "ecosoc-trafficking" / "E-RES-2021-25"
    assert f"the previous text stays in git history: git log -- {version}\n" in result.output
    assert git(stocked, "rev-list", "--count", "HEAD").strip() == "3"


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("1999", "no stored version matches '1999'; stored: 2021 (E/RES/2021/25); " + WAYS_FORWARD),
        (
            "2021/99",
            "no stored version matches '2021/99'; stored: 2021 (E/RES/2021/25); " + WAYS_FORWARD,
        ),
        (
            "../../etc",
            "no stored version matches '../../etc'; stored: 2021 (E/RES/2021/25); " + WAYS_FORWARD,
        ),
        (
            "\x1b[2J",
            "no stored version matches '\\x1b[2J'; stored: 2021 (E/RES/2021/25); " + WAYS_FORWARD,
        ),
        (
            "E/RES/../x",
            "'E/RES/../x' is not a UN resolution symbol; write it like E/RES/2021/25 or "
            "A/RES/76/1 (a draft: A/C.3/76/L.10)",
        ),
    ],
    ids=["year", "short", "path", "control", "bad-symbol"],
)
def test_unknown_selector(runner: CliRunner, stocked: Path, selector: str, message: str) -> None:
    assert_refused(runner, stocked, ["show", selector], message)


def test_ambiguous_selector(runner: CliRunner, stocked: Path, seed_path: Path) -> None:
    store = str(stocked / "resolutions")
    added = runner.invoke(cli, ["--store", store, "add", str(seed_path), "--series", "other"])
    assert added.exit_code == 0, added.output
    message = (
        "'2021/25' matches several versions: E/RES/2021/25 [ecosoc-trafficking], "
        "E/RES/2021/25 [other]; choose with --series"
    )
    assert_refused(runner, stocked, ["show", "2021/25"], message)
    assert (
        runner.invoke(cli, ["--store", store, "show", "2021/25", "--series", "other"]).exit_code
        == 0
    )


def test_unknown_language_of_a_stored_version(runner: CliRunner, stocked: Path) -> None:
    assert_refused(
        runner,
        stocked,
        ["show", "2021", "--lang", "en"],
        "E/RES/2021/25 has no 'en' text; it has: fr",
    )


def test_folder_that_is_not_a_store(runner: CliRunner, repo: Path, seed_path: Path) -> None:
    folder = repo / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("Dear colleagues,\n")
    git(repo, "add", "documents")
    git(repo, "commit", "-q", "-m", "documents")
    assert_refused(
        runner, repo, ["list"],
        f"{folder} is not a resdiff store (no store.json); run `resdiff add FILE` to create one "
        "or pass --store",
        store=folder,
    )  # fmt: skip
    assert_refused(
        runner, repo, ["add", str(seed_path)],
        f"{folder} is not a resdiff store (no store.json) and is not empty; pass --store with a "
        "store, or a new or empty folder",
        store=folder,
    )  # fmt: skip


def test_store_path_that_is_a_file(runner: CliRunner, repo: Path, seed_path: Path) -> None:
    message = f"{repo / 'README'} is a file, not a store; pass --store with a folder"
    for args in (["list"], ["add", str(seed_path)]):
        assert_refused(runner, repo, args, message, store=repo / "README")


CORRUPTIONS: list[tuple[str, str, bytes, str]] = [
    # (row, file under the store, new bytes, message template)
    ("store-json-syntax", "store.json", b"{not json",
     "{path} is corrupt; restore it from git (`git checkout -- {path}`)"),
    ("store-json-schema", "store.json", b'{"schema": "other/1"}\n',
     "{path} is not a resdiff store file (resdiff.store/1 expected)"),
    ("meta-json-syntax", "ecosoc-trafficking/E-RES-2021-25/meta.json", b"{\"symbol\": ",
     "{path} is corrupt; restore it from git or run `resdiff verify`"),
    ("meta-json-shape", "ecosoc-trafficking/E-RES-2021-25/meta.json", b'{"symbol": "E/RES/2021/25", "languages": []}',
     "{path} is corrupt (series is missing or not a string); restore it from git or run `resdiff verify`"),
    ("meta-json-binary", "ecosoc-trafficking/E-RES-2021-25/meta.json", b"\xff\xfe\x00garbage",
     "{path} is corrupt; restore it from git or run `resdiff verify`"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("relative", "data", "template"),
    [row[1:] for row in CORRUPTIONS],
    ids=[row[0] for row in CORRUPTIONS],
)
@pytest.mark.parametrize("command", ["list", "show", "add", "add-replace"])
def test_corrupt_store_metadata(
    runner: CliRunner,
    stocked: Path,
    seed_path: Path,
    relative: str,
    data: bytes,
    template: str,
    command: str,
) -> None:
    path = stocked / "resolutions" / relative
    path.write_bytes(data)
    git(stocked, "add", "-A")
    git(stocked, "commit", "-q", "-m", "corrupt on purpose")
    args = {
        "list": ["list"],
        "show": ["show", "E/RES/2021/25"],
        "add": ["add", str(seed_path)],
        "add-replace": ["add", str(seed_path), "--replace"],
    }[command]
    assert_refused(runner, stocked, args, template.format(path=path))


# --------------------------------------------------------------------------- git states


def test_repository_in_the_middle_of_a_merge(
    runner: CliRunner, stocked: Path, second_version: Path
) -> None:
    git(stocked, "checkout", "-q", "-b", "side")
    (stocked / "README").write_text("side\n")
    git(stocked, "commit", "-q", "-am", "side")
    git(stocked, "checkout", "-q", "main")
    (stocked / "README").write_text("main\n")
    git(stocked, "commit", "-q", "-am", "main")
    with pytest.raises(Exception):  # noqa: B017 - git exits 1 on the conflict
        git(stocked, "merge", "-q", "side")
    assert (stocked / ".git" / "MERGE_HEAD").exists()
    message = (
        f"the git repository at {stocked.resolve()} is in the middle of a merge; "
        "finish or abort it first"
    )
    assert_refused(runner, stocked, ["add", str(second_version)], message, clean=False)


@pytest.mark.parametrize(
    ("marker", "state"),
    [
        ("REBASE_HEAD", "a rebase"),
        ("CHERRY_PICK_HEAD", "a cherry-pick"),
        ("rebase-merge", "a rebase"),
    ],
)
def test_repository_in_the_middle_of_another_operation(
    runner: CliRunner, stocked: Path, second_version: Path, marker: str, state: str
) -> None:
    path = stocked / ".git" / marker
    if marker.startswith("rebase"):
        path.mkdir()
    else:
        path.write_text(git(stocked, "rev-parse", "HEAD"))
    message = (
        f"the git repository at {stocked.resolve()} is in the middle of {state}; "
        "finish or abort it first"
    )
    assert_refused(runner, stocked, ["add", str(second_version)], message)


def test_locked_git_index(runner: CliRunner, stocked: Path, second_version: Path) -> None:
    (stocked / ".git" / "index.lock").write_bytes(b"")
    message = (
        f"the git index of {stocked.resolve()} is locked (.git/index.lock); "
        "wait for the other git command or remove the stale lock"
    )
    assert_refused(runner, stocked, ["add", str(second_version)], message)


def test_detached_head(runner: CliRunner, stocked: Path, second_version: Path) -> None:
    git(stocked, "checkout", "-q", "--detach")
    message = (
        f"the git repository at {stocked.resolve()} has a detached HEAD; check out a branch first"
    )
    assert_refused(runner, stocked, ["add", str(second_version)], message)


def test_new_store_in_a_mid_merge_repository_creates_nothing(
    runner: CliRunner, repo: Path, seed_path: Path
) -> None:
    (repo / ".git" / "MERGE_HEAD").write_text(git(repo, "rev-parse", "HEAD"))
    message = (
        f"the git repository at {repo.resolve()} is in the middle of a merge; "
        "finish or abort it first"
    )
    assert_refused(runner, repo, ["add", str(seed_path)], message)
    assert not (repo / "resolutions").exists()


def test_no_commit_ignores_the_git_state(
    runner: CliRunner, stocked: Path, second_version: Path
) -> None:
    (stocked / ".git" / "index.lock").write_bytes(b"")
    store = str(stocked / "resolutions")
    result = runner.invoke(cli, ["--store", store, "add", str(second_version), "--no-commit"])
    assert result.exit_code == 0, result.output
    assert "(not committed)" in result.output


# --------------------------------------------------------------------------- environment


def test_lock_timeout_that_is_not_a_number(
    runner: CliRunner, stocked: Path, second_version: Path
) -> None:
    assert_refused(
        runner, stocked, ["add", str(second_version)],
        "RESDIFF_LOCK_TIMEOUT='soon' is not a number of seconds; set it to e.g. 60",
        env={"RESDIFF_LOCK_TIMEOUT": "soon"},
    )  # fmt: skip


# --------------------------------------------------------------------------- --raw


def test_raw_stores_plain_paragraphs(runner: CliRunner, stocked: Path, tmp_path: Path) -> None:
    note = write(tmp_path / "note.txt", NO_STRUCTURE)
    store = str(stocked / "resolutions")
    args = [
        "add",
        note,
        "--raw",
        "--symbol",
        "E/RES/2019/99",
        "--date",
        "2019-07-23",
        "--lang",
        "en",
    ]
    result = runner.invoke(cli, ["--store", store, *args])
    assert result.exit_code == 0, result.output
    assert "added E/RES/2019/99 (en) 2019-07-23: 2 units" in result.output
    shown = json.loads(runner.invoke(cli, ["--store", store, "show", "2019/99", "--json"]).output)
    assert [(u["id"], u["kind"], u["text"]) for u in shown["units"]] == [
        ("p1", "preamble", "Hello world."),
        ("p2", "preamble", "This is just a note about a meeting, not a resolution."),
    ]
    assert shown["title"] == "Hello world."
    assert git(stocked, "status", "--porcelain") == ""


def test_matrix_covers_each_row_of_the_issue() -> None:
    """Guard against a row silently dropped from the tables above."""
    rows = {row[0] for row in INPUT_ROWS} | {row[0] for row in CORRUPTIONS}
    for row in ("empty", "binary-nul", "pdf-holding-text", "txt-holding-pdf", "undecodable-utf8",
                "no-structure", "unknown-language", "store-json-syntax", "meta-json-syntax"):  # fmt: skip
        assert row in rows
    assert os.environ.get("RESDIFF_TEST_PAUSE_AT") is None  # the kill hook is off in-process
