"""Resolutions of the General Assembly's special and emergency special sessions
(``A/RES/ES-11/1``, ``A/RES/S-27/2``) and the Human Rights Council's (``A/HRC/RES/S-33/1``).

They were refused as "not a UN resolution symbol" whether given with ``--symbol`` or read off
the heading ``ES-11/1.``. The texts are constructed
(``tests/constructed/special-session/``): the session ES-99 does not exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from resdiff import api
from resdiff.errors import InvalidSymbol
from resdiff.ingest.metadata import check_consistent
from resdiff.symbols import ResolutionSymbol

from .conftest import ROOT, run_in_store

TEXTS = ROOT / "tests" / "constructed" / "special-session"
FIRST = TEXTS / "constructed_A-RES-ES-99-1_en.txt"
SECOND = TEXTS / "constructed_A-RES-ES-99-2_en.txt"
SCHEMA = ROOT.parent / "shared" / "schemas" / "akn" / "akomantoso30.xsd"


run = run_in_store


@pytest.fixture
def store(empty_store: Path) -> Path:
    return empty_store


@pytest.mark.parametrize(
    ("text", "canonical", "short", "folder", "session", "special"),
    [
        ("A/RES/ES-11/1", "A/RES/ES-11/1", "ES-11/1", "A-RES-ES-11-1", 11, "ES"),
        ("a/res/es-10/21.", "A/RES/ES-10/21", "ES-10/21", "A-RES-ES-10-21", 10, "ES"),
        ("A/RES/S-27/2", "A/RES/S-27/2", "S-27/2", "A-RES-S-27-2", 27, "S"),
        ("A/HRC/RES/S-33/1", "A/HRC/RES/S-33/1", "S-33/1", "A-HRC-RES-S-33-1", 33, "S"),
        ("A/RES/ES-11/4/Corr.1", "A/RES/ES-11/4/Corr.1", "A/RES/ES-11/4/Corr.1",
         "A-RES-ES-11-4-Corr.1", 11, "ES"),
        ("A/ES-11/L.1", "A/ES-11/L.1", "A/ES-11/L.1", "A-ES-11-L.1", 11, "ES"),
        ("A/S-27/19/Rev.1", "A/S-27/19/Rev.1", "A/S-27/19/Rev.1", "A-S-27-19-Rev.1", 27, "S"),
    ],
)  # fmt: skip
def test_special_session_symbols_parse_print_and_round_trip_through_their_folder(
    text: str, canonical: str, short: str, folder: str, session: int, special: str
) -> None:
    symbol = ResolutionSymbol.parse(text)
    assert (str(symbol), symbol.short, symbol.folder) == (canonical, short, folder)
    assert (symbol.session, symbol.special, symbol.year) == (session, special, None)
    assert ResolutionSymbol.from_folder(folder) == symbol
    assert ResolutionSymbol.parse(canonical) == symbol


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("E/RES/ES-2021/1", "only the General Assembly and the Human Rights Council hold "
         "special sessions"),
        ("S/RES/S-2601 (2021)", "only the General Assembly and the Human Rights Council hold "
         "special sessions"),
        ("A/RES/ES-11/1 (2022)", "'A/RES/ES-11/1 (2022)': a special session names no year; "
         "write A/RES/ES-11/1"),
        ("A/RES/ES-11", "is not a UN resolution symbol"),
        ("A/ES/11/L.1", "write a special session's number with a hyphen, as in A/ES-11/L.1"),
        ("A/RES/X-11/1", "is not a UN resolution symbol"),
    ],
)  # fmt: skip
def test_malformed_special_session_symbols_are_refused_in_one_line(bad: str, message: str) -> None:
    with pytest.raises(InvalidSymbol, match=message.replace("(", r"\(").replace(")", r"\)")):
        ResolutionSymbol.parse(bad)


def test_a_special_session_folder_is_not_confused_with_another_symbol() -> None:
    # "A/ES/11/L.1" is refused, so "A-ES-11-L.1" can only be A/ES-11/L.1's folder.
    assert str(ResolutionSymbol.from_folder("A-ES-11-L.1")) == "A/ES-11/L.1"
    assert str(ResolutionSymbol.from_folder("A-RES-76-1")) == "A/RES/76/1"
    assert str(ResolutionSymbol.from_folder("S-RES-2601-2021")) == "S/RES/2601 (2021)"


def test_the_heading_and_the_formula_give_the_symbol_and_the_session() -> None:
    resolution = api.ingest_file(FIRST)
    assert (resolution.symbol, resolution.body, resolution.session) == (
        "A/RES/ES-99/1", "GA", "ES-99"
    )  # fmt: skip
    assert resolution.date == "2099-03-04"
    assert resolution.title.startswith("Constructed test resolution on the protection")
    assert [u.id for u in resolution.units if u.id.startswith("op")] == [
        "op1", "op2", "op3", "op3.a", "op3.b", "op4"
    ]  # fmt: skip


def test_any_date_is_consistent_with_a_special_session() -> None:
    # Emergency special sessions resume for years (ES-10 since 1997): no year to check.
    for date in ("1997-04-25", "2099-03-04"):
        check_consistent(ResolutionSymbol.parse("A/RES/ES-10/1"), date)


def test_a_store_holds_and_selects_special_session_versions(store: Path, tmp_path: Path) -> None:
    for text in (FIRST, SECOND):
        code, output = run(store, "add", str(text))
        assert code == 0, output
    folders = sorted(p.name for p in store.glob("*/*") if p.is_dir())
    assert folders == ["A-RES-ES-99-1", "A-RES-ES-99-2"]
    code, output = run(store, "show", "ES-99/2")
    assert code == 0, output
    assert "within sixty days" in output
    code, output = run(store, "diff", "A/RES/ES-99/1", "ES-99/2", "--format", "json")
    assert code == 0, output
    report = json.loads(output)
    assert report["old"]["symbol"] == "A/RES/ES-99/1"
    assert report["new"]["symbol"] == "A/RES/ES-99/2"
    modified = {c["old"][0]["id"] for c in report["changes"] if c["status"] == "modified"}
    assert modified == {"op2", "closing"}
    exported = tmp_path / "es-99-1.xml"
    code, output = run(store, "export", "ES-99/1", "-o", str(exported))
    assert code == 0, output
    if not SCHEMA.is_file():
        pytest.fail(f"the OASIS AKN schema is not at {SCHEMA} (CI copies shared/ beside the clone)")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(exported))
    assert schema.validate(document), schema.error_log
    assert b"/ES-99-1/" in etree.tostring(document)
