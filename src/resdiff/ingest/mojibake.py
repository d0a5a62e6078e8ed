"""Mojibake: UTF-8 text that was once read as Windows-1252 (``rÃ©solution``, ``lâ€™Office``),
put back as it was written. The only importer of ftfy.

Only ftfy's encoding repair runs (``fix_encoding``): quotes, ligatures, character widths,
line breaks, HTML entities and Unicode normalisation are left exactly as they are, so a
correct text comes out unchanged. Each line is repaired on its own, as ftfy advises, since a
pasted text often mixes damaged and sound lines. The stored source is never touched: the
repair is made on the text read from it, and said in a warning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# Mojibake of UTF-8 read as Windows-1252 (or Latin-1) is always a whole UTF-8 sequence: a
# lead byte's letter (U+00C2–U+00F4: Â Ã â é ð…) followed by as many continuation bytes' signs
# as it announces — one after U+00C2–U+00DF, two after U+00E0–U+00EF, three after
# U+00F0–U+00F4 — each in U+0080–U+00BF or what Windows-1252 puts there (€ ‚ ƒ „ … † ‡ ˆ ‰ Š
# ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ). A line without such a sequence cannot hold any and is
# not given to ftfy (nor is ftfy imported, ≈40 ms), which decides for the others (a sound
# line that happens to hold one comes out unchanged). OCR specks such as ``é¢`` followed by a
# letter are not such a sequence.
_CONTINUATION = ("[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                 "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                 "\u2039\u203a\u20ac\u2122]")  # fmt: skip
_SUSPECT_RE = re.compile(f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}"
                         f"|[\u00f0-\u00f4]{_CONTINUATION}{{3}}")  # fmt: skip


@dataclass(frozen=True, slots=True)
class MojibakeRepair:
    """What :func:`repair_mojibake` changed: how many lines, and the first word repaired."""

    lines: int
    before: str
    after: str

    @property
    def warning(self) -> str:
        """The ingest warning that reports it."""
        lines = "1 line" if self.lines == 1 else f"{self.lines} lines"
        return (
            f"mojibake repaired on {lines} (UTF-8 read as Windows-1252: {self.before!r} → "
            f"{self.after!r}); the stored source is unchanged"
        )


def repair_mojibake(text: str) -> tuple[str, MojibakeRepair | None]:
    """Undo UTF-8 read as Windows-1252, line by line; None when nothing needed it.

    >>> repair_mojibake("La rÃ©solution\\nl’Assemblée « générale »")[0]
    'La résolution\\nl’Assemblée « générale »'
    >>> repair_mojibake("l’Assemblée « générale » ﬁnal")[1] is None
    True
    """
    if not _SUSPECT_RE.search(text):
        return text, None
    from ftfy import TextFixerConfig, fix_encoding

    config = TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=False, remove_control_chars=False, normalization=None, explain=False,
    )  # fmt: skip
    lines = text.split("\n")
    changed = 0
    first: tuple[str, str] | None = None
    for index, line in enumerate(lines):
        if not _SUSPECT_RE.search(line):
            continue
        fixed = fix_encoding(line, config)
        if fixed != line:
            changed += 1
            first = first or _first_word_changed(line, fixed)
            lines[index] = fixed
    if not changed:
        return text, None
    assert first is not None
    repair = MojibakeRepair(changed, *first)
    logger.info("%s", repair.warning)
    return "\n".join(lines), repair


def _first_word_changed(line: str, fixed: str) -> tuple[str, str]:
    before, after = line.split(), fixed.split()
    if len(before) == len(after):
        for old, new in zip(before, after, strict=True):
            if old != new:
                return old, new
    return line.strip()[:40], fixed.strip()[:40]
