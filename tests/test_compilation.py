"""Files that hold several resolutions one after another (a session's compilation).

Only the first was read, and every paragraph of the others was set aside with a warning of
its own (hundreds of lines). Now one warning names them, and ``add --pick HEADING`` stores
another; ``rebuild`` reads the same one again. The files are made here from the seed and from
the layout matrix's pdftotext reading of E/RES/2021/25, followed by copies **constructed** with
the invented headings 2019/98 and 2019/99 (see ``tests.conftest.constructed``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resdiff import api

from .conftest import ROOT, constructed, git, run_in_store

PDFTOTEXT = ROOT / "tests" / "layouts" / "E-RES-2021-25.fr" / "pdftotext.txt"
EDIT = ("Prie instamment", "Exhorte")


def compilation(first: str, tmp_path: Path) -> Path:
    """``first``, then a constructed 2019/98, then a constructed 2019/99 with one verb edited."""
    second = constructed(first, "2019/98", "23 juillet 2019")
    third = re.sub(
        r"Prie\s*instamment", EDIT[1], constructed(first, "2019/99", "24 juillet 2019"), count=1
    )
    assert EDIT[1] in third
    path = tmp_path / "constructed-compilation.txt"
    # pdftotext ends every page with a form feed, the next page's first line right after it
    joiner = "" if first.endswith("\f") else "\n\n"
    path.write_text(joiner.join((first, second, third)), encoding="utf-8")
    return path


@pytest.mark.parametrize("layout", ["seed", "pdftotext"])
def test_the_first_resolution_is_read_and_one_warning_names_the_others(
    layout: str, seed_text: str, tmp_path: Path
) -> None:
    first = seed_text if layout == "seed" else PDFTOTEXT.read_text(encoding="utf-8")
    path = compilation(first, tmp_path)
    alone = tmp_path / "alone.txt"
    alone.write_text(first, encoding="utf-8")
    read, expected = api.ingest_file(path), api.ingest_file(alone)
    assert [(u.id, u.text) for u in read.units] == [(u.id, u.text) for u in expected.units]
    assert read.warnings[0] == (
        "constructed-compilation.txt holds 3 resolutions (2021/25, 2019/98, 2019/99): only "
        "the first, 2021/25, is read; add another with `resdiff add FILE --pick 2019/98`"
    )
    assert not any("set aside" in w for w in read.warnings)


@pytest.mark.parametrize("layout", ["seed", "pdftotext"])
def test_pick_reads_the_resolution_it_names(layout: str, seed_text: str, tmp_path: Path) -> None:
    first = seed_text if layout == "seed" else PDFTOTEXT.read_text(encoding="utf-8")
    path = compilation(first, tmp_path)
    picked = api.ingest_file(path, pick="2019/99.")
    assert (picked.symbol, picked.date) == ("E/RES/2019/99", "2019-07-24")
    original = api.ingest_file(path, pick="2021/25")
    changed = [
        (a.id, a.text, b.text)
        for a, b in zip(original.units, picked.units, strict=True)
        if a.text != b.text
    ]
    assert [c[0] for c in changed] == ["op1", "closing"]
    assert changed[0][2].startswith(EDIT[1])


def test_add_pick_stores_one_resolution_and_rebuild_reads_it_again(
    seed_text: str, tmp_path: Path, empty_store: Path
) -> None:
    path = compilation(seed_text, tmp_path)
    code, output = run_in_store(empty_store, "add", str(path), "--pick", "2019/99")
    assert code == 0, output
    assert output.startswith("added E/RES/2019/99 (fr) 2019-07-24: 53 units")
    meta = json.loads(next(empty_store.glob("*/E-RES-2019-99/meta.json")).read_text())
    assert meta["languages"]["fr"]["ingest"]["pick"] == "2019/99"
    stored = next(empty_store.glob("*/E-RES-2019-99/fr/source.txt"))
    assert stored.read_bytes() == path.read_bytes()  # the whole file, byte for byte
    head = git(empty_store.parent, "rev-parse", "HEAD")
    code, output = run_in_store(empty_store, "rebuild")
    assert code == 0, output
    assert git(empty_store.parent, "rev-parse", "HEAD") == head
    code, output = run_in_store(empty_store, "verify")
    assert code == 0, output


def test_a_heading_the_file_does_not_hold_is_refused_and_nothing_is_stored(
    seed_text: str, tmp_path: Path, empty_store: Path
) -> None:
    path = compilation(seed_text, tmp_path)
    code, output = run_in_store(empty_store, "add", str(path), "--pick", "2019/97")
    assert code == 2
    assert output == (
        "Error: constructed-compilation.txt holds no resolution headed 2019/97; it holds "
        "2021/25, 2019/98, 2019/99\n"
    )
    assert not any(empty_store.rglob("meta.json")) if empty_store.exists() else True
    code, output = run_in_store(empty_store, "add", str(path), str(path), "--pick", "2019/99")
    assert code == 2 and "apply to one FILE (and --pick)" in output


def test_a_single_resolution_is_not_cut(seed_text: str, seed_path: Path) -> None:
    assert not any("holds" in w and "resolutions" in w for w in api.ingest_file(seed_path).warnings)
    assert api.ingest_file(seed_path, pick="2021/25").units == api.ingest_file(seed_path).units
