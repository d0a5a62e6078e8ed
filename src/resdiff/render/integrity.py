"""Rendering of ``resdiff verify`` and ``resdiff rebuild`` reports (plain text)."""

from __future__ import annotations

from collections.abc import Sequence

from resdiff._plural import counted
from resdiff.integrity import LanguagePlan, Verification
from resdiff.render.safety import terminal_safe


def render_verification(result: Verification) -> str:
    """``resdiff verify``: what was repaired, then one line per problem, then a summary."""
    lines = [f"repaired: {terminal_safe(line)}" for line in result.repaired]
    lines += [f"problem: {terminal_safe(line)}" for line in result.problems]
    checked = (
        f"{counted(result.versions, 'version')}, {counted(result.languages, 'language')}, "
        f"{counted(result.units, 'unit')} ({counted(result.corrections, 'recorded correction')})"
    )
    if result.ok:
        lines.append(f"verified {checked}: no problems")
    else:
        lines.append(f"{counted(len(result.problems), 'problem')} in {checked}")
    return "\n".join(lines)


def render_rebuild(plans: Sequence[LanguagePlan], commit: str | None, dry_run: bool) -> str:
    """``resdiff rebuild``: per language, the changes, what was kept, or why it was not rebuilt."""
    lines = []
    for plan in plans:
        head = f"{plan.symbol} ({plan.lang})"
        if plan.blocked:
            lines.append(f"{head}: not rebuilt: {terminal_safe(plan.blocked)}")
            continue
        if not plan.changes and not plan.kept:
            lines.append(f"{head}: up to date")
            continue
        lines.append(f"{head}:")
        lines += [f"  {terminal_safe(change)}" for change in plan.changes]
        lines += [f"  {terminal_safe(kept)}" for kept in plan.kept]
    changed = sum(1 for plan in plans if plan.write is not None)
    if dry_run:
        lines.append(
            f"would rebuild {counted(changed, 'language version')}; nothing written (--dry-run)"
        )
    elif changed:
        where = f"commit {commit[:10]}" if commit else "not committed"
        lines.append(f"rebuilt {counted(changed, 'language version')} ({where})")
    else:
        lines.append("nothing to rebuild")
    return "\n".join(lines)
