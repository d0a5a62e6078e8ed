"""Fuzz properties: on any input, resdiff succeeds or says why in one line, never a traceback.

The number of examples comes from the hypothesis profile in ``conftest.py`` (1,000 in CI).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resdiff.cli import cli
from resdiff.errors import InvalidSymbol, ResdiffError, StoreError
from resdiff.ingest import Source, ingest, ingest_text
from resdiff.ingest.decode import decode
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.render.safety import terminal_safe
from resdiff.render.version import render_version_text
from resdiff.storage import layout
from resdiff.symbols import ResolutionSymbol

from .conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()

# Text that is sometimes a resolution: lines of the seed, shuffled and cut, mixed with any
# Unicode (control characters, surrogate-free astral planes, right-to-left marks...).
lines = st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=80))
documents = st.one_of(
    st.text(max_size=400),
    st.lists(lines, max_size=40).map("\n".join),
)
raw_bytes = st.one_of(
    st.binary(max_size=400),
    documents.map(lambda text: text.encode("utf-8", "surrogatepass")),
    documents.map(lambda text: text.encode("utf-16")),
)
# Control and bidi characters a hostile document could use to drive or fool a terminal.
_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@given(documents, st.sampled_from([None, "fr", "en"]), st.booleans())
def test_ingest_succeeds_or_raises_its_own_error(text: str, lang: str | None, raw: bool) -> None:
    try:
        resolution = ingest_text(text, lang=lang, raw=raw, symbol="E/RES/2021/25" if raw else None,
                                 date="2021-07-22" if raw else None)  # fmt: skip
    except ResdiffError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(resolution, Resolution) and resolution.units
    for unit in resolution.units:  # every id maps to a file inside the version folder
        layout.unit_path(layout.version_dir("s", resolution.symbol), resolution.lang, unit.id)


@given(raw_bytes, st.sampled_from(["x.txt", "x.pdf", "x", "x.docx"]))
def test_bytes_decode_or_raise_its_own_error(data: bytes, name: str) -> None:
    try:
        text = decode(data, name)
        ingest(Source(data=data, name=name, format="txt"))
    except ResdiffError:
        return
    assert isinstance(text, str)


@given(st.text(max_size=60))
def test_symbols_parse_to_safe_folders_or_are_refused(text: str) -> None:
    try:
        symbol = ResolutionSymbol.parse(text)
    except InvalidSymbol:
        return
    assert re.fullmatch(r"[A-Z0-9-]+", symbol.folder)
    assert ResolutionSymbol.parse(str(symbol)) == symbol
    assert layout.version_dir("s", symbol).parts == ("s", symbol.folder)


@given(st.text(max_size=40))
def test_version_folders_read_back_are_validated(text: str) -> None:
    try:
        folder = layout.check_version_dir(text)
    except StoreError:
        return
    assert len(folder.parts) == 2 and ".." not in folder.parts and not folder.is_absolute()


@given(st.text(max_size=200))
def test_terminal_output_never_carries_control_characters(text: str) -> None:
    unit = Unit("op1", UnitKind.OPERATIVE, text, label="1.")
    resolution = Resolution("E/RES/2021/25", "fr", (unit,), title=text, warnings=(text,))
    assert not _UNSAFE_RE.search(render_version_text(resolution))
    assert not _UNSAFE_RE.search(terminal_safe(text))


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("fuzz") / "store"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw_bytes, st.sampled_from(["add", "normalize", "diff"]), st.sampled_from([[], ["--raw"]]))
def test_cli_never_prints_a_traceback(
    fuzz_store: Path, data: bytes, command: str, extra: list[str]
) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.txt"
        path.write_bytes(data)
        args = {
            "add": ["add", str(path), "--no-commit", "--symbol", "E/RES/2021/25", *extra],
            "normalize": ["normalize", str(path)],
            "diff": ["diff", str(path), str(path), "--format", "json"],
        }[command]
        result = runner.invoke(cli, ["--store", str(fuzz_store), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.exit_code == 2
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert not _UNSAFE_RE.search(result.output)
