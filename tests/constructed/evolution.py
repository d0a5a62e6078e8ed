"""Constructed year-to-year editing of a resolution's units (for history tests and benchmarks)."""

from __future__ import annotations

import dataclasses

from resdiff.model import Unit, UnitKind


def renumber(units: list[Unit]) -> list[Unit]:
    """The operative paragraphs numbered again ``op1``, ``op2``… in order, labels too."""
    count = 0
    out = []
    for unit in units:
        if unit.kind is UnitKind.OPERATIVE:
            count += 1
            unit = dataclasses.replace(unit, id=f"op{count}", label=f"{count}.")
        out.append(unit)
    return out
