"""Segmentation and metadata in English, Spanish, Russian, Arabic and Chinese.

The texts in ``tests/fixtures/languages/`` are constructed (fictitious symbols, year 2099):
resolution-shaped, not taken from any adopted resolution.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resdiff import api, lang
from resdiff.compare import compare
from resdiff.ingest import bidi
from resdiff.normalize import repair
from resdiff.normalize.steps import drop_tatweel, fold_full_width, fold_presentation_forms

from .conftest import ROOT

TEXTS = ROOT / "tests" / "fixtures" / "languages"
IDS = [
    "title", "formula", "pp1", "pp2", "pp3", "pp3.a", "pp3.b", "op1", "op2", "op2.a", "op2.b",
    "op3", "closing", "fn1",
]  # fmt: skip


@pytest.mark.parametrize("code", ["en", "es", "ru", "ar", "zh"])
def test_constructed_resolutions_segment_in_every_language(code: str) -> None:
    resolution = api.ingest_file(TEXTS / f"constructed.{code}.txt")
    expected = IDS if code != "en" else [*IDS[:11], "op2.b.i", "op2.b.ii", *IDS[11:]]
    assert list(resolution.ids) == expected
    assert resolution.lang == code  # detected from the text
    number = {"en": 1, "es": 2, "ru": 3, "ar": 4, "zh": 5}[code]
    assert (resolution.symbol, resolution.date, resolution.meeting, resolution.body) == (
        f"E/RES/2099/{number}", "2099-07-21", "15", "ECOSOC",
    )  # fmt: skip
    assert resolution.unit("pp2").footnote_refs == (1,)
    assert resolution.unit("fn1").text.startswith(f"E/2099/{number}")
    assert resolution.warnings == ()


@pytest.mark.parametrize(
    ("code", "unit", "text"),
    [
        (
            "es",
            "op1",
            "Solicita al Secretario General que le informe sobre la aplicación de la presente resolución en su próximo período de sesiones;",
        ),
        ("es", "pp3.b", "intercambiar buenas prácticas y experiencias,"),
        (
            "ru",
            "pp2",
            "отмечая с признательностью доклад Генерального секретаря об использовании тестовых данных и работу региональных комиссий,",
        ),
        ("ar", "op2.a", "تعزيز التعاون في هذا المجال؛"),
        ("zh", "pp2", "赞赏地注意到秘书长关于使用测试数据的报告以及各区域委员会的工作,"),
        ("zh", "op1", "请秘书长在下届会议上报告本决议的执行情况;"),
    ],
)
def test_unit_texts_are_canonical(code: str, unit: str, text: str) -> None:
    assert api.ingest_file(TEXTS / f"constructed.{code}.txt").unit(unit).text == text


@pytest.mark.parametrize(
    ("step", "before", "after"),
    [
        (fold_presentation_forms, "\ufee3\ufea0\ufee0\ufeb2", "\u0645\u062c\u0644\u0633"),
        (drop_tatweel, "المجـــال", "المجال"),
        (fold_full_width, "１．（ａ）２０２１，", "1.(a)2021,"),
    ],
)
def test_unicode_steps_and_their_idempotence(step: object, before: str, after: str) -> None:
    assert step(before) == after  # type: ignore[operator]
    assert step(after) == after  # type: ignore[operator]


@pytest.mark.parametrize(
    ("code", "damaged", "repaired"),
    [
        ("es", "15a sesion plenaria", "15a sesión plenaria"),
        ("ru", "просит рабoту", "просит работу"),  # a Latin "o" in a Russian word
        ("ar", "المجـلس ٢٠٢١", "المجلس 2021"),
    ],
)
def test_repairs_per_language(code: str, damaged: str, repaired: str) -> None:
    assert repair(damaged, code) == repaired


def test_spanish_repairs_leave_unknown_but_valid_words_alone() -> None:
    # pyspellchecker's Spanish list lacks many inflected forms; they must not be "repaired".
    text = "Solicita las resoluciones anteriores y buenas prácticas"
    assert repair(text, "es") == text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Le Conseil économique et social, Rappelant ses résolutions", "fr"),
        ("The General Assembly, Recalling its resolutions on the matter", "en"),
        ("La Asamblea General, Recordando sus resoluciones y los informes", "es"),
        ("Генеральная Ассамблея, ссылаясь на свои резолюции", "ru"),
        ("إن الجمعية العامة، إذ تشير إلى قراراتها", "ar"),
        ("大会，回顾其各项决议", "zh"),
    ],
)
def test_language_detection(text: str, code: str) -> None:
    assert lang.detect(text) == code


def test_every_supported_language_is_known() -> None:
    assert sorted(lang.SUPPORTED) == ["ar", "en", "es", "fr", "ru", "zh"]
    for code in lang.SUPPORTED:
        assert lang.get(code).code == code


@pytest.mark.parametrize(("code", "item"), [("en", "18 (c)"), ("ar", "18 (c)"), ("es", None)])
def test_agenda_item_and_session_from_the_document(code: str, item: str | None) -> None:
    resolution = api.ingest_file(TEXTS / f"constructed.{code}.txt")
    assert resolution.agenda_item == item
    assert resolution.session == "2099"


def _closing(date_line: str) -> str:
    text = (TEXTS / "constructed.en.txt").read_text(encoding="utf-8")
    return text.replace("21 July 2099", date_line)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"text": _closing("31 June 2099")},
            "the closing gives the date '31 June 2099', which does not exist; "
            "correct the text or give --date YYYY-MM-DD",
        ),
        (
            {"symbol": "A/RES/76/1"},
            "the symbol A/RES/76/1 names the General Assembly's session 76, which did not sit "
            "in 2099; correct --symbol or --date",
        ),
        (
            {"symbol": "E/RES/2098/1"},
            "the symbol E/RES/2098/1 names the year 2098 but the date is 2099-07-21; "
            "correct --symbol or --date",
        ),
        (
            {"symbol": "E/RES/2099"},
            "'E/RES/2099' is not a UN resolution symbol; write it like E/RES/2021/25 or "
            "A/RES/76/1 (a draft: A/C.3/76/L.10)",
        ),
        ({"date": "2099-13-01"}, "'2099-13-01' is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_metadata_checks_give_clear_errors(change: dict[str, str], message: str) -> None:
    from resdiff.errors import MetadataError
    from resdiff.ingest import ingest_text

    text = change.pop("text", (TEXTS / "constructed.en.txt").read_text(encoding="utf-8"))
    with pytest.raises(MetadataError) as error:
        ingest_text(text, **change)  # type: ignore[arg-type]
    assert str(error.value) == message


def test_a_version_holds_several_languages(tmp_path: object, runner: object) -> None:
    from click.testing import CliRunner

    from resdiff.cli import cli

    assert isinstance(runner, CliRunner)
    store = str(tmp_path) + "/store"
    for name, extra in (("en", []), ("es", ["--symbol", "E/RES/2099/1"])):
        result = runner.invoke(
            cli, ["--store", store, "add", str(TEXTS / f"constructed.{name}.txt"), *extra]
        )
        assert result.exit_code == 0, result.output
    shown = runner.invoke(cli, ["--store", store, "show", "2099", "--lang", "es", "--json"])
    assert '"lang": "es"' in shown.output and "Solicita al Secretario General" in shown.output
    shown = runner.invoke(cli, ["--store", store, "show", "2099", "--lang", "en", "--json"])
    assert '"agenda_item": "18 (c)"' in shown.output and '"session": "2099"' in shown.output
    listed = runner.invoke(cli, ["--store", store, "list", "--json"])
    assert json.loads(listed.output)["versions"][0]["languages"] == ["en", "es"]


# --- PDFs typeset by a word processor (scripts/make_language_pdfs.py) ----------------------


@pytest.mark.parametrize("code", ["en", "es", "ru", "ar", "zh"])
def test_a_word_processor_pdf_reads_as_its_text(code: str) -> None:
    """LibreOffice's PDF of each text: Arabic set right to left (it was refused: every word
    came out backwards), Chinese in a Han font, Cyrillic; the same units as the text."""
    text = api.ingest_file(TEXTS / f"constructed.{code}.txt")
    pdf = api.ingest_file(TEXTS / f"constructed.{code}.libreoffice.pdf")
    assert [(u.id, u.text) for u in pdf.units] == [(u.id, u.text) for u in text.units]
    assert (pdf.symbol, pdf.date) == (text.symbol, text.date)


def test_an_edit_between_an_arabic_pdf_and_a_text_is_all_that_is_reported(
    tmp_path: Path,
) -> None:
    source = (TEXTS / "constructed.ar.txt").read_text(encoding="utf-8")
    edited = source.replace("في دورته المقبلة", "في دورته التالية").replace(
        "E/2099/4.", "E/2099/7."
    )
    assert edited.count("التالية") == 1 and "E/2099/7." in edited
    variant = tmp_path / "constructed.ar.edited.txt"
    variant.write_text(edited, encoding="utf-8")
    old = api.ingest_file(TEXTS / "constructed.ar.libreoffice.pdf")
    comparison = compare(old, api.ingest_file(variant))
    changed = {
        change.old[0].id: change.status.value
        for change in comparison.changes
        if change.status.value != "unchanged"
    }
    assert changed == {"op1": "modified", "fn1": "modified"}


def test_right_to_left_words_read_off_a_mirrored_page() -> None:
    # Mirrored, an Arabic word is in reading order; digits and Latin runs are backwards.
    assert bidi.logical("4/9902") == "2099/4"
    assert bidi.logical("4/9902/E.") == "E/2099/4."
    assert bidi.logical("(1)") == "(1)"
    assert bidi.logical("٥١") == "١٥"
    assert bidi.logical("الأعمال") == "الأعمال"
    assert bidi.logical("المج===ال؛") == "المجال؛"  # LibreOffice's kashida glyph decodes as "="
    assert bidi.logical("a==b") == "a==b"  # only between Arabic letters
    assert bidi.is_right_to_left(["إن المجلس", "E/2099/4"])
    assert not bidi.is_right_to_left(["The Council, recalling", "الأمم"])
    assert not bidi.is_right_to_left(["2099/4", "—"])
