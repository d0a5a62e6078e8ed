"""Sub-items of the preamble whose labels OCR or a copy lost or misread: tesseract reads
``f)`` as ``|`` (a speck that repair removes) or ``Î)``, and a paste can keep a list's items
one a paragraph with no letters. Each is read as the list's next item, by its place."""

from __future__ import annotations

import pytest

from resdiff import lang
from resdiff.compare import compare
from resdiff.ingest import ingest_text
from resdiff.model import ChangeStatus
from resdiff.normalize import repair
from resdiff.segment import segment

from .conftest import ROOT

FRENCH_HEAD = (
    "Le Conseil économique et social,\n\nRappelant sa résolution 2020/1,\n\n"
    "Réaffirmant que le Plan d’action mondial a vocation à :\n\n"
)
ITEMS = [
    "promouvoir la ratification universelle de la Convention des Nations Unies,",
    "aider les États Membres à renforcer leur engagement politique,",
    "favoriser la coopération et la coordination entre toutes les parties concernées,",
]
FRENCH_TAIL = (
    "\n\nSe félicitant de l’action menée par les États Membres,\n\n1. Décide de rester saisi.\n"
)


def units(text: str, code: str = "fr") -> list[tuple[str, str, str | None, str]]:
    segmentation = segment(repair(text, code), lang.get(code))
    return [(u.id, u.kind.value, u.label, u.text) for u in segmentation.units]


def warnings(text: str, code: str = "fr") -> tuple[str, ...]:
    return segment(repair(text, code), lang.get(code)).warnings


@pytest.mark.parametrize(
    ("third_label", "warning"),
    [
        ("| ", "a paragraph in lower case without a label after pp2.b read as its sub-item "
               "pp2.c (and any such paragraphs after it as the next ones); OCR or a copy may "
               "have lost the labels (tesseract reads f) as |)"),
        ("Î) ", "the label Î) after pp2.b is no letter in sequence: read as sub-item pp2.c "
                "(its place in the list); OCR misread the letter"),
        ("F) ", "the label F) after pp2.b is no letter in sequence: read as sub-item pp2.c "
                "(its place in the list); OCR misread the letter"),
    ],
)  # fmt: skip
def test_a_misread_label_after_a_lettered_item_is_the_next_item(
    third_label: str, warning: str
) -> None:
    text = FRENCH_HEAD + f"a) {ITEMS[0]}\n\nb) {ITEMS[1]}\n\n{third_label}{ITEMS[2]}" + FRENCH_TAIL
    got = units(text)
    assert [(i, k) for i, k, _, _ in got] == [
        ("formula", "formula"), ("pp1", "preamble"), ("pp2", "preamble"),
        ("pp2.a", "subitem"), ("pp2.b", "subitem"), ("pp2.c", "subitem"),
        ("pp3", "preamble"), ("op1", "operative"),
    ]  # fmt: skip
    assert got[5][2:] == (None, ITEMS[2])
    assert warning in warnings(text)


def test_items_without_labels_one_a_paragraph_after_a_colon_are_its_sub_items() -> None:
    text = FRENCH_HEAD + "\n\n".join(ITEMS) + FRENCH_TAIL
    got = units(text)
    assert [(i, k, t) for i, k, _, t in got[3:6]] == [
        ("pp2.a", "subitem", ITEMS[0]),
        ("pp2.b", "subitem", ITEMS[1]),
        ("pp2.c", "subitem", ITEMS[2]),
    ]
    assert got[6][:2] == ("pp3", "preamble")
    said = [w for w in warnings(text) if "without a label" in w]
    assert said == [
        "a paragraph in lower case without a label after pp2 read as its sub-item pp2.a (and "
        "any such paragraphs after it as the next ones); OCR or a copy may have lost the "
        "labels (tesseract reads f) as |)"
    ]


def test_english_items_without_labels_after_a_colon() -> None:
    text = (
        "The Economic and Social Council,\n\nRecognizing that the Framework aims to:\n\n"
        "promote the universal ratification of the Convention;\n\n"
        "assist Member States, upon request, in strengthening their capacities;\n\n"
        "Welcoming the work of the Office,\n\n1. Requests the Secretary-General to report.\n"
    )
    assert [(i, k) for i, k, _, _ in units(text, "en")] == [
        ("formula", "formula"), ("pp1", "preamble"), ("pp1.a", "subitem"),
        ("pp1.b", "subitem"), ("pp2", "preamble"), ("op1", "operative"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "ids"),
    [
        # A few words in lower case: the tail of the item above, set apart by the extraction.
        (f"a) {ITEMS[0]}\n\nb) {ITEMS[1]}\n\net le public,",
         ["pp1", "pp2", "pp2.a", "pp2.b", "pp3"]),
        # After a paragraph that ends with no colon, no list opens (it stays preambular).
        ("Notant la situation,\n\n" + ITEMS[0], ["pp1", "pp2", "pp3", "pp4", "pp5"]),
    ],
)  # fmt: skip
def test_no_item_without_a_list_to_go_on(body: str, ids: list[str]) -> None:
    got = [i for i, k, _, _ in units(FRENCH_HEAD + body + FRENCH_TAIL) if k != "operative"]
    assert got == ["formula", *ids]


def test_an_item_without_its_label_in_the_operative_part_is_the_next_item() -> None:
    """After an operative sub-item that ends as an item (``;``), a paragraph in lower case
    shaped as its sibling is the list's next item. (This input was read as the tail of op1.a
    before the rule covered the operative part: the item above is whole, so nothing of it
    goes on there; reading it so hid an item added to or removed from the list.)"""
    text = (
        "Le Conseil économique et social,\n\nRappelant sa résolution 2020/1,\n\n"
        "1. Prie les États Membres :\n\na) de ratifier la Convention ;\n\n"
        "de promouvoir la coopération entre toutes les parties concernées ;\n"
    )
    got = units(text)
    assert [i for i, *_ in got] == ["formula", "pp1", "op1", "op1.a", "op1.b"]
    assert got[-1][2:] == (
        None,
        "de promouvoir la coopération entre toutes les parties concernées ;",
    )
    assert (
        "a paragraph in lower case without a label after op1.a read as its sub-item op1.b (and "
        "any such paragraphs after it as the next ones); OCR or a copy may have lost the labels "
        "(tesseract reads f) as |)"
    ) in warnings(text)


OPERATIVE_HEAD = "Le Conseil économique et social,\n\nRappelant sa résolution 2020/1,\n\n"


@pytest.mark.parametrize(
    ("body", "ids", "last"),
    [
        # An item that does not end is cut (a blank line inside its sentence), not followed.
        ("1. Prie les États Membres :\n\na) de ratifier la Convention et\n\n"
         "de promouvoir la coopération entre toutes les parties concernées ;",
         ["op1", "op1.a"], "de ratifier la Convention et de promouvoir la coopération entre "
         "toutes les parties concernées ;"),
        # No list: an operative paragraph that ends on no colon goes on in lower case.
        ("1. Prie les États Membres de ratifier la Convention,\n\n"
         "de promouvoir la coopération entre toutes les parties concernées ;",
         ["op1"], "Prie les États Membres de ratifier la Convention, de promouvoir la "
         "coopération entre toutes les parties concernées ;"),
        # A few words after an item that ends on a comma: the tail of a line set apart.
        ("1. Prie les États Membres :\n\na) de ratifier la Convention,\n\net le Protocole ;",
         ["op1", "op1.a"], "de ratifier la Convention, et le Protocole ;"),
    ],
)  # fmt: skip
def test_the_operative_part_keeps_its_lower_case_continuations(
    body: str, ids: list[str], last: str
) -> None:
    """In the operative part a paragraph in lower case that is no item goes on with the one
    above."""
    got = units(OPERATIVE_HEAD + body + "\n")
    assert [i for i, *_ in got] == ["formula", "pp1", *ids]
    assert got[-1][3] == last


LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
# The labels of the second sub-item of the preamble and of op2 in each constructed text
# (tests/fixtures/languages: constructed, year 2099, no UN document), as each prints them.
SECOND_LABELS = {
    "en": ("(b) share good", "(b) to exchange"),
    "es": ("b) intercambiar", "b) intercambien"),
    "ru": ("b) обмениваться передовым", "b) обмениваться информацией"),
}


def _without_second_labels(code: str) -> str:
    text = (LANGUAGES / f"constructed.{code}.txt").read_text(encoding="utf-8")
    for label in SECOND_LABELS[code]:
        assert text.count(label) == 1, label
        text = text.replace(label, label.split(" ", 1)[1])
    return text


@pytest.mark.parametrize("code", ["en", "es", "ru"])
def test_constructed_items_without_labels_in_both_parts_keep_their_place(code: str) -> None:
    """A constructed variant of each language's text (tests/fixtures/languages) with the
    labels of pp3.b and op2.b lost reads as the text: the same units, the same words."""
    original = units((LANGUAGES / f"constructed.{code}.txt").read_text(encoding="utf-8"), code)
    variant = units(_without_second_labels(code), code)
    assert [(i, k, t) for i, k, _, t in variant] == [(i, k, t) for i, k, _, t in original]
    assert [i for i, _, label, _ in variant if label is None and "." in i] == ["pp3.b", "op2.b"]


def test_an_edit_to_an_item_without_its_label_is_found() -> None:
    """The constructed Russian text against a variant whose op2.b lost its label and was
    reworded: only op2.b changes."""
    original = (LANGUAGES / "constructed.ru.txt").read_text(encoding="utf-8")
    edited = _without_second_labels("ru").replace(
        "обмениваться информацией;", "обмениваться статистической информацией;"
    )
    old = ingest_text(original, strict=False)
    new = ingest_text(edited, strict=False)
    changed = [
        (c.status.value, [u.id for u in c.old], [u.id for u in c.new])
        for c in compare(old, new).changes
        if c.status is not ChangeStatus.UNCHANGED
    ]
    assert changed == [("modified", ["op2.b"], ["op2.b"])]


RUSSIAN_HEAD = (
    "Экономический и Социальный Совет,\n\nссылаясь на свои прежние резолюции,\n\n"
    "учитывая, что тестовые органы уполномочены:\n\n"
    "a) содействовать сотрудничеству между государствами-членами;\n\n"
)


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("обмениваться передовым опытом;", "subitem"),  # an infinitive: an item
        ("признавая важность сотрудничества,", "preamble"),  # a participle: a paragraph
        ("будучи убежден в важности сотрудничества,", "preamble"),  # an opener
    ],
)
def test_russian_items_are_told_by_their_verb(paragraph: str, kind: str) -> None:
    """Russian prints preambular paragraphs in lower case too: only an item's infinitive
    makes a paragraph without a label the next item."""
    text = RUSSIAN_HEAD + paragraph + "\n\n1. просит Генерального секретаря представить доклад.\n"
    got = units(text, "ru")
    assert got[4][:2] == ("pp2.b" if kind == "subitem" else "pp3", kind)


def test_english_operative_items_in_capitals_follow_their_sibling() -> None:
    """English operative sub-items open with a capital ("(a) To report…"): without its label
    the next one is told by its sibling's first word."""
    text = (
        "The Economic and Social Council,\n\nRecalling its resolution 2098/1,\n\n"
        "1. Requests the Secretary-General:\n\n(a) To report to it at its next session;\n\n"
        "To consult Member States on the matter;\n\n2. Decides to remain seized of the matter.\n"
    )
    got = units(text, "en")
    assert [(i, k) for i, k, _, _ in got] == [
        ("formula", "formula"), ("pp1", "preamble"), ("op1", "operative"),
        ("op1.a", "subitem"), ("op1.b", "subitem"), ("op2", "operative"),
    ]  # fmt: skip
