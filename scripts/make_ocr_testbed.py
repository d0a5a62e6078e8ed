"""Render clean resolution texts to page images, OCR them with tesseract, commit the readings.

The readings under ``tests/ocr/<text-name>/<quality>.txt`` are real tesseract output, so tests
of the OCR repairer and the segmenter can run without tesseract. For each text the script:

1. lays the units out on A4 pages at 300 dpi in DejaVu Serif (``fonts-dejavu-core``):
   bold title, justified paragraphs with a first-line indent, right-aligned closing lines,
   footnote markers as superscripts at the end of the unit carrying them, and footnotes at
   the bottom of the page where that unit ends (as the printed resolution does);
2. degrades the page images per quality (blur and noise, 150 dpi, a small rotation);
3. runs ``tesseract <img> - -l <lang>`` on each page (``fra`` or ``eng``, the text's language)
   and joins the pages the way the seed does: every page's text starts with a space, so a page
   break is a line starting with a space.

It also writes ``truth.txt`` (the clean text, ``render_document`` of the units: no footnote
markers, footnotes at the end) and ``tests/ocr/manifest.json``. Everything is deterministic:
random degradations use seeds derived from (text, quality, page), and tesseract runs with
one thread. Running it takes a couple of minutes on two cores.

Usage: python scripts/make_ocr_testbed.py [--keep-images DIR] [--jobs N] [--text NAME ...]

``--text`` OCRs only the named texts (the manifest and every ``truth.txt`` are still written
for all of them): a quick way to regenerate the readings of one text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden_format import (  # noqa: E402
    GOLDEN_DIR,
    GoldenUnit,
    read_golden,
    render_document,
)

OUT_DIR = ROOT / "tests" / "ocr"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# A4 at 300 dpi, with UN-like margins (about 2.5 cm sides, 3 cm top and bottom).
DPI = 300
PAGE_W, PAGE_H = 2480, 3508
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 300, 354, 354
BODY_PT, TITLE_PT, NOTE_PT = 11, 12, 9
INDENT = 150  # first-line indent, about 1.27 cm
# Line height / font size. At 1.32 a superscript under a line-initial word made tesseract
# misread that word ("réprimer" as "RCE" or "Père").
LEADING = 1.4
PARAGRAPH_GAP = 0.55  # extra space between paragraphs, in body lines


def px(points: float) -> int:
    """Font size in points -> pixels at 300 dpi."""
    return round(points * DPI / 72)


@dataclass(frozen=True, slots=True)
class Quality:
    """How a page image is degraded before OCR."""

    dpi: int = DPI
    blur: float = 0.0  # Gaussian blur radius in pixels (at 300 dpi)
    grain: int = 0  # amplitude of uniform grey noise, in grey levels
    threshold: int = 0  # binarise at this grey level, as a black-and-white scan does
    dots: int = 0  # small dark dots per page, like dust on the scanner glass
    rotate: tuple[float, float] | None = None  # random angle range in degrees, random sign


QUALITIES = {
    "clean": Quality(),
    # A blurred, grainy office scan: tesseract's reading has seed-like damage (lost accents,
    # junk punctuation, specks) but no word turns into another word.
    "noisy": Quality(blur=0.8, grain=30, threshold=128, dots=30),
    # Far worse than any input we have seen: words turn into other words ("ligne" → "digne",
    # "25" → "35"), which no differ can tell from edits. Used to test that the structure
    # (which unit pairs with which) survives, not for zero word changes.
    "degraded": Quality(blur=1.8, grain=90, threshold=128, dots=300),
    "lowres": Quality(dpi=150),
    "rotated": Quality(rotate=(0.5, 1.0)),
}


@dataclass(frozen=True, slots=True)
class Text:
    """A text of the test bed: where its units come from and which qualities to OCR.

    ``original`` names the text a constructed variant was made from (the old side of its case
    in ``tests/cases/``); ``lang`` is tesseract's language code.
    """

    name: str
    units_path: Path
    qualities: tuple[str, ...]
    constructed: bool
    original: str | None = None
    lang: str = "fra"


GOLDEN_PATH = GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt"
# A CONSTRUCTED English resolution (not a UN document): English has no hand-corrected
# transcription of a real resolution yet.
GOLDEN_EN_PATH = GOLDEN_DIR / "constructed-en.golden.txt"
ENGLISH_QUALITIES = ("clean", "noisy", "lowres", "rotated")
CASES = ROOT / "tests" / "cases"
TEXTS = (
    Text("E-RES-2021-25.fr", GOLDEN_PATH, tuple(QUALITIES), constructed=False),
    Text(
        "constructed-op-verb-changed",
        CASES / "constructed-op-verb-changed/new.units.txt",
        ("clean", "noisy"),
        constructed=True,
        original="E-RES-2021-25.fr",
    ),
    Text(
        "constructed-pp-inserted",
        CASES / "constructed-pp-inserted/new.units.txt",
        ("clean", "noisy"),
        constructed=True,
        original="E-RES-2021-25.fr",
    ),
    Text(
        "constructed-earlier-draft",
        CASES / "constructed-earlier-draft/new.units.txt",
        ("clean", "noisy"),
        constructed=True,
        original="E-RES-2021-25.fr",
    ),
    Text("constructed-en", GOLDEN_EN_PATH, ENGLISH_QUALITIES, constructed=True, lang="eng"),
    *(
        Text(
            f"constructed-en-{edit}",
            CASES / f"constructed-en-{edit}/new.units.txt",
            ("clean", "noisy"),
            constructed=True,
            original="constructed-en",
            lang="eng",
        )
        for edit in ("number-date-changed", "op-word-reworded", "earlier-draft")
    ),
)


# --- layout -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fonts:
    body: ImageFont.FreeTypeFont
    bold: ImageFont.FreeTypeFont
    note: ImageFont.FreeTypeFont
    sup: ImageFont.FreeTypeFont

    @classmethod
    def load(cls) -> Fonts:
        serif, serif_bold = FONT_DIR / "DejaVuSerif.ttf", FONT_DIR / "DejaVuSerif-Bold.ttf"
        return cls(
            body=ImageFont.truetype(str(serif), px(BODY_PT)),
            bold=ImageFont.truetype(str(serif_bold), px(TITLE_PT)),
            note=ImageFont.truetype(str(serif), px(NOTE_PT)),
            sup=ImageFont.truetype(str(serif), px(BODY_PT * 0.62)),
        )


# A word is a list of (text, font, raised) pieces: the superscript marker is a raised piece.
Piece = tuple[str, ImageFont.FreeTypeFont, bool]
Word = list[Piece]


def word_width(word: Word) -> float:
    return sum(font.getlength(text) for text, font, _ in word)


@dataclass(slots=True)
class Line:
    """One printed line: words with their x positions, and what the line needs on its page."""

    words: list[tuple[float, Word]]
    height: int
    gap_before: int = 0
    footnotes: list[str] = field(default_factory=list)  # footnote lines due on this page


def words_of(text: str, font: ImageFont.FreeTypeFont, marker: str | None) -> list[Word]:
    """Split text into words; put the superscript marker before the final punctuation."""
    words: list[Word] = [[(w, font, False)] for w in text.split(" ")]
    if marker:
        last = words[-1][0][0]
        stem = last.rstrip(",;:.")
        tail = last[len(stem) :]
        sup = ImageFont.truetype(font.path, round(font.size * 0.62))
        words[-1] = [(stem, font, False), (marker, sup, True)] + (
            [(tail, font, False)] if tail else []
        )
    return words


def hyphen_split(word: Word, room: float) -> tuple[Word, Word] | None:
    """Break a plain compound word after a hyphen ("sous-" / "régionaux,") if a part fits."""
    if len(word) != 1:
        return None
    text, font, raised = word[0]
    cuts = [i + 1 for i, c in enumerate(text[:-1]) if c == "-" and i > 0]
    for cut in reversed(cuts):
        if font.getlength(text[:cut]) <= room:
            return [(text[:cut], font, raised)], [(text[cut:], font, raised)]
    return None


def wrap(
    words: list[Word], font: ImageFont.FreeTypeFont, width: int, indent: int, align: str
) -> list[Line]:
    """Greedy line breaking, justified (or right-aligned), last line left-aligned."""
    space = font.getlength(" ")
    height = round(font.size * LEADING)
    rows: list[list[Word]] = [[]]
    used = float(indent)
    queue = list(words)
    while queue:
        word = queue.pop(0)
        w = word_width(word)
        needed = w if not rows[-1] else space + w
        limit = width  # the first line's indent is already counted in `used`
        if used + needed <= limit:
            rows[-1].append(word)
            used += needed
            continue
        room = limit - used - (space if rows[-1] else 0)
        parts = hyphen_split(word, room)
        if parts is not None:
            rows[-1].append(parts[0])
            queue.insert(0, parts[1])
        else:
            queue.insert(0, word)
        rows.append([])
        used = 0.0
    lines = []
    for n, row in enumerate(rows):
        start = indent if n == 0 else 0
        natural = sum(word_width(w) for w in row) + space * (len(row) - 1)
        gap = space
        x = float(start)
        if align == "right":
            x = width - natural
        elif align == "justify" and n < len(rows) - 1 and len(row) > 1:
            gap = space + (width - start - natural) / (len(row) - 1)
        placed = []
        for word in row:
            placed.append((x, word))
            x += word_width(word) + gap
        lines.append(Line(placed, height))
    return lines


def layout_units(units: Sequence[GoldenUnit], fonts: Fonts) -> list[Line]:
    """Turn units into printed lines, in order; footnotes ride on the unit's last line."""
    notes = {int(u.label or 0): f"{u.label} {u.text}" for u in units if u.kind == "footnote"}
    width = PAGE_W - 2 * MARGIN_X
    gap = round(fonts.body.size * LEADING * PARAGRAPH_GAP)
    lines: list[Line] = []
    for unit in units:
        if unit.kind == "footnote":
            continue
        text = f"{unit.label} {unit.text}" if unit.label else unit.text
        marker = ",".join(str(r) for r in unit.refs) or None
        if unit.kind == "title":
            block = wrap(words_of(text, fonts.bold, None), fonts.bold, width, 0, "left")
        elif unit.kind == "closing":
            block = []
            for row in text.splitlines():
                block += wrap(words_of(row, fonts.body, None), fonts.body, width, 0, "right")
        else:
            block = wrap(words_of(text, fonts.body, marker), fonts.body, width, INDENT, "justify")
        block[0].gap_before = gap * (3 if unit.kind == "closing" else 1) if lines else 0
        block[-1].footnotes = [notes[r] for r in unit.refs if r in notes]
        lines += block
    return lines


def paginate(lines: list[Line], fonts: Fonts) -> list[list[Line]]:
    """Fill pages top to bottom, keeping room at the bottom for the page's footnotes."""
    note_line = round(fonts.note.size * LEADING)
    body_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    pages: list[list[Line]] = [[]]
    used = 0
    notes = 0
    for line in lines:
        extra_notes = len(line.footnotes)
        note_h = 0 if not notes + extra_notes else (notes + extra_notes) * note_line + note_line
        gap = line.gap_before if pages[-1] else 0
        if pages[-1] and used + gap + line.height + note_h > body_h:
            pages.append([])
            used, notes, gap = 0, 0, 0
        used += gap + line.height
        notes += extra_notes
        pages[-1].append(line)
    return pages


def draw_page(lines: list[Line], fonts: Fonts) -> Image.Image:
    img = Image.new("L", (PAGE_W, PAGE_H), 255)
    draw = ImageDraw.Draw(img)
    y = MARGIN_TOP
    footnotes: list[str] = []
    for n, line in enumerate(lines):
        y += line.gap_before if n else 0
        for x, word in line.words:
            cx = MARGIN_X + x
            for text, font, raised in word:
                dy = -round(fonts.body.size * 0.33) if raised else 0
                draw.text((cx, y + dy), text, font=font, fill=0)
                cx += font.getlength(text)
        y += line.height
        footnotes += line.footnotes
    if footnotes:
        note_line = round(fonts.note.size * LEADING)
        top = PAGE_H - MARGIN_BOTTOM - len(footnotes) * note_line
        draw.line(
            (MARGIN_X, top - note_line // 2, MARGIN_X + 500, top - note_line // 2), fill=0, width=3
        )
        for i, note in enumerate(footnotes):
            number, rest = note.split(" ", 1)
            x = MARGIN_X + INDENT
            draw.text((x, top + i * note_line - 8), number, font=fonts.sup, fill=0)
            draw.text((x + 40, top + i * note_line), rest, font=fonts.note, fill=0)
    return img


# --- degradation and OCR ----------------------------------------------------------------


def degrade(img: Image.Image, quality: Quality, rng: random.Random) -> Image.Image:
    """Apply a quality's blur, noise, rotation and resolution to a 300 dpi page image."""
    if quality.rotate is not None:
        angle = rng.uniform(*quality.rotate) * rng.choice((-1, 1))
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if quality.blur:
        img = img.filter(ImageFilter.GaussianBlur(quality.blur))
    if quality.grain:
        w, h = img.size
        noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
        amplitude = quality.grain
        grain = noise.point(lambda v: v * amplitude // 255)
        img = ImageChops.subtract(img, grain, 1.0, amplitude // 2)
    if quality.threshold:
        threshold = quality.threshold
        img = img.point(lambda v: 0 if v < threshold else 255)
    if quality.dots:
        draw = ImageDraw.Draw(img)
        for _ in range(quality.dots):
            x, y, r = rng.randrange(img.width), rng.randrange(img.height), rng.uniform(1, 3.5)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    if quality.dpi != DPI:
        size = (round(img.width * quality.dpi / DPI), round(img.height * quality.dpi / DPI))
        img = img.resize(size, Image.Resampling.BILINEAR)
    return img


def tesseract_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[0].strip()


def ocr(image_path: Path, dpi: int, lang: str) -> str:
    """Run tesseract on one page image; return its text without the form feed."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    result = subprocess.run(
        ["tesseract", str(image_path), "-", "-l", lang, "--dpi", str(dpi)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return result.stdout.replace("\f", "")


def join_pages(pages: Sequence[str]) -> str:
    """Join page readings as the seed does: each page's first line starts with a space."""
    return "\n".join(" " + page.strip("\n") for page in pages) + "\n"


@dataclass(frozen=True, slots=True)
class Job:
    text: str
    quality: str
    page: int
    path: Path
    dpi: int
    lang: str


def render_jobs(text: Text, pages: list[Image.Image], workdir: Path) -> Iterator[Job]:
    for quality_name in text.qualities:
        quality = QUALITIES[quality_name]
        for number, page in enumerate(pages, start=1):
            rng = random.Random(f"{text.name}/{quality_name}/{number}")
            path = workdir / f"{text.name}.{quality_name}.p{number}.png"
            degrade(page, quality, rng).save(path, dpi=(quality.dpi, quality.dpi))
            yield Job(text.name, quality_name, number, path, quality.dpi, text.lang)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-images", type=Path, help="keep the page images in this folder")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--text", action="append", choices=[t.name for t in TEXTS], help="OCR only this text"
    )
    args = parser.parse_args(argv)

    fonts = Fonts.load()
    workdir = args.keep_images or Path(tempfile.mkdtemp(prefix="resdiff-ocr-"))
    workdir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {
        "tesseract": tesseract_version(),
        "command": "tesseract <page.png> - -l <lang> --dpi <dpi>",
        "font": "DejaVu Serif (fonts-dejavu-core)",
        "page": {"width_px": PAGE_W, "height_px": PAGE_H, "dpi": DPI},
        "page_break": "each page's text starts with a space",
        "qualities": {
            name: {k: v for k, v in vars_of(q).items() if v not in (None, 0, 0.0, False)}
            for name, q in QUALITIES.items()
        },
        "texts": {},
    }
    jobs: list[Job] = []
    for text in TEXTS:
        units = read_golden(text.units_path)
        pages = [draw_page(p, fonts) for p in paginate(layout_units(units, fonts), fonts)]
        truth = render_document(units)
        folder = OUT_DIR / text.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "truth.txt").write_text(truth, encoding="utf-8")
        manifest["texts"][text.name] = {  # type: ignore[index]
            "constructed": text.constructed,
            "lang": text.lang,
            "original": text.original,
            "units": str(text.units_path.relative_to(ROOT)),
            "truth_sha256": sha256(truth),
            "pages": len(pages),
            "qualities": list(text.qualities),
        }
        if args.text is None or text.name in args.text:
            jobs += render_jobs(text, pages, workdir)
        print(f"{text.name}: {len(pages)} pages", file=sys.stderr)

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        readings = list(pool.map(lambda job: ocr(job.path, job.dpi, job.lang), jobs))
    by_file: dict[tuple[str, str], list[str]] = {}
    for job, reading in zip(jobs, readings, strict=True):
        by_file.setdefault((job.text, job.quality), []).append(reading)
    for (name, quality), pages_text in by_file.items():
        (OUT_DIR / name / f"{quality}.txt").write_text(join_pages(pages_text), encoding="utf-8")
        print(f"wrote tests/ocr/{name}/{quality}.txt", file=sys.stderr)
    (OUT_DIR / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def vars_of(quality: Quality) -> dict[str, object]:
    return {name: getattr(quality, name) for name in Quality.__slots__}


if __name__ == "__main__":
    main()
