"""How a unit is set as a paragraph: its label run, its style, the italics of its opening."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from resdiff.model import Unit, UnitKind
from resdiff.render.docx._types import Paragraph, Rev, Run


def text_runs(text: str, rev: Rev) -> Iterator[Run]:
    """One run of ``text`` carrying ``rev``, or none for an empty text."""
    if text:
        yield Run(rev, text)


def label_runs(unit: Unit, rev: Rev) -> tuple[Run, ...]:
    """The unit's label (``3.``, ``a)``) as a run of its own, or nothing."""
    return (Run(rev, unit.label, label=True),) if unit.label else ()


def depth(unit: Unit) -> int:
    """1 for a sub-item (``pp8.a``), 2 for a sub-sub-item (``op3.b.i``), else 0."""
    return unit.id.count(".") if unit.kind is UnitKind.SUBITEM else 0


def paragraph(unit: Unit, runs: Sequence[Run], mark: Rev) -> Paragraph:
    """A paragraph in the unit's style, its opening (or the formula) in italics."""
    body = tuple(runs)
    if unit.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE):
        body = _italic_opening(body)
    elif unit.kind is UnitKind.FORMULA:
        body = _italic_formula(body)
    return Paragraph(unit.kind, body, mark=mark, depth=depth(unit))


_SPACE_RE = re.compile(r"\s")


def _italic_opening(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Set the opening word in italics (*Recalling*, *Prie*), as resolutions print it.

    Every run before the first space that follows some text is italic, so an opening word
    that changed is italic on both sides of the revision.
    """
    out: list[Run] = []
    seen_text = done = False
    for run in runs:
        if done or run.label or run.footnote is not None or not run.text:
            out.append(run)
            continue
        text = run.text
        if not seen_text:
            stripped = text.lstrip()
            if not stripped:
                out.append(run)
                continue
            seen_text = True
            lead = len(text) - len(stripped)
        else:
            lead = 0
        space = _SPACE_RE.search(text, lead)
        if space is None:
            out.append(Run(run.rev, text, italic=True))
            continue
        done = True
        if space.start():
            out.append(Run(run.rev, text[: space.start()], italic=True))
        out.append(Run(run.rev, text[space.start() :]))
    return tuple(out)


def _italic_formula(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Set the acting body in italics, its closing comma upright (*The General Assembly*,)."""
    out = [Run(r.rev, r.text, italic=True) if r.text and not r.label else r for r in runs]
    for k in range(len(out) - 1, -1, -1):
        run = out[k]
        if run.footnote is None and run.text:
            if run.text.endswith(",") and not run.label:
                out[k : k + 1] = [Run(run.rev, run.text[:-1], italic=True), Run(run.rev, ",")]
            break
    return tuple(r for r in out if r.text or r.footnote is not None or r.label)
