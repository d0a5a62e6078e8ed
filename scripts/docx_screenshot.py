#!/usr/bin/env python3
"""Render one page of a Word report through LibreOffice, to look at the tracked changes.

Usage: python scripts/docx_screenshot.py [--case constructed-en-earlier-draft] [--page 2]
       [-o docs/docx-report-page.png]

Builds ``resdiff diff old.txt new.txt --format docx`` for a constructed case of
``tests/cases/``, converts it to PDF with LibreOffice headless (``soffice``) and renders the
page with ``pdftoppm``. Needs LibreOffice and poppler-utils.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from resdiff.api import ingest_file
from resdiff.compare import compare
from resdiff.render.docx import render_docx

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="constructed-en-earlier-draft")
    parser.add_argument("--page", type=int, default=2)
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "docx-report-page.png")
    args = parser.parse_args()
    case = ROOT / "tests" / "cases" / args.case
    comparison = compare(ingest_file(case / "old.txt"), ingest_file(case / "new.txt"))
    soffice = shutil.which("soffice") or "soffice"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "report.docx").write_bytes(render_docx(comparison))
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(work), str(work / "report.docx")],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(args.page), "-l", str(args.page),
             "-singlefile", str(work / "report.pdf"), str(work / "page")],
            check=True,
        )  # fmt: skip
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / "page.png", args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
