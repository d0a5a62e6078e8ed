"""Page furniture: what a printed UN document carries around its clauses, never inside them.

Running headers and footers (the symbol, page numbers ``2/5``, job numbers
``21-10785 (F)    250821``, barcodes ``*2110785*`` and the debris OCR makes of them),
the recycling note, and the lines of the Official Document System masthead
(``Nations Unies``, ``Distr. : générale``…). Each matcher takes one stripped line.
"""

from __future__ import annotations

import re

# Lines that are never part of a clause, in every layout.
_FURNITURE_PATTERNS = (
    # Job numbers "21-10785 (F)", "21-10785 (F)    250821    250821", "2110785F"; with its
    # language letter, a job number opens only a footer line, whatever follows it on the line
    # (a PDF viewer's copy joins the footer's cells with single spaces).
    r"^\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+[\dA-Z*]\S*){0,3}$",
    r"^\d{2}-\d{5}\s?\([A-Z]\)\s.*$",
    # The document symbol repeated at the top of pages, alone or beside a page number.
    (r"^(?:\d{1,3}/\d{1,3}\s+)?(?:A|E|S|A/HRC)/RES/[\w/.()-]{1,30}(?:\s+\d{1,3}/\d{1,3})?$"),
    # Page numbers "2", "2/6", "- 2 -", "Page 2", "2/5 21-10785".
    r"^\d{1,3}(?:\s*/\s*\d{1,3})?$",
    r"^\d{1,3}\s*/\s*\d{1,3}\s+\d{2}-\d{5}(?:\s*\([A-Z]\))?$",
    r"^[-–—]\s*\d{1,3}\s*[-–—]$",
    r"(?i:^(?:Page|p\.)\s*\d{1,3}(?:\s*(?:/|of|sur)\s*\d{1,3})?$)",
    # The print date beside the job number, ddmmyy: "250821".
    r"^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d$",
    # Barcodes "*2110785*" and what OCR reads of them ("*2110785%", "IIII").
    r"^\*?\d{7,}[*%#]?$",
    r"^[*#%]?[\dIl|]{7,}[*#%]?$",
    # The recycling note under the barcode.
    r"(?i:^(?:Merci de recycler|Please recycle|Recyclez|Sírvase reciclar)\b.{0,3}$)",
    # A web page printed from a browser: its header opens with the date and time of printing
    # ("12/2/26, 2:43 AM", "02.12.2026 14:43"), its footer is the page's address and the page
    # count ("file:///…/E-RES-2021-25.html 1/5"), each line alone or with the other cells
    # (the page title) joined to it as a PDF viewer's copy joins them.
    (
        r"^\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?"
        r"(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s.*)?$"
    ),
    r"^(?:file|https?)://\S+\s+\d{1,3}/\d{1,3}$",
    # The masthead of the Official Document System (see MASTHEAD_NAME_RE).
    r"^(?:Nations Unies|United Nations|Naciones Unidas)$",
    (r"^Distr\.\s?:\s?(?:générale|General|limitée|Limited|restreinte|Restricted|general)\b.*$"),
)


# All of them as one pattern (the case-blind ones scoped ``(?i:…)``): one match call tries
# every alternative in C, where a loop over them paid a Python call per pattern for every
# line of the text. They are kept as sources, not compiled one by one: only this is used.
_FURNITURE_RE = re.compile("|".join(f"(?:{pattern})" for pattern in _FURNITURE_PATTERNS))


# The Organization's name alone on a line: the masthead, or words of a sentence wrapped there
# ("…la Convention des" / "Nations Unies" / "contre la criminalité…").
MASTHEAD_NAME_RE = re.compile(r"^\s*(?:Nations Unies|United Nations|Naciones Unidas)\s*$")


def is_furniture(line: str) -> bool:
    """True for running headers and footers, page and job numbers, barcodes, masthead lines.

    Example:
        >>> [is_furniture(x) for x in ("2/5", "E/RES/2021/25", "21-10785 (F)    250821", "2021")]
        [True, True, True, False]
        >>> is_furniture("12/2/26, 2:43 AM E/RES/2021/25"), is_furniture("https://x.org/a 1/5")
        (True, True)
        >>> is_furniture("64/293, 2 et 3"), is_furniture("https://undocs.org/fr/A/RES/64/293")
        (False, False)
    """
    stripped = " ".join(line.split())
    return bool(stripped) and _FURNITURE_RE.match(stripped) is not None


# Runs of three spaces or more separate the cells of a `pdftotext -layout` line.
_CELL_GAP_RE = re.compile(r"\s{3,}")


def split_furniture_cells(line: str) -> list[str]:
    """Cut a line laid out in columns when one of its cells is furniture.

    ``pdftotext -layout`` puts a running header and a right-aligned page number on one line
    (``E/RES/2021/25      Mise en œuvre…``, ``2/5      21-10785``); justified text also has
    runs of spaces, so a line is cut only where a cell at either end is furniture.

    Example:
        >>> split_furniture_cells("E/RES/2021/25           Mise en œuvre du Plan")
        ['E/RES/2021/25', 'Mise en œuvre du Plan']
        >>> split_furniture_cells("la   traite   des   personnes")
        ['la   traite   des   personnes']
    """
    if "   " not in line and line.isprintable():
        # No run of three spaces, and no other whitespace (every whitespace character but
        # the space is unprintable): the pattern cannot cut the line, which is most lines.
        return [line]
    cells = [cell for cell in _CELL_GAP_RE.split(line.strip()) if cell]
    if len(cells) < 2 or not (is_furniture(cells[0]) or is_furniture(cells[-1])):
        return [line]
    return cells


__all__ = ["MASTHEAD_NAME_RE", "is_furniture", "split_furniture_cells"]
