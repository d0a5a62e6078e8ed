#!/usr/bin/env python3
"""Time HTML, Markdown and Word report generation for constructed pairs of ~50, ~500, ~2,500 units.

Usage: python scripts/bench_report.py [--repeat 3]

Each pair is built from French clauses with known edits (every 9th unit reworded, every 31st
removed, every 37th a new one inserted, every 43rd moved further down). When the differ
(`resdiff.compare`) is installed the comparison comes from it; otherwise the script builds the
`Comparison` itself from the known edits. Only rendering is timed: the differ has its own
benchmark (scripts/bench_diff.py). The target is under 2 s for the ~2,500-unit pair, and the
Word report (``--format docx``, tracked changes) within 2x the HTML report's time.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import time
from collections.abc import Callable

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Token, Unit, UnitKind
from resdiff.render.docx import render_docx
from resdiff.render.html import render_html
from resdiff.render.markdown import render_markdown

CLAUSES = (
    "Condamnant de nouveau énergiquement la traite des personnes, en particulier des femmes et "
    "des enfants, qui constitue une infraction et une grave menace pour la dignité humaine,",
    "Réaffirmant les engagements pris par les États Membres pour que des mesures efficaces "
    "soient immédiatement adoptées afin d’éliminer la traite des personnes sous toutes ses formes,",
    "Conscient de la portée du Plan d’action mondial des Nations Unies pour la lutte contre la "
    "traite des personnes, que l’Assemblée générale a adopté dans sa résolution 64/293,",
    "Prie instamment les États Membres qui ne l’ont pas encore fait d’envisager de ratifier la "
    "Convention des Nations Unies contre la criminalité transnationale organisée\u00a0;",
    "Invite les États Membres à continuer de verser des contributions volontaires au Fonds "
    "d’affectation spéciale des Nations Unies pour les victimes de la traite\u00a0;",
    "Engage les organismes compétents des Nations Unies à veiller à ce qu’aucun achat de "
    "l’Organisation n’ait de lien avec la traite des personnes\u00a0;",
    "Souligne qu’il importe de renforcer la coopération internationale, régionale et bilatérale "
    "pour prévenir et combattre la traite des personnes\u00a0;",
)
WORDS = ("nationale", "régionale", "effective", "durable", "intégrale", "concertée", "renforcée")
_WORD_RE = re.compile(r"\S+\s*")


def _tokens(old: str, new: str) -> tuple[Token, ...]:
    a, b = _WORD_RE.findall(old), _WORD_RE.findall(new)
    tokens: list[Token] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            tokens.append(Token("=", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            tokens.append(Token("-", "".join(a[i1:i2])))
        if j2 > j1:
            tokens.append(Token("+", "".join(b[j1:j2])))
    return tuple(tokens)


def _clause(rng: random.Random, i: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(3))
    base = CLAUSES[i % len(CLAUSES)]
    return f"{base[:-1]} de manière {words} (clause {i}){base[-1]}"


def constructed_pair(units: int) -> tuple[Resolution, Resolution, tuple[Change, ...]]:
    """Two versions of a ``units``-unit resolution and the changes between them."""
    rng = random.Random(units)
    old_texts = [_clause(rng, i) for i in range(units)]
    plan: list[tuple[str, int | None, str]] = []  # (status, old index, new text)
    moved: list[int] = []
    for i, text in enumerate(old_texts):
        if i % 31 == 30:
            plan.append(("removed", i, ""))
            continue
        if i % 43 == 42:
            moved.append(i)
            continue
        if i % 9 == 4:
            plan.append(("modified", i, text.replace("de manière", "de façon", 1) + " sans délai"))
        else:
            plan.append(("unchanged", i, text))
        if i % 37 == 36:
            plan.append(("added", None, f"Décide d’examiner la question à sa session {i}\u00a0;"))
        if moved and i % 43 == 20:
            plan.append(("moved", moved.pop(0), ""))
    plan += [("moved", m, "") for m in moved]
    old_units = tuple(Unit(f"op{i + 1}", UnitKind.OPERATIVE, t) for i, t in enumerate(old_texts))
    new_units: list[Unit] = []
    changes: list[Change] = []
    for status, i, text in plan:
        if status == "removed":
            assert i is not None
            changes.append(Change(ChangeStatus.REMOVED, (old_units[i],), ()))
            continue
        unit = Unit(f"op{len(new_units) + 1}", UnitKind.OPERATIVE, text or old_texts[i or 0])
        new_units.append(unit)
        old = () if i is None else (old_units[i],)
        if status == "added":
            changes.append(Change(ChangeStatus.ADDED, (), (unit,), similarity=0.0))
        elif status == "modified":
            tokens = _tokens(old_units[i or 0].text, text)
            changes.append(
                Change(ChangeStatus.MODIFIED, old, (unit,), similarity=0.9, tokens=tokens)
            )
        else:
            changes.append(Change(ChangeStatus.UNCHANGED, old, (unit,), moved=status == "moved"))
    old_res = Resolution("E/RES/2019/99", "fr", old_units, title="Constructed benchmark text")
    new_res = Resolution(
        "E/RES/2021/99", "fr", tuple(new_units), title="Constructed benchmark text"
    )
    return old_res, new_res, tuple(changes)


def comparison_for(units: int) -> tuple[Comparison, str]:
    old, new, changes = constructed_pair(units)
    try:
        from resdiff.compare import compare
    except ImportError:
        return Comparison(old, new, changes), "constructed"
    return compare(old, new), "differ"


def best_of(
    repeat: int, render: Callable[[Comparison], str | bytes], comparison: Comparison
) -> tuple[float, bytes]:
    times, output = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = render(comparison)
        output = result.encode() if isinstance(result, str) else result
        times.append(time.perf_counter() - start)
    return min(times), output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (best is kept)")
    args = parser.parse_args()
    start = time.perf_counter()
    render_html(comparison_for(5)[0])  # template compilation, timed separately
    warmup = time.perf_counter() - start
    header = (
        f"{'pair':>12} {'source':>11} {'changes':>8} {'html s':>8} {'md s':>8} "
        f"{'docx s':>8} {'docx/html':>9} {'html KB':>8} {'md KB':>7} {'docx KB':>8}"
    )
    print(header)
    print("-" * len(header))
    for units in (50, 500, 2500):
        comparison, source = comparison_for(units)
        html_time, html = best_of(args.repeat, render_html, comparison)
        md_time, md = best_of(args.repeat, render_markdown, comparison)
        docx_time, docx = best_of(args.repeat, render_docx, comparison)
        pair = f"{len(comparison.old.units)}/{len(comparison.new.units)}"
        print(
            f"{pair:>12} {source:>11} {len(comparison.changes):>8} {html_time:>8.3f} "
            f"{md_time:>8.3f} {docx_time:>8.3f} {docx_time / html_time:>9.2f} "
            f"{len(html) / 1024:>8.0f} {len(md) / 1024:>7.0f} {len(docx) / 1024:>8.0f}"
        )
    print(f"\nfirst render incl. template compilation: {warmup:.3f} s")
    print("target: html < 2 s for the ~2,500-unit pair; docx within 2x html")


if __name__ == "__main__":
    main()
