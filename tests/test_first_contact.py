"""What a newcomer meets first: report files, mistyped commands, languages, series, the pipe."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.render.output import write_report
from resdiff.storage import Store

from .conftest import BUNDLED_STORE, ROOT
from .constructed import build

DEMO = ROOT / "examples" / "constructed-demo"
DRAFT = ROOT / "examples" / "constructed-earlier-draft.fr.txt"


@pytest.fixture(autouse=True)
def _cache_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the comparison cache out of the shipped stores."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))


def run(*args: str, store: Path = BUNDLED_STORE, color: bool = False) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["--store", str(store), *args], prog_name="resdiff", color=color
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


# ----------------------------------------------------------------- the demo store


def test_the_demo_store_is_what_the_script_makes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_demo_store
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    made = tmp_path / "demo"
    make_demo_store.make(made)
    shipped = {p.relative_to(DEMO): p.read_bytes() for p in DEMO.rglob("*") if p.is_file()}
    rebuilt = {p.relative_to(made): p.read_bytes() for p in made.rglob("*") if p.is_file()}
    assert _tracked(shipped) == _tracked(rebuilt)


def _tracked(files: dict[Path, bytes]) -> dict[Path, bytes]:
    """What git keeps of a store (no lock file, no cache)."""
    return {p: data for p, data in files.items()
            if p.name != ".resdiff.lock" and ".resdiff-cache" not in p.parts}  # fmt: skip


def test_the_demo_store_is_constructed_and_verified() -> None:
    for version in Store(DEMO).versions():
        assert version.series == "constructed-demo"
        assert version.year >= 2091  # invented years, never a real UN symbol
        assert "texte fictif" in version.entry("fr").title
    assert run("verify", store=DEMO)[0] == 0


# ----------------------------------------------------------------- report files


@pytest.mark.parametrize(
    ("name", "extra", "start"),
    [
        ("report.html", [], "<!DOCTYPE html>"),
        ("report.md", [], "## resdiff report"),
        ("report.json", [], '{\n  "schema": "resdiff.diff/1"'),
        ("report.txt", [], "constructed-earlier-draft.fr.txt (fr) → E/RES/2021/25 (2021, fr)"),
        ("report.html", ["--format", "json"], '{\n  "schema": "resdiff.diff/1"'),
    ],
    ids=["html", "markdown", "json", "txt-is-terminal", "format-wins"],
)
def test_the_output_file_name_chooses_the_format(
    tmp_path: Path, name: str, extra: list[str], start: str
) -> None:
    out = tmp_path / name
    code, output = run("diff", str(DRAFT), "2021", "-o", str(out), *extra)
    assert code == 0
    assert output.startswith(f"wrote {out} (")
    text = out.read_text(encoding="utf-8")
    assert text.startswith(start) and "\x1b[" not in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_device_or_pipe_given_to_o_is_written_to_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/null` used to rename a temporary file over the device (as root, /dev/null
    # became a plain file); a named pipe stands in for the device here.
    import stat
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, output = run("diff", str(DRAFT), "2021", "--format", "json", "-o", str(pipe))
    reader.join(timeout=30)
    assert code == 0 and output.startswith(f"wrote {pipe} (")
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still the pipe, not a file put in its place
    assert json.loads(received[0])["schema"].startswith("resdiff.diff")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.pipe")]


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, output = run("timeline", "-o", "-", store=DEMO)
    assert code == 0 and output.startswith("constructed-demo: 19 lineages × 4 versions")
    assert list(work.iterdir()) == []  # no file named "-"


@pytest.mark.parametrize(
    ("args", "name", "start"),
    [
        (["timeline", "-o"], "t.html", "<!DOCTYPE html>"),
        (["timeline", "-o"], "t.json", '{\n  "schema": "resdiff.timeline/1"'),
        (["log", "2094", "op5", "-o"], "log.json", '{\n  "schema": "resdiff.log/1"'),
        (["blame", "2094", "op5", "-o"], "blame.txt", "E/RES/2094/1 [constructed-demo]"),
        (["show", "2094", "-o"], "show.json", '{\n  "schema": "resdiff.version/1"'),
        (["list", "-o"], "list.json", '{\n  "schema": "resdiff.list/1"'),
        (["grep", "sans délai", "-o"], "grep.json", '{\n  "schema": "resdiff.grep/1"'),
    ],
    ids=["timeline-html", "timeline-json", "log", "blame", "show", "list", "grep"],
)
def test_every_report_command_takes_o(
    tmp_path: Path, args: list[str], name: str, start: str
) -> None:
    out = tmp_path / name
    code, output = run(*args, str(out), store=DEMO)
    assert code == 0 and output == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith(start)


def test_a_failed_command_leaves_no_report(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "report.html"
    out.parent.mkdir()
    code, output = run("diff", "1999", "2021", "-o", str(out))
    assert code == 2 and output.startswith("Error: no stored version matches '1999'")
    code, _ = run("timeline", "--series", "nothing", "-o", str(out))
    assert code == 2
    assert list(out.parent.iterdir()) == []


def test_an_interrupted_write_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "reports" / "report.html"
    out.parent.mkdir()
    out.write_text("previous report", encoding="utf-8")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        write_report(out, "<!DOCTYPE html> new")
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temporary file left


# ----------------------------------------------------------------- commands and usage


@pytest.mark.parametrize(
    ("word", "suggestion"), [("lsit", "list"), ("verfy", "verify"), ("hepl", "help")]
)
def test_a_mistyped_command_gets_a_suggestion(word: str, suggestion: str) -> None:
    code, output = run(word)
    assert code == 2
    assert output == (
        f"Error: No such command {word!r}. Did you mean {suggestion!r}? (see `resdiff --help`)\n"
    )


def test_two_versions_are_a_diff_and_help_shows_help() -> None:
    code, output = run("2092", "2094", store=DEMO)
    assert code == 0 and output.startswith("E/RES/2092/1 (2092, fr) → E/RES/2094/1 (2094, fr)")
    code, output = run("help")
    assert code == 0 and output.startswith("Usage: resdiff [OPTIONS] COMMAND")
    code, output = run("help", "grep")
    assert code == 0 and output.startswith("Usage: resdiff grep [OPTIONS] PHRASE")
    code, output = run("help", "nope")
    assert code == 2 and output.startswith("Error: no command 'nope'; the commands are: add,")


def test_usage_errors_are_one_line() -> None:
    code, output = run("show")
    assert (code, output) == (2, "Error: Missing argument 'VERSION'. (see `resdiff show --help`)\n")


def test_grep_exits_1_when_nothing_matches() -> None:
    assert run("grep", "traite des personnes", store=DEMO)[0] == 0
    code, output = run("grep", "zzz introuvable", store=DEMO)
    assert code == 1 and "no stored clause contains" in output


# ----------------------------------------------------------------- languages


def test_lang_is_case_insensitive() -> None:
    code, output = run("show", "2021", "--lang", "FR")
    assert code == 0 and output.startswith("E/RES/2021/25 (fr)")


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "--lang", "en", str(DRAFT), "2021"],
        ["normalize", "--lang", "en", str(DRAFT)],
        ["add", "--lang", "es", str(DRAFT)],
    ],
    ids=["diff", "normalize", "add"],
)
def test_a_lang_the_text_contradicts_is_refused(args: list[str]) -> None:
    code, output = run(*args)
    wanted = args[args.index("--lang") + 1]
    assert code == 2
    assert output == (
        f"Error: this text reads as French (fr); --lang {wanted} given: "
        "drop --lang or give --lang fr\n"
    )


def test_fetch_checks_lang_before_any_request() -> None:
    code, output = run("fetch", "E/RES/2021/25", "--lang", "xx")
    assert code == 2 and "Invalid value for '--lang': 'xx' is not one of 'ar'" in output


# ----------------------------------------------------------------- series


def test_a_new_store_takes_its_series_from_the_text(repo: Path, seed_path: Path) -> None:
    store = Store(repo / "resolutions")
    added = api.add(store, seed_path)
    assert added.version.series == "ecosoc-trafficking"  # ECOSOC + "traite des personnes"
    assert json.loads((store.root / "store.json").read_text())["default_series"] == (
        "ecosoc-trafficking"
    )
    other = repo / "other.txt"
    other.write_text(build.text(2091), encoding="utf-8")
    assert api.add(store, other).version.series == "ecosoc-serie-construite-tests-texte"
    again = repo / "again.txt"
    again.write_text(build.text(2092), encoding="utf-8")  # the same title: a re-adoption
    assert api.add(store, again).version.series == "ecosoc-serie-construite-tests-texte"


def test_a_demo_store_of_its_own_has_the_demo_series(repo: Path) -> None:
    store = Store(repo / "demo")
    for year in (2091, 2092):
        path = repo / build.file_name(year)
        path.write_text(build.text(year), encoding="utf-8")
        api.add(store, path, series="constructed-demo")
    assert store.default_series == "constructed-demo"
    assert api.diff(store, "2091", "2092").has_differences


def test_a_year_of_another_series_says_which(repo: Path, seed_path: Path) -> None:
    store = Store(repo / "resolutions")
    api.add(store, seed_path)
    path = repo / "x.txt"
    path.write_text(build.text(2091), encoding="utf-8")
    api.add(store, path, series="constructed-demo")
    code, output = run("show", "2091", store=store.root)
    assert code == 2
    assert output.endswith(
        "2091 is stored in the series constructed-demo: add --series constructed-demo\n"
    )


def test_history_says_which_versions_it_left_out(repo: Path, tmp_path: Path) -> None:
    store = Store(repo / "resolutions")
    for year in build.YEARS:
        path = tmp_path / build.file_name(year)
        path.write_text(build.text(year), encoding="utf-8")
        api.add(store, path, series="constructed-demo")
    english = (ROOT / "tests" / "ocr" / "constructed-en" / "truth.txt").read_text("utf-8")
    english = english.replace("2091/7.", "2095/1.").replace("22 July 2091", "22 July 2095")
    source = tmp_path / "E_RES_2095_1_en.txt"
    source.write_text(english, encoding="utf-8")
    api.add(store, source, series="constructed-demo", lang="en")
    result = CliRunner().invoke(cli, ["--store", str(store.root), "timeline"])
    assert result.exit_code == 0  # the language most versions have: French
    assert result.stdout.startswith("constructed-demo: 19 lineages × 4 versions")
    assert result.stderr == (
        "note: 1 version of constructed-demo has no 'fr' text and is left out: "
        "E/RES/2095/1 (en); see it with --lang en\n"
    )
    english = CliRunner().invoke(
        cli, ["--store", str(store.root), "timeline", "--lang", "en", "--json"]
    )
    data = json.loads(english.stdout)
    assert [v["symbol"] for v in data["versions"]] == ["E/RES/2095/1"]
    assert data["left_out"][0] == {"symbol": "E/RES/2091/1", "languages": ["fr"]}
    assert english.stderr.startswith(
        "note: 4 versions of constructed-demo have no 'en' text and are left out: "
        "E/RES/2091/1 (fr), E/RES/2092/1 (fr)"
    )
    log = CliRunner().invoke(cli, ["--store", str(store.root), "log", "2094", "op5"])
    assert log.exit_code == 0 and log.stderr.endswith("see it with --lang en\n")
    assert json.loads(run("timeline", "--json", store=DEMO)[1])["left_out"] == []


# ----------------------------------------------------------------- terminal


def test_colour_keeps_the_markers() -> None:
    code, output = run("2093", "2094", "--color", "always", store=DEMO, color=True)
    assert code == 0
    assert "\x1b[31m\x1b[9m[-renforcer la coopération-]\x1b[0m" in output
    assert "\x1b[32m\x1b[4m{+intensifier l’entraide+}\x1b[0m" in output
    plain = run("2093", "2094", "--color", "always", "--no-color", store=DEMO, color=True)[1]
    assert "[-renforcer la coopération-]{+intensifier l’entraide+}" in plain
    assert "\x1b[" not in plain


def test_a_closed_pipe_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "resdiff", "diff", str(DRAFT), "2021", "--format", "html"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before resdiff writes (``| head``)
    with process.stderr:
        stderr = process.stderr.read()
    assert process.wait(timeout=120) == 1  # click's answer to EPIPE: quiet, status 1
    assert stderr == b""


# ----------------------------------------------------------------- flags in every format


def _report(fmt: str, *flags: str) -> str:
    code, output = run("diff", str(DRAFT), "2021", "--format", fmt, *flags)
    assert code == 0
    return output


def test_all_and_explain_take_effect_in_every_format() -> None:
    html, html_all, html_explain = (_report("html", *f) for f in ([], ["--all"], ["--explain"]))
    assert 'id="f-changes" checked' in html and 'id="f-all" checked' not in html
    assert 'id="f-all" checked' in html_all and 'id="f-changes" checked' not in html_all
    assert '<details class="noise" open>' in html_explain and 'noise" open' not in html
    md, md_all, md_explain = (_report("markdown", *f) for f in ([], ["--all"], ["--explain"]))
    assert "<details><summary>Unchanged (43)</summary>" in md_all and "Unchanged (" not in md
    assert "<details open><summary>OCR or typographic noise ignored" in md_explain
    assert "<details><summary>OCR or typographic noise ignored" in md
    data = json.loads(_report("json"))
    both = json.loads(_report("json", "--all", "--explain"))
    assert data["options"] == {"all": False, "explain": False}
    assert both["options"] == {"all": True, "explain": True}
    assert both["changes"] == data["changes"]  # JSON always holds every unit and all noise


def test_a_comparison_in_a_notebook() -> None:
    comparison = api.diff(Store(DEMO), "2092", "2094")
    data = comparison.to_dict()
    assert data["schema"] == "resdiff.diff/1" and data["summary"]["split"] == 1
    assert json.loads(json.dumps(data)) == data
    assert comparison._repr_html_().startswith("<!DOCTYPE html>")


# ----------------------------------------------------------------- progress


@pytest.fixture
def progress_stream() -> Iterator[io.StringIO]:
    """Progress drawn into a string, as the CLI draws it on a terminal's standard error."""
    import logging

    from resdiff import _progress

    stream = io.StringIO()
    _progress.install(stream)
    yield stream
    logger = logging.getLogger(_progress.LOGGER)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.propagate = True


def test_rebuild_reports_progress_on_a_terminal(progress_stream: io.StringIO) -> None:
    api.rebuild(Store(DEMO), dry_run=True)
    assert (
        progress_stream.getvalue()
        == "".join(f"\rrebuild: {k}/4 versions" for k in range(1, 5)) + "\n"
    )


def test_no_progress_when_standard_error_is_no_terminal() -> None:
    result = CliRunner().invoke(cli, ["--store", str(DEMO), "rebuild", "--dry-run"])
    assert result.exit_code == 0 and result.stderr == ""


def test_ocr_reports_each_page(
    progress_stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resdiff.ingest import ocr
    from resdiff.ingest.layout import Page

    monkeypatch.setattr(ocr, "tesseract_path", lambda: "tesseract")
    monkeypatch.setattr(ocr, "ocr_language", lambda executable, lang: "fra")
    monkeypatch.setattr(ocr, "_ocr_page", lambda *args: Page(595.0, 842.0, ()))  # no tesseract run
    pages = ocr.ocr_pages([b"png"] * 3, "scan.pdf", "fr")
    assert len(pages) == 3
    assert progress_stream.getvalue() == (
        "\rOCR of scan.pdf: 1/3 pages\rOCR of scan.pdf: 2/3 pages\rOCR of scan.pdf: 3/3 pages\n"
    )


def test_pager_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    from resdiff.cli import _group

    paged: list[str] = []
    monkeypatch.setattr(click, "echo_via_pager", lambda text: paged.append(text))
    code, output = run("2092", "2094", "--pager", store=DEMO)
    assert code == 0 and output.startswith("E/RES/2092/1") and paged == []  # not a terminal
    monkeypatch.setattr(_group, "stdout_is_terminal", lambda: True)
    code, output = run("2092", "2094", "--pager", "--color", "never", store=DEMO)
    assert code == 0 and output == ""
    assert len(paged) == 1 and paged[0].startswith("E/RES/2092/1 (2092, fr) → E/RES/2094/1")
    assert run("show", "2094", "--pager", store=DEMO)[0] == 0 and len(paged) == 2


def test_a_report_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    code, output = run("2092", "2094", "-o", str(missing / "r.html"), store=DEMO)
    assert (code, output) == (
        2, f"Error: {missing}: no such folder; check the path, its permissions and space\n"
    )  # fmt: skip


def test_a_version_then_a_typo_says_which_word() -> None:
    code, output = run("2092", "lsit", store=DEMO)
    assert (code, output) == (
        2,
        "Error: 'lsit' is not a version, a revision or a file; `resdiff OLD NEW` compares two "
        "of them (see `resdiff --help`)\n",
    )


def test_review_writes_its_report_with_o(tmp_path: Path) -> None:
    import shutil

    from .conftest import git, init_repo

    project = init_repo(tmp_path / "project")
    shutil.copytree(BUNDLED_STORE, project / "resolutions",
                    ignore=shutil.ignore_patterns(".resdiff-cache", ".resdiff.lock"))  # fmt: skip
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "store")
    store = project / "resolutions"
    written = tmp_path / "review.md"
    code, output = run("review", "--base", "HEAD~1", "-o", str(written), store=store)
    assert code == 0, output
    assert output == f"wrote {written}\n"
    markdown = written.read_text(encoding="utf-8")
    assert "E/RES/2021/25" in markdown
    as_json = tmp_path / "review.json"
    code, output = run("review", "--base", "HEAD~1", "-o", str(as_json), store=store)
    assert code == 0 and json.loads(as_json.read_text(encoding="utf-8"))["schema"] == (
        "resdiff.review/1"
    )
    code, stdout = run("review", "--base", "HEAD~1", "-o", "-", store=store)
    assert code == 0 and stdout == markdown


@pytest.mark.parametrize("command", ["show", "log", "export"])
def test_a_file_given_where_a_version_is_asked_is_named_as_a_file(
    command: str, stocked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``resdiff show draft.txt`` used to answer "is not a UN resolution symbol" (or "no
    stored version matches"): the file is a file, and the error says which commands take it."""
    monkeypatch.chdir(stocked)
    Path("draft.txt").write_text("Le Conseil économique et social,\n", encoding="utf-8")
    before = sorted(p.name for p in (stocked / "resolutions").rglob("*"))
    for given in ("draft.txt", str(stocked / "draft.txt")):
        args = [command, given, *(["op1"] if command == "log" else [])]
        result = CliRunner().invoke(cli, ["--store", "resolutions", *args])
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Error: {given!r} is a file, not a stored version; ")
        assert f"`resdiff add {given}`" in result.output
    assert sorted(p.name for p in (stocked / "resolutions").rglob("*")) == before


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_report_file_gets_the_mode_a_new_file_gets(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    old = os.umask(0o022)
    try:
        write_report(out, "<p>x</p>")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
    out.chmod(0o640)
    write_report(out, "<p>y</p>")
    assert out.stat().st_mode & 0o777 == 0o640 and out.read_text() == "<p>y</p>"
