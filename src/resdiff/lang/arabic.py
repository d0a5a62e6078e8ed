"""Arabic: the formula, the closing, numbering ``1 -`` and ``(أ)``, Unicode clean-up.

No lexicon-based repairs: Arabic attaches articles and conjunctions to words, so an unknown
word is not a damaged one often enough to repair it from a word list.
"""

from __future__ import annotations

import re

from resdiff.lang import Language
from resdiff.normalize.steps import ascii_digits, drop_tatweel, fold_presentation_forms

# UN Arabic names months twice: the Levantine name / the Egyptian one.
MONTHS = {
    "كانون الثاني/يناير": 1, "شباط/فبراير": 2, "آذار/مارس": 3, "نيسان/أبريل": 4,
    "أيار/مايو": 5, "حزيران/يونيه": 6, "تموز/يوليه": 7, "آب/أغسطس": 8, "أيلول/سبتمبر": 9,
    "تشرين الأول/أكتوبر": 10, "تشرين الثاني/نوفمبر": 11, "كانون الأول/ديسمبر": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "مايو": 5, "يونيه": 6, "يونيو": 6,
    "يوليه": 7, "يوليو": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}  # fmt: skip

# Sub-items are lettered in the abjad order: (أ) (ب) (ج) (د) (هـ) (و) (ز) (ح) (ط) (ي).
LABEL_LETTERS = dict(zip("أبجدهوزحطي", "abcdefghij", strict=True))

PREAMBLE_OPENERS = frozenset("إذ وإذ".split())
OPERATIVE_VERBS = frozenset(
    "يقرر يطلب يحث يشجع يدعو يرحب يؤكد يعيد يلاحظ يوصي يناشد يعرب يسلم يدين يهيب".split()
)

_MONTH_NAMES = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))

FORMULAS = (
    (re.compile(r"^إن المجلس الاقتصادي والاجتماعي\s*[،,]?$"), "E"),
    (re.compile(r"^إن الجمعية العامة\s*[،,]?$"), "A"),
    (re.compile(r"^إن مجلس الأمن\s*[،,]?$"), "S"),
    (re.compile(r"^إن مجلس حقوق الإنسان\s*[،,]?$"), "A/HRC"),
)

MEETING_RE = re.compile(r"^الجلسة العامة\s+(?P<number>\d+)")
DATE_RE = re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}})")

# "الأشخاص(1)،": a footnote call in parentheses glued to a word, and "(1) " opening a footnote.
_CALL_RE = re.compile(r"(?<=[\u0621-\u064a])\((\d{1,2})\)")
_NOTE_LINE_RE = re.compile(r"^( ?)\((\d{1,3})\)\s+", re.M)
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def footnote_calls(text: str) -> str:
    """``الأشخاص(1)`` → ``الأشخاص¹`` and a line ``(1) القرار…`` → ``¹ القرار…``.

    Example:
        >>> footnote_calls("الأشخاص(1)،\\n(1) القرار") == "الأشخاص¹،\\n¹ القرار"
        True
    """
    text = _CALL_RE.sub(lambda m: m[1].translate(_SUPERSCRIPTS), text)
    return _NOTE_LINE_RE.sub(lambda m: f"{m[1]}{m[2].translate(_SUPERSCRIPTS)} ", text)


AGENDA_RE = re.compile(
    r"البند\s+(?P<item>\d{1,3}(?:\s*\([\u0621-\u064a]\))?)\s+من\s+جدول\s+الأعمال"
)

LANGUAGE = Language(
    code="ar",
    name="Arabic",
    formulas=FORMULAS,
    meeting_re=MEETING_RE,
    agenda_re=AGENDA_RE,
    date_re=DATE_RE,
    months=MONTHS,
    preamble_openers=PREAMBLE_OPENERS,
    operative_verbs=OPERATIVE_VERBS,
    label_letters=LABEL_LETTERS,
    word_repairs=False,
    extra_steps=(fold_presentation_forms, drop_tatweel, ascii_digits, footnote_calls),
)
