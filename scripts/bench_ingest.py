"""Benchmark ingestion per document and layout (developer script, not part of the package).

Prints one table: for each layout of the layout matrix (``tests/layouts/``), the best time of
``resdiff.api.ingest_file`` on the French and English originals, beside the baseline measured
in the same run — the same document as plain text (``notes-after-closing.txt``, blank lines
between paragraphs) — with the ratio; for the PDF, also the share spent in the PDF library
(pdfplumber's word extraction) against resdiff's own layout rules; for the committed OCR TSVs,
the layout rules alone. Run it on two checkouts (``PYTHONPATH=/path/to/other/src``) to compare
code before and after a change on the same machine.

    python scripts/bench_ingest.py [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "tests" / "layouts"
TEXTS = ("E-RES-2021-25.fr", "constructed-en")
BASELINE = "notes-after-closing.txt"


def best_of(func: Callable[[], object], repeat: int) -> float:
    """Best CPU time of ``repeat`` runs, in seconds (CPU, not wall: the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def ingest(path: Path) -> None:
    from resdiff.api import ingest_file
    from resdiff.errors import ResdiffError

    # A refused layout still costs its reading; scripts/layout_matrix.py counts refusals.
    with contextlib.suppress(ResdiffError):
        ingest_file(path, strict=False)


def measure(text: str, repeat: int) -> None:
    """Print the rows of one text."""
    from resdiff.ingest import pdf
    from resdiff.ingest.layout import pages_to_text
    from resdiff.ingest.ocr import parse_tsv

    folder = LAYOUTS / text
    baseline = best_of(lambda: ingest(folder / BASELINE), repeat)
    for path in [*sorted(folder.glob("*.txt")), folder / "ods.pdf"]:
        took = best_of(functools.partial(ingest, path), repeat)
        print(f"{text:<18} {path.name:<26} {took * 1000:>8.1f} {baseline * 1000:>12.1f} "
              f"{took / baseline:>6.2f}")  # fmt: skip
    data = (folder / "ods.pdf").read_bytes()
    pages = pdf.text_pages(data, "ods.pdf")
    extract = best_of(lambda: pdf.text_pages(data, "ods.pdf"), repeat)
    layout = best_of(lambda: pages_to_text(pages), repeat)
    print(f"{text:<18} {'  pdfplumber words':<26} {extract * 1000:>8.1f}")
    print(f"{text:<18} {'  layout rules (PDF)':<26} {layout * 1000:>8.1f} "
          f"{extract * 1000:>12.1f} {layout / extract:>6.2f}")  # fmt: skip
    tsvs = [p.read_text(encoding="utf-8") for p in sorted((folder / "scan-ocr").glob("*.tsv"))]
    ocr_pages = [parse_tsv(tsv) for tsv in tsvs]
    parse = best_of(lambda: [parse_tsv(tsv) for tsv in tsvs], repeat)
    ocr_layout = best_of(lambda: pages_to_text(ocr_pages, trust_marks=False), repeat)
    print(f"{text:<18} {'  parse_tsv (OCR)':<26} {parse * 1000:>8.1f}")
    print(f"{text:<18} {'  layout rules (OCR)':<26} {ocr_layout * 1000:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (best kept)")
    args = parser.parse_args()
    import resdiff

    print(f"resdiff from {resdiff.__file__}")
    print(f"{'text':<18} {'layout':<26} {'ms':>8} {'baseline ms':>12} {'ratio':>6}")
    for text in TEXTS:
        measure(text, args.repeat)


if __name__ == "__main__":
    main()
