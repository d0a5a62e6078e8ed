"""Mojibake (UTF-8 read as Windows-1252) repaired with ftfy, reported, and never a change to
a correct text (issue 11, item 11).

The damaged texts are constructed here from the constructed demo text E/RES/2094/1
(``tests/constructed/``): its UTF-8 bytes read as Windows-1252 and saved again as UTF-8, as
an editor does that guesses the wrong encoding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.ingest.mojibake import repair_mojibake

from .conftest import BUNDLED_STORE, ROOT, init_repo

CONSTRUCTED = ROOT / "tests" / "constructed" / "E_RES_2094_1_fr.txt"


def mojibake(text: str) -> str:
    """What a text becomes when its UTF-8 is read as Windows-1252 (the five bytes that
    Windows-1252 leaves undefined read as the C1 controls of the same number, as Windows
    reads them)."""
    return "".join(_cp1252(byte) for byte in text.encode("utf-8"))


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("La rÃ©solution adoptÃ©e", "La résolution adoptée"),
        ("lâ€™AssemblÃ©e gÃ©nÃ©rale", "l’Assemblée générale"),
        ("Â« mise en Å“uvre Â»", "« mise en œuvre »"),
        ("les Ã‰tats Membres", "les États Membres"),
        (mojibake("Резолюции Генеральной Ассамблеи"), "Резолюции Генеральной Ассамблеи"),
        (mojibake("Réaffirmant l’importance « du Plan »"), "Réaffirmant l’importance « du Plan »"),
        ("sound line\nlâ€™Office\nÉtats « sains »", "sound line\nl’Office\nÉtats « sains »"),
    ],
)
def test_mojibake_is_repaired(damaged: str, repaired: str) -> None:
    assert repair_mojibake(damaged)[0] == repaired


def test_the_repair_is_counted_and_named() -> None:
    text, repair = repair_mojibake("La rÃ©solution\nsans dommage\nlâ€™Office\n")
    assert text == "La résolution\nsans dommage\nl’Office\n"
    assert repair is not None
    assert repair.warning == (
        "mojibake repaired on 2 lines (UTF-8 read as Windows-1252: 'rÃ©solution' → "
        "'résolution'); the stored source is unchanged"
    )


def test_only_the_encoding_is_fixed_not_quotes_ligatures_widths_or_entities() -> None:
    # The first line makes ftfy run on the text; every other ftfy fix must stay off.
    kept = (
        "“guillemets” ‘simples’ l’Office ﬁnancement ﬂux ＡＢＣ &amp; &lt;b&gt; "
        "e\u0301tats\u00a0;\u2009« »\u202f: ½ ™ … — –"
    )
    text, repair = repair_mojibake(f"rÃ©solution\n{kept}\n")
    assert repair is not None and repair.lines == 1
    assert text == f"résolution\n{kept}\n"


# Debian's html2text reads a page as Latin-1 unless told otherwise: its layouts are mojibake.
HTML2TEXT = "html2text.txt"


def _texts() -> list[Path]:
    """The seed, every layout of the layout matrix (html2text's aside), the golden and
    constructed texts."""
    paths = [
        *BUNDLED_STORE.rglob("source.txt"),
        *(p for p in (ROOT / "tests" / "layouts").rglob("*.txt") if p.name != HTML2TEXT),
        *(ROOT / "tests" / "golden").rglob("*.txt"),
        *(ROOT / "tests" / "constructed").rglob("*.txt"),
        *(ROOT / "examples").rglob("*.txt"),
    ]
    return sorted(paths)


def test_the_corpus_is_large_enough_to_mean_something() -> None:
    texts = _texts()
    assert len(texts) > 100
    assert any("layouts" in p.parts for p in texts) and any(p.name == "source.txt" for p in texts)


@pytest.mark.parametrize("path", _texts(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_correct_text_is_never_changed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert repair_mojibake(text) == (text, None)


@pytest.mark.parametrize(
    "path", [p for p in _texts() if not p.read_text(encoding="utf-8").isascii()],
    ids=lambda p: str(p.relative_to(ROOT)),
)  # fmt: skip
def test_every_text_damaged_is_given_back_exactly(path: Path) -> None:
    """The quick line filter lets through every line ftfy has to repair: the seed, every
    layout and every golden and constructed text, damaged, read back as they were."""
    text = path.read_text(encoding="utf-8")
    repaired, repair = repair_mojibake(mojibake(text))
    assert repair is not None
    assert repaired == text


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests" / "layouts").rglob(HTML2TEXT)),
    ids=lambda p: str(p.relative_to(ROOT)),
)  # fmt: skip
def test_html2texts_latin1_reading_is_given_back_exactly(path: Path) -> None:
    """html2text wrote each byte of the page's UTF-8 as the Latin-1 character it names, the
    C1 controls of ``œ`` (``Å\x93``) and ``’`` (``â\x80\x99``) too: what it read is the inverse."""
    damaged = path.read_text(encoding="utf-8")
    read = damaged.encode("latin-1").decode("utf-8")
    repaired, repair = repair_mojibake(damaged)
    assert repaired == read
    changed = sum(a != b for a, b in zip(damaged.split("\n"), read.split("\n"), strict=True))
    assert repair is not None and repair.lines == changed > 0


# --------------------------------------------------------------- through ingest and the CLI


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The constructed text with its UTF-8 read as Windows-1252, saved as UTF-8."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "constructed-mojibake.txt"
    path.write_text(mojibake(CONSTRUCTED.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_a_damaged_text_reads_as_the_sound_one_and_is_stored_byte_for_byte(
    damaged: Path, tmp_path: Path
) -> None:
    sound = api.ingest_file(CONSTRUCTED)
    repaired = api.ingest_file(damaged)
    assert [(u.id, u.text) for u in repaired.units] == [(u.id, u.text) for u in sound.units]
    damaged_lines = sum(1 for line in CONSTRUCTED.read_text(encoding="utf-8").split("\n")
                        if not line.isascii())  # fmt: skip
    assert damaged_lines > 10
    assert repaired.warnings[0] == (
        f"mojibake repaired on {damaged_lines} lines (UTF-8 read as Windows-1252: 'SÃ©rie' → "
        "'Série'); the stored source is unchanged"
    )
    assert sound.warnings == ()

    store = init_repo(tmp_path / "project") / "resolutions"
    result = CliRunner().invoke(cli, ["--store", str(store), "add", str(damaged)])
    assert result.exit_code == 0, result.output
    assert "warning: mojibake repaired on 19 lines" in result.output  # standard error, mixed
    folder = store / "ecosoc-serie-construite-tests-texte" / "E-RES-2094-1"
    assert (folder / "fr" / "source.txt").read_bytes() == damaged.read_bytes()
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["languages"]["fr"]["warnings"][0].startswith("mojibake repaired on 19 lines")


def test_diff_reports_the_repair_in_json_and_on_standard_error(
    damaged: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    args = ["diff", str(CONSTRUCTED), str(damaged), "--format", "json"]
    result = runner.invoke(cli, ["--store", str(tmp_path / "none"), *args])
    assert result.exit_code == 0, result.output
    assert f"warning: {damaged}: mojibake repaired on 19 lines" in result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["unchanged"] == len(data["changes"])  # the same text once repaired
    assert [w for w in data["warnings"] if "mojibake" in w] == [
        f"new: {data['new']['warnings'][0]}"
    ]
