"""Rendering of searches: ``resdiff grep`` and ``resdiff precedent`` (text and JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resdiff._plural import counted
from resdiff.render.safety import json_text, terminal_safe
from resdiff.render.terminal import render_tokens
from resdiff.search import Clause, GrepHit, Precedent

GREP_SCHEMA = "resdiff.grep/1"
PRECEDENT_SCHEMA = "resdiff.precedent/1"

_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _clause(clause: Clause) -> dict[str, Any]:
    return {
        "symbol": clause.symbol,
        "year": clause.year,
        "series": clause.series,
        "lang": clause.lang,
        "unit": clause.unit_id,
        "text": clause.text,
        "store": clause.store,
        "commit": clause.commit,
    }


def render_grep_json(phrase: str, hits: Sequence[GrepHit]) -> str:
    """The ``resdiff.grep/1`` shape."""
    data = {
        "schema": GREP_SCHEMA,
        "phrase": phrase,
        "hits": [
            {**_clause(hit.clause), "spans": [list(s) for s in hit.spans], "first": hit.first}
            for hit in hits
        ],
    }
    return json_text(data) + "\n"


def render_grep_text(phrase: str, hits: Sequence[GrepHit], *, color: bool = False) -> str:
    """One line per hit: ``YEAR SYMBOL UNIT  text`` with the phrase in ``[[…]]`` (or bold).

    The first occurrence in each series is marked ``first``.
    """
    if not hits:
        return f"no stored clause contains {terminal_safe(phrase)!r}\n"
    lines = []
    for hit in hits:
        clause = hit.clause
        mark = "first" if hit.first else "     "
        text = _highlight(clause.text, hit.spans, color)
        where = f"{clause.year or '':<5} {clause.symbol:<14} {clause.lang} {clause.unit_id:<8}"
        lines.append(f"{mark} {terminal_safe(where)} {text}")
    series = len({hit.clause.series for hit in hits})
    lines.append(f"{counted(len(hits), 'clause')} in {counted(series, 'series', 'series')}")
    return "\n".join(lines) + "\n"


def _highlight(text: str, spans: Sequence[tuple[int, int]], color: bool) -> str:
    out, at = [], 0
    for start, end in spans:
        out.append(terminal_safe(text[at:start]))
        found = terminal_safe(text[start:end])
        out.append(f"{_BOLD}[[{found}]]{_RESET}" if color else f"[[{found}]]")
        at = end
    out.append(terminal_safe(text[at:]))
    return " ".join("".join(out).split())


def render_precedent_json(draft: str, results: Sequence[Precedent]) -> str:
    """The ``resdiff.precedent/1`` shape; ``tokens`` go from the stored clause to the draft."""
    data = {
        "schema": PRECEDENT_SCHEMA,
        "draft": draft,
        "results": [
            {
                "rank": rank,
                **_clause(result.clause),
                "score": result.score,
                "tokens": [[t.op, t.text] for t in result.tokens],
                "also": [
                    {
                        "symbol": c.symbol,
                        "year": c.year,
                        "unit": c.unit_id,
                        "store": c.store,
                        "commit": c.commit,
                    }
                    for c in result.also
                ],
            }
            for rank, result in enumerate(results, start=1)
        ],
    }
    return json_text(data) + "\n"


def render_precedent_text(draft: str, results: Sequence[Precedent], *, color: bool = False) -> str:
    """Ranked clauses, each with the words that differ from the draft (``[-stored-]{+draft+}``)."""
    if not results:
        return "no stored clause shares words with the draft\n"
    lines = []
    for rank, result in enumerate(results, start=1):
        clause = result.clause
        head = f"{rank:>2}. {result.score:.2f}  {clause.symbol} {clause.unit_id} ({clause.year}, "
        head += f"{clause.lang}) [{clause.series}]"
        lines.append(terminal_safe(head))
        if result.also:
            later = ", ".join(f"{c.year or c.symbol} {c.unit_id}" for c in result.also)
            lines.append(terminal_safe(f"    same wording in: {later}"))
        same = all(t.op == "=" for t in result.tokens)
        words = "identical wording" if same else render_tokens(result.tokens, color=color)
        lines.append(f"    {words}")
    return "\n".join(lines) + "\n"
