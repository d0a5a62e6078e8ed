"""Hostile-input benchmark: cost must grow linearly, or the input is refused quickly.

    .venv/bin/python scripts/bench_hostile.py

Rows: HTML with N open tags then N unmatched end tags at 1x, 2x, 4x N (time ratio against
the 1x row of the same run: linear is about 1, 2, 4); a 120 KB .docx unpacking to 11 MB of
XML (refused by the unpacked-size limit, time against reading the constructed .docx).
"""

from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from resdiff.errors import InputError  # noqa: E402
from resdiff.ingest import ingest, read_source  # noqa: E402
from resdiff.ingest.html import html_text  # noqa: E402

DOCX = ROOT / "tests" / "fixtures" / "formats" / "E-RES-2021-25.fr.constructed.docx"


def timed(run: object, repeat: int = 3) -> float:
    """The best of ``repeat`` runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    print("| input | size | seconds | ratio |")
    print("|---|---:|---:|---:|")
    base = 0.0
    for factor in (1, 2, 4):
        n = 20_000 * factor
        page = "<html><body>" + "<span>x" * n + "</b>" * n + "</body></html>"
        seconds = timed(lambda page=page: html_text(page))
        base = base or seconds
        print(f"| HTML, unmatched end tags | {n:,} tags | {seconds:.3f} | {seconds / base:.2f} |")
    reference = timed(lambda: ingest(read_source(DOCX)))
    print(f"| constructed .docx, read | {DOCX.stat().st_size:,} B | {reference:.3f} | 1.00 |")
    bomb = io.BytesIO()
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (11 * 2**20), 1)
            out.writestr(item, data)
    path = Path("/tmp") / "constructed-bomb.docx"
    path.write_bytes(bomb.getvalue())

    def refused() -> None:
        try:
            ingest(read_source(path))
        except InputError:
            return
        raise AssertionError("the bomb was not refused")

    seconds = timed(refused)
    print(f"| .docx unpacking to 11 MB, refused | {path.stat().st_size:,} B | {seconds:.3f} "
          f"| {seconds / reference:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
