"""PDF files: the text layer through pdfplumber, page images through pypdfium2.

The only importer of pdfplumber and pypdfium2. Words come out as
:class:`~resdiff.ingest.layout.Word` boxes; :mod:`resdiff.ingest.layout` makes the text.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from resdiff.errors import InputError
from resdiff.ingest import bidi, limits
from resdiff.ingest.layout import Page, Word

if TYPE_CHECKING:
    import pdfplumber.page

logger = logging.getLogger(__name__)

# Fewer characters than this per page on average: the PDF has no usable text layer.
MIN_CHARS_PER_PAGE = 40
# Resolution of the page images given to OCR.
OCR_DPI = 300


def text_pages(data: bytes, name: str) -> list[Page]:
    """The words of each page's text layer, with their boxes and font sizes.

    Raises:
        InputError: the PDF is damaged or encrypted.
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.text import extract_words

    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            limits.PDF_PAGES.check(len(pdf.pages), name)
            for page in pdf.pages:
                chars, scanned = _chars(page), _covered_by_an_image(page)
                # Arabic is seen right to left: read the page in a mirror (see .bidi). An
                # OCR layer over a scan already holds its words in reading order.
                rtl = not scanned and bidi.is_right_to_left(c["text"] for c in chars)
                if rtl:
                    chars = bidi.mirror(chars, float(page.width))
                words = extract_words(chars, extra_attrs=["size"], x_tolerance=1.5)
                pages.append(
                    Page(
                        width=float(page.width),
                        height=float(page.height),
                        scanned=scanned,
                        words=tuple(
                            Word(
                                text=bidi.logical(w["text"]) if rtl else w["text"],
                                x0=float(w["x0"]),
                                x1=float(w["x1"]),
                                top=float(w["top"]),
                                bottom=float(w["bottom"]),
                                size=float(w["size"]),
                            )
                            for w in words
                        ),
                    )
                )
    except InputError:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{name} is not a readable PDF ({exc}); check it is not damaged") from None
    except Exception as exc:  # pdfminer raises bare Exceptions for encryption and more
        # PDFPasswordIncorrect has no message, and pdfplumber wraps it: look at the names.
        said = " ".join(f"{type(e).__name__} {e}" for e in (exc, *exc.args)).lower()
        if "encrypt" in said or "password" in said:
            raise InputError(f"{name} is encrypted; save an unprotected copy") from None
        raise InputError(f"{name} is not a readable PDF ({exc}); check it is not damaged") from None
    return pages


def _chars(page: pdfplumber.page.Page) -> list[dict[str, Any]]:
    """The characters of a page as ``page.chars`` gives them, with only what words need.

    ``page.chars`` turns every attribute of every pdfminer character into plain data
    (colours, graphic state, font names: a third of the reading time); the word grouping
    reads text, box, ``upright`` and ``size``, computed here exactly as pdfplumber does.
    """
    from pdfminer.layout import LTChar, LTContainer

    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    chars: list[dict[str, Any]] = []

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                top = (height - obj.y1) + mb_top
                chars.append({
                    "text": obj.get_text(),
                    "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
                    "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
                    "top": top,
                    "bottom": (height - obj.y0) + mb_top,
                    "doctop": doctop + top,
                    "upright": obj.upright,
                    "size": obj.size,
                })  # fmt: skip
            elif isinstance(obj, LTContainer):  # a figure: its characters, in order
                walk(obj)

    walk(page.layout)
    return chars


# An image over this share of a page makes it a scan (its text layer, if any, is OCR's).
SCAN_COVER = 0.9


def _covered_by_an_image(page: pdfplumber.page.Page) -> bool:
    """True when one image covers the page (read off pdfminer's layout, as ``_chars`` is:
    ``page.images`` would convert every object of the page)."""
    from pdfminer.layout import LTContainer, LTImage

    area = float(page.width) * float(page.height)

    def images(objects: Iterable[Any]) -> Iterator[Any]:
        for obj in objects:
            if isinstance(obj, LTImage):
                yield obj
            elif isinstance(obj, LTContainer):  # a figure holds its images
                yield from images(obj)

    return bool(area) and any(
        obj.width * obj.height >= SCAN_COVER * area for obj in images(page.layout)
    )


def is_ocr_layer(pages: list[Page]) -> bool:
    """True when the text layer is an OCR reading laid over scanned pages."""
    return bool(pages) and all(page.scanned for page in pages if page.words)


def has_text_layer(pages: list[Page]) -> bool:
    """True when the pages carry enough text to read without OCR."""
    chars = sum(len(w.text) for page in pages for w in page.words)
    return bool(pages) and chars >= MIN_CHARS_PER_PAGE * len(pages)


class PageImages:
    """The pages of a PDF rendered one by one as greyscale images, for OCR.

    ``len()`` is known before any page is rendered, so OCR can say ``page 3/6`` while the
    next pages are still being drawn. Images are binary PGM: tesseract reads them as it
    reads PNG (the same pixels, the same words), and encoding a 300 dpi page as PNG cost
    twice as long as drawing it.

    Raises:
        InputError: the PDF cannot be rendered, or has too many or too large pages.
    """

    def __init__(self, data: bytes, name: str, dpi: int = OCR_DPI) -> None:
        """Check every page before any is rendered."""
        self.data, self.name, self.dpi = data, name, dpi
        self._pages: Iterator[bytes] | None = None
        with self._open() as document:
            limits.OCR_PAGES.check(len(document), name)
            for index in range(len(document)):
                side = max(document.get_page_size(index))
                limits.PAGE_POINTS.check(side, f"{name} page {index + 1}")
            self._count = len(document)

    def __len__(self) -> int:
        """The number of pages."""
        return self._count

    def __iter__(self) -> PageImages:
        """The pages, once (an iterator, as a generator is)."""
        return self

    def __next__(self) -> bytes:
        """The next page as PGM bytes."""
        if self._pages is None:
            self._pages = self._render()
        return next(self._pages)

    def _render(self) -> Iterator[bytes]:
        with self._open() as document:
            for index in range(len(document)):
                bitmap = document[index].render(scale=self.dpi / 72, grayscale=True)
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PPM")  # mode L: written as PGM
                logger.info("rendered page %d of %s at %d dpi", index + 1, self.name, self.dpi)
                yield buffer.getvalue()

    @contextlib.contextmanager
    def _open(self) -> Iterator[Any]:
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(self.data)
        except pypdfium2.PdfiumError as exc:
            raise InputError(
                f"{self.name} cannot be rendered ({exc}); check it is not damaged"
            ) from None
        try:
            yield document
        finally:
            document.close()


def page_images(data: bytes, name: str, dpi: int = OCR_DPI) -> PageImages:
    """Each page as a greyscale image for OCR (see :class:`PageImages`).

    Raises:
        InputError: the PDF cannot be rendered, or has too many or too large pages.
    """
    return PageImages(data, name, dpi)
