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
