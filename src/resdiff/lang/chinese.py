"""Chinese: the formula, the closing (date first), numbering, full-width forms.

No lexicon-based repairs (no word list ships for Chinese), and no spaces between
characters: a line break inside a paragraph joins without one.
"""

from __future__ import annotations

import re

from resdiff.lang import Language
from resdiff.normalize.steps import fold_full_width

MONTHS = {str(number): number for number in range(1, 13)}

FORMULAS = (
    (re.compile(r"^经济及社会理事会\s*[,，]?$"), "E"),
    (re.compile(r"^大会\s*[,，]?$"), "A"),
    (re.compile(r"^安全理事会\s*[,，]?$"), "S"),
    (re.compile(r"^人权理事会\s*[,，]?$"), "A/HRC"),
)

PREAMBLE_OPENERS = frozenset(
    """回顾 重申 认识到 确认 注意到 欢迎 关切 深为关切 强调 铭记 意识到 赞赏地注意到
    满意地注意到 关切地注意到 欣见 深信 决心 承认 考虑到 又回顾 还回顾""".split()
)
OPERATIVE_VERBS = frozenset("决定 请 敦促 鼓励 吁请 欢迎 强调 重申 邀请 建议 促请".split())

MEETING_RE = re.compile(r"^第\s*(?P<number>\d+)\s*次全体会议")
DATE_RE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# Spaces a typesetter or pdftotext sets between Chinese characters and digits or Latin
# letters ("2099 年 7 月 21 日", "第 15 次"): typography, not text. A line-start number of one
# to three digits before a space is a footnote's number ("1 大会决议") and keeps its space, and
# so does a label ("1. 请", "2099/5. 关于").
_SPACE_AFTER_HAN_RE = re.compile(rf"(?<=[{_HAN}])[ \u00a0]+(?=[0-9A-Za-z])")
_SPACE_BEFORE_HAN_RE = re.compile(
    rf"(?m)(?:(?<=[{_HAN}])|^(?=[0-9A-Za-z]*[A-Za-z]|[0-9]{{4}}))"
    rf"(?P<run>[0-9A-Za-z](?:[0-9A-Za-z/.\-]*[0-9A-Za-z])?)[ \u00a0]+(?=[{_HAN}])"
)


def join_han_spacing(text: str) -> str:
    """Remove the spaces typesetting puts between Chinese characters and digits or letters.

    Example:
        >>> join_han_spacing("2099 年 7 月 21 日\\n第 15 次全体会议\\n1 大会决议")
        '2099年7月21日\\n第15次全体会议\\n1 大会决议'
    """
    text = _SPACE_AFTER_HAN_RE.sub("", text)
    return _SPACE_BEFORE_HAN_RE.sub(lambda m: m["run"], text)


AGENDA_RE = re.compile(r"议程项目\s*(?P<item>\d{1,3}(?:\s*\([a-z]\))?)")

LANGUAGE = Language(
    code="zh",
    name="Chinese",
    formulas=FORMULAS,
    meeting_re=MEETING_RE,
    agenda_re=AGENDA_RE,
    date_re=DATE_RE,
    months=MONTHS,
    preamble_openers=PREAMBLE_OPENERS,
    operative_verbs=OPERATIVE_VERBS,
    word_repairs=False,
    spaceless=True,
    extra_steps=(fold_full_width, join_han_spacing),
)
