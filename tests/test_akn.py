"""Akoma Ntoso export and import: valid against the OASIS schema, and a byte-exact round trip.

For every stored version (the bundled E/RES/2021/25, the constructed series) and every
language fixture: export → validate → ``resdiff add`` the XML into a fresh store → export
again gives the same bytes, the same units, and a diff that finds nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from resdiff import api
from resdiff.akn.read import read_akn
from resdiff.akn.write import to_akn
from resdiff.cli import cli
from resdiff.compare import compare
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.storage import Store
from tests.conftest import BUNDLED_STORE, ROOT, init_repo

SCHEMA = ROOT.parent / "shared" / "schemas" / "akn" / "akomantoso30.xsd"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
LANGUAGE_TEXTS = sorted((ROOT / "tests" / "fixtures" / "languages").glob("constructed.*.txt"))
TESTBED_TRUTHS = [ROOT / "tests" / "ocr" / "constructed-en" / "truth.txt"]


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not SCHEMA.is_file():
        pytest.fail(f"the OASIS AKN schema is not at {SCHEMA} (CI copies shared/ beside the clone)")
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _round_trip(store: Store, selector: str, schema: etree.XMLSchema, tmp: Path) -> bytes:
    exported = api.export(store, selector)
    assert schema.validate(etree.fromstring(exported)), schema.error_log
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "exported.xml"
    path.write_bytes(exported)
    again = Store(init_repo(tmp / "again") / "resolutions")
    added = api.add(again, path)
    assert added.version.entry(added.lang).source == "source.akn"
    original = store.load(store.select(selector))
    back = again.load(added.version)
    assert back.units == original.units
    assert (back.symbol, back.date, back.series, back.meeting, back.title) == (
        original.symbol, original.date, original.series, original.meeting, original.title
    )  # fmt: skip
    assert api.export(again, back.symbol) == exported
    comparison = compare(original, back)
    assert not comparison.has_differences
    assert {c.status.value for c in comparison.changes} == {"unchanged"}
    assert api.verify(again).problems == []
    return exported


def test_the_bundled_version_round_trips(schema: etree.XMLSchema, tmp_path: Path) -> None:
    _round_trip(Store(BUNDLED_STORE), "2021", schema, tmp_path)


def test_every_version_of_the_constructed_series_round_trips(
    demo_store: Store, schema: etree.XMLSchema, tmp_path: Path
) -> None:
    versions = demo_store.versions()
    assert len(versions) >= 4
    for k, version in enumerate(versions):
        _round_trip(demo_store, version.symbol, schema, tmp_path / str(k))


@pytest.mark.parametrize(
    "text", LANGUAGE_TEXTS + TESTBED_TRUTHS, ids=[p.parent.name + "/" + p.name
                                                  for p in LANGUAGE_TEXTS + TESTBED_TRUTHS]
)  # fmt: skip
def test_every_language_fixture_round_trips(
    text: Path, schema: etree.XMLSchema, tmp_path: Path
) -> None:
    store = Store(init_repo(tmp_path / "first") / "resolutions")
    added = api.add(store, text)
    _round_trip(store, added.version.symbol, schema, tmp_path)


def _bundled() -> etree._Element:
    return etree.fromstring(api.export(Store(BUNDLED_STORE), "2021"))


def test_frbr_identifiers_follow_akn4un() -> None:
    root = _bundled()
    statement = root.find(f"{AKN}statement")
    assert statement is not None and statement.get("name") == "resolution"
    ident = f"{AKN}statement/{AKN}meta/{AKN}identification"
    values = {
        level: root.find(f"{ident}/{AKN}FRBR{level}/{AKN}FRBRuri").get("value")  # type: ignore[union-attr]
        for level in ("Work", "Expression", "Manifestation")
    }
    work = "/akn/un/statement/deliberation/ecosoc/2021-07-22/2021-25"
    assert values == {"Work": work, "Expression": f"{work}/fra@",
                      "Manifestation": f"{work}/fra@/!main.xml"}  # fmt: skip
    language = root.find(f"{ident}/{AKN}FRBRExpression/{AKN}FRBRlanguage")
    assert language is not None and language.get("language") == "fra"


def test_structure_eids_and_footnotes_at_their_call_sites() -> None:
    root = _bundled()
    resolution = api.show(Store(BUNDLED_STORE), "2021")
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert "recs__rec_8__list_1__item_a" in eids and "para_14" in eids
    recitals = root.findall(f".//{AKN}recital")
    assert len(recitals) == resolution.count(UnitKind.PREAMBLE)
    # pp5 calls footnote 1: its recital holds the note, whose text is the fn1 unit.
    note = recitals[4].find(f".//{AKN}authorialNote")
    assert note is not None and note.get("marker") == "1"
    assert "".join(note.itertext()) == resolution.unit("fn1").text
    # Footnote 4 is called by pp19 but missing from the source: a reference, never invented.
    missing = recitals[18].find(f".//{AKN}noteRef")
    assert missing is not None and missing.get("class") == "missing"
    paragraphs = root.findall(f".//{AKN}mainBody/{AKN}paragraph")
    assert [p.findtext(f"{AKN}num") for p in paragraphs] == [
        u.label for u in resolution.units if u.kind is UnitKind.OPERATIVE
    ]
    opening = paragraphs[0].find(f".//{AKN}p/{AKN}i")
    assert opening is not None and opening.text == "Prie"
    date = root.find(f".//{AKN}conclusions//{AKN}date")
    assert date is not None and date.get("date") == "2021-07-22"


def test_sub_items_of_operative_paragraphs_are_points(tmp_path: Path) -> None:
    store = Store(init_repo(tmp_path / "p") / "resolutions")
    added = api.add(store, ROOT / "tests" / "fixtures" / "languages" / "constructed.en.txt")
    root = etree.fromstring(api.export(store, added.version.symbol))
    points = [e.get("eId") for e in root.iter(f"{AKN}point")]
    assert "para_2__point_b__point_i" in points


# A CONSTRUCTED AKN document for tests, not a UN document (fictitious symbol E/RES/2099/9),
# written the way other tools write AKN: pretty-printed, no eIds, no resdiff metadata.
FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta>
      <identification source="#someone">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/deliberation/ecosoc/2099-07-21/2099-9/!main"/>
          <FRBRuri value="/akn/un/statement/deliberation/ecosoc/2099-07-21/2099-9"/>
          <FRBRdate date="2099-07-21" name="adoption"/>
          <FRBRauthor href="#ecosoc"/>
          <FRBRcountry value="un"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/un/statement/deliberation/ecosoc/2099-07-21/2099-9/eng@/!main"/>
          <FRBRuri value="/akn/un/statement/deliberation/ecosoc/2099-07-21/2099-9/eng@"/>
          <FRBRdate date="2099-07-21" name="adoption"/>
          <FRBRauthor href="#ecosoc"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
      </identification>
    </meta>
    <preface>
      <p><docNumber>E/RES/2099/9</docNumber></p>
      <p><docTitle>Constructed test resolution on
        test bodies</docTitle></p>
    </preface>
    <preamble>
      <formula name="enactingFormula"><p>The Economic and Social Council,</p></formula>
      <recitals>
        <recital>
          <p><i>Recalling</i> its constructed resolutions,<authorialNote marker="1">
            <p>E/2099/1.</p></authorialNote></p>
        </recital>
      </recitals>
    </preamble>
    <mainBody>
      <paragraph>
        <num>1.</num>
        <intro><p><i>Encourages</i> test bodies:</p></intro>
        <point><num>(a)</num><content><p>to test;</p></content></point>
      </paragraph>
      <paragraph>
        <num>2.</num>
        <content><p><i>Decides</i> to remain seized of the matter.</p></content>
      </paragraph>
    </mainBody>
    <conclusions>
      <p>15th plenary meeting</p>
      <p><date date="2099-07-21">21 July 2099</date></p>
    </conclusions>
  </statement>
</akomaNtoso>
"""


def test_an_akn_file_from_another_tool_is_read_into_units(tmp_path: Path) -> None:
    path = tmp_path / "constructed-foreign.xml"
    path.write_text(FOREIGN, encoding="utf-8")
    resolution = api.ingest_file(path)
    assert (resolution.symbol, resolution.date, resolution.lang, resolution.meeting) == (
        "E/RES/2099/9", "2099-07-21", "en", "15"
    )  # fmt: skip
    assert [(u.id, u.kind.value, u.label, u.text, u.footnote_refs) for u in resolution.units] == [
        ("title", "title", None, "Constructed test resolution on test bodies", ()),
        ("formula", "formula", None, "The Economic and Social Council,", ()),
        ("pp1", "preamble", None, "Recalling its constructed resolutions,", (1,)),
        ("op1", "operative", "1.", "Encourages test bodies:", ()),
        ("op1.a", "subitem", "(a)", "to test;", ()),
        ("op2", "operative", "2.", "Decides to remain seized of the matter.", ()),
        ("closing", "closing", None, "15th plenary meeting\n21 July 2099", ()),
        ("fn1", "footnote", "1", "E/2099/1.", ()),
    ]


def test_cli_export_and_add(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "E-RES-2021-25.fr.xml"
    result = runner.invoke(cli, ["--store", str(BUNDLED_STORE), "export", "2021", "--format",
                                 "akn", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out.resolve()}\n"
    printed = runner.invoke(cli, ["--store", str(BUNDLED_STORE), "export", "2021"])
    assert printed.output.encode() == out.read_bytes()
    store = init_repo(tmp_path / "p") / "resolutions"
    added = runner.invoke(cli, ["--store", str(store), "add", str(out)])
    assert added.exit_code == 0, added.output
    assert "added E/RES/2021/25 (fr) 2021-07-22: 53 units" in added.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<html><body>not AKN</body></html>", "is not an Akoma Ntoso document"),
        ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement>',
         "is not well-formed XML"),
        ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement/>'
         "</akomaNtoso>", "holds no Akoma Ntoso resolution"),
    ],
)  # fmt: skip
def test_bad_akn_input_is_refused_in_one_line(
    runner, tmp_path: Path, content: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    store = init_repo(tmp_path / "p") / "resolutions"
    result = runner.invoke(cli, ["--store", str(store), "add", str(path)])
    assert result.exit_code == 2
    assert message in result.output and result.output.count("\n") == 1
    assert not store.exists()


# Unit texts as the pipeline stores them: no leading or trailing space, no control character.
_clause_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
        blacklist_characters="\ufffe\uffff",
        whitelist_characters="\n",  # a line break inside a clause (br)
    ),
    max_size=60,
).map(str.strip)


@st.composite
def _resolutions(draw: st.DrawFn) -> Resolution:
    """A constructed resolution with every kind of unit, ids as the segmenter gives them."""
    units = [Unit("title", UnitKind.TITLE, draw(_clause_text) or "Title", label="2099/1."),
             Unit("formula", UnitKind.FORMULA, draw(_clause_text))]  # fmt: skip
    notes = draw(st.integers(0, 3))
    refs = st.lists(st.integers(1, notes + 1), max_size=2, unique=True).map(tuple)
    for part, prefix, kind in (("pp", "pp", UnitKind.PREAMBLE), ("op", "op", UnitKind.OPERATIVE)):
        for n in range(1, draw(st.integers(0 if part == "pp" else 1, 4)) + 1):
            label = None if part == "pp" else f"{n}."
            units.append(Unit(f"{prefix}{n}", kind, draw(_clause_text), label, draw(refs)))
            for letter in "abc"[: draw(st.integers(0, 2))]:
                units.append(Unit(f"{prefix}{n}.{letter}", UnitKind.SUBITEM, draw(_clause_text),
                                  f"({letter})", draw(refs)))  # fmt: skip
                for roman in ("i", "ii")[: draw(st.integers(0, 2))]:
                    units.append(Unit(f"{prefix}{n}.{letter}.{roman}", UnitKind.SUBITEM,
                                      draw(_clause_text), f"({roman})"))  # fmt: skip
    units.append(Unit("closing", UnitKind.CLOSING, "15th plenary meeting\n21 July 2099"))
    units += [Unit(f"fn{n}", UnitKind.FOOTNOTE, draw(_clause_text), label=str(n))
              for n in range(1, notes + 1)]  # fmt: skip
    return Resolution("E/RES/2099/1", "en", tuple(units), title=units[0].text,
                      date="2099-07-21", year=2099, series="constructed")  # fmt: skip


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_resolutions())
def test_any_resolution_round_trips_through_akn(resolution: Resolution) -> None:
    data = to_akn(resolution)
    back = read_akn(data, "constructed.xml")
    assert back.units == resolution.units
    assert (back.symbol, back.date, back.series, back.title) == (
        resolution.symbol, resolution.date, resolution.series, resolution.title
    )  # fmt: skip
    assert to_akn(back) == data
