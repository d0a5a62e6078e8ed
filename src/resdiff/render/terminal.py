"""A comparison for people at a terminal: a summary line, then each changed unit.

Word changes read as ``[-old-]{+new+}`` (like ``git diff --word-diff``); on a colour
terminal the markers stay, and deletions are also red and struck through, insertions green
and underlined, so the changes read without telling red from green. Document text is always
passed through :func:`~resdiff.render.safety.terminal_safe`, so a clause carrying escape
sequences cannot drive the terminal.
"""

from __future__ import annotations

from typing import Any

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Token
from resdiff.render.safety import terminal_safe

# Unchanged words shown around a change; longer unchanged stretches are shortened to "…".
CONTEXT_WORDS = 8

_RED, _GREEN, _BOLD, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
_STRIKE, _UNDERLINE = "\x1b[9m", "\x1b[4m"


def render_terminal(
    comparison: Comparison,
    *,
    color: bool = False,
    show_all: bool = False,
    explain: bool = False,
    **_options: Any,
) -> str:
    """The comparison as terminal text.

    Args:
        comparison: what :func:`resdiff.compare.compare` returned.
        color: add ANSI colours (red struck through, green underlined) to the ``[-…-]{+…+}``
            markers.
        show_all: also list unchanged, unmoved units.
        explain: list, per unit, the differences judged OCR or typographic noise.
    """
    style = _Style(color)
    lines = [_summary(comparison, style), *_facts(comparison)]
    for change in comparison.changes:
        differs = change.status is not ChangeStatus.UNCHANGED or change.moved
        if differs or show_all or (explain and change.suppressed):
            lines.append("")
            lines.extend(_change(change, style, explain))
    return "\n".join(lines) + "\n"


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def wrap(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color and text else text

    def deleted(self, text: str) -> str:
        return self.wrap(_RED + _STRIKE, f"[-{text}-]")

    def inserted(self, text: str) -> str:
        return self.wrap(_GREEN + _UNDERLINE, f"{{+{text}+}}")


def _label(resolution: Resolution) -> str:
    kind = resolution.document_label
    ocr = "read by OCR" if resolution.read_by_ocr else ""
    details = ", ".join(str(x) for x in (kind, resolution.year, resolution.lang, ocr) if x)
    return terminal_safe(f"{resolution.name} ({details})" if details else resolution.name)


def _facts(comparison: Comparison) -> list[str]:
    """One short line per side that has a library record's vote or an official address."""
    lines = []
    for side, resolution in (("old", comparison.old), ("new", comparison.new)):
        facts = [x for x in (resolution.vote, resolution.source_url) if x]
        if facts:
            lines.append(terminal_safe(f"  {side}: {' · '.join(facts)}"))
    return lines


def _summary(comparison: Comparison, style: _Style) -> str:
    counts = comparison.summary()
    shown = ", ".join(f"{counts[key]} {key}" for key in (
        "modified", "added", "removed", "moved", "split", "merged", "unchanged"))  # fmt: skip
    head = f"{_label(comparison.old)} → {_label(comparison.new)}"
    verdict = "" if comparison.has_differences else " — no differences"
    return style.wrap(_BOLD, head) + f": {shown}{verdict}"


def _ids(units: tuple[Any, ...]) -> str:
    return ", ".join(terminal_safe(u.id) for u in units) or "∅"


def _change(change: Change, style: _Style, explain: bool) -> list[str]:
    status = change.status.value
    if change.moved:
        status += ", moved"
    if change.status is ChangeStatus.UNCHANGED and change.renumbered:
        status += " (renumbered)"
    if change.status is not ChangeStatus.UNCHANGED and change.old and change.new:
        status += f", similarity {change.similarity:.2f}"
    lines = [style.wrap(_BOLD, f"{_ids(change.old)} → {_ids(change.new)}") + f"  {status}"]
    lines.extend(f"  ! {terminal_safe(note)}" for note in change.annotations)
    if change.status is ChangeStatus.ADDED:
        lines.append("  " + style.inserted(_flat(change.new[0].text)))
    elif change.status is ChangeStatus.REMOVED:
        lines.append("  " + style.deleted(_flat(change.old[0].text)))
    elif change.status is not ChangeStatus.UNCHANGED:
        lines.append("  " + _words(change.tokens, style))
    if explain:
        lines.extend(
            f"  ~ {terminal_safe(s.old) or '∅'} → {terminal_safe(s.new) or '∅'} ({s.reason})"
            for s in change.suppressed
        )
    return lines


def _flat(text: str) -> str:
    return terminal_safe(" ".join(text.split()))


def _words(tokens: tuple[Token, ...], style: _Style) -> str:
    parts = []
    for k, token in enumerate(tokens):
        text = _flat(token.text)
        trail = " " if token.text[-1:].isspace() else ""
        if token.op == "-" and k + 1 < len(tokens) and tokens[k + 1].op == "+":
            trail = ""  # [-old-]{+new+}: a replacement reads as one
        if token.op == "-":
            parts.append(style.deleted(text) + trail)
        elif token.op == "+":
            parts.append(style.inserted(text) + trail)
        else:
            parts.append(_context(text, first=k == 0, last=k == len(tokens) - 1) + trail)
    return "".join(parts).rstrip()


def _context(text: str, first: bool, last: bool) -> str:
    """Shorten a long unchanged stretch, keeping the words next to the changes."""
    words = text.split()
    keep = CONTEXT_WORDS
    if len(words) <= 2 * keep + 1:
        return text
    head = [] if first else words[:keep]
    tail = [] if last else words[-keep:]
    return " ".join([*head, "…", *tail])


def render_tokens(tokens: tuple[Token, ...], *, color: bool = False) -> str:
    """Word changes on one line, as in a diff: ``[-old-]{+new+}`` (or colours), context cut."""
    return _words(tokens, _Style(color))
