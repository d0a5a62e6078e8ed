"""OCR repair: a pipeline of small ``str -> str`` steps, picked once per language.

``repair(text, "fr")`` runs :func:`default_steps` for French: layout-free steps first
(Unicode, spaces, apostrophes), then the word-list checked repairs, then the steps only
French needs. Every step keeps the line structure and is idempotent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

# The steps' modules are imported when a text is repaired, not with this package: the accent
# folding of comparison forms and the differ's word lists (:mod:`resdiff.normalize.lexicon`)
# live in it too, and a search or a diff needs neither the languages nor the repair steps.
TYPE_CHECKING = False  # typing's would cost an import here
if TYPE_CHECKING:
    LAYOUT_STEPS: tuple[Step, ...]

Step = Callable[[str], str]

# Passes over the text before giving up on reaching a fixed point (two suffice in practice).
MAX_PASSES = 4


def _layout_steps() -> tuple[Step, ...]:
    """The layout-free steps every language runs first."""
    from resdiff.normalize import steps as _steps

    return (
        _steps.to_nfc,
        _steps.unify_newlines,
        _steps.fix_ligatures,
        _steps.normalize_spaces,
        _steps.unify_apostrophes,
        _steps.drop_stray_cents,
        _steps.strip_line_debris,
        _steps.repair_document_symbols,
        _steps.close_citation_gaps,
    )


def __getattr__(name: str) -> object:
    """``LAYOUT_STEPS``, made when first asked for."""
    if name == "LAYOUT_STEPS":
        return _layout_steps()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_steps(code: str) -> tuple[Step, ...]:
    """The repair steps for a language, in the order they run.

    Raises:
        UnknownLanguage: resdiff has no knowledge of this language.
    """
    from resdiff import lang
    from resdiff.normalize.broken_words import JoinBrokenWords
    from resdiff.normalize.lexicon import Lexicon
    from resdiff.normalize.misread_elisions import FixMisreadElisions
    from resdiff.normalize.words import (
        FixElisions,
        JoinHyphenatedLines,
        JoinSplitWords,
        RepairWords,
    )

    language = lang.get(code)
    layout = _layout_steps()
    if not language.word_repairs:
        return (*layout, *language.extra_steps)
    lexicon = Lexicon.for_language(code)
    # English is what texts in the other languages quote most (titles of documents, names).
    foreign = functools.partial(Lexicon.for_language, "en") if code != "en" else None
    return (
        *layout,
        FixElisions(language),
        FixMisreadElisions(language, lexicon),
        JoinHyphenatedLines(language, lexicon),
        JoinSplitWords(lexicon),
        JoinBrokenWords(lexicon, foreign),
        RepairWords(language, lexicon),
        *language.extra_steps,
    )


def repair(text: str, code: str, steps: Sequence[Step] | None = None) -> str:
    """Repair OCR damage in a resolution text.

    Args:
        text: the decoded text, line breaks included.
        code: ISO 639-1 language code (``fr``, ``en``).
        steps: the steps to run instead of :func:`default_steps`.

    Returns:
        The repaired text, with the same lines.

    One repair can make another possible (``I’ &`` becomes ``I’ à`` only after the elision
    step has run), so the steps run again until the text stops changing: the result is
    then idempotent by construction.
    """
    chosen = tuple(steps) if steps is not None else default_steps(code)
    for _ in range(MAX_PASSES):
        repaired = text
        for step in chosen:
            repaired = step(repaired)
        if repaired == text:
            break
        text = repaired
    return text


__all__ = ["LAYOUT_STEPS", "default_steps", "repair"]
