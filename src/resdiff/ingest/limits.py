"""Limits that bound the cost of reading a hostile or mistaken input file.

A resolution is a few dozen pages. An input far beyond that is refused quickly, before the
expensive step, with one line naming the limit and the environment variable that raises
it (the value is read at each check, so a test or a user can set it per run).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from resdiff.errors import InputError


@dataclass(frozen=True, slots=True)
class Limit:
    """A bound on one measure of an input, raised by an environment variable.

    >>> PDF_PAGES.variable, PDF_PAGES.default
    ('RESDIFF_MAX_PAGES', 500)
    """

    variable: str
    default: int
    unit: str
    what: str  # what is measured, for the message: "pages", "unpacked size"

    def value(self) -> int:
        """The limit in force: the variable's value, or the default.

        Raises:
            InputError: the variable is set to something other than a positive integer.
        """
        text = os.environ.get(self.variable, "").strip()
        if not text:
            return self.default
        if not text.isdecimal() or int(text) <= 0:
            raise InputError(
                f"{self.variable}={text!r} is not a positive whole number of {self.unit}"
            )
        return int(text)

    def check(self, amount: float, name: str) -> None:
        """Refuse ``amount`` above the limit.

        Raises:
            InputError: ``name`` is over the limit (the message says how to raise it).
        """
        limit = self.value()
        if amount > limit:
            shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.1f}"
            raise InputError(
                f"{name}: {self.what} of {shown} {self.unit} is over the limit of "
                f"{limit:,} {self.unit}; if the file is right, raise {self.variable}"
            )


# Word: what the zip members decompress to (a resolution's document.xml is under 1 MB);
# the XML parts are parsed, the others (images) only held in memory.
DOCX_UNPACKED_MB = Limit("RESDIFF_MAX_UNPACKED_MB", 100, "MB", "unpacked size")
DOCX_XML_MB = Limit("RESDIFF_MAX_XML_MB", 10, "MB", "unpacked XML size")
# PDF: pages in the file, and pages sent to OCR (each takes seconds).
PDF_PAGES = Limit("RESDIFF_MAX_PAGES", 500, "pages", "page count")
OCR_PAGES = Limit("RESDIFF_MAX_OCR_PAGES", 100, "pages", "scanned page count")
# PDF: the longer side of a page (A4 is 842 pt, A0 3,370 pt; the PDF maximum is 14,400).
PAGE_POINTS = Limit("RESDIFF_MAX_PAGE_POINTS", 3400, "pt", "page side")
