"""OCR of page images with the tesseract command (the only module that runs it).

Tesseract's TSV output gives every word with its box and line; words become
:class:`~resdiff.ingest.layout.Word` boxes so that scanned pages go through the same layout
rules as PDF text layers. Pages are read in parallel, one tesseract process per core.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed

from resdiff._progress import report
from resdiff.errors import InputError, OcrUnavailable
from resdiff.ingest.layout import Page, Word

logger = logging.getLogger(__name__)

# resdiff language codes → tesseract's traineddata names.
TESSERACT_LANGS = {
    "fr": "fra", "en": "eng", "es": "spa", "ar": "ara", "zh": "chi_sim", "ru": "rus",
}  # fmt: skip
# Debian packages that provide them, for the messages that say how to enable OCR.
DEBIAN_PACKAGES = {code: f"tesseract-ocr-{name.replace('_', '-')}" for code, name in
                   TESSERACT_LANGS.items()}  # fmt: skip
# Seconds one page may take before tesseract is given up on.
PAGE_TIMEOUT = 180
# What to do when OCR is needed but cannot run.
HINT = "install tesseract (apt-get install tesseract-ocr tesseract-ocr-fra) to OCR scanned PDFs"


def tesseract_path() -> str | None:
    """Where the tesseract command is, or None when it is not installed."""
    return shutil.which(os.environ.get("RESDIFF_TESSERACT", "tesseract"))


@functools.cache
def installed_languages(executable: str) -> frozenset[str]:
    """The traineddata names tesseract has (``fra``, ``eng``…)."""
    result = subprocess.run(
        [executable, "--list-langs"], capture_output=True, text=True, check=False, timeout=30
    )
    lines = result.stdout.splitlines()[1:] if result.returncode == 0 else []
    return frozenset(line.strip() for line in lines if line.strip())


def ocr_language(executable: str, lang: str | None) -> str:
    """The ``-l`` argument for a resdiff language (all installed ones when None).

    Raises:
        OcrUnavailable: tesseract has no data for the language.
    """
    installed = installed_languages(executable)
    if lang is not None:
        wanted = TESSERACT_LANGS.get(lang, lang)
        if wanted not in installed:
            raise OcrUnavailable(
                f"tesseract has no {wanted!r} language data; "
                f"install it (apt-get install {DEBIAN_PACKAGES.get(lang, 'tesseract-ocr-all')})"
            )
        return wanted
    known = [name for name in TESSERACT_LANGS.values() if name in installed]
    if not known:
        raise OcrUnavailable(f"tesseract has no language data resdiff can use; {HINT}")
    return "+".join(known)


def ocr_pages(images: Iterable[bytes], name: str, lang: str | None = None) -> list[Page]:
    """Read page images (PNG bytes) with tesseract.

    Args:
        images: one PNG per page, in order.
        name: the source name, for messages.
        lang: the resdiff language code, or None to try every installed language.

    Raises:
        OcrUnavailable: tesseract is not installed or lacks the language.
        InputError: tesseract failed on a page.
    """
    executable = tesseract_path()
    if executable is None:
        raise OcrUnavailable(f"{name} has no text layer (scanned pages); {HINT}")
    language = ocr_language(executable, lang)
    read = functools.partial(_ocr_page, executable, language, name)
    pages = list(images)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = [pool.submit(read, image) for image in pages]
        for done, _ in enumerate(as_completed(futures), start=1):
            report(f"OCR of {name}", done, len(pages), "pages")
        return [future.result() for future in futures]


def _ocr_page(executable: str, language: str, name: str, image: bytes) -> Page:
    # One thread per tesseract process: the pool already uses every core.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            [executable, "-", "-", "-l", language, "--psm", "3", "tsv"],
            input=image, capture_output=True, check=False, timeout=PAGE_TIMEOUT, env=env,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise InputError(f"OCR of {name} took more than {PAGE_TIMEOUT} s per page") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"tesseract failed on {name}: {message[-1] if message else 'no output'}")
    return parse_tsv(result.stdout.decode("utf-8"))


def parse_tsv(tsv: str) -> Page:
    """Turn tesseract's TSV output for one page into a :class:`Page`.

    Each word gets its line's height as size, except a small word raised above the line
    (a superscript footnote mark), which keeps its own height.
    """
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    width = height = 0.0
    lines: dict[tuple[str, str, str], tuple[float, float]] = {}
    for row in rows:
        if row["level"] == "1":
            width, height = float(row["width"]), float(row["height"])
        elif row["level"] == "4":
            top = float(row["top"])
            lines[(row["block_num"], row["par_num"], row["line_num"])] = (
                top,
                top + float(row["height"]),
            )
    words: list[Word] = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if row["level"] != "5" or not text:
            continue
        top, size = float(row["top"]), float(row["height"])
        line_top, line_bottom = lines.get(
            (row["block_num"], row["par_num"], row["line_num"]), (top, top + size)
        )
        line_height = line_bottom - line_top
        raised = size < 0.65 * line_height and top + size < line_bottom - 0.25 * line_height
        words.append(
            Word(
                text=text,
                x0=float(row["left"]),
                x1=float(row["left"]) + float(row["width"]),
                top=top if raised else line_top,
                bottom=top + size if raised else line_bottom,
                size=size if raised else line_height,
            )
        )
    return Page(width=width, height=height, words=tuple(words))
