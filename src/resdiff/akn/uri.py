"""FRBR identifiers of a resolution under ``/akn/un/…``, as the AKN4UN naming rules build them.

A resolution is a ``statement`` of subtype ``deliberation``; its Work is named by the acting
body, the adoption date and the number the symbol gives it; its Expression adds the language
(ISO 639-2, ``fra``), its Manifestation the file format. No I/O, no XML.
"""

from __future__ import annotations

from dataclasses import dataclass

from resdiff.symbols import ResolutionSymbol

# The AKN4UN actor code of each body a symbol names, and its name.
ACTORS = {
    "A": ("unga", "General Assembly"),
    "E": ("ecosoc", "Economic and Social Council"),
    "S": ("unsc", "Security Council"),
    "A/HRC": ("unhrc", "Human Rights Council"),
}
# ISO 639-1 (resdiff) ↔ ISO 639-2/T (Akoma Ntoso expressions).
LANGUAGES = {"ar": "ara", "en": "eng", "es": "spa", "fr": "fra", "ru": "rus", "zh": "zho"}
LANGUAGE_CODES = {three: two for two, three in LANGUAGES.items()}


@dataclass(frozen=True, slots=True)
class FrbrUri:
    """The Work of a resolution in one language, and its Expression and Manifestation.

    Example:
        >>> uri = FrbrUri.of(ResolutionSymbol.parse("E/RES/2021/25"), "2021-07-22", "fr")
        >>> uri.work
        '/akn/un/statement/deliberation/ecosoc/2021-07-22/2021-25'
        >>> uri.expression
        '/akn/un/statement/deliberation/ecosoc/2021-07-22/2021-25/fra@'
        >>> uri.manifestation
        '/akn/un/statement/deliberation/ecosoc/2021-07-22/2021-25/fra@/!main.xml'
    """

    actor: str
    date: str
    number: str
    language: str  # ISO 639-2

    @classmethod
    def of(cls, symbol: ResolutionSymbol, date: str, lang: str) -> FrbrUri:
        """The identifiers of a resolution adopted on ``date`` (ISO), in ``lang`` (ISO 639-1)."""
        number = f"{symbol.session_label}-{symbol.number}" if symbol.number is not None else (
            f"{symbol.session}" + (f"-{symbol.sc_year}" if symbol.sc_year else ""))  # fmt: skip
        return cls(ACTORS[symbol.body][0], date, number, LANGUAGES.get(lang, lang))

    @property
    def work(self) -> str:
        """The Work IRI (``FRBRuri`` of ``FRBRWork``)."""
        return f"/akn/un/statement/deliberation/{self.actor}/{self.date}/{self.number}"

    @property
    def expression(self) -> str:
        """The Expression IRI: the work in one language, as adopted."""
        return f"{self.work}/{self.language}@"

    @property
    def manifestation(self) -> str:
        """The Manifestation IRI: the expression as an XML file."""
        return f"{self.expression}/!main.xml"
