#!/usr/bin/env python3
"""Cross-check the Word report against a generic .docx comparison (python-redlines, Docxodus).

Usage: pip install 'python-redlines[docxodus]' && python scripts/redlines_crosscheck.py

For every constructed case of ``tests/cases/`` and pairs of OCR readings of one text
(``tests/ocr/``): both texts are written as plain Word files (resdiff's layout, no revision),
python-redlines compares the two files, and resdiff writes its own report. For each
document the table gives the revision elements (``w:ins``, ``w:del``, ``w:moveFrom``,
``w:moveTo``), the move ranges, whether Accept All gives the new text and Reject All the old
one unit by unit (applied with ``tests/docx_helpers.py``), and the time. Not a test: the
package is not a dependency of resdiff.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from python_redlines.engines import DocxodusEngine

from resdiff.api import ingest_file
from resdiff.compare import compare
from resdiff.model import Resolution, UnitKind
from resdiff.render.docx import render_docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.docx_helpers import REVISIONS, count, resolve  # noqa: E402


def _body(resolution: Resolution) -> list[str]:
    return [u.text for u in resolution.units if u.kind is not UnitKind.FOOTNOTE]


def _letters(texts: list[str]) -> str:
    return "".join("".join(texts).split())


def _labelled(resolution: Resolution) -> list[str]:
    return [(u.label or "") + u.text for u in resolution.units if u.kind is not UnitKind.FOOTNOTE]


def _row(name: str, old: Path, new: Path, engine: DocxodusEngine) -> None:
    a, b = ingest_file(old, strict=False), ingest_file(new, strict=False)
    plain_old, plain_new = render_docx(compare(a, a)), render_docx(compare(b, b))
    start = time.perf_counter()
    ours = render_docx(compare(a, b))
    ours_time = time.perf_counter() - start
    start = time.perf_counter()
    theirs, _, _ = engine.run_redline("redlines", plain_old, plain_new, detect_moves=True)
    their_time = time.perf_counter() - start
    cells = []
    for data in (ours, theirs):
        revisions = sum(count(data, tag) for tag in REVISIONS)
        moves = count(data, "moveFromRangeStart")
        accepted, rejected = resolve(data, accept=True)[0], resolve(data, accept=False)[0]
        # Units: paragraph by paragraph, labels apart; letters: the whole text with its labels
        # (old labels on the old side), whatever the paragraph breaks and spaces.
        units = [p.text for p in accepted] == _body(b), [p.text for p in rejected] == _body(a)
        words = (_letters([p.full for p in accepted]) == _letters(_labelled(b)),
                 _letters([p.full for p in rejected]) == _letters(_labelled(a)))  # fmt: skip
        cells.append(f"{revisions:>5} {moves:>3} {_ok(units)} {_ok(words)}")
    print(f"{name:<44} {cells[0]} {ours_time:>6.2f} | {cells[1]} {their_time:>6.2f}")


def _ok(pair: tuple[bool, bool]) -> str:
    return "".join("y" if ok else "n" for ok in pair).rjust(5)


def main() -> None:
    engine = DocxodusEngine()
    head = f"{'revs':>5} {'mv':>3} {'units':>5} {'text':>5} {'s':>6}"
    print(f"{'pair':<44} {head} | {head}")
    print(f"{'':<44} {'resdiff':^29} | {'python-redlines (Docxodus)':^29}")
    for case in sorted((ROOT / "tests" / "cases").glob("constructed-*")):
        _row(case.name, case / "old.txt", case / "new.txt", engine)
    for folder in ("E-RES-2021-25.fr", "constructed-en"):
        base = ROOT / "tests" / "ocr" / folder
        for quality in ("noisy", "lowres"):
            _row(f"same text: {folder} clean/{quality}", base / "clean.txt",
                 base / f"{quality}.txt", engine)  # fmt: skip
    print("\nunits: Accept All gives the new units, Reject All the old (y/n each)")
    print("text: the same, labels included (old numbers on the old side)")


if __name__ == "__main__":
    main()
