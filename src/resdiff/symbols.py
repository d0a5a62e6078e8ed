"""UN resolution symbols: parsing, validation and the safe folder name each maps to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.errors import InvalidSymbol

_SYMBOL_RE = re.compile(
    r"""
    ^(?P<body>A|E|S|A/HRC)      # General Assembly, ECOSOC, Security Council, Human Rights Council
    /RES/
    (?P<session>\d{1,4})        # GA session (76), ECOSOC year (2021), HRC session, SC number
    (?:/(?P<number>\d{1,4}))?   # number within the session (absent for the Security Council)
    (?:\s\((?P<year>\d{4})\))?  # Security Council year: S/RES/2601 (2021)
    $""",
    re.X,
)

# The heading printed above the title: "2021/25." (ECOSOC), "76/1." (GA).
_SHORT_RE = re.compile(r"^(?P<session>\d{1,4})/(?P<number>\d{1,4})$")

BODIES = {"A": "GA", "E": "ECOSOC", "S": "SC", "A/HRC": "HRC"}


@dataclass(frozen=True, slots=True)
class ResolutionSymbol:
    """A parsed UN resolution symbol.

    Example:
        >>> sym = ResolutionSymbol.parse("E/RES/2021/25")
        >>> sym.body, sym.session, sym.number, sym.year, sym.short
        ('E', 2021, 25, 2021, '2021/25')
        >>> str(sym), sym.folder
        ('E/RES/2021/25', 'E-RES-2021-25')
    """

    body: str
    session: int
    number: int | None = None
    sc_year: int | None = None

    @classmethod
    def parse(cls, text: str) -> ResolutionSymbol:
        """Parse a full symbol such as ``E/RES/2021/25`` or ``A/RES/76/1``.

        Raises:
            InvalidSymbol: the text is not a well-formed resolution symbol.
        """
        match = _SYMBOL_RE.match(text.strip().upper()) if _is_printable(text) else None
        if not match or (match["body"] != "S" and not match["number"]):
            raise InvalidSymbol(
                f"{text!r} is not a UN resolution symbol; write it like E/RES/2021/25 or A/RES/76/1"
            )
        return cls(
            body=match["body"],
            session=int(match["session"]),
            number=int(match["number"]) if match["number"] else None,
            sc_year=int(match["year"]) if match["year"] else None,
        )

    @classmethod
    def from_heading(cls, heading: str, body: str) -> ResolutionSymbol:
        """Build the symbol from the printed heading (``2021/25``) and the body letter (``E``).

        Raises:
            InvalidSymbol: the heading is not ``session/number``.
        """
        match = _SHORT_RE.match(heading.strip().rstrip("."))
        if not match:
            raise InvalidSymbol(f"{heading!r} is not a resolution heading such as 2021/25")
        return cls(body=body, session=int(match["session"]), number=int(match["number"]))

    @property
    def year(self) -> int | None:
        """The year the symbol itself names (ECOSOC and Security Council), else None."""
        if self.body == "E":
            return self.session
        return self.sc_year

    @property
    def short(self) -> str:
        """``2021/25``: the form printed above the title."""
        return f"{self.session}/{self.number}" if self.number is not None else str(self.session)

    @property
    def folder(self) -> str:
        """The folder name this symbol is stored under: only ``[A-Z0-9-]`` characters."""
        return str(self).replace("/", "-").replace(" (", "-").replace(")", "")

    def __str__(self) -> str:
        text = f"{self.body}/RES/{self.session}"
        if self.number is not None:
            text += f"/{self.number}"
        if self.sc_year is not None:
            text += f" ({self.sc_year})"
        return text


def _is_printable(text: str) -> bool:
    return len(text) <= 40 and text.isprintable()
