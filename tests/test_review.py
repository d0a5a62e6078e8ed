"""resdiff review on a temporary git store: a base commit, then a branch changing the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.errors import StoreError
from resdiff.storage import Store

from .conftest import git
from .constructed import build
from .history_helpers import add_year, constructed_store, init_repo

CORRECTED_2092 = build.text(2092).replace(
    "protection des victimes", "protection des victimes de la traite"
)


@pytest.fixture
def pull_request(tmp_path: Path) -> Store:
    """Base: main with 2091 and 2092. Branch ``pr``: adds 2093, corrects 2092."""
    store = constructed_store(tmp_path / "project", (2091, 2092))
    repo = store.root.parent
    git(repo, "checkout", "-q", "-b", "pr")
    add_year(store, 2093)
    add_year(store, 2092, replace=True, text=CORRECTED_2092)
    return store


def test_review_lists_exactly_the_added_and_corrected_versions(pull_request: Store) -> None:
    review = api.review(pull_request, "main", "pr")
    assert [(a.symbol, a.lang, a.previous) for a in review.added] == [
        ("E/RES/2093/1", "fr", "E/RES/2092/1")
    ]
    assert [(c.symbol, c.lang) for c in review.corrected] == [("E/RES/2092/1", "fr")]
    assert review.removed == () and review.problems == ()
    corrected = review.corrected[0].comparison
    assert corrected is not None
    assert [(c.status.value, [u.id for u in c.new]) for c in corrected.changes
            if c.status.value != "unchanged"] == [("modified", ["op2"])]  # fmt: skip
    added = review.added[0].comparison
    assert added is not None and added.summary()["split"] == 1


def test_review_of_a_new_series_and_of_no_change(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "project")
    git(repo, "commit", "-q", "--allow-empty", "-m", "before the store")
    store = Store(repo / "resolutions")
    add_year(store, 2091)
    first = api.review(store, "HEAD~1")
    assert [(a.symbol, a.previous, a.comparison) for a in first.added] == [
        ("E/RES/2091/1", None, None)
    ]
    none = api.review(store, "HEAD")
    assert (none.added, none.corrected, none.removed, none.problems) == ((), (), (), ())


def test_review_reports_sources_missing_or_not_matching(pull_request: Store) -> None:
    repo = pull_request.root.parent
    folder = pull_request.root / build.SERIES
    (folder / "E-RES-2093-1" / "fr" / "source.txt").unlink()
    with open(folder / "E-RES-2091-1" / "fr" / "source.txt", "a", encoding="utf-8") as handle:
        handle.write("tampered\n")
    stray = folder / "E-RES-2092-1" / "en" / "units"
    stray.mkdir(parents=True)
    (stray / "op1.txt").write_text("Requests…\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "break things")
    review = api.review(pull_request, "main", "pr")
    assert list(review.problems) == [
        "constructed-demo/E-RES-2092-1/en has units but no entry in meta.json",
        "E/RES/2091/1 (fr): the sha256 of constructed-demo/E-RES-2091-1/fr/source.txt does not "
        "match meta.json",
        "E/RES/2093/1 (fr) has units but no source: constructed-demo/E-RES-2093-1/fr/source.txt "
        "is missing",
    ]


def test_review_cli_markdown_summary_html_and_json(
    pull_request: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    html_dir = tmp_path / "html"
    runner = CliRunner()
    base = ["--store", str(pull_request.root), "review", "--base", "main", "--head", "pr"]
    result = runner.invoke(cli, [*base, "--html-dir", str(html_dir), "--strict"])
    assert result.exit_code == 0, result.output
    assert "| added | E/RES/2093/1 (fr) |" in result.output
    assert "| corrected | E/RES/2092/1 (fr) |" in result.output
    assert "{+de la traite+}" in result.output
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + result.output
    assert sorted(p.name for p in html_dir.iterdir()) == [
        "added-E-RES-2093-1-fr.html",
        "corrected-E-RES-2092-1-fr.html",
    ]
    assert (html_dir / "added-E-RES-2093-1-fr.html").read_text().startswith("<!DOCTYPE html>")
    data = json.loads(runner.invoke(cli, [*base, "--json"]).output)
    assert data["schema"] == "resdiff.review/1"
    assert [a["symbol"] for a in data["added"]] == ["E/RES/2093/1"]
    assert data["corrected"][0]["diff"]["schema"] == "resdiff.diff/1"


def test_review_strict_fails_on_problems_and_bad_revision_is_an_error(pull_request: Store) -> None:
    (pull_request.root / build.SERIES / "E-RES-2093-1" / "fr" / "source.txt").unlink()
    git(pull_request.root.parent, "commit", "-q", "-am", "drop a source")
    runner = CliRunner()
    base = ["--store", str(pull_request.root), "review", "--base", "main"]
    assert runner.invoke(cli, [*base, "--strict"]).exit_code == 1
    assert runner.invoke(cli, base).exit_code == 0
    bad = runner.invoke(cli, ["--store", str(pull_request.root), "review", "--base", "nope"])
    assert bad.exit_code == 2
    assert bad.output.startswith("Error: 'nope' is not a revision of ")
    with pytest.raises(StoreError):
        api.review(Store(pull_request.root.parent.parent / "elsewhere"), "HEAD")


def _version(store: Store, year: int) -> Path:
    return store.root / build.SERIES / f"E-RES-{year}-1"


def _edit_unit(store: Store) -> None:
    unit = _version(store, 2092) / "fr" / "units" / "op2.txt"
    unit.write_text("Demande aux États Membres de faire autre chose ;\n", encoding="utf-8")


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


# Each way of changing the store by hand on a branch, as the reliability tests build them.
TAMPERING = {
    "unit-edited-by-hand": _edit_unit,
    "unit-missing": lambda s: (_version(s, 2092) / "fr" / "units" / "op3.txt").unlink(),
    "extra-unit-file": lambda s: (_version(s, 2092) / "fr" / "units" / "op99.txt").write_text(
        "stray\n", encoding="utf-8"
    ),
    "extra-file": lambda s: (_version(s, 2092) / "notes.txt").write_text("x\n", encoding="utf-8"),
    "source-edited": lambda s: _append(_version(s, 2091) / "fr" / "source.txt", "tampered\n"),
    "source-missing": lambda s: (_version(s, 2091) / "fr" / "source.txt").unlink(),
    "meta-corrupt": lambda s: (_version(s, 2092) / "meta.json").write_text("{", encoding="utf-8"),
    "version-moved": lambda s: _version(s, 2092).rename(_version(s, 2099)),
    "language-without-metadata": lambda s: (
        (_version(s, 2092) / "en" / "units").mkdir(parents=True),
        (_version(s, 2092) / "en" / "units" / "op1.txt").write_text("x\n", encoding="utf-8"),
    ),
}


@pytest.fixture
def branch(tmp_path: Path) -> Store:
    """Base: main with 2091 and 2092; the branch ``pr`` checked out, not yet changed."""
    store = constructed_store(tmp_path / "project", (2091, 2092))
    git(store.root.parent, "checkout", "-q", "-b", "pr")
    return store


def _commit_all(store: Store, message: str) -> None:
    git(store.root.parent, "add", "-A")
    git(store.root.parent, "commit", "-q", "-m", message)


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_review_and_verify_agree_on_tampering(branch: Store, case: str) -> None:
    TAMPERING[case](branch)
    _commit_all(branch, case)
    problems = api.review(branch, "main", "pr").problems
    assert problems, case
    assert not api.verify(branch).ok, case
    runner = CliRunner()
    strict = runner.invoke(
        cli, ["--store", str(branch.root), "review", "--base", "main", "--strict"]
    )
    assert strict.exit_code == 1, strict.output


def test_review_strict_fails_on_a_hand_edited_unit(branch: Store) -> None:
    _edit_unit(branch)
    _commit_all(branch, "edit op2 in an editor")
    review = api.review(branch, "main", "pr")
    message = (
        "E/RES/2092/1 (fr): op2: edited by hand and not recorded as a correction; record it "
        "with `resdiff correct` or undo it with `resdiff rebuild --force`"
    )
    assert list(review.problems) == [message]
    assert [c.symbol for c in review.corrected] == ["E/RES/2092/1"]  # and it is shown
    verified = api.verify(branch)
    assert verified.problems == [message]  # the same words as verify


def test_review_and_verify_accept_a_recorded_correction(branch: Store) -> None:
    text = "Demande aux États Membres de renforcer encore la coopération transfrontière ;"
    api.correct(branch, "2092", "op2", text=text, series=build.SERIES)
    add_year(branch, 2093)
    review = api.review(branch, "main", "pr")
    assert review.problems == ()
    assert [c.symbol for c in review.corrected] == ["E/RES/2092/1"]
    assert api.verify(branch).ok
