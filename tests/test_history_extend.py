"""Extending a history by one version gives what building the longer series whole gives."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from resdiff.compare import compare
from resdiff.history import build_history
from resdiff.history.lineage import extend_history
from resdiff.model import Comparison, Resolution, Unit, UnitKind
from resdiff.storage import Store

from .conftest import BUNDLED_STORE
from .constructed.evolution import renumber

BODY = (UnitKind.PREAMBLE, UnitKind.OPERATIVE)


def _edit(units: list[Unit], year: int, rng: random.Random) -> list[Unit]:
    """One year: a clause reworded, one added, and now and then one dropped, split or two
    joined (a merge joins two lineages: the extension then declines)."""
    units = list(units)
    body = [k for k, u in enumerate(units) if u.kind in BODY]
    k = rng.choice(body)
    units[k] = dataclasses.replace(units[k], text=units[k].text + f" (révisé en {year})")
    operative = [k for k, u in enumerate(units) if u.kind is UnitKind.OPERATIVE]
    text = f"Décide d’examiner en {year} la question du point {rng.randint(1, 99)} ;"
    units.insert(rng.choice(operative), Unit("op0", UnitKind.OPERATIVE, text))
    roll = rng.random()
    operative = [k for k, u in enumerate(units) if u.kind is UnitKind.OPERATIVE]
    k = rng.choice(operative[1:-1])
    if roll < 0.2:
        del units[k]
    elif roll < 0.4:  # split in two
        words = units[k].text.split()
        half = len(words) // 2
        units[k : k + 1] = [dataclasses.replace(units[k], text=" ".join(words[:half]) + " ;"),
                            Unit("op0", UnitKind.OPERATIVE, " ".join(words[half:]))]  # fmt: skip
    elif roll < 0.5 and units[k + 1].kind is UnitKind.OPERATIVE:  # two joined
        joined = units[k].text.rstrip(" ;") + " et " + units[k + 1].text
        units[k : k + 2] = [dataclasses.replace(units[k], text=joined)]
    return renumber(units)


def _series(seed: int, count: int) -> tuple[list[Resolution], list[Comparison]]:
    base = Store(BUNDLED_STORE).load("2021")
    units = [u for u in base.units if u.kind is not UnitKind.SUBITEM]
    rng = random.Random(seed)
    versions = []
    for n in range(count):
        year = 2101 + n
        units = _edit(units, year, rng) if n else units
        versions.append(dataclasses.replace(
            base, symbol=f"E/RES/{year}/1", year=year, units=tuple(units), series="s"
        ))  # fmt: skip
    return versions, [compare(a, b) for a, b in itertools.pairwise(versions)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_extending_by_each_version_gives_the_whole_build(seed: int) -> None:
    versions, comparisons = _series(seed, 9)
    extended = declined = 0
    for n in range(1, len(versions)):
        shorter = build_history("s", versions[:n], comparisons[: n - 1])
        whole = build_history("s", versions[: n + 1], comparisons[:n])
        found = extend_history(shorter, versions[n], comparisons[n - 1])
        if found is None:
            declined += 1
            # Declined only where the new comparison joins lineages: fewer of them, some
            # lineage holding units of two earlier lineages.
            assert any(len(c.old) > 1 for c in comparisons[n - 1].changes)
        else:
            extended += 1
            assert found == whole
    assert extended >= len(versions) // 2


def test_a_chain_of_extensions_gives_the_whole_build() -> None:
    versions, comparisons = _series(7, 8)
    history = build_history("s", versions[:1], [])
    for n in range(1, len(versions)):
        longer = extend_history(history, versions[n], comparisons[n - 1])
        history = longer or build_history("s", versions[: n + 1], comparisons[:n])
    assert history == build_history("s", versions, comparisons)


def test_lineages_the_new_version_joins_are_declined() -> None:
    versions, comparisons = _series(4, 2)
    units = list(versions[1].units)
    k = next(k for k, u in enumerate(units) if u.id == "op3")
    joined = units[k].text.rstrip(" ;") + " et " + units[k + 1].text
    units[k : k + 2] = [dataclasses.replace(units[k], text=joined)]
    third = dataclasses.replace(versions[1], symbol="E/RES/2103/1", units=tuple(renumber(units)))
    comparison = compare(versions[1], third)
    assert any(len(c.old) > 1 for c in comparison.changes)  # the differ saw the merge
    history = build_history("s", versions, comparisons)
    assert extend_history(history, third, comparison) is None
