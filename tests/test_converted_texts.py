"""Texts that other tools converted before resdiff saw them: Markdown, pandoc, text browsers,
mutool.

The files are the layout matrix's (``tests/layouts/*/pandoc-markdown.md``, ``lynx.txt``,
``mutool.txt``…, made by ``scripts/make_layout_matrix.py`` from the golden transcription and
the constructed texts); ``tests/test_layout_matrix.py`` checks that each reads as its text and
that every constructed edit is found in them. Here: the routes around that reading (the
Markdown format, the stored source, rebuild) and the rules' limits, where a text that merely
looks like a converter's must be read as it was before.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from resdiff import api
from resdiff.ingest import extract_text, ingest_text, read_source
from resdiff.ingest.link_list import drop_link_list
from resdiff.segment.markers import MarkerNumbering

from .conftest import ROOT, git, run_in_store

LAYOUTS = ROOT / "tests" / "layouts"
FRENCH = LAYOUTS / "E-RES-2021-25.fr"
ENGLISH = LAYOUTS / "constructed-en"


def _units(path: Path) -> list[tuple[str, str]]:
    resolution = api.ingest_file(path)
    return [(unit.id, unit.text) for unit in resolution.units]


def test_a_markdown_file_is_read_as_markdown_not_as_text() -> None:
    source = read_source(FRENCH / "pandoc-markdown.md")
    assert source.format == "md"
    text = extract_text(source)
    # The syntax is gone: emphasis, the footnote calls and their definitions.
    assert "*Rappelant*" not in text and "[^1]" not in text and "**" not in text
    assert _units(FRENCH / "pandoc-markdown.md") == _units(FRENCH / "web.txt")


def test_markdown_is_stored_byte_for_byte_and_rebuilt(tmp_path: Path, empty_store: Path) -> None:
    path = ENGLISH / "pandoc-markdown.md"
    code, output = run_in_store(empty_store, "add", str(path))
    assert code == 0, output
    stored = next(empty_store.glob("*/*/en/source.md"))
    assert (
        hashlib.sha256(stored.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest()
    )
    meta = json.loads(next(empty_store.glob("*/*/meta.json")).read_text(encoding="utf-8"))
    assert [entry["source"] for entry in meta["languages"].values()] == ["source.md"]
    head = git(empty_store.parent, "rev-parse", "HEAD")
    code, output = run_in_store(empty_store, "rebuild")
    assert code == 0 and "nothing to rebuild" in output, output
    assert git(empty_store.parent, "rev-parse", "HEAD") == head
    code, output = run_in_store(empty_store, "verify")
    assert code == 0 and "no problems" in output, output


def test_plain_text_saved_as_markdown_keeps_one_paragraph_a_line(tmp_path: Path) -> None:
    """A web paste (one line per paragraph, no blank line) saved as ``.md``: Markdown would
    make one paragraph of it; its line breaks are kept."""
    pasted = tmp_path / "pasted.md"
    pasted.write_bytes((ENGLISH / "web.txt").read_bytes())
    assert read_source(pasted).format == "md"
    assert _units(pasted) == _units(ENGLISH / "web.txt")


@pytest.mark.parametrize(
    "layout",
    [
        "pandoc-plain.txt", "lynx.txt", "w3m.txt", "pandoc-markdown.md",
        "lynx-libreoffice.txt", "w3m-libreoffice.txt",
    ],
)  # fmt: skip
def test_converters_calls_become_footnote_references(layout: str) -> None:
    """``[1]``, ``[^1]``, ``^1``, ``^[3]2``, ``^^1`` (LibreOffice's HTML anchors, a ``<sup>``
    in a ``<sup>``): each call is a reference to its footnote, taken out of the clause's text,
    as the superscript of the Word file is."""
    converted = api.ingest_file(FRENCH / layout)
    word = api.ingest_file(FRENCH / "word.docx")
    assert [(u.id, u.text, u.footnote_refs) for u in converted.units] == [
        (u.id, u.text, u.footnote_refs) for u in word.units
    ]
    assert [u.footnote_refs for u in converted.units if u.footnote_refs] == [(1,), (2, 3)]


def test_negotiation_brackets_and_unknown_numbers_stay_text() -> None:
    """Square brackets mark text still under negotiation: a bracketed number is a call only
    when it is the next footnote's number and that footnote exists."""
    numbering = MarkerNumbering()
    text = "by [2030], the [second] review and the States[4] of the region[1],"
    assert numbering.take(text, known={1}) == (
        "by [2030], the [second] review and the States[4] of the region,",
        [1],
        ["[1]"],
    )


def test_a_link_list_goes_only_when_every_item_is_an_address() -> None:
    dump = (FRENCH / "lynx.txt").read_text(encoding="utf-8")
    assert "References" in dump and "^[" in dump
    dropped = drop_link_list(dump)
    assert "References" not in dropped and "file://" not in dropped and "^[" not in dropped
    # A notes section headed "References" is not a link list: nothing goes.
    notes = "22 July 2091\n\nReferences\n\n1. Resolution 64/293.\n2. Ibid.\n"
    assert drop_link_list(notes) == notes


def test_blank_lines_inside_sentences_are_mended_only_where_the_text_has_them() -> None:
    """mutool sets each paragraph's first line apart; the reader joins the cuts. A web page's
    unlabelled one-line items, each ending on a comma and separated by blank lines, are not
    joined: nothing else in the text shows blank lines inside sentences."""
    mutool = api.ingest_file(ENGLISH / "mutool.txt")
    assert [(u.id, u.text) for u in mutool.units] == _units(ENGLISH / "web.txt")
    items = "\n\n".join(
        [
            "The Economic and Social Council,",
            "Recalling its resolution 2090/1, which aims to:",
            "promote the ratification of the Convention,",
            "assist Member States in strengthening their capacities,",
            "foster cooperation between law enforcement agencies,",
            "1. Decides to remain seized of the matter.",
            "15th plenary meeting\n21 July 2091",
        ]
    )
    header = "Resolution 2091/1. Constructed text for tests, not a United Nations document\n\n"
    resolution = ingest_text(header + items, lang="en", symbol="E/RES/2091/1", date="2091-07-21")
    assert [u.text for u in resolution.units if u.id.startswith("pp")] == [
        "Recalling its resolution 2090/1, which aims to:",
        "promote the ratification of the Convention,",
        "assist Member States in strengthening their capacities,",
        "foster cooperation between law enforcement agencies,",
    ]


def _quoted(text: str, attribution: str) -> str:
    lines = ["> " + line if line.strip() else ">" for line in text.split("\n")]
    return attribution + "\n\n" + "\n".join(lines) + "\n"


def test_a_reply_to_a_reply_is_read_as_the_text_it_quotes(tmp_path: Path) -> None:
    email = (FRENCH / "email-reply.txt").read_text(encoding="utf-8")
    assert email.count("\n> ") > 100  # the committed layout is quoted
    twice = tmp_path / "twice.txt"
    twice.write_text(_quoted(email, "Le 4 août 2021 à 09:30, B. Analyst a écrit :"), "utf-8")
    assert _units(twice) == _units(FRENCH / "web.txt")


def test_an_edit_inside_quoted_text_is_still_found(tmp_path: Path) -> None:
    email = (FRENCH / "email-reply.txt").read_text(encoding="utf-8")
    edited = tmp_path / "edited.txt"
    assert "22 juillet 2021" in email
    edited.write_text(email.replace("22 juillet 2021", "23 juillet 2021"), encoding="utf-8")
    before, after = dict(_units(FRENCH / "email-reply.txt")), dict(_units(edited))
    assert [uid for uid in before if before[uid] != after.get(uid)] == ["closing"]


def test_a_text_with_a_few_quoted_lines_is_left_as_it_is() -> None:
    from resdiff.ingest.quoted import unquote

    text = (FRENCH / "web.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    some = "\n".join("> " + line if k % 3 == 0 else line for k, line in enumerate(lines))
    assert unquote(some) == some


# --- lists whose labels a conversion lost ---------------------------------------------------

_HEADER = "Resolution 2091/1. Constructed text for tests, not a United Nations document\n\n"


def _constructed(*paragraphs: str) -> list[tuple[str, str, str | None]]:
    text = _HEADER + "\n\n".join(["The Economic and Social Council,", *paragraphs,
                                   "15th plenary meeting\n21 July 2091"])  # fmt: skip
    resolution = ingest_text(text, lang="en", symbol="E/RES/2091/1", date="2091-07-21")
    return [(u.id, u.text, u.label) for u in resolution.units if u.kind.value != "closing"]


@pytest.mark.parametrize("text", [FRENCH, ENGLISH], ids=["fr", "en"])
@pytest.mark.parametrize("layout", ["pandoc-gfm.md", "pandoc-web-gfm.md"])
def test_github_markdown_sub_items_numbered_by_pandoc_stay_sub_items(
    layout: str, text: Path
) -> None:
    """GitHub Markdown has numbered lists only: pandoc writes the sub-items ``a)`` … as
    ``1)`` … (the letters are lost in the input). They stay the sub-items of the paragraph
    whose colon opens them, stored by their place, with the printed number as their label."""
    converted = api.ingest_file(text / layout)
    assert [(u.id, u.text) for u in converted.units] == _units(text / "web.txt")
    items = [u for u in converted.units if u.id.startswith("pp8.")]
    assert [u.label for u in items] == [f"{n}." for n in range(1, len(items) + 1)]
    assert any("numbered list follows it" in w for w in converted.warnings)


@pytest.mark.parametrize("text", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_a_browser_copy_without_list_numbers_reads_as_the_text(text: Path) -> None:
    """Chromium's copy (``innerText``) keeps no list number or letter: the operative numbers
    come back from the verbs, the sub-items from their one line each after the colon, the
    notes from their back-links under the heading."""
    copied = api.ingest_file(text / "chromium-copy.txt")
    assert [(u.id, u.text) for u in copied.units] == _units(text / "web.txt")
    assert [u.label for u in copied.units if u.id.startswith("pp8.")] == [None] * len(
        [u for u in copied.units if u.id.startswith("pp8.")]
    )


def test_numbered_items_after_a_colon_are_sub_items_only_where_no_verb_opens_them() -> None:
    items = _constructed(
        "Recalling its resolution 2090/1, which aims to:",
        "1. Promote the ratification of the Convention;",
        "2. Assist Member States in strengthening their capacities,",
        "Noting the report of the Secretary-General:",
        "1. Decides to remain seized of the matter;",
        "2. Requests a report at its next session.",
    )
    assert [(i, label) for i, _, label in items[2:]] == [
        ("pp1", None), ("pp1.a", "1."), ("pp1.b", "2."), ("pp2", None), ("op1", "1."),
        ("op2", "2."),
    ]  # fmt: skip
    # Without the colon, a numbered paragraph opens the operative part.
    items = _constructed("Recalling its resolution 2090/1,", "1. Promote the Convention;")
    assert [i for i, _, _ in items[2:]] == ["pp1", "op1"]


def test_unlabelled_lines_after_a_colon_are_items_only_when_each_ends_one() -> None:
    items = _constructed(
        "Recalling its resolution 2090/1, which aims to:",
        "Promote the ratification of the Convention;\nAssist Member States,",
        "1. Decides to remain seized of the matter.",
    )
    assert [(i, t) for i, t, _ in items[2:]] == [
        ("pp1", "Recalling its resolution 2090/1, which aims to:"),
        ("pp1.a", "Promote the ratification of the Convention;"),
        ("pp1.b", "Assist Member States,"),
        ("op1", "Decides to remain seized of the matter."),
    ]
    # A paragraph wrapped over lines (a line ends inside a sentence) stays one paragraph.
    items = _constructed(
        "Recalling its resolution 2090/1, which aims to:",
        "Promote the ratification of the\nConvention and assist Member States,",
        "1. Decides to remain seized of the matter.",
    )
    assert [i for i, _, _ in items[2:]] == ["pp1", "pp2", "op1"]


def test_a_wrapped_page_footer_goes_whole_only_when_it_stands_alone() -> None:
    footer = "91-20917 (E) Constructed notice for tests, wrapped by a\ntext browser onto two lines"
    items = _constructed(
        "Recalling its resolution 2090/1,", "1. Decides to remain seized of the matter.", footer
    )
    assert [i for i, _, _ in items] == ["title", "formula", "pp1", "op1"]


def test_text_that_pdfminer_scrambled_gets_one_warning_naming_the_cause() -> None:
    """pdfminer prints the words of loosely justified lines as boxes out of order: besides a
    warning per fragment kept with its clause, one line says what likely happened."""
    scrambled = api.ingest_file(ENGLISH / "pdfminer.txt", strict=False)
    assert scrambled.warnings[0].startswith("4 fragments of text stood apart from their clauses")
    assert "pdfminer" in scrambled.warnings[0]
    clean = api.ingest_file(ENGLISH / "pdftotext-layout.txt", strict=False)
    assert not any("fragments of text" in w for w in clean.warnings)


@pytest.mark.parametrize("text", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_a_word_processors_plain_text_save_reads_as_the_text_less_its_lost_notes(
    text: Path,
) -> None:
    """LibreOffice's "Text (encoded)" save of the Word file: a byte-order mark, indented
    labelled lines, and no footnotes (the input lost them): every clause reads as in the
    web paste, the calls are still references, and each missing note is named."""
    saved = api.ingest_file(text / "libreoffice-text.txt", strict=False)
    web = api.ingest_file(text / "web.txt", strict=False)
    assert [(u.id, u.text, u.footnote_refs) for u in saved.units] == [
        (u.id, u.text, u.footnote_refs) for u in web.units if not u.id.startswith("fn")
    ]
    assert sum("its text is missing from the source" in w for w in saved.warnings) == 3
