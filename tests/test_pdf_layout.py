"""Positioned words → text (``resdiff.ingest.layout``): lines, page furniture, footnotes.

Pages are built word by word, in PDF points (y downwards), as pdfplumber gives them: a word's
box spans its font's ascent and descent, so words of one size on one line share their bottom.
"""

from __future__ import annotations

from resdiff.ingest.layout import Page, Word, pages_to_text


def _line(text: str, baseline: float, size: float = 10.0, x0: float = 72.0) -> list[Word]:
    words, x = [], x0
    for piece in text.split():
        width = len(piece) * size * 0.5
        words.append(
            Word(piece, x, x + width, baseline - 0.76 * size, baseline + 0.24 * size, size)
        )
        x += width + size * 0.3
    return words


def _body(start: float, count: int = 6) -> list[Word]:
    return [
        word
        for n in range(count)
        for word in _line(f"ligne {n + 1} du texte courant de la page", start + 12 * n)
    ]


def _text(*pages: list[Word]) -> str:
    return pages_to_text([Page(595, 842, tuple(words)) for words in pages])


BODY_TEXT = "\n".join(f"ligne {n + 1} du texte courant de la page" for n in range(6))


def test_a_masthead_line_beside_a_larger_name_stays_a_line_of_its_own() -> None:
    masthead = [
        *_line("Distr. : générale", 86, 9, x0=413),
        *_line("Conseil économique et social", 92, 13, x0=132),
        *_line("25 août 2021", 97, 9, x0=413),
    ]
    assert _text([*masthead, *_body(200)]).startswith(
        "Distr. : générale\nConseil économique et social\n25 août 2021\n\nligne 1"
    )


def test_furniture_lines_outside_the_bands_are_set_aside() -> None:
    first = _body(200)
    second = [
        *_line("E/RES/2021/25 2/5", 80),  # running header on one line, below the band
        *_line("Mise en œuvre du Plan d’action mondial", 92, 8, x0=300),  # running title
        *_line("pour la lutte contre la traite", 101, 8, x0=300),
        *_body(130),
        *_line("21-10785 (F) 250821", 740, 8),
        *_line("*2110785*", 752, 9),
        *_line("Merci de recycler", 760, 7, x0=450),
    ]
    assert _text(first, second) == f"{BODY_TEXT}\n\n {BODY_TEXT}\n"


def test_a_line_that_only_starts_like_furniture_is_text() -> None:
    page = [*_line("2/5 des États Membres ont voté", 200), *_body(212)]
    assert _text(page).startswith("2/5 des États Membres ont voté\nligne 1")


def test_the_underscore_separator_starts_the_footnotes_and_is_set_aside() -> None:
    call = Word("1", 117.0, 120.2, 200 - 3.6 - 5, 200 - 3.6 + 1.6, 6.5)  # after "Rappelant"
    body = [*_line("Rappelant", 200), call, *_body(212)]
    number = Word("1", 92.0, 95.5, 700 - 3.6 - 5, 700 - 3.6 + 1.6, 6.5)
    notes = [
        *_line("__________________", 688, 8),
        number,
        *_line("Ibid., vol. 2237.", 700, 8, x0=100),
    ]
    text = _text([*body, *notes])
    assert text.startswith("Rappelant¹\nligne 1")
    assert text.endswith(f"{BODY_TEXT}\n\n1 Ibid., vol. 2237.\n")
    assert "_" not in text
