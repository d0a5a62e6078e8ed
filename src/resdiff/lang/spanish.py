"""Spanish: cue words of resolutions, the closing, and OCR confusions."""

from __future__ import annotations

import re

from resdiff.lang import Language

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip

PREAMBLE_OPENERS = frozenset(
    """Acogiendo Afirmando Alarmado Alarmada Consciente Considerando Convencido Convencida
    Destacando Decidido Decidida Deplorando Expresando Guiado Guiada Habiendo Observando
    Poniendo Preocupado Preocupada Profundamente Reafirmando Recordando Reconociendo
    Reiterando Subrayando Teniendo Tomando Acogiendo Condenando Haciendo Gravemente""".split()
)

OPERATIVE_VERBS = frozenset(
    """Acoge Afirma Alienta Apoya Aprueba Autoriza Condena Decide Declara Destaca Encarga Encomia
    Exhorta Expresa Hace Insta Invita Observa Pide Proclama Reafirma Recomienda Reconoce
    Recuerda Reitera Resuelve Solicita Subraya Toma Exige Deplora Lamenta""".split()
)

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))


def _accent_tolerant(pattern: str) -> str:
    """Let each accented letter of ``pattern`` also match the letter OCR left without it."""
    for accented, plain in (("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u")):
        pattern = pattern.replace(accented, f"[{accented}{plain}]")
    return pattern


FORMULAS = (
    (re.compile(_accent_tolerant(r"^El Consejo Económico y Social,?$"), re.I), "E"),
    (re.compile(r"^La Asamblea General,?$", re.I), "A"),
    (re.compile(r"^El Consejo de Seguridad,?$", re.I), "S"),
    (re.compile(r"^El Consejo de Derechos Humanos,?$", re.I), "A/HRC"),
)

# "13ª sesión plenaria" (the ordinal indicator often comes out as "a" or "°").
MEETING_RE = re.compile(
    _accent_tolerant(r"^(?P<number>\d+)\s*[ªa°º]?\.?\s+sesión(?:\s+plenaria)?\b"), re.I
)
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+de\s+(?P<month>{_MONTH_NAMES})\s+de\s+(?P<year>\d{{4}})\b", re.I
)

AGENDA_RE = re.compile(r"\bTemas?\s+(?P<item>\d{1,3}(?:\s*\(?[a-z]\))?)\s+del\s+programa", re.I)

LANGUAGE = Language(
    code="es",
    name="Spanish",
    formulas=FORMULAS,
    meeting_re=MEETING_RE,
    agenda_re=AGENDA_RE,
    date_re=DATE_RE,
    months=MONTHS,
    preamble_openers=PREAMBLE_OPENERS,
    operative_verbs=OPERATIVE_VERBS,
    repair_min_frequency=500,
    split_common_words=False,
    hyphen_prefixes=frozenset("ex pro anti".split()),
    ocr_confusions=(("1", "l"), ("I", "l"), ("rn", "m"), ("c", "e"), ("0", "o")),
    marker_glyphs="’",
    # References in footnotes: "Treaty Series, vol. 2225, núm. 39574", "pág. 12", "párr. 3".
    abbreviations=frozenset("vol núm n pág págs párr párrs cap art supl cf".split()),
)
