"""Build the constructed series ``constructed-demo`` from the real seed's clauses.

Run ``python -m tests.constructed.build`` from the project root to rewrite the four texts
beside this file; ``tests/test_history.py`` checks they are what this script makes. Every
edit is listed in ``EDITS`` and in this folder's README: the tests' expected lineages and
first-appearance versions follow from them. The symbols (E/RES/2091/1 … E/RES/2094/1) and
years are constructed and cannot be mistaken for real ones.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_UNITS = (
    HERE.parent.parent / "resolutions" / "ecosoc-trafficking" / "E-RES-2021-25" / "fr" / "units"
)
SERIES = "constructed-demo"
YEARS = (2091, 2092, 2093, 2094)

TITLE = "Série construite pour les tests (texte fictif) : mise en œuvre du Plan d’action mondial"
FORMULA = "Le Conseil économique et social,"

# Constructed clauses (not in the seed).
NEW_OP_2092 = (
    "Demande aux États Membres de renforcer la coopération transfrontière en matière de "
    "prévention de la traite des personnes et de protection des victimes ;"
)
NEW_PP_2094 = (
    "Constatant avec préoccupation que la traite des personnes continue de toucher de "
    "manière disproportionnée les femmes et les enfants,"
)

EDITS = {
    2092: [
        "pp3: inserts « et les décisions » after « Nations Unies » (modified)",
        "op2: a constructed clause is inserted; op2…op8 become op3…op9 (renumbered)",
        "closing: the date changes",
    ],
    2093: [
        "op4 (2091 op3) is split into op4 and op5; op5…op9 become op6…op10",
        "pp5 is removed; pp6 becomes pp5",
        "op10 (2091 op8): « Encourage » becomes « Engage » (modified)",
        "closing: the date changes",
    ],
    2094: [
        "op2 (added in 2092): « renforcer la coopération » becomes « intensifier l’entraide »",
        "pp6: a constructed clause is added after pp5",
        "op5 (second part of the split): « sans délai » is inserted after « à continuer »",
        "closing: the date changes",
    ],
}


def seed(unit_id: str) -> str:
    """The canonical text of a unit of the seed E/RES/2021/25 (fr)."""
    return (SEED_UNITS / f"{unit_id}.txt").read_text(encoding="utf-8").strip()


def _split_op3() -> tuple[str, str]:
    text = seed("op3")
    head, _, tail = text.partition(", et invite la Conférence des Parties")
    return head + " ;", "Invite la Conférence des Parties" + tail


def clauses(year: int) -> tuple[list[str], list[str]]:
    """The preambular and operative paragraphs of the constructed version of ``year``."""
    preamble = [seed(f"pp{n}") for n in range(1, 7)]
    operative = [seed(f"op{n}") for n in range(1, 9)]
    if year >= 2092:
        preamble[2] = preamble[2].replace("Nations Unies", "Nations Unies et les décisions", 1)
        operative.insert(1, NEW_OP_2092)
    if year >= 2093:
        operative[3:4] = list(_split_op3())
        del preamble[4]
        operative[9] = operative[9].replace("Encourage", "Engage", 1)
    if year >= 2094:
        operative[1] = operative[1].replace("renforcer la coopération", "intensifier l’entraide")
        preamble.append(NEW_PP_2094)
        operative[4] = operative[4].replace("à continuer de", "à continuer sans délai de", 1)
    return preamble, operative


def text(year: int) -> str:
    """The printed text of the constructed version of ``year``, as resdiff add reads it."""
    preamble, operative = clauses(year)
    parts = [f"{year}/1. {TITLE}", FORMULA, *preamble]
    parts += [f"{n}. {clause}" for n, clause in enumerate(operative, start=1)]
    parts.append(f"13e séance plénière\n22 juillet {year}")
    return "\n\n".join(parts) + "\n"


def file_name(year: int) -> str:
    """``E_RES_2091_1_fr.txt``."""
    return f"E_RES_{year}_1_fr.txt"


def main() -> None:
    """Write the constructed texts beside this script."""
    for year in YEARS:
        (HERE / file_name(year)).write_text(text(year), encoding="utf-8")


if __name__ == "__main__":
    main()
