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
import statistics
import subprocess
import threading
from collections.abc import Iterable, Sized
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

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
    """Read page images with tesseract, each page as soon as it is drawn, one per core.

    Args:
        images: one image per page (PGM or PNG bytes), in order; when it has a length
            (:class:`~resdiff.ingest.pdf.PageImages`), pages are read while the next are drawn.
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
    if not isinstance(images, Sized):
        images = list(images)
    total = len(images)
    workers = os.cpu_count() or 1
    # Pages are read while the next ones are drawn; at most this many wait in memory.
    waiting = threading.BoundedSemaphore(2 * workers)
    lock = threading.Lock()
    done = 0

    def read(image: bytes) -> Page:
        nonlocal done
        try:
            page = _ocr_page(executable, language, name, image)
        finally:
            waiting.release()
        with lock:
            done += 1
            report(f"OCR of {name}", done, total, "pages")
        return page

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = []
        for image in images:
            waiting.acquire()
            futures.append(pool.submit(read, image))
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

    Each word gets its line's box and height as size, so that :mod:`.layout` keeps tesseract's
    lines, except a number printed small and raised (a superscript footnote call), which keeps
    its own box (see :func:`_raised`).
    """
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    width = height = 0.0
    lines: dict[tuple[str, str, str], tuple[float, float]] = {}
    boxes: dict[tuple[str, str, str], list[_Box]] = {}
    for row in rows:
        key = (row["block_num"], row["par_num"], row["line_num"])
        if row["level"] == "1":
            width, height = float(row["width"]), float(row["height"])
        elif row["level"] == "4":
            top = float(row["top"])
            lines[key] = (top, top + float(row["height"]))
        elif row["level"] == "5" and (row.get("text") or "").strip():
            left, top = float(row["left"]), float(row["top"])
            boxes.setdefault(key, []).append(
                _Box(row["text"].strip(), left, left + float(row["width"]), top,
                     top + float(row["height"]))
            )  # fmt: skip
    words: list[Word] = []
    for key, line_words in boxes.items():
        line_top, line_bottom = lines.get(
            key, (min(b.top for b in line_words), max(b.bottom for b in line_words))
        )
        for box in line_words:
            if _raised(box, line_words):
                words.append(Word(box.text, box.x0, box.x1, box.top, box.bottom, box.height))
            else:
                words.append(
                    Word(box.text, box.x0, box.x1, line_top, line_bottom, line_bottom - line_top)
                )
    return Page(width=width, height=height, words=tuple(words))


@dataclass(frozen=True, slots=True)
class _Box:
    """A word as tesseract boxed it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def baseline(self) -> float:
        """Where the word sits: its bottom, less the descent of letters that go below."""
        return self.bottom - DESCENT * self.height if _DESCENDERS & set(self.text) else self.bottom


# Glyphs that reach below the baseline, and how much of a word's height they add there.
_DESCENDERS = frozenset("gjpqyçQ,;()[]{}|µ")
DESCENT = 0.22
# A number is raised when it is smaller than this share of its neighbours' height and sits
# above their baseline by more than RISE of that height.
RAISED_SIZE = 0.75
RISE = 0.2
NEIGHBOURS = 2


def _raised(box: _Box, line: list[_Box]) -> bool:
    """True for a number printed small and raised above the words beside it.

    Measured against the nearest words on either side, not against tesseract's line box: on a
    slightly rotated scan the line box is a slanted band much taller than any word, and lining
    digits at one end of it ("le 15 décembre") would look raised. Words with descenders count
    by their baseline; the tallest neighbour gives the cap height. A number with no word
    beside it is never raised.
    """
    if not box.text.isdecimal():
        return False
    index = line.index(box)
    near = [*line[max(0, index - NEIGHBOURS) : index], *line[index + 1 : index + 1 + NEIGHBOURS]]
    near = [b for b in near if any(c.isalnum() for c in b.text) and not b.text.isdecimal()]
    if not near:
        return False
    # The tallest neighbour above its baseline gives the cap height ("en" alone only gives
    # the x-height, against which a real superscript does not look small).
    reference = max(b.baseline - b.top for b in near)
    baseline = statistics.median(b.baseline for b in near)
    return box.height < RAISED_SIZE * reference and box.bottom < baseline - RISE * reference
