"""``resdiff fetch`` against recorded (constructed) answers served on 127.0.0.1.

Nothing here touches the internet: the base addresses point at a local ``http.server``.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.errors import FetchError

from .conftest import ROOT

RECORDED = ROOT / "tests" / "fixtures" / "fetch"
PDF = ROOT / "tests" / "fixtures" / "formats" / "E-RES-2021-25.fr.constructed.pdf"
# The slow route answers after this many seconds; the client's time-out is shorter.
SLOW = 1.0


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.hits.append(self.path)
        if url.path == "/api/symbol/access":
            symbol = query.get("s")
            if symbol == "E/RES/2021/25" and query.get("l") == "fr":
                self._send(200, "application/pdf", PDF.read_bytes())
            elif symbol == "E/RES/2021/99":
                time.sleep(SLOW)
                self._send(200, "application/pdf", PDF.read_bytes())
            elif symbol == "E/RES/2021/26":
                self._send(200, "application/pdf", PDF.read_bytes())
            else:
                self._send(404, "text/html", b"<html>Not found</html>")
        elif url.path == "/search":
            if "E/RES/2021/25" in query.get("p", ""):
                self._send(
                    200, "application/xml", (RECORDED / "undl-E-RES-2021-25.xml").read_bytes()
                )
            else:
                self._send(200, "application/xml", (RECORDED / "undl-malformed.xml").read_bytes())
        else:
            self._send(404, "text/plain", b"no such page")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the time-out test)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """A local server for both services, a fresh cache, short time-outs and pauses."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    monkeypatch.setenv("RESDIFF_ODS_URL", base)
    monkeypatch.setenv("RESDIFF_UNDL_URL", base)
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("RESDIFF_TIMEOUT", "0.3")
    monkeypatch.setenv("RESDIFF_RETRY_DELAY", "0.01")
    _Handler.hits = []
    yield _Handler.hits
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_fetch_downloads_the_document_and_its_record_then_uses_the_cache(
    server: list[str], tmp_path: Path
) -> None:
    fetched = api.fetch("E/RES/2021/25", "fr")
    assert fetched.path == tmp_path / "cache" / "ods" / "E-RES-2021-25.fr.pdf"
    assert fetched.path.read_bytes() == PDF.read_bytes()
    assert not fetched.from_cache
    record = fetched.record
    assert record.date == "2021-07-22"
    assert record.title and record.title.startswith("Implementation of the United Nations")
    assert record.subjects == ("TRAFFICKING IN PERSONS", "ACTION PLANS")
    assert len(server) == 2
    again = api.fetch("E/RES/2021/25", "fr")
    assert again.from_cache and len(server) == 2  # nothing asked of the network
    api.fetch("E/RES/2021/25", "fr", refresh=True)
    assert len(server) == 4


def test_fetch_add_stores_the_version(server: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(
        cli, ["--store", store, "fetch", "E/RES/2021/25", "--lang", "fr", "--add"]
    )
    assert result.exit_code == 0, result.output
    assert "date: 2021-07-22" in result.output
    assert "added E/RES/2021/25 (fr): 53 units" in result.output
    shown = runner.invoke(cli, ["--store", store, "show", "2021", "--json"])
    assert '"id": "pp27"' in shown.output


def test_a_document_that_does_not_exist(server: list[str]) -> None:
    with pytest.raises(FetchError) as error:
        api.fetch("E/RES/2021/77", "fr")
    assert str(error.value) == (
        "E/RES/2021/77 (fr) from the ODS: not found (HTTP 404); check the symbol and language"
    )
    assert len(server) == 1  # a 404 is not asked again


def test_a_server_that_does_not_answer_in_time(server: list[str]) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        api.fetch("E/RES/2021/99", "fr")
    assert str(error.value) == (
        "E/RES/2021/99 (fr) from the ODS: cannot download it (no answer within 0.3 s, "
        "3 attempts); check your internet connection and try again"
    )
    assert len(server) == 3 and time.monotonic() - started < 5


def test_a_malformed_metadata_record_is_refused_and_nothing_is_cached(
    server: list[str], tmp_path: Path
) -> None:
    with pytest.raises(
        FetchError, match=r"^the UN Digital Library record of E/RES/2021/26 is malformed"
    ):
        api.fetch("E/RES/2021/26", "fr")
    assert not (tmp_path / "cache" / "ods" / "E-RES-2021-26.fr.pdf").exists()


def test_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("RESDIFF_ODS_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("RESDIFF_RETRY_DELAY", "0.01")
    result = CliRunner().invoke(cli, ["fetch", "E/RES/2021/25", "--lang", "fr"])
    assert result.exit_code == 2
    assert "E/RES/2021/25 (fr) from the ODS: cannot download it (" in result.output
    assert "3 attempts); check your internet connection and try again" in result.output


def test_a_malformed_symbol_is_refused_before_any_download() -> None:
    result = CliRunner().invoke(cli, ["fetch", "E/2021/25", "--lang", "fr"])
    assert result.exit_code == 2
    assert "'E/2021/25' is not a UN resolution symbol" in result.output
