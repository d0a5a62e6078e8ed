"""PDF files: the text layer through pdfplumber, page images through pypdfium2.

The only importer of pdfplumber and pypdfium2. Words come out as
:class:`~resdiff.ingest.layout.Word` boxes; :mod:`resdiff.ingest.layout` makes the text.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from resdiff.errors import InputError
from resdiff.ingest import limits
from resdiff.ingest.layout import Page, Word

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

    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            limits.PDF_PAGES.check(len(pdf.pages), name)
            for page in pdf.pages:
                words = page.extract_words(extra_attrs=["size"], x_tolerance=1.5)
                pages.append(
                    Page(
                        width=float(page.width),
                        height=float(page.height),
                        scanned=_covered_by_an_image(page),
                        words=tuple(
                            Word(
                                text=w["text"],
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


# An image over this share of a page makes it a scan (its text layer, if any, is OCR's).
SCAN_COVER = 0.9


def _covered_by_an_image(page: object) -> bool:
    area = float(page.width) * float(page.height)  # type: ignore[attr-defined]
    for image in page.images:  # type: ignore[attr-defined]
        covered = (float(image["x1"]) - float(image["x0"])) * (
            float(image["bottom"]) - float(image["top"])
        )
        if area and covered >= SCAN_COVER * area:
            return True
    return False


def is_ocr_layer(pages: list[Page]) -> bool:
    """True when the text layer is an OCR reading laid over scanned pages."""
    return bool(pages) and all(page.scanned for page in pages if page.words)


def has_text_layer(pages: list[Page]) -> bool:
    """True when the pages carry enough text to read without OCR."""
    chars = sum(len(w.text) for page in pages for w in page.words)
    return bool(pages) and chars >= MIN_CHARS_PER_PAGE * len(pages)


def page_images(data: bytes, name: str, dpi: int = OCR_DPI) -> Iterator[bytes]:
    """Render each page as a greyscale PNG, for OCR.

    Raises:
        InputError: the PDF cannot be rendered.
    """
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"{name} cannot be rendered ({exc}); check it is not damaged") from None
    try:
        limits.OCR_PAGES.check(len(document), name)
        for index in range(len(document)):  # every page checked before any is rendered
            side = max(document.get_page_size(index))
            limits.PAGE_POINTS.check(side, f"{name} page {index + 1}")
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            logger.info("rendered page %d of %s at %d dpi", index + 1, name, dpi)
            yield buffer.getvalue()
    finally:
        document.close()
