"""English: cue words of resolutions and OCR confusions."""

from __future__ import annotations

import re

from resdiff.lang import Language

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip

PREAMBLE_OPENERS = frozenset(
    """Acknowledging Affirming Alarmed Aware Bearing Concerned Conscious Considering Convinced
    Deeply Deploring Determined Emphasizing Encouraged Expressing Guided Having Mindful Noting
    Reaffirming Recalling Recognizing Reiterating Stressing Taking Underlining Welcoming
    Condemning Looking Cognizant Commending Gravely Seriously Strongly Further Also Reiterating
    Appreciating Emphasising Recognising Mindful Desirous Conscious Confident Believing
    Observing Welcoming Affirming Encouraging Highlighting Regretting Underscoring""".split()
)

OPERATIVE_VERBS = frozenset(
    """Adopts Affirms Appeals Approves Authorizes Calls Condemns Decides Declares Encourages
    Emphasizes Endorses Expresses Invites Notes Proclaims Reaffirms Recalls Recognizes
    Recommends Regrets Reiterates Requests Stresses Takes Underlines Urges Welcomes Acknowledges
    Commends Demands Designates Supports Also Further Strongly Agrees Confirms Deplores Renews
    Highlights Suggests Reminds Resolves Appreciates Accepts Congratulates Emphasises
    Recognises Authorises Looks Affirms Insists Underscores Considers Notes Launches Thanks
    Expresses Elects Establishes Requests""".split()
)

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

FORMULAS = (
    (re.compile(r"^The Economic and Social Council,?$", re.I), "E"),
    (re.compile(r"^The General Assembly,?$", re.I), "A"),
    (re.compile(r"^The Security Council,?$", re.I), "S"),
    (re.compile(r"^The Human Rights Council,?$", re.I), "A/HRC"),
)

MEETING_RE = re.compile(r"^(?P<number>\d+)\s*(?:st|nd|rd|th)?\s+(?:plenary\s+)?meeting\b", re.I)
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}})\b", re.I
)

AGENDA_RE = re.compile(r"\bAgenda items?\s+(?P<item>\d{1,3}(?:\s*\(?[a-z]\))?)", re.I)

# Subjects of re-adopted resolutions and the series names they give (storage/series.py).
TOPICS = (
    ("trafficking in persons", "trafficking"),
    ("rights of the child", "rights-of-the-child"),
    ("climate change", "climate-change"),
    ("humanitarian assistance", "humanitarian-assistance"),
    ("violence against women", "violence-against-women"),
)

LANGUAGE = Language(
    code="en",
    name="English",
    formulas=FORMULAS,
    meeting_re=MEETING_RE,
    agenda_re=AGENDA_RE,
    date_re=DATE_RE,
    months=MONTHS,
    preamble_openers=PREAMBLE_OPENERS,
    operative_verbs=OPERATIVE_VERBS,
    topics=TOPICS,
    hyphen_prefixes=frozenset("multi co sub anti".split()),
    hyphen_always=frozenset("non self cross follow well long short high low".split()),
    ocr_confusions=(("1", "l"), ("I", "l"), ("rn", "m"), ("m", "rn"), ("0", "o"), ("c", "e")),
    # tesseract's English model reads a raised "1" as "’": a mark before a comma or a full
    # stop, where no apostrophe of a possessive can stand.
    end_marker_glyphs="’",
    # "Recalling", "Noting"…: a capitalised present participle opens a preambular paragraph.
    opener_shape=re.compile(r"[A-Z][a-z]{2,}ing"),
    not_openers=frozenset("beijing during following including regarding concerning".split()),
    # References in footnotes: "Treaty Series, vol. 2225, No. 39574", "Supplement No. 3", "p. 12".
    abbreviations=frozenset(
        "vol vols no nos p pp para paras chap art arts sect suppl corr add rev cf".split()
    ),
)
