"""UN document symbols: parsing, validation and the safe folder name each maps to.

A symbol names an adopted resolution (``E/RES/2021/25``, ``A/RES/76/1``,
``S/RES/2601 (2021)``, ``A/HRC/RES/47/1``; of a special or an emergency special session of the
General Assembly or the Human Rights Council, ``A/RES/S-27/2``, ``A/RES/ES-11/1``,
``A/HRC/RES/S-33/1``), a draft (a document of limited distribution,
``L.``: ``A/C.3/76/L.10``, ``E/CN.15/2021/L.3``), or another document of the General
Assembly, the Economic and Social Council or the Security Council (``S/2021/1090``). Any of
them may end in modifiers: a revision (``/Rev.1``), a corrigendum (``/Corr.1``), an addendum
(``/Add.1``), an amendment (``/Amend.1``).

One symbol has one spelling: case, spaces, a trailing full stop and a year in brackets that
repeats the symbol's own are folded away, so that ``e/res/2019/99 (2019)`` and
``E/RES/2019/99`` are one version in one folder.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from resdiff.errors import InvalidSymbol

_RESOLUTION_RE = re.compile(
    r"""
    ^(?P<body>A|E|S|A/HRC)      # General Assembly, ECOSOC, Security Council, Human Rights Council
    /RES/
    (?:(?P<special>ES|S)-)?     # a special (S-27) or emergency special (ES-11) session
    (?P<session>\d{1,4})        # GA session (76), ECOSOC year (2021), HRC session, SC number
    (?:/(?P<number>\d{1,4}))?   # number within the session (absent for the Security Council)
    (?:\s?\((?P<year>\d{4})\))? # Security Council year: S/RES/2601 (2021)
    (?P<modifiers>(?:/[A-Z]+\.\d{1,3})*)  # /Rev.1, /Corr.1, /Add.1
    $""",
    re.X,
)

# One part of a document symbol between slashes: "C.3", "CN.15", "76", "L.10", "AC.105", and
# a special session's "S-27" or "ES-11".
_COMPONENT_RE = re.compile(r"^(?:[A-Z0-9]{1,10}(?:\.[A-Z0-9]{1,10}){0,2}|E?S-\d{1,4})$")
# A special (``S-27``) or emergency special (``ES-11``) session part.
_SPECIAL_RE = re.compile(r"^(?P<special>E?S)-(?P<session>\d{1,4})$")
# A modifier: revision, corrigendum, addendum, amendment, with its number.
_MODIFIER_RE = re.compile(r"^(?P<name>REV|CORR|ADD|AMEND)\.(?P<number>\d{1,3})$")
# The limited-distribution part that marks a draft: "L.10".
_DRAFT_RE = re.compile(r"^L\.\d{1,4}$")
# A session or year part of a document symbol: "76", "2021".
_SESSION_RE = re.compile(r"^\d{1,4}$")

# The heading printed above the title: "2021/25." (ECOSOC), "76/1." (GA), "ES-11/1.".
_SHORT_RE = re.compile(r"^(?:(?P<special>E?S)-)?(?P<session>\d{1,4})/(?P<number>\d{1,4})$")

BODIES = {"A": "GA", "E": "ECOSOC", "S": "SC", "A/HRC": "HRC"}
# The General Assembly's first session sat in 1946: session N sits in 1945 + N and 1946 + N.
GA_FIRST_YEAR = 1945
MAX_LENGTH = 40

_EXAMPLES = "write it like E/RES/2021/25 or A/RES/76/1 (a draft: A/C.3/76/L.10)"


class DocumentKind(enum.StrEnum):
    """What a symbol says a document is (``meta.json``'s ``document``)."""

    RESOLUTION = "resolution"  # the adopted text
    DRAFT = "draft"  # a draft resolution (limited distribution, ``L.``)
    REVISION = "revision"  # ``/Rev.N`` of a draft or of a document
    CORRIGENDUM = "corrigendum"  # ``/Corr.N``
    ADDENDUM = "addendum"  # ``/Add.N``
    AMENDMENT = "amendment"  # ``/Amend.N``
    DOCUMENT = "document"  # another document (a report, a letter, a Security Council draft)


_MODIFIER_KINDS = {
    "Rev": DocumentKind.REVISION,
    "Corr": DocumentKind.CORRIGENDUM,
    "Add": DocumentKind.ADDENDUM,
    "Amend": DocumentKind.AMENDMENT,
}


@dataclass(frozen=True, slots=True)
class ResolutionSymbol:
    """A parsed UN document symbol: a resolution's, a draft's or another document's.

    A resolution's symbol is described by ``body``, ``session``, ``number`` and ``sc_year``;
    any other document's by its ``parts`` (``("A", "C.3", "76", "L.10")``), with ``body``
    and ``session`` read from them. ``modifiers`` are the ``Rev.1``/``Corr.1`` that end it.
    ``special`` is ``S`` for a special session and ``ES`` for an emergency special session
    (``A/RES/ES-11/1``: session 11), else empty.

    Example:
        >>> sym = ResolutionSymbol.parse("E/RES/2021/25")
        >>> sym.body, sym.session, sym.number, sym.year, sym.short
        ('E', 2021, 25, 2021, '2021/25')
        >>> str(sym), sym.folder, sym.kind.value
        ('E/RES/2021/25', 'E-RES-2021-25', 'resolution')
        >>> draft = ResolutionSymbol.parse("e/cn.15/2021/l.3/rev.1")
        >>> str(draft), draft.folder, draft.kind.value, draft.is_draft, str(draft.base)
        ('E/CN.15/2021/L.3/Rev.1', 'E-CN.15-2021-L.3-Rev.1', 'revision', True, 'E/CN.15/2021/L.3')
        >>> special = ResolutionSymbol.parse("a/res/es-11/1")
        >>> str(special), special.short, special.folder, special.session, special.year
        ('A/RES/ES-11/1', 'ES-11/1', 'A-RES-ES-11-1', 11, None)
    """

    body: str
    session: int | None
    number: int | None = None
    sc_year: int | None = None
    modifiers: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    special: str = ""

    @classmethod
    def parse(cls, text: str) -> ResolutionSymbol:
        """Parse a full symbol such as ``E/RES/2021/25``, ``A/RES/76/1`` or ``A/C.3/76/L.10``.

        Raises:
            InvalidSymbol: the text is not a well-formed UN document symbol, or names two
                different years.
        """
        if not (len(text) <= MAX_LENGTH and text.isprintable()):
            raise InvalidSymbol(f"{text!r} is not a UN resolution symbol; {_EXAMPLES}")
        folded = " ".join(text.split()).upper().removesuffix(".")
        match = _RESOLUTION_RE.match(folded)
        if match:
            return cls._resolution(text, match)
        if "/RES/" in f"{folded}/":
            raise InvalidSymbol(f"{text!r} is not a UN resolution symbol; {_EXAMPLES}")
        return cls._document(text, folded)

    @classmethod
    def _resolution(cls, text: str, match: re.Match[str]) -> ResolutionSymbol:
        body, session = match["body"], int(match["session"])
        number = int(match["number"]) if match["number"] else None
        year = int(match["year"]) if match["year"] else None
        modifiers = _modifiers(text, match["modifiers"].split("/")[1:])
        special = match["special"] or ""
        if special and body not in ("A", "A/HRC"):
            raise InvalidSymbol(
                f"{text!r} is not a UN resolution symbol: only the General Assembly and the "
                "Human Rights Council hold special sessions (A/RES/ES-11/1, A/HRC/RES/S-33/1)"
            )
        if body == "S":
            if number is not None:
                raise InvalidSymbol(
                    f"{text!r} is not a UN resolution symbol: a Security Council resolution "
                    "has one number; write it like S/RES/2601 (2021)"
                )
            if year is None:
                raise InvalidSymbol(
                    f"{text!r} lacks the Security Council's year; write it like "
                    f"S/RES/{session} (YYYY), as the resolution prints it"
                )
            return cls(body, session, None, year, modifiers)
        if number is None:
            raise InvalidSymbol(f"{text!r} is not a UN resolution symbol; {_EXAMPLES}")
        canonical = cls(body, session, number, None, modifiers, special=special)
        if year is not None and not _years(canonical):
            which = "a special session" if special else "a Human Rights Council session"
            raise InvalidSymbol(f"{text!r}: {which} names no year; write {canonical}")
        if year is not None and year not in _years(canonical):
            raise InvalidSymbol(
                f"{text!r} names two different years; write the symbol alone: {canonical}"
            )
        return canonical  # a year in brackets that repeats the symbol's own is folded away

    @classmethod
    def _document(cls, text: str, folded: str) -> ResolutionSymbol:
        parts = folded.replace(" ", "").split("/")
        base = list(parts)
        while len(base) > 1 and _MODIFIER_RE.match(base[-1]):
            base.pop()
        if (
            base[0] not in BODIES
            or not 2 <= len(base) <= 6
            or not all(_COMPONENT_RE.match(part) for part in base[1:])
            or not any(ch.isdigit() for ch in base[-1])
        ):
            raise InvalidSymbol(f"{text!r} is not a UN resolution symbol; {_EXAMPLES}")
        if any(part in ("S", "ES") for part in base[1:]):
            raise InvalidSymbol(
                f"{text!r} is not a UN document symbol; write a special session's number with "
                "a hyphen, as in A/ES-11/L.1"
            )
        body = "A/HRC" if base[:2] == ["A", "HRC"] else base[0]
        session, special = None, ""
        for part in base[1:]:
            found = _SPECIAL_RE.match(part)
            if found or _SESSION_RE.match(part):
                session = int(found["session"]) if found else int(part)
                special = found["special"] if found else ""
                break
        modifiers = _modifiers(text, parts[len(base) :])
        return cls(body, session, None, None, modifiers, tuple(base), special)

    @classmethod
    def from_heading(cls, heading: str, body: str) -> ResolutionSymbol:
        """Build the symbol from the printed heading (``2021/25``, ``ES-11/1``) and the body
        letter (``E``).

        Raises:
            InvalidSymbol: the heading is not ``session/number``, or names a special session
                of a body that holds none.
        """
        match = _SHORT_RE.match(heading.strip().rstrip("."))
        if not match:
            raise InvalidSymbol(f"{heading!r} is not a resolution heading such as 2021/25")
        special = match["special"] or ""
        if special and body not in ("A", "A/HRC"):
            raise InvalidSymbol(f"{heading!r}: only the General Assembly holds special sessions")
        session, number = int(match["session"]), int(match["number"])
        return cls(body=body, session=session, number=number, special=special)

    @classmethod
    def from_folder(cls, folder: str) -> ResolutionSymbol:
        """The symbol a folder name was made from (:attr:`folder` read backwards).

        >>> str(ResolutionSymbol.from_folder("S-RES-2601-2021"))
        'S/RES/2601 (2021)'

        Raises:
            InvalidSymbol: no symbol makes this folder name.
        """
        text = re.sub(r"(?<=/)(E?S)/(?=\d)", r"\1-", folder.replace("-", "/"))
        security = re.match(r"^S/RES/(\d{1,4})/(\d{4})((?:/.*)?)$", text)
        if security:
            text = f"S/RES/{security[1]} ({security[2]}){security[3]}"
        symbol = cls.parse(text)
        if symbol.folder != folder:
            raise InvalidSymbol(f"{folder!r} is not the folder name of a UN document symbol")
        return symbol

    @property
    def kind(self) -> DocumentKind:
        """Resolution, draft, revision, corrigendum, addendum, amendment or other document."""
        if self.modifiers:
            return _MODIFIER_KINDS[self.modifiers[-1].partition(".")[0]]
        if not self.parts:
            return DocumentKind.RESOLUTION
        return DocumentKind.DRAFT if self.is_draft else DocumentKind.DOCUMENT

    @property
    def description(self) -> str:
        """How reports name the kind: ``revised draft`` for a draft's revision, else the kind.

        >>> ResolutionSymbol.parse("A/C.3/76/L.10/Rev.1").description
        'revised draft'
        """
        if self.kind is DocumentKind.REVISION and self.is_draft:
            return "revised draft"
        return self.kind.value

    @property
    def is_draft(self) -> bool:
        """True for a draft (limited distribution ``L.``), revised or not."""
        return any(_DRAFT_RE.match(part) for part in self.parts)

    @property
    def is_resolution(self) -> bool:
        """True for the symbol of an adopted resolution (``…/RES/…``), modifiers or not."""
        return not self.parts

    @property
    def base(self) -> ResolutionSymbol:
        """The document the modifiers apply to (``A/RES/76/1`` for ``A/RES/76/1/Corr.1``)."""
        return ResolutionSymbol(
            self.body, self.session, self.number, self.sc_year, (), self.parts, self.special
        )

    @property
    def year(self) -> int | None:
        """The year the symbol itself names (ECOSOC and Security Council), else None."""
        if self.special:
            return None  # a special session's number is not a year, nor counts from 1946
        if self.parts:
            named = self.session if self.body in ("E", "S") else None
            return named if named is not None and named >= GA_FIRST_YEAR else None
        if self.body == "E":
            return self.session
        return self.sc_year

    @property
    def short(self) -> str:
        """``2021/25``: the form printed above the title (a document other than a
        resolution has none: its full symbol)."""
        if self.parts or self.modifiers:
            return str(self)
        if self.number is None:
            return str(self.session)
        return f"{self.session_label}/{self.number}"

    @property
    def session_label(self) -> str:
        """The session as the symbol prints it: ``76``, ``2021``, ``ES-11`` (empty if none)."""
        if self.session is None:
            return ""
        return f"{self.special}-{self.session}" if self.special else str(self.session)

    @property
    def folder(self) -> str:
        """The folder name this symbol is stored under: ``[A-Za-z0-9.-]``, one per symbol.

        Slashes become hyphens and the Security Council's ``(2021)`` becomes ``-2021``;
        :meth:`from_folder` reads it back (the only hyphens of a symbol are a special
        session's, ``ES-11``, and no part of a symbol is ``S`` or ``ES`` alone).
        """
        return str(self).replace("/", "-").replace(" (", "-").replace(")", "")

    def __str__(self) -> str:
        if self.parts:
            text = "/".join(self.parts)
        else:
            text = f"{self.body}/RES/{self.session_label}"
            if self.number is not None:
                text += f"/{self.number}"
            if self.sc_year is not None:
                text += f" ({self.sc_year})"
        return "/".join((text, *self.modifiers))


def _modifiers(text: str, found: list[str]) -> tuple[str, ...]:
    """``["REV.1"]`` → ``("Rev.1",)``, as the UN prints them.

    Raises:
        InvalidSymbol: a part that is not a revision, corrigendum, addendum or amendment.
    """
    printed = []
    for part in found:
        match = _MODIFIER_RE.match(part)
        if not match:
            raise InvalidSymbol(f"{text!r} is not a UN resolution symbol; {_EXAMPLES}")
        printed.append(f"{match['name'].capitalize()}.{int(match['number'])}")
    return tuple(printed)


def _years(symbol: ResolutionSymbol) -> tuple[int, ...]:
    """The years a resolution's symbol can be written with in brackets after it."""
    if symbol.special:
        return ()  # a special session sits when it is called (ES-10 has sat since 1997)
    if symbol.body == "E":
        return (symbol.session,) if symbol.session is not None else ()
    if symbol.body == "A" and symbol.session is not None:
        return (GA_FIRST_YEAR + symbol.session, GA_FIRST_YEAR + symbol.session + 1)
    return ()  # a Human Rights Council session names no year


def looks_like_symbol(text: str) -> bool:
    """True for a selector written as a full symbol (``E/RES/…``, ``A/C.3/…``), not as a year
    or ``2021/25`` or ``ES-11/1``."""
    stripped = text.strip()
    return "/" in stripped and stripped[:1].isalpha() and not _SHORT_RE.match(stripped)
