"""Small ``str -> str`` repair steps that need no word list. Each keeps the line structure.

Line structure matters downstream: segmentation reads blank lines as paragraph breaks and
a line that starts with a space as the first line of a new page.
"""

from __future__ import annotations

import re
import unicodedata

from resdiff.normalize._lines import joined_tokens


def to_nfc(text: str) -> str:
    """Compose characters (``e`` + combining acute → ``é``) and drop a byte-order mark."""
    return unicodedata.normalize("NFC", text.replace("\ufeff", ""))


_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


_OTHER_NEWLINES = "\r\u2028\u2029\x0b\x0c\x85"


def unify_newlines(text: str) -> str:
    """CRLF, CR, form feeds and Unicode line separators all become ``\\n``."""
    if not any(mark in text for mark in _OTHER_NEWLINES):
        return text  # a few containment tests instead of a pattern scan of the whole text
    return _NEWLINES_RE.sub("\n", text)


_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURE_RE = re.compile("|".join(_LIGATURES))


def fix_ligatures(text: str) -> str:
    """Typographic ligatures that are not letters of the language (``ﬁ``) are spelled out."""
    if not any(ligature in text for ligature in _LIGATURES):
        return text
    return _LIGATURE_RE.sub(lambda m: _LIGATURES[m[0]], text)


_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_SPACES_RE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Patterns start with the character they look for, the context checked behind it: a pattern
# that starts with a lookbehind is tried at every position of the text, one that starts with
# a character jumps from one occurrence to the next (same matches, several times faster).
_RUN_OF_SPACES_RE = re.compile(r" (?<=\S ) +")
_TRAILING_SPACES_RE = re.compile(r" +$", re.M)
_LEADING_SPACES_RE = re.compile(r"^ {2,}", re.M)


def normalize_spaces(text: str) -> str:
    """All spaces become plain single spaces; soft hyphens and zero-width marks go.

    A single leading space is kept: in OCR output it marks the first line of a page.
    """
    if any(mark in text for mark in _INVISIBLE):
        text = _INVISIBLE_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    if "  " in text:
        text = _RUN_OF_SPACES_RE.sub(" ", text)
    # Both patterns are anchored at line ends: tried only when some line has such spaces.
    if "\n  " in text or text.startswith("  "):
        text = _LEADING_SPACES_RE.sub(" ", text)
    if " \n" in text or text.endswith(" "):
        text = _TRAILING_SPACES_RE.sub("", text)
    return text


# A straight or reversed apostrophe between letters, or after an elided word.
_APOSTROPHE_RE = re.compile(r"['`´‘ʼ′](?<=[^\W\d_].)(?=[^\W\d_]|\s)")


def unify_apostrophes(text: str) -> str:
    """Every apostrophe becomes the typographic ``’`` the UN prints.

    Example:
        >>> unify_apostrophes("l'action d`aujourd´hui")
        'l’action d’aujourd’hui'
    """
    return _APOSTROPHE_RE.sub("’", text)


# "¢" is the classic OCR reading of "é" next to it ("criminalité¢", "d’¢éliminer"), of the
# ordinal "e" after a number ("13¢ séance") and of nothing at all before a label ("¢c)").
_CENT_BY_ACUTE_RE = re.compile(r"¢(?:¢*(?=[éÉ])|(?<=[éÉ]¢)¢*)")
_CENT_ORDINAL_RE = re.compile(r"¢(?<=\b\d¢)|¢(?<=\d\d¢)")
# "¢c)", "¢(c)" and "(¢c)" at the start of a line: a speck before or inside a label.
_CENT_BEFORE_LABEL_RE = re.compile(r"^(\s?\(?)¢+(?=[a-z]\)\s)|^(\s?)¢+(?=\([a-z]\)\s)", re.M)


def drop_stray_cents(text: str) -> str:
    """Remove or read the ``¢`` signs OCR scatters around accented letters and labels.

    A ``¢`` inside a word (``exer¢ant``) is left for the word repairer, which checks the
    candidates (``ç``, ``é``) against the word list.

    Example:
        >>> drop_stray_cents("criminalité¢ et d’¢éliminer, 13¢ séance\\n¢c) promouvoir")
        'criminalité et d’éliminer, 13e séance\\nc) promouvoir'
        >>> drop_stray_cents("(¢c) Foster\\n¢(d) Encourage")
        '(c) Foster\\n(d) Encourage'
    """
    if "¢" not in text:
        return text
    text = _CENT_BY_ACUTE_RE.sub("", text)
    text = _CENT_ORDINAL_RE.sub("e", text)
    return _CENT_BEFORE_LABEL_RE.sub(lambda m: m[1] or m[2] or "", text)


# Specks a scan leaves at the edges of lines: bars, degree signs, underscores, stray quotes and
# dots, sometimes after a two-letter fragment ("ii _ 13e séance"). Never letters or digits
# followed by a label's ")" or ".".
_DEBRIS = "|°_‘`•~^¦"
# A lone quote or bar before a one-line sentence ("’ United Nations, Treaty Series, vol. 1,
# No. 2.") is the superscript "1" of a footnote that OCR misread: the footnote keeps its mark.
_FOOTNOTE_QUOTE = r"(?!['’|] [A-Z][^\n]*\.$)"
_LEADING_DEBRIS_RE = re.compile(
    rf"^( ?){_FOOTNOTE_QUOTE}(?:(?:[{_DEBRIS}.,'’]+|[a-z]{{1,2}} +[{_DEBRIS}]+) +)+(?=\S)", re.M
)
_TRAILING_DEBRIS_RE = re.compile(rf"(?: +(?:[{_DEBRIS}]+|\.))+$", re.M)
# A speck glued to the number of an operative paragraph: "_10. Invites".
_DEBRIS_BEFORE_NUMBER_RE = re.compile(rf"^( ?)[{_DEBRIS}]+(?=\d{{1,3}}\. )", re.M)


def strip_line_debris(text: str) -> str:
    r"""Remove specks at the start and end of lines.

    A lone quote before a one-line sentence that starts with a capital and ends with a full
    stop stays: it is a footnote's number, and segmentation reads it as the footnote's mark.

    Example:
        >>> strip_line_debris("| Rappelant\nii _ 13e séance\n° . 22 juillet\ndes personnes ; ° |")
        'Rappelant\n13e séance\n22 juillet\ndes personnes ;'
        >>> strip_line_debris("’ Rappelant que,\n’ Treaty Series, vol. 2, No. 3.\n_10. Invites")
        'Rappelant que,\n’ Treaty Series, vol. 2, No. 3.\n10. Invites'
    """
    # Each pattern removes whole whitespace tokens made of specks (or, before a number, a
    # token that starts with one): a text whose distinct tokens hold none is left as it is,
    # without three scans anchored at every line and every space.
    words = joined_tokens(text)
    if _DEBRIS_START_RE.search(words):
        text = _DEBRIS_BEFORE_NUMBER_RE.sub(r"\1", text)
        words = joined_tokens(text)
    if _DEBRIS_TOKEN_RE.search(words):
        text = _LEADING_DEBRIS_RE.sub(r"\1", text)
        words = joined_tokens(text)
    if _TRAILING_TOKEN_RE.search(words):
        text = _TRAILING_DEBRIS_RE.sub("", text)
    return text


# Tokens (one a line in ``joined_tokens``) that the patterns above could remove or cut.
_DEBRIS_START_RE = re.compile(rf"^[{_DEBRIS}]", re.M)
_DEBRIS_TOKEN_RE = re.compile(rf"^[{_DEBRIS}.,'’]+$", re.M)
_TRAILING_TOKEN_RE = re.compile(rf"^(?:[{_DEBRIS}]+|\.)$", re.M)


# "2089/ 14", "68 /192": a space OCR put beside the slash of a citation (line breaks inside a
# citation are joined without one first). A slash between two numbers never takes spaces.
_CITATION_GAP_RE = re.compile(r"(?<=\d)(?: /|/ | / )(?=\d)")


def close_citation_gaps(text: str) -> str:
    r"""``resolution 2089/ 14`` → ``resolution 2089/14``.

    Example:
        >>> close_citation_gaps("resolutions 2089/ 14 and 68 /192, 3 / 4, but 2021/\n25")
        'resolutions 2089/14 and 68/192, 3/4, but 2021/\n25'
    """
    if " /" not in text and "/ " not in text:
        return text
    return _CITATION_GAP_RE.sub("/", text)


# "£/2091/58": the "E" of a UN document symbol (E/…) read as a pound sign. A pound sign before
# a slash is never a currency amount.
_POUND_SYMBOL_RE = re.compile(r"(?<![\w/])£(?=/[A-Z0-9])")
# "A/CONE.301/12", "A/CONEF.301", "A/CONE301": the symbol series of UN conferences is always
# "A/CONF.<number>"; in small print OCR reads its F as E (or adds an E) and loses the dot.
_CONF_SYMBOL_RE = re.compile(r"(?<![\w/])A/CON[EF]{1,2}\.?(?=\d)")


def repair_document_symbols(text: str) -> str:
    """Mend OCR misreadings of UN document symbols that no real symbol can have.

    Example:
        >>> repair_document_symbols("2 £/2091/58. £/RES/2091/7, A/CONEF.301/12; £50, £/")
        '2 E/2091/58. E/RES/2091/7, A/CONF.301/12; £50, £/'
        >>> repair_document_symbols("A/CONE301/12 and A/CONF.301/12, the CONE model")
        'A/CONF.301/12 and A/CONF.301/12, the CONE model'
    """
    if "£" in text:
        text = _POUND_SYMBOL_RE.sub("E", text)
    return _CONF_SYMBOL_RE.sub("A/CONF.", text) if "A/CON" in text else text


# Arabic presentation forms (contextual glyphs some PDFs store instead of letters).
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")


def fold_presentation_forms(text: str) -> str:
    """Arabic presentation forms become the letters they show (``ﻣﺠﻠﺲ`` → ``مجلس``).

    Example:
        >>> word = fold_presentation_forms("\\ufee3\\ufea0\\ufee0\\ufeb2")
        >>> word == "\\u0645\\u062c\\u0644\\u0633"
        True
    """
    return _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)


def drop_tatweel(text: str) -> str:
    """The Arabic elongation mark ``ـ`` (tatweel, kashida) stretches a word; it is no letter.

    Example:
        >>> drop_tatweel("المجلـــس") == "المجلس"
        True
    """
    return text.replace("\u0640", "")


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def ascii_digits(text: str) -> str:
    """Arabic-Indic digits become ASCII digits, as paragraph numbers and symbols print them.

    Example:
        >>> ascii_digits("٢٠٢١/٢٥")
        '2021/25'
    """
    return text.translate(_DIGITS)


# Full-width ASCII forms (U+FF01-FF5E) and the ideographic space.
_FULL_WIDTH_RE = re.compile("[\uff01-\uff5e\u3000]+")


def fold_full_width(text: str) -> str:
    """Full-width digits, letters and punctuation become their ASCII forms.

    Chinese text may type ``１．`` or ``1.``, ``，`` or ``,``: one canonical form keeps
    diffs quiet. ``。`` and ``、`` have no ASCII form and stay.

    Example:
        >>> fold_full_width("１．敦促各国，（ａ）")
        '1.敦促各国,(a)'
    """
    return _FULL_WIDTH_RE.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
