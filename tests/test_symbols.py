from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resdiff.errors import InvalidSymbol
from resdiff.symbols import ResolutionSymbol


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "E/RES",
        "E/RES/2021",
        "X/RES/2021/25",
        "../../etc",
        "/etc/passwd",
        "E/RES/2021/25\x00",
        "E/RES/2021/25/../../x",
        "E/RES/2021/2\n5",
        "A/RES/76/1; rm -rf /",
        "E/RES/12345/1",
    ],
)
def test_bad_symbols_are_refused(bad: str) -> None:
    with pytest.raises(InvalidSymbol, match="is not a UN resolution symbol"):
        ResolutionSymbol.parse(bad)


@pytest.mark.parametrize(
    ("text", "body", "session", "number", "year", "folder"),
    [
        ("E/RES/2021/25", "E", 2021, 25, 2021, "E-RES-2021-25"),
        ("A/RES/76/1", "A", 76, 1, None, "A-RES-76-1"),
        ("a/res/76/1", "A", 76, 1, None, "A-RES-76-1"),
        ("A/HRC/RES/47/1", "A/HRC", 47, 1, None, "A-HRC-RES-47-1"),
        ("S/RES/2601 (2021)", "S", 2601, None, 2021, "S-RES-2601-2021"),
    ],
)
def test_fields(
    text: str, body: str, session: int, number: int | None, year: int | None, folder: str
) -> None:
    symbol = ResolutionSymbol.parse(text)
    assert (symbol.body, symbol.session, symbol.number, symbol.year) == (
        body,
        session,
        number,
        year,
    )
    assert symbol.folder == folder


def test_from_heading() -> None:
    assert str(ResolutionSymbol.from_heading("2021/25.", "E")) == "E/RES/2021/25"
    with pytest.raises(InvalidSymbol):
        ResolutionSymbol.from_heading("Mise en œuvre", "E")


@given(
    body=st.sampled_from(["A", "E", "A/HRC"]),
    session=st.integers(1, 9999),
    number=st.integers(1, 9999),
)
def test_round_trip_and_safe_folder(body: str, session: int, number: int) -> None:
    symbol = ResolutionSymbol(body, session, number)
    assert ResolutionSymbol.parse(str(symbol)) == symbol
    assert set(symbol.folder) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


@given(st.text(max_size=30))
def test_arbitrary_text_parses_or_raises_invalid_symbol(text: str) -> None:
    try:
        symbol = ResolutionSymbol.parse(text)
    except InvalidSymbol:
        return
    assert ".." not in symbol.folder and "/" not in symbol.folder


# --------------------------------------------------------------- drafts and other documents


@pytest.mark.parametrize(
    ("text", "printed", "kind", "draft", "base", "folder"),
    [
        ("A/C.3/76/L.10", "A/C.3/76/L.10", "draft", True, "A/C.3/76/L.10", "A-C.3-76-L.10"),
        ("a/c.3/76/l.10/rev.1", "A/C.3/76/L.10/Rev.1", "revision", True, "A/C.3/76/L.10",
         "A-C.3-76-L.10-Rev.1"),
        ("E/CN.15/2021/L.3/Rev.1", "E/CN.15/2021/L.3/Rev.1", "revision", True,
         "E/CN.15/2021/L.3", "E-CN.15-2021-L.3-Rev.1"),
        ("A/RES/76/1/Corr.1", "A/RES/76/1/Corr.1", "corrigendum", False, "A/RES/76/1",
         "A-RES-76-1-Corr.1"),
        ("A/76/L.10/Add.1", "A/76/L.10/Add.1", "addendum", True, "A/76/L.10", "A-76-L.10-Add.1"),
        ("A/HRC/47/L.5", "A/HRC/47/L.5", "draft", True, "A/HRC/47/L.5", "A-HRC-47-L.5"),
        ("S/2021/1090", "S/2021/1090", "document", False, "S/2021/1090", "S-2021-1090"),
        ("E/2021/L.30/Amend.2", "E/2021/L.30/Amend.2", "amendment", True, "E/2021/L.30",
         "E-2021-L.30-Amend.2"),
        ("S/RES/2601 (2021)/Corr.1", "S/RES/2601 (2021)/Corr.1", "corrigendum", False,
         "S/RES/2601 (2021)", "S-RES-2601-2021-Corr.1"),
    ],
)  # fmt: skip
def test_drafts_and_documents(
    text: str, printed: str, kind: str, draft: bool, base: str, folder: str
) -> None:
    symbol = ResolutionSymbol.parse(text)
    assert (str(symbol), symbol.kind.value, symbol.is_draft) == (printed, kind, draft)
    assert str(symbol.base) == base
    assert symbol.folder == folder
    assert ResolutionSymbol.from_folder(folder) == symbol
    assert ResolutionSymbol.parse(printed) == symbol


def test_fields_of_a_draft() -> None:
    draft = ResolutionSymbol.parse("E/CN.15/2021/L.3/Rev.1")
    assert (draft.body, draft.session, draft.year, draft.short) == (
        "E",
        2021,
        2021,
        "E/CN.15/2021/L.3/Rev.1",
    )
    third = ResolutionSymbol.parse("A/C.3/76/L.10")
    assert (third.body, third.session, third.year) == ("A", 76, None)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("E/RES/2019/99 (2019)", "E/RES/2019/99"),
        ("e/res/2019/99", "E/RES/2019/99"),
        ("E/RES/2019/099", "E/RES/2019/99"),
        ("  E/RES/2019/99. ", "E/RES/2019/99"),
        ("A/RES/76/1 (2021)", "A/RES/76/1"),
        ("A/RES/76/1 (2022)", "A/RES/76/1"),
        ("S/RES/2601(2021)", "S/RES/2601 (2021)"),
        ("A/C.3/76/L.10/REV.01", "A/C.3/76/L.10/Rev.1"),
    ],
)
def test_one_spelling_per_symbol(variant: str, canonical: str) -> None:
    symbol = ResolutionSymbol.parse(variant)
    assert str(symbol) == canonical
    assert symbol.folder == ResolutionSymbol.parse(canonical).folder


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("E/RES/2019/99 (2020)",
         "'E/RES/2019/99 (2020)' names two different years; write the symbol alone: "
         "E/RES/2019/99"),
        ("A/RES/76/1 (2030)",
         "'A/RES/76/1 (2030)' names two different years; write the symbol alone: A/RES/76/1"),
        ("A/HRC/RES/47/1 (2021)",
         "'A/HRC/RES/47/1 (2021)': a Human Rights Council session names no year; write "
         "A/HRC/RES/47/1"),
        ("S/RES/2601",
         "'S/RES/2601' lacks the Security Council's year; write it like S/RES/2601 (YYYY), "
         "as the resolution prints it"),
        ("S/RES/2601/3",
         "'S/RES/2601/3' is not a UN resolution symbol: a Security Council resolution has "
         "one number; write it like S/RES/2601 (2021)"),
        ("A/C.3/76/L.10/Rev", "'A/C.3/76/L.10/Rev' is not a UN resolution symbol; write it "
         "like E/RES/2021/25 or A/RES/76/1 (a draft: A/C.3/76/L.10)"),
        ("X/C.3/76/L.10", "'X/C.3/76/L.10' is not a UN resolution symbol; write it like "
         "E/RES/2021/25 or A/RES/76/1 (a draft: A/C.3/76/L.10)"),
        ("A/C..3/76/L.10", "'A/C..3/76/L.10' is not a UN resolution symbol; write it like "
         "E/RES/2021/25 or A/RES/76/1 (a draft: A/C.3/76/L.10)"),
        ("E/RES/2021/25/Rev.1/x", "'E/RES/2021/25/Rev.1/x' is not a UN resolution symbol; "
         "write it like E/RES/2021/25 or A/RES/76/1 (a draft: A/C.3/76/L.10)"),
        ("A/C.3/L.x", "'A/C.3/L.x' is not a UN resolution symbol; write it like "
         "E/RES/2021/25 or A/RES/76/1 (a draft: A/C.3/76/L.10)"),
    ],
)  # fmt: skip
def test_bad_spellings_are_refused_in_one_line(bad: str, message: str) -> None:
    with pytest.raises(InvalidSymbol) as caught:
        ResolutionSymbol.parse(bad)
    assert str(caught.value) == message


@pytest.mark.parametrize("folder", ["E-RES-2019-99-2019", "A-C.3-76-L.10-REV.1", "a-c.3-76-l.10"])
def test_a_folder_no_symbol_makes_is_refused(folder: str) -> None:
    with pytest.raises(InvalidSymbol):
        ResolutionSymbol.from_folder(folder)


_PARTS = st.from_regex(
    r"[A-Z]{1,3}\.[1-9][0-9]{0,2}|[1-9][0-9]{0,3}|[A-Z]{2,4}|E?S-[1-9][0-9]{0,2}", fullmatch=True
)


@given(
    organ=st.sampled_from(["A", "E", "S", "A/HRC"]),
    parts=st.lists(_PARTS, min_size=1, max_size=3),
    modifiers=st.lists(
        st.tuples(st.sampled_from(["Rev", "Corr", "Add", "Amend"]), st.integers(1, 99)),
        max_size=2,
    ),
)
def test_documents_round_trip_through_text_and_folder(
    organ: str, parts: list[str], modifiers: list[tuple[str, int]]
) -> None:
    text = "/".join([organ, *parts, "L.1", *(f"{name}.{n}" for name, n in modifiers)])
    try:
        symbol = ResolutionSymbol.parse(text)
    except InvalidSymbol:
        return  # RES in the middle, or too long
    assert ResolutionSymbol.parse(str(symbol)) == symbol
    assert ResolutionSymbol.parse(str(symbol).lower()) == symbol
    assert ResolutionSymbol.from_folder(symbol.folder) == symbol
    assert "/" not in symbol.folder and ".." not in symbol.folder
