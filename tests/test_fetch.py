"""``resdiff fetch`` against recorded (constructed) answers served on 127.0.0.1.

Nothing here touches the internet: the base addresses point at a local ``http.server``.
"""

from __future__ import annotations

import json
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
from resdiff.errors import FetchError, MetadataError, SettingError, UnknownLanguage
from resdiff.fetch import Record
from resdiff.storage import Store

from .conftest import ROOT

RECORDED = ROOT / "tests" / "fixtures" / "fetch"
PDF = ROOT / "tests" / "fixtures" / "formats" / "E-RES-2021-25.fr.constructed.pdf"
DOCX = ROOT / "tests" / "fixtures" / "formats" / "E-RES-2021-25.fr.constructed.docx"
# The slow route answers after this many seconds; the client's time-out is shorter.
SLOW = 1.0


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []
    # The Word document served for E/RES/2021/32 (set by the test that needs it).
    undated: ClassVar[bytes] = b""

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.hits.append(self.path)
        if url.path == "/api/symbol/access":
            symbol = query.get("s")
            word = query.get("t") == "doc"
            if symbol == "E/RES/2021/25" and query.get("l") == "fr":
                if word:  # the ODS's answer to Word for an old document: a legacy .doc
                    self._send(200, "application/msword", b"\xd0\xcf\x11\xe0legacy .doc")
                else:
                    self._send(200, "application/pdf", PDF.read_bytes())
            elif symbol in ("E/RES/2021/28", "E/RES/2021/29", "E/RES/2021/30") and word:
                docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                self._send(200, docx, DOCX.read_bytes())
            elif symbol == "E/RES/2021/32" and word:
                self._send(200, "application/octet-stream", self.undated)
            elif symbol == "E/RES/2021/31":
                self._send(202, "text/html", b"")  # the firewall's answer to scripts
            elif symbol == "E/RES/2021/99":
                time.sleep(SLOW)
                self._send(200, "application/pdf", PDF.read_bytes())
            elif symbol == "E/RES/2021/26":
                self._send(200, "application/pdf", PDF.read_bytes())
            else:
                self._send(404, "text/html", b"<html>Not found</html>")
        elif url.path == "/search":
            if "E/RES/2021/28" in query.get("p", ""):
                self._send(200, "text/html", b"<!DOCTYPE html><html>Checking your browser</html>")
            elif "E/RES/2021/29" in query.get("p", ""):
                self._send(200, "application/xml", b"")
            elif "E/RES/2021/30" in query.get("p", ""):
                self._send(
                    200, "application/xml", (RECORDED / "undl-E-RES-2021-30.xml").read_bytes()
                )
            elif "E/RES/2021/25" in query.get("p", ""):
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
    assert record.title == (
        "Implementation of the United Nations Global Plan of Action to Combat Trafficking in "
        "Persons"
    )  # 245 $a alone: $b is "resolution / adopted by the Economic and Social Council"
    assert record.subjects == ("TRAFFICKING IN PERSONS", "ACTION PLANS")
    assert record.vote_note == "Adopted without vote (constructed example)"
    assert len(server) == 3  # Word (a legacy .doc, not kept), the PDF, the record
    assert "t=doc" in server[0] and "t=pdf" in server[1] and "rg=10" in server[2]
    again = api.fetch("E/RES/2021/25", "fr")
    assert again.from_cache and len(server) == 3  # nothing asked of the network
    api.fetch("E/RES/2021/25", "fr", refresh=True)
    assert len(server) == 6


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
    assert len(server) == 2  # Word, then PDF; a 404 is not asked again


def test_a_server_that_does_not_answer_in_time(server: list[str]) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        api.fetch("E/RES/2021/99", "fr")
    assert str(error.value) == (
        "E/RES/2021/99 (fr) from the ODS: cannot download it (no answer within 0.3 s, "
        "3 attempts); check your internet connection and try again"
    )
    assert len(server) == 3 and time.monotonic() - started < 5


def test_a_malformed_record_keeps_the_document_and_caches_no_record(
    server: list[str], tmp_path: Path
) -> None:
    fetched = api.fetch("E/RES/2021/26", "fr")
    assert fetched.path == tmp_path / "cache" / "ods" / "E-RES-2021-26.fr.pdf"
    assert fetched.path.read_bytes() == PDF.read_bytes()
    assert fetched.record == Record("E/RES/2021/26")
    (warning,) = fetched.warnings
    assert warning.startswith("the UN Digital Library record of E/RES/2021/26 is malformed")
    assert warning.endswith("; the document is kept, without the library's metadata")
    assert not (tmp_path / "cache" / "undl" / "E-RES-2021-26.xml").exists()


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
    result = CliRunner().invoke(cli, ["fetch", "E/RES/2021", "--lang", "fr"])
    assert result.exit_code == 2
    assert "'E/RES/2021' is not a UN resolution symbol" in result.output


def test_word_first_then_pdf(server: list[str], tmp_path: Path) -> None:
    fetched = api.fetch("E/RES/2021/28", "fr")
    assert fetched.path == tmp_path / "cache" / "ods" / "E-RES-2021-28.fr.docx"
    assert fetched.path.read_bytes() == DOCX.read_bytes()
    assert fetched.url.endswith("t=doc") and len([h for h in server if "access" in h]) == 1
    again = api.fetch("E/RES/2021/28", "fr")
    assert again.path == fetched.path and again.from_cache


def test_a_blocked_record_keeps_the_document_and_adds_it(server: list[str], tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(
        cli, ["--store", str(store), "fetch", "E/RES/2021/28", "--lang", "FR", "--add"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "warning: the UN Digital Library record of E/RES/2021/28: the service answered an HTML "
        "page instead of the document (it blocks some scripted clients); open http://127.0.0.1:"
    )
    assert result.stderr.endswith("; the document is kept, without the library's metadata\n")
    assert "title: -" in result.stdout and "added E/RES/2021/28 (fr): " in result.stdout
    (meta_file,) = store.glob("*/E-RES-2021-28/meta.json")
    fetched = json.loads(meta_file.read_text(encoding="utf-8"))["languages"]["fr"]["fetched"]
    assert fetched["url"].endswith("/api/symbol/access?s=E%2FRES%2F2021%2F28&l=fr&t=doc")
    assert fetched["record"]["title"] is None
    empty = api.fetch("E/RES/2021/29", "fr")
    assert "answered an empty page instead of the document" in empty.warnings[0]


def test_a_blocked_document_is_an_error_with_advice(server: list[str]) -> None:
    with pytest.raises(FetchError) as error:
        api.fetch("E/RES/2021/31", "fr")
    assert str(error.value).startswith(
        "E/RES/2021/31 (fr) from the ODS: the service answered HTTP 202 (accepted, no document) "
        "instead of the document (it blocks some scripted clients); open http://127.0.0.1:"
    )
    assert str(error.value).endswith(" in a browser, save the file and run `resdiff add FILE`")


def test_the_record_of_the_symbol_among_several_and_its_adoption_date(
    server: list[str], tmp_path: Path
) -> None:
    record = api.fetch("E/RES/2021/30", "fr").record
    assert record.symbol == "E/RES/2021/30"
    assert record.title == "Constructed record for the fetch tests"  # not the draft's
    assert record.date == "2021-07-22"  # 992, the adoption date, over 269's 2021-08-03
    assert record.vote == {"yes": 40, "no": 2, "abstentions": 5, "total": 47}
    store = Store(tmp_path / "store")
    _, added = api.fetch_and_add(store, "E/RES/2021/30", "fr")
    entry = json.loads((added.version.path / "meta.json").read_text())["languages"]["fr"]
    assert entry["fetched"]["record"]["subjects"] == ["TRAFFICKING IN PERSONS"]
    assert entry["fetched"]["record"]["vote"]["yes"] == 40


def test_lang_is_checked_before_any_request(server: list[str]) -> None:
    with pytest.raises(UnknownLanguage):
        api.fetch("E/RES/2021/25", "xx")
    assert server == []


def test_cache_off_keeps_nothing(
    server: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESDIFF_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    first = api.fetch("E/RES/2021/25", "fr")
    second = api.fetch("E/RES/2021/25", "fr")
    assert not first.from_cache and not second.from_cache and len(server) == 6
    assert not (tmp_path / "off").exists() and not (tmp_path / "cache").exists()
    assert first.path.read_bytes() == PDF.read_bytes()


@pytest.mark.parametrize("variable", ["RESDIFF_TIMEOUT", "RESDIFF_RETRY_DELAY"])
def test_a_bad_environment_value_is_one_line(
    server: list[str], monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "abc")
    with pytest.raises(SettingError):
        api.fetch("E/RES/2021/25", "fr")
    result = CliRunner().invoke(cli, ["fetch", "E/RES/2021/25", "--lang", "fr"])
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Error: {variable}='abc' is not a number of seconds; set it to a positive number "
        "such as " + ("30" if variable == "RESDIFF_TIMEOUT" else "1") + ", or unset it\n"
    )


def test_the_default_cache_is_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    from resdiff.fetch import cache_dir

    monkeypatch.delenv("RESDIFF_CACHE", raising=False)
    assert cache_dir() == Path(platformdirs.user_cache_dir("resdiff", appauthor=False))
    monkeypatch.setenv("RESDIFF_CACHE", "off")
    assert cache_dir() is None


def test_reports_link_the_official_document(server: list[str], tmp_path: Path) -> None:
    from resdiff.render import render

    store = Store(tmp_path / "store")
    fetched, _ = api.fetch_and_add(store, "E/RES/2021/25", "fr")
    assert fetched.url.endswith("t=pdf")  # the ODS answered a legacy .doc to t=doc
    shown = api.show(store, "2021")
    assert shown.source_url == fetched.url
    comparison = api.diff(store, "2021", "2021")
    escaped = fetched.url.replace("&", "&amp;")
    assert f'<dt>Official document</dt><dd class="source"><a href="{escaped}">' in render(
        comparison, "html"
    )
    assert f"| Official document | {fetched.url} | {fetched.url} |" in render(
        comparison, "markdown"
    ).replace("\\", "")
    assert json.loads(render(comparison, "json"))["new"]["source_url"] == fetched.url


def test_only_web_addresses_become_links(server: list[str], tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    _, added = api.fetch_and_add(store, "E/RES/2021/25", "fr")
    meta_file = added.version.path / "meta.json"
    data = json.loads(meta_file.read_text(encoding="utf-8"))
    data["languages"]["fr"]["fetched"]["url"] = "javascript:alert(1)"
    meta_file.write_text(json.dumps(data), encoding="utf-8")
    assert api.show(store, "2021").source_url is None


def test_a_text_without_date_and_no_record_keeps_the_download(
    server: list[str], tmp_path: Path
) -> None:
    import io

    import docx

    document = docx.Document()
    for line in ("Le Conseil économique et social,", "Rappelant sa résolution 2020/1,",
                 "1. Décide de poursuivre l’examen de la question."):  # fmt: skip
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    _Handler.undated = buffer.getvalue()
    store = Store(tmp_path / "store")
    with pytest.raises(MetadataError) as error:
        api.fetch_and_add(store, "E/RES/2021/32", "fr")
    kept = tmp_path / "cache" / "ods" / "E-RES-2021-32.fr.docx"
    assert kept.read_bytes() == _Handler.undated
    assert str(error.value).endswith(
        f", and the library record gives none; the download is kept: `resdiff add {kept} "
        "--symbol E/RES/2021/32` with that option"
    )
    assert not store.exists()
