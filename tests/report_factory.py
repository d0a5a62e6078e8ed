"""Hand-built comparisons for the report tests, until (and beside) the real differ.

`french_comparison()` covers every status on realistic French clauses (from E/RES/2021/25,
constructed edits): modified with word tokens, added, removed, moved, split, merged, renumbered
op5 → op6, injection attempts, œ, accents, non-breaking spaces and an Arabic clause.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from resdiff.model import (
    Change,
    ChangeStatus,
    Comparison,
    Resolution,
    Suppressed,
    Token,
    Unit,
    UnitKind,
)

NBSP = "\u00a0"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
ARABIC = "يقرر أن يبقي هذه المسألة قيد نظره."

_WORD_RE = re.compile(r"\S+\s*")


@dataclass(frozen=True, slots=True)
class NoisyToken:
    """A ``=`` token carrying the old side's spelling, as the differ may add (field ``old``)."""

    op: str
    text: str
    old: str | None = None


def word_tokens(old: str, new: str) -> tuple[Token, ...]:
    """A crude word diff (difflib on words with their trailing spaces) for fixtures."""
    a, b = _WORD_RE.findall(old), _WORD_RE.findall(new)
    tokens: list[Token] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            tokens.append(Token("=", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                tokens.append(Token("-", "".join(a[i1:i2])))
            if j2 > j1:
                tokens.append(Token("+", "".join(b[j1:j2])))
    return tuple(tokens)


def pp(n: int, text: str) -> Unit:
    return Unit(f"pp{n}", UnitKind.PREAMBLE, text)


def op(n: int, text: str) -> Unit:
    return Unit(f"op{n}", UnitKind.OPERATIVE, text, label=f"{n}.")


def modified(old: Unit, new: Unit, **kwargs: object) -> Change:
    return Change(
        ChangeStatus.MODIFIED,
        (old,),
        (new,),
        similarity=0.8,
        tokens=word_tokens(old.text, new.text),
        **kwargs,  # type: ignore[arg-type]
    )


def unchanged(old: Unit, new: Unit, moved: bool = False) -> Change:
    return Change(ChangeStatus.UNCHANGED, (old,), (new,), moved=moved)


TITLE = "Mise en œuvre du Plan d’action mondial des Nations Unies pour la lutte contre la traite des personnes"
FORMULA = "Le Conseil économique et social,"

OLD_PP = {
    1: "Condamnant énergiquement la traite des personnes, en particulier des femmes et des "
    "enfants, qui constitue une grave menace pour la dignité humaine,",
    2: "Réaffirmant les engagements pris par les Etats Membres pour que des mesures efficaces "
    "soient immédiatement adoptées afin d’éliminer la traite des personnes,",
    3: "Conscient de la portée du Plan d’action mondial, que l’Assemblée générale a adopté dans "
    "sa résolution 64/293 du 30 juillet 2010,",
    4: f"Prenant note du rapport intitulé {IMG} et des «{NBSP}bonnes pratiques{NBSP}»,",
    5: "Rappelant qu’il importe d’éliminer toutes les formes de violence faite aux femmes et "
    "aux filles,",
    6: "Soulignant la mise en œuvre intégrale et efficace du Plan d’action mondial,",
}
NEW_PP = {
    1: "Condamnant de nouveau énergiquement la traite des personnes, en particulier des femmes "
    "et des enfants, qui constitue une infraction et une grave menace pour la dignité humaine "
    "et le développement durable,",
    2: "Réaffirmant les engagements pris par les États Membres pour que des mesures efficaces "
    "soient immédiatement adoptées afin d’éliminer la traite des personnes,",
    3: "Conscient de la portée du Plan d’action mondial, que l’Assemblée générale a adopté dans "
    "sa résolution 75/283 du 7 juin 2021,",
    4: f"Prenant note avec satisfaction du rapport intitulé {SCRIPT} et des "
    f"«{NBSP}bonnes pratiques{NBSP}»,",
}
OLD_OP = {
    1: f"Invite les États Membres à redoubler d’efforts pour prévenir la traite{NBSP};",
    2: "Demande aux États Membres de renforcer la coopération internationale et d’échanger des "
    f"informations sur les itinéraires de la traite{NBSP};",
    3: f"Engage les États Membres à protéger les victimes{NBSP};",
    4: f"Engage également les États Membres à poursuivre les auteurs{NBSP};",
    5: "Prie l’Office des Nations Unies contre la drogue et le crime de continuer à fournir "
    f"une assistance technique{NBSP};",
    6: "Prie le Secrétaire général de lui présenter un rapport sur la question à sa session "
    f"de 2023{NBSP};",
    7: "Décide de rester saisi de la question.",
}
NEW_OP = {
    1: f"Encourage les États Membres à redoubler d’efforts pour prévenir la traite{NBSP};",
    2: f"Souligne le rôle de la société civile dans l’aide aux victimes | `code` *gras*{NBSP};",
    3: f"Demande aux États Membres de renforcer la coopération internationale{NBSP};",
    4: f"Demande également aux États Membres d’échanger des informations sur les itinéraires de "
    f"la traite{NBSP};",
    5: f"Engage les États Membres à protéger les victimes et à poursuivre les auteurs{NBSP};",
    7: "Décide de rester saisi de la question.",
}
NEW_OP[6] = OLD_OP[5]


def french_resolutions() -> tuple[Resolution, Resolution]:
    old_units = (
        Unit("title", UnitKind.TITLE, TITLE),
        Unit("formula", UnitKind.FORMULA, FORMULA),
        *(pp(n, text) for n, text in OLD_PP.items()),
        *(op(n, text) for n, text in OLD_OP.items()),
        Unit("fn1", UnitKind.FOOTNOTE, "Résolution 64/293 de l’Assemblée générale.", label="1"),
    )
    new_units = (
        Unit("title", UnitKind.TITLE, TITLE),
        Unit("formula", UnitKind.FORMULA, FORMULA),
        *(pp(n, text) for n, text in NEW_PP.items()),
        pp(5, OLD_PP[6]),
        pp(6, OLD_PP[5]),
        *(op(n, NEW_OP[n]) for n in range(1, 8)),
        Unit("op8", UnitKind.OPERATIVE, ARABIC, label="8."),
        Unit("fn1", UnitKind.FOOTNOTE, "Résolution 64/293 de l’Assemblée générale.", label="1"),
    )
    old = Resolution(
        symbol="E/RES/2019/20",
        lang="fr",
        units=old_units,
        title=f"{TITLE} (projet construit)",
        date="2019-07-23",
        year=2019,
        body="ECOSOC",
        source_name="examples/constructed-2019-draft.txt",
    )
    new = Resolution(
        symbol="E/RES/2021/25",
        lang="fr",
        units=new_units,
        title=TITLE,
        date="2021-07-22",
        year=2021,
        body="ECOSOC",
        source_name="resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt",
    )
    return old, new


def french_comparison() -> Comparison:
    """Every status, in the new text's order, removed units where they stood."""
    old, new = french_resolutions()
    o, n = old.unit, new.unit
    noise_tokens = tuple(
        NoisyToken("=", t.text, old="Etats " if t.text == "États " else None)
        for t in word_tokens(OLD_PP[2].replace("Etats", "États"), NEW_PP[2])
    )
    split_old = o("op2").text
    split_new = n("op3").text + " " + n("op4").text
    merged_old = o("op3").text + " " + o("op4").text
    changes = (
        unchanged(o("title"), n("title")),
        unchanged(o("formula"), n("formula")),
        modified(o("pp1"), n("pp1")),
        Change(
            ChangeStatus.UNCHANGED,
            (o("pp2"),),
            (n("pp2"),),
            tokens=noise_tokens,  # type: ignore[arg-type]
            suppressed=(Suppressed("Etats", "États", "accent dropped by OCR"),),
        ),
        modified(
            o("pp3"),
            n("pp3"),
            annotations=(
                "citation: 64/293 → 75/283",
                "date: 30 juillet 2010 → 7 juin 2021",
            ),
        ),
        modified(o("pp4"), n("pp4")),
        unchanged(o("pp6"), n("pp5")),
        unchanged(o("pp5"), n("pp6"), moved=True),
        modified(o("op1"), n("op1"), annotations=("opening: Invite → Encourage",)),
        Change(ChangeStatus.ADDED, (), (n("op2"),), similarity=0.0),
        Change(
            ChangeStatus.SPLIT,
            (o("op2"),),
            (n("op3"), n("op4")),
            similarity=0.9,
            tokens=word_tokens(split_old, split_new),
        ),
        Change(
            ChangeStatus.MERGED,
            (o("op3"), o("op4")),
            (n("op5"),),
            similarity=0.85,
            tokens=word_tokens(merged_old, n("op5").text),
        ),
        unchanged(o("op5"), n("op6")),
        Change(ChangeStatus.REMOVED, (o("op6"),), (), similarity=0.0),
        unchanged(o("op7"), n("op7")),
        Change(ChangeStatus.ADDED, (), (n("op8"),), similarity=0.0),
        unchanged(o("fn1"), n("fn1")),
    )
    return Comparison(old, new, changes)


def arabic_comparison() -> Comparison:
    """A small Arabic (right-to-left) comparison with one modified clause."""
    old_text = "يقرر أن يبقي المسألة قيد نظره."
    new_text = "يقرر أن يبقي هذه المسألة قيد نظره الفعلي."
    old = Resolution("A/RES/75/1", "ar", (Unit("op1", UnitKind.OPERATIVE, old_text, "1."),))
    new = Resolution("A/RES/76/1", "ar", (Unit("op1", UnitKind.OPERATIVE, new_text, "1."),))
    change = Change(
        ChangeStatus.MODIFIED,
        old.units,
        new.units,
        similarity=0.9,
        tokens=word_tokens(old_text, new_text),
    )
    return Comparison(old, new, (change,))


def large_comparison(paragraphs: int = 1250) -> Comparison:
    """A long comparison (2 × ``paragraphs`` units) with a change every seventh unit."""
    old_units, new_units, changes = [], [], []
    base = list(OLD_PP.values()) + list(OLD_OP.values())
    for i in range(paragraphs):
        text = f"{base[i % len(base)]} ({i})"
        a, b = Unit(f"op{i + 1}", UnitKind.OPERATIVE, text), None
        if i % 7 == 3:
            b = Unit(
                f"op{i + 1}", UnitKind.OPERATIVE, text.replace("les", "tous les", 1) + " Nouveau."
            )
            changes.append(modified(a, b))
        else:
            b = a
            changes.append(unchanged(a, b))
        old_units.append(a)
        new_units.append(b)
    old = Resolution("A/RES/77/1", "fr", tuple(old_units))
    new = Resolution("A/RES/78/1", "fr", tuple(new_units))
    return Comparison(old, new, tuple(changes))


CASES = Path(__file__).parent / "cases"


def case_names() -> list[str]:
    """The constructed golden cases (tests/cases/<slug>/old.txt, new.txt), once they exist."""
    return sorted(p.parent.name for p in CASES.glob("*/new.txt") if (p.parent / "old.txt").exists())


def real_comparison(case: str) -> Comparison:
    """Ingest a golden case's two texts and compare them with the real differ.

    Skips the calling test while ``resdiff.compare`` is not merged.
    """
    import pytest

    compare = pytest.importorskip(
        "resdiff.compare", reason="resdiff.compare not merged yet"
    ).compare
    from resdiff import api

    folder = CASES / case
    return compare(api.ingest_file(folder / "old.txt"), api.ingest_file(folder / "new.txt"))  # type: ignore[no-any-return]
