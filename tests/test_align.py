"""Alignment of units by content: each kind of edit gives the status and pairing it should."""

from __future__ import annotations

from resdiff.compare import compare
from resdiff.compare.align import Aligner
from resdiff.model import ChangeStatus, Unit, UnitKind
from tests.diff_helpers import BASE_IDS, CLAUSES, changed, renumber, resolution, unit


def base() -> list[Unit]:
    return [unit(uid) for uid in BASE_IDS]


def test_identical_texts_have_no_changes() -> None:
    comparison = compare(resolution(base()), resolution(base()))
    assert changed(comparison) == []
    assert not comparison.has_differences
    assert comparison.summary()["unchanged"] == len(BASE_IDS)


def test_renumbered_clauses_are_unchanged() -> None:
    new = base()
    new.insert(8, Unit("op1", UnitKind.OPERATIVE, "Décide de rester saisi de la question ;"))
    new = renumber(new)
    comparison = compare(resolution(base()), resolution(new))
    assert changed(comparison) == [("added", False, [], ["op2"])]
    renumbered = [c for c in comparison.changes if c.renumbered]
    assert [(c.old[0].id, c.new[0].id) for c in renumbered] == [
        ("op2", "op3"), ("op3", "op4"), ("op4", "op5"), ("op5", "op6"), ("op6", "op7"),
        ("op7", "op8"),
    ]  # fmt: skip
    assert all(c.status is ChangeStatus.UNCHANGED for c in renumbered)


def test_removed_clause_stays_where_it_stood() -> None:
    new = renumber([u for u in base() if u.id != "op3"])
    comparison = compare(resolution(base()), resolution(new))
    assert changed(comparison) == [("removed", False, ["op3"], [])]
    order = [(c.old[0].id if c.old else None) for c in comparison.changes]
    assert order.index("op3") == order.index("op2") + 1


def test_moved_clause() -> None:
    units = base()
    op6 = units.pop(12)
    units.insert(7, op6)
    comparison = compare(resolution(base()), resolution(renumber(units)))
    assert changed(comparison) == [("unchanged", True, ["op6"], ["op1"])]


def test_moved_and_reworded_clause() -> None:
    units = base()
    op5 = units.pop(11)
    units.insert(7, Unit("op5", op5.kind, op5.text.replace("Prie", "Invite")))
    comparison = compare(resolution(base()), resolution(renumber(units)))
    assert changed(comparison) == [("modified", True, ["op5"], ["op1"])]


def test_modified_clause_with_annotations() -> None:
    units = base()
    units[6] = unit("pp5", CLAUSES["pp5"].replace("68/192", "68/193").replace("2013", "2014"))
    units[9] = unit("op3", CLAUSES["op3"].replace("Invite", "Encourage"))
    comparison = compare(resolution(base()), resolution(units))
    assert changed(comparison) == [
        ("modified", False, ["pp5"], ["pp5"]),
        ("modified", False, ["op3"], ["op3"]),
    ]
    notes = [c.annotations for c in comparison.changes if c.status is ChangeStatus.MODIFIED]
    assert notes == [
        ("citation: 68/192 → 68/193", "date: 18 décembre 2013 → 18 décembre 2014"),
        ("opening: Invite → Encourage",),
    ]


def test_split_clause() -> None:
    units = base()
    first, _, second = CLAUSES["op4"].partition(", ainsi que ")
    units[10:11] = [
        unit("op4", first + " ;"),
        Unit(
            "op5",
            UnitKind.OPERATIVE,
            "Invite la société civile à " + second.removeprefix("la société civile, à "),
        ),
    ]
    comparison = compare(resolution(base()), resolution(renumber(units)))
    assert changed(comparison) == [("split", False, ["op4"], ["op4", "op5"])]


def test_merged_clauses() -> None:
    units = base()
    merged = CLAUSES["op6"].removesuffix(" ;") + ", et invite " + CLAUSES["op7"][7:]
    units[12:14] = [unit("op6", merged)]
    comparison = compare(resolution(base()), resolution(units))
    assert changed(comparison) == [("merged", False, ["op6", "op7"], ["op6"])]


def test_preamble_clause_becomes_operative() -> None:
    units = base()
    pp3 = units.pop(4)
    text = pp3.text.replace("Rappelant", "Rappelle").replace("personnes,", "personnes ;")
    units.insert(6, Unit("op0", UnitKind.OPERATIVE, text))
    comparison = compare(resolution(base()), resolution(renumber(units)))
    assert changed(comparison) == [("modified", True, ["pp3"], ["op1"])]


def test_footnotes_only_match_footnotes() -> None:
    old = resolution(["pp3", Unit("fn1", UnitKind.FOOTNOTE, CLAUSES["pp3"])])
    new = resolution([Unit("fn1", UnitKind.FOOTNOTE, CLAUSES["pp3"]), "pp3"])
    pairs = {(c.old[0].id, c.new[0].id) for c in compare(old, new).changes}
    assert pairs == {("pp3", "pp3"), ("fn1", "fn1")}


def test_rewritten_clause_is_removed_and_added() -> None:
    units = base()
    units[9] = Unit("op3", UnitKind.OPERATIVE, "Décide de rester saisi de la question ;")
    comparison = compare(resolution(base()), resolution(units))
    assert changed(comparison) == [("removed", False, ["op3"], []), ("added", False, [], ["op3"])]


def test_duplicates_pair_in_order() -> None:
    old = resolution(
        [unit("op1", "Prend note du rapport ;"), unit("op2", "Prend note du rapport ;")]
    )
    comparison = compare(old, old)
    assert [(c.old[0].id, c.new[0].id) for c in comparison.changes] == [
        ("op1", "op1"),
        ("op2", "op2"),
    ]


def test_competing_candidates_are_assigned_optimally() -> None:
    # Two reworded clauses that each resemble both originals: the optimal assignment pairs
    # each with its own original, where a greedy first-fit would steal the better match.
    a = "Invite les États Membres à fournir des ressources extrabudgétaires aux fins susmentionnées ;"
    b = "Invite les États Membres à fournir des ressources techniques aux pays en développement ;"
    a2 = a.replace("Invite", "Engage")
    b2 = b.replace("techniques", "financières et techniques")
    old = resolution([unit("op1", a), unit("op2", b)])
    new = resolution([unit("op1", b2), unit("op2", a2)])
    pairs = {(c.old[0].id, c.new[0].id) for c in compare(old, new).changes}
    assert pairs == {("op1", "op2"), ("op2", "op1")}


def test_thresholds_can_be_overridden() -> None:
    units = base()
    units[9] = unit(
        "op3", CLAUSES["op3"].replace("sociaux, économiques, culturels", "de tous ordres")
    )
    strict = compare(resolution(base()), resolution(units), threshold=0.99)
    assert [c.status.value for c in strict.changes if c.status.value != "unchanged"] == [
        "removed", "added"]  # fmt: skip
    assert Aligner(max_candidates=5).max_candidates == 5
