"""Build the constructed test variants in tests/cases/ from the golden transcriptions.

Each case is a golden text with known edits: the hand-corrected transcription of
E/RES/2021/25 (French), or, for the ``constructed-en-…`` cases, the constructed English
resolution ``tests/golden/constructed-en.golden.txt`` (itself made up for tests). The
variants are CONSTRUCTED for tests: they are not UN documents and no UN body adopted them.
Every case folder is named ``constructed-…`` and holds:

- ``old.txt``        clean render of the golden units (tests/golden_format.render_document);
- ``new.txt``        clean render of the edited units;
- ``new.units.txt``  the edited units in the golden format, with the ids segmentation gives;
- ``expected.json``  ``{"constructed": true, "description": …, "changes": […]}``;
- ``README.md``      says what the case is, and that it is constructed.

``changes`` lists every change except units that are unchanged and not moved (a renumbered
but otherwise unchanged unit is not listed). It is derived from the declared edits below,
and tests/test_cases.py checks it independently against old and new units.

Usage: python scripts/make_cases.py   (rewrites tests/cases/constructed-*/)
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden_format import (  # noqa: E402
    GOLDEN_DIR,
    GoldenUnit,
    read_golden,
    render_document,
    renumber,
    write_golden,
)

GOLDEN = GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt"
GOLDEN_EN = GOLDEN_DIR / "constructed-en.golden.txt"
CASES_DIR = ROOT / "tests" / "cases"
NOTICE = "CONSTRUCTED VARIANT for tests — not a UN document"


@dataclass(frozen=True, slots=True)
class Entry:
    """A unit of the edited document and the golden ids it comes from."""

    unit: GoldenUnit
    origin: tuple[str, ...]  # () for an added unit, 2+ ids for a merge
    moved: bool = False


Doc = list[Entry]


def _index(doc: Doc, unit_id: str) -> int:
    for i, entry in enumerate(doc):
        if entry.origin == (unit_id,):
            return i
    raise KeyError(unit_id)


def reword(doc: Doc, unit_id: str, old: str, new: str) -> None:
    """Replace the only occurrence of ``old`` by ``new`` in a unit's text."""
    i = _index(doc, unit_id)
    text = doc[i].unit.text
    if text.count(old) != 1:
        raise ValueError(f"{old!r} occurs {text.count(old)} times in {unit_id}")
    doc[i] = replace(doc[i], unit=replace(doc[i].unit, text=text.replace(old, new)))


def insert_after(doc: Doc, unit_id: str, kind_id: str, text: str) -> None:
    """Insert a new unit (``kind_id`` "pp0" or "op0" gives its kind) after ``unit_id``."""
    label = "0." if kind_id.startswith("op") else None
    doc.insert(_index(doc, unit_id) + 1, Entry(GoldenUnit(kind_id, label, (), text), ()))


def delete(doc: Doc, unit_id: str) -> None:
    del doc[_index(doc, unit_id)]


def move_after(doc: Doc, unit_id: str, after_id: str, *, as_op: str | None = None) -> None:
    """Move a unit after another; ``as_op`` turns it into an operative paragraph."""
    entry = doc.pop(_index(doc, unit_id))
    unit = entry.unit if as_op is None else replace(entry.unit, id="op0", label="0.", text=as_op)
    doc.insert(_index(doc, after_id) + 1, replace(entry, unit=unit, moved=True))


def split(doc: Doc, unit_id: str, texts: list[str]) -> None:
    i = _index(doc, unit_id)
    entry = doc.pop(i)
    for offset, text in enumerate(texts):
        doc.insert(i + offset, replace(entry, unit=replace(entry.unit, text=text)))


def merge(doc: Doc, unit_ids: list[str], text: str) -> None:
    i = _index(doc, unit_ids[0])
    first = doc[i]
    for unit_id in unit_ids:
        delete(doc, unit_id)
    doc.insert(i, Entry(replace(first.unit, text=text), tuple(unit_ids)))


def changes_of(old: list[GoldenUnit], doc: Doc, new: list[GoldenUnit]) -> list[dict[str, object]]:
    """List the changes from ``old`` to the edited ``doc`` (whose renumbered units are ``new``).

    Changes come in new-document order; a removed unit comes right after the change or
    unchanged unit that precedes it in the old document.
    """
    old_by_id = {unit.id: unit for unit in old}
    old_pos = {unit.id: i for i, unit in enumerate(old)}
    sources: dict[str, list[str]] = {}
    for entry, unit in zip(doc, new, strict=True):
        for origin in entry.origin:
            sources.setdefault(origin, []).append(unit.id)

    keyed: list[tuple[float, dict[str, object]]] = []
    seen_split: set[str] = set()
    for pos, (entry, unit) in enumerate(zip(doc, new, strict=True)):
        change: dict[str, object] | None = None
        if not entry.origin:
            change = {"status": "added", "moved": False, "old": [], "new": [unit.id]}
        elif len(entry.origin) > 1:
            change = {
                "status": "merged",
                "moved": entry.moved,
                "old": list(entry.origin),
                "new": [unit.id],
            }
        elif len(sources[entry.origin[0]]) > 1:
            if entry.origin[0] not in seen_split:
                seen_split.add(entry.origin[0])
                change = {
                    "status": "split",
                    "moved": entry.moved,
                    "old": list(entry.origin),
                    "new": sources[entry.origin[0]],
                }
        else:
            modified = old_by_id[entry.origin[0]].text != unit.text
            if modified or entry.moved:
                change = {
                    "status": "modified" if modified else "unchanged",
                    "moved": entry.moved,
                    "old": list(entry.origin),
                    "new": [unit.id],
                }
        if change is not None:
            keyed.append((pos, change))
    # Place each removed unit after the new position of the nearest kept unit above it.
    new_pos_of_old = {o: pos for pos, entry in enumerate(doc) for o in entry.origin}
    for unit in old:
        if unit.id in sources:
            continue
        above = [new_pos_of_old[u.id] for u in old[: old_pos[unit.id]] if u.id in sources]
        where = (max(above) if above else -1) + 0.5 + old_pos[unit.id] / 1000
        keyed.append((where, {"status": "removed", "moved": False, "old": [unit.id], "new": []}))
    return [change for _, change in sorted(keyed, key=lambda item: item[0])]


@dataclass(frozen=True, slots=True)
class Source:
    """A golden text that cases edit, and how their README names it."""

    path: Path
    what: str  # the end of the README's "made … by editing" sentence, line breaks included
    old_is: str  # what old.txt is, in the README


FRENCH = Source(
    GOLDEN,
    "the hand-corrected\ntranscription of E/RES/2021/25 (French) in `tests/golden/`. "
    "No UN body adopted it;\n",
    "clean render of the golden transcription (the real resolution)",
)
ENGLISH = Source(
    GOLDEN_EN,
    "the constructed English\nresolution in `tests/golden/` (itself made up for tests, not a UN "
    "document).\nNo UN body adopted it;\n",
    "clean render of the constructed English resolution (not a UN document either)",
)


@dataclass(frozen=True, slots=True)
class Case:
    slug: str
    description: str
    edit: Callable[[Doc], None]
    source: Source = FRENCH


def _op_word_reworded(doc: Doc) -> None:
    reword(doc, "op6", "équilibrée, fiable et exhaustive", "équilibrée, fiable et complète")


def _op_verb_changed(doc: Doc) -> None:
    reword(
        doc,
        "op4",
        "Invite les États Membres à s’attaquer",
        "Encourage les États Membres à s’attaquer",
    )


def _number_date_changed(doc: Doc) -> None:
    reword(doc, "pp17", "résolution 68/192 du", "résolution 68/193 du")
    reword(doc, "pp18", "les 27 et 28 septembre 2017", "les 27 et 28 septembre 2018")


def _pp_inserted(doc: Doc) -> None:
    insert_after(
        doc,
        "pp3",
        "pp0",
        "Prenant acte des travaux que mènent les commissions régionales en matière de "
        "lutte contre la traite des personnes,",
    )


def _op_inserted(doc: Doc) -> None:
    insert_after(
        doc,
        "op5",
        "op0",
        "Engage les États Membres à renforcer la coopération transfrontière entre leurs "
        "services de détection et de répression ;",
    )


def _paragraph_deleted(doc: Doc) -> None:
    delete(doc, "pp3")


def _paragraph_moved(doc: Doc) -> None:
    move_after(doc, "op9", "op3")


def _paragraph_split(doc: Doc) -> None:
    split(
        doc,
        "op10",
        [
            "Invite les États Membres, agissant dans le cadre de l’évaluation du Plan d’action "
            "mondial, à envisager d’élaborer et de mettre en œuvre des politiques nationales, "
            "conformément à leur droit interne, visant à prévenir la traite des personnes dans la "
            "passation des marchés publics et les chaînes d’approvisionnement mondiales ;",
            "Invite également les États Membres à envisager, le cas échéant, de promouvoir les "
            "partenariats et d’inciter les milieux d’affaires et la société civile, y compris les "
            "organisations non gouvernementales, à participer à l’élaboration et à la mise en "
            "place d’initiatives durables visant à prévenir et à combattre la traite des personnes "
            "dans les chaînes d’approvisionnement, sachant que les États Membres jouent un rôle de "
            "premier plan et sont les premiers responsables à cet égard ;",
        ],
    )


def _paragraphs_merged(doc: Doc) -> None:
    merge(
        doc,
        ["op6", "op7"],
        "Prie l’Office des Nations Unies contre la drogue et le crime de continuer, en étroite "
        "coopération et collaboration avec les États Membres, de recueillir, de manière "
        "équilibrée, fiable et exhaustive, des informations sur les caractéristiques, les formes "
        "et les flux de la traite des personnes aux niveaux national, régional et international, "
        "afin de les utiliser dans le Rapport mondial sur la traite des personnes, et de diffuser "
        "les meilleures pratiques et les enseignements tirés des divers mécanismes et "
        "initiatives, et le prie également, agissant dans le cadre de son mandat, de continuer à "
        "intégrer le Plan d’action mondial dans ses programmes et activités et à fournir, aux "
        "niveaux national et régional, une assistance technique aux pays qui en font la demande "
        "pour renforcer les moyens dont ils disposent afin d’assurer l’application intégrale et "
        "effective du Plan d’action mondial ;",
    )


def _pp_moved_to_operative(doc: Doc) -> None:
    move_after(
        doc,
        "pp22",
        "op5",
        as_op=(
            "Salue la décision que l’Assemblée générale a prise dans sa résolution 73/327 du "
            "25 juillet 2019 de proclamer 2021 Année internationale pour l’élimination du travail "
            "des enfants ;"
        ),
    )


def _earlier_draft(doc: Doc) -> None:
    reword(
        doc,
        "pp10",
        "contre la traite des personnes en 2021,",
        "contre la traite des personnes en 2020,",
    )
    delete(doc, "pp24")
    reword(
        doc,
        "op1",
        "ou d’y adhérer, dans les meilleurs délais,",
        "ou d’y adhérer, dès que possible,",
    )
    delete(doc, "op9")
    move_after(doc, "op11", "op13")
    insert_after(
        doc,
        "op11",
        "op0",
        "Prie le Secrétaire général de veiller à ce que les organismes des Nations Unies "
        "coordonnent leurs activités de lutte contre la traite des personnes ;",
    )


def _en_number_date_changed(doc: Doc) -> None:
    reword(doc, "pp2", "resolution 68/192 of", "resolution 68/193 of")
    reword(doc, "pp12", "from 3 to 5 May 2090", "from 3 to 6 May 2090")


def _en_op_word_reworded(doc: Doc) -> None:
    reword(doc, "op11", "should not unduly restrict", "should not restrict")


def _en_earlier_draft(doc: Doc) -> None:
    reword(doc, "pp10", "co-chair in 2091,", "co-chair in 2090,")
    delete(doc, "pp18")
    reword(doc, "op3", "including through joint", "in particular through joint")
    reword(doc, "op5", "and not to regard crimes", "and to refrain from regarding crimes")
    delete(doc, "op9")
    move_after(doc, "op11", "op13")
    insert_after(
        doc,
        "op10",
        "op0",
        "Encourages Member States to consider establishing specialized units within their police "
        "and prosecution services to investigate crimes that affect the environment;",
    )


CASES = (
    Case(
        "constructed-op-word-reworded",
        "One word reworded in operative paragraph 6: « exhaustive » becomes « complète ».",
        _op_word_reworded,
    ),
    Case(
        "constructed-op-verb-changed",
        "The opening verb of operative paragraph 4 changed: « Invite » becomes « Encourage ».",
        _op_verb_changed,
    ),
    Case(
        "constructed-number-date-changed",
        "Numbers changed: resolution 68/192 becomes 68/193 in preambular paragraph 17, and the "
        "year 2017 becomes 2018 in preambular paragraph 18.",
        _number_date_changed,
    ),
    Case(
        "constructed-pp-inserted",
        "A preambular paragraph inserted after pp3 (new pp4); the later preambular paragraphs "
        "and the sub-items of pp8 (now pp9.a-f) are renumbered but unchanged.",
        _pp_inserted,
    ),
    Case(
        "constructed-op-inserted",
        "An operative paragraph inserted after op5 (new op6); op6-op14 become op7-op15, unchanged.",
        _op_inserted,
    ),
    Case(
        "constructed-paragraph-deleted",
        "Preambular paragraph 3 deleted; later preambular paragraphs and the sub-items of pp8 "
        "(now pp7.a-f) are renumbered but unchanged.",
        _paragraph_deleted,
    ),
    Case(
        "constructed-paragraph-moved",
        "Operative paragraph 9 moved, unchanged, to after op3 (new op4); op4-op8 become "
        "op5-op9, unchanged and not moved.",
        _paragraph_moved,
    ),
    Case(
        "constructed-paragraph-split",
        "Operative paragraph 10 split in two (new op10 and op11, the second starting "
        "« Invite également »); op11-op14 become op12-op15, unchanged.",
        _paragraph_split,
    ),
    Case(
        "constructed-paragraphs-merged",
        "Operative paragraphs 6 and 7 merged into one (new op6); op8-op14 become op7-op13, "
        "unchanged.",
        _paragraphs_merged,
    ),
    Case(
        "constructed-pp-moved-to-operative",
        "Preambular paragraph 22 (« Saluant la décision … ») moved to the operative part after "
        "op5 and reworded as an operative paragraph (« Salue la décision … ; »), new op6.",
        _pp_moved_to_operative,
    ),
    Case(
        "constructed-earlier-draft",
        "A constructed 'earlier draft' with several edits: pp10 year 2021 -> 2020; pp24 "
        "removed; op1 reworded (« dans les meilleurs délais » -> « dès que possible »); op9 "
        "removed; op11 moved after op13, and a new operative paragraph added right after it.",
        _earlier_draft,
    ),
    Case(
        "constructed-en-number-date-changed",
        "Numbers changed in the constructed English resolution: resolution 68/192 becomes "
        "68/193 in pp2, and “from 3 to 5 May 2090” becomes “from 3 to 6 May 2090” in pp12.",
        _en_number_date_changed,
        ENGLISH,
    ),
    Case(
        "constructed-en-op-word-reworded",
        "One word deleted next to a negation in operative paragraph 11 of the constructed "
        "English resolution: “should not unduly restrict” becomes “should not restrict”.",
        _en_op_word_reworded,
        ENGLISH,
    ),
    Case(
        "constructed-en-earlier-draft",
        "A constructed 'earlier draft' of the constructed English resolution: pp10 year "
        "2091 -> 2090; pp18 removed; op3 reworded (“including” -> “in particular”); op5 loses "
        "its negation (“and not to regard” -> “and to refrain from regarding”); op9 removed; "
        "op11 moved after op13; a new operative paragraph added after op10.",
        _en_earlier_draft,
        ENGLISH,
    ),
)


def build(case: Case, golden: list[GoldenUnit]) -> dict[str, str]:
    """Return the files of one case, by name."""
    doc = [Entry(unit, (unit.id,)) for unit in golden]
    case.edit(doc)
    new = renumber(entry.unit for entry in doc)
    expected = {
        "constructed": True,
        "description": f"{NOTICE}. {case.description}",
        "changes": changes_of(golden, doc, new),
    }
    readme = (
        f"# {case.slug}\n\n"
        f"**{NOTICE}.** This text was made for resdiff's tests by editing {case.source.what}"
        "do not cite it or store it as the text of any UN document symbol.\n\n"
        f"{case.description}\n\n"
        f"- `old.txt`: {case.source.old_is}.\n"
        "- `new.txt`: clean render of the constructed variant.\n"
        "- `new.units.txt`: the variant's units in the golden format, with segmentation ids.\n"
        "- `expected.json`: every change except units unchanged and not moved.\n\n"
        "Regenerate with `python scripts/make_cases.py`.\n"
    )
    comment = [
        f"{NOTICE}: {case.slug}.",
        f"Made by scripts/make_cases.py from {case.source.path.relative_to(ROOT)}.",
    ]
    return {
        "old.txt": render_document(golden),
        "new.txt": render_document(new),
        "new.units.txt": write_golden(new, comment),
        "expected.json": json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
        "README.md": readme,
    }


def main() -> None:
    goldens = {source: read_golden(source.path) for source in (FRENCH, ENGLISH)}
    for old_dir in CASES_DIR.glob("constructed-*"):
        shutil.rmtree(old_dir)
    for case in CASES:
        folder = CASES_DIR / case.slug
        folder.mkdir(parents=True)
        for name, content in build(case, goldens[case.source]).items():
            (folder / name).write_text(content, encoding="utf-8")
        print(f"wrote {folder.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
