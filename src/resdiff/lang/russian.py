"""Russian: cue words, the closing, and Latin letters OCR puts into Cyrillic words."""

from __future__ import annotations

import re

from resdiff.lang import Language

# Dates print the genitive: "22 июля 2021 года".
MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip

PREAMBLE_OPENERS = frozenset(
    """ссылаясь напоминая вновь подтверждая признавая отмечая приветствуя будучи выражая
    учитывая принимая подчеркивая сознавая памятуя считая констатируя""".split()
)
OPERATIVE_VERBS = frozenset(
    """постановляет просит настоятельно призывает предлагает рекомендует приветствует
    подчеркивает подтверждает вновь решает поощряет выражает отмечает признает""".split()
)

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

FORMULAS = (
    (re.compile(r"^Экономический и Социальный Совет,?$", re.I), "E"),
    (re.compile(r"^Генеральная Ассамблея,?$", re.I), "A"),
    (re.compile(r"^Совет Безопасности,?$", re.I), "S"),
    (re.compile(r"^Совет по правам человека,?$", re.I), "A/HRC"),
)

MEETING_RE = re.compile(r"^(?P<number>\d+)\s*-?\s*[ейя]?\s+пленарное\s+заседание", re.I)
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}})(?:\s+года)?", re.I
)

# Latin letters that look like Cyrillic ones, as OCR (and careless typing) mixes them.
_LOOKALIKES = tuple(zip("aeopcxyAEOPCXKMHTB", "аеорсхуАЕОРСХКМНТВ", strict=True))

# An infinitive ("содействовать", "обмениваться", "укреплять", "обеспечить"): the verb an item
# of a list opens with; preambular participles ("отмечая") and operative verbs ("просит") are
# shaped otherwise.
ITEM_SHAPE = re.compile(r"[а-яё]+(?:ть|ться|ти|тись|чь|чься)", re.I)

AGENDA_RE = re.compile(r"\bПункты?\s+(?P<item>\d{1,3}(?:\s*\(?[a-z]\))?)\s+повестки\s+дня", re.I)

LANGUAGE = Language(
    code="ru",
    name="Russian",
    formulas=FORMULAS,
    meeting_re=MEETING_RE,
    agenda_re=AGENDA_RE,
    date_re=DATE_RE,
    months=MONTHS,
    preamble_openers=PREAMBLE_OPENERS,
    operative_verbs=OPERATIVE_VERBS,
    openers_capitalised=False,
    item_shape=ITEM_SHAPE,
    repair_min_frequency=500,
    split_common_words=False,
    hyphen_prefixes=frozenset("вице экс".split()),
    ocr_confusions=_LOOKALIKES,
    # References in footnotes: "т. 2225" (volume), "стр. 12", "п. 3", "разд. II", "см.".
    abbreviations=frozenset("т тт стр с п пп разд гл см прил".split()),
)
