"""Scans and photographs given as image files (``.tif`` from a scanner or a fax, ``.png``,
``.jpg``): their pages, ready for OCR.

The only importer of Pillow. A multi-page TIFF (what fax machines and many scanners write) is
one page per frame. Each page is made greyscale and brought to the resolution the PDF route
renders at (:data:`~resdiff.ingest.pdf.OCR_DPI`), from the resolution the file records: a fax
in standard mode is 204 × 98 dpi, its pixels twice as tall as wide, and tesseract reads such a
page squashed unless it is stretched back. A file that records no resolution is taken as it is.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from resdiff.errors import InputError
from resdiff.ingest import limits

# Leading bytes of the image formats read, and the suffixes that name them.
MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a")
SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif"})
# Below this recorded resolution a page is scaled up to the OCR resolution.
_LOW_DPI = 250


def is_image(data: bytes) -> bool:
    """True when the bytes open like one of the image formats read."""
    return data.startswith(MAGIC)


def page_images(data: bytes, name: str, dpi: int) -> list[bytes]:
    """The pages of an image file as greyscale PGM bytes at about ``dpi``.

    Raises:
        InputError: the image is damaged, or has too many or too large pages.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            limits.OCR_PAGES.check(frames, name)
            return [_pgm(frame, name, index, dpi) for index, frame in _frames(image)]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise InputError(
            f"{name} is not a readable image ({exc}); check it is not damaged"
        ) from None


def _frames(image: object) -> Iterator[tuple[int, object]]:
    from PIL import ImageSequence

    yield from enumerate(ImageSequence.Iterator(image))  # type: ignore[arg-type]


def _pgm(frame: object, name: str, index: int, dpi: int) -> bytes:
    from PIL import Image

    assert isinstance(frame, Image.Image)
    page = frame.convert("L")
    x_dpi, y_dpi = _recorded_dpi(frame)
    if x_dpi and y_dpi and min(x_dpi, y_dpi) < _LOW_DPI:
        size = (round(page.width * dpi / x_dpi), round(page.height * dpi / y_dpi))
        page = page.resize(size, Image.Resampling.LANCZOS)
        x_dpi = y_dpi = dpi
    side_points = max(page.width / (x_dpi or dpi), page.height / (y_dpi or dpi)) * 72
    limits.PAGE_POINTS.check(side_points, f"{name} page {index + 1}")
    buffer = io.BytesIO()
    page.save(buffer, format="PPM")  # mode L: written as PGM, as the PDF route gives tesseract
    return buffer.getvalue()


def _recorded_dpi(frame: object) -> tuple[float, float]:
    """The horizontal and vertical resolution the image records, or (0, 0)."""
    info = getattr(frame, "info", {})
    found = info.get("dpi")
    if not found or len(found) != 2:
        return 0.0, 0.0
    x_dpi, y_dpi = (float(value) for value in found)
    return (x_dpi, y_dpi) if x_dpi > 1 and y_dpi > 1 else (0.0, 0.0)
