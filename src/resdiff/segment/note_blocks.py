"""Footnote blocks: which blocks of the running text are footnotes, lifted out of it.

A footnote printed at the foot of a page stands just before the block that opens the next
page (OCR marks that line with a leading space, ``pdftotext`` with a form feed), sometimes
inside a sentence that goes on after it. A text typeset again by a tool that knows nothing
of its footnotes (the OCR text opened in LibreOffice and printed to PDF, then read from the
PDF or by ``pdftotext``) keeps the footnote lines where they were but not the pages: they
stand mid-page, between two clauses or inside a sentence that goes on in lower case after
them. There they are told by their marks: the next footnote's number (or a glyph OCR made of
a raised one) before a text that ends a sentence and opens with no paragraph's word.
"""

from __future__ import annotations

from resdiff.lang import Language
from resdiff.model import Discard
from resdiff.segment.blocks import Block, Footnote, Pages
from resdiff.segment.boundaries import ends_clause, is_capital, is_date_line
from resdiff.segment.note_lines import FOOTNOTE_LINE_RE, SUPERSCRIPTS, footnote_start

# Longest footnote taken mid-page, away from any page foot (a citation, a few printed lines);
# a longer text with a number before it is an operative paragraph that lost its period.
_MAX_MID_PAGE_NOTE = 400


def lift_footnotes(pages: Pages, language: Language | None = None) -> None:
    """Move the blocks that are footnotes out of the running text, into ``pages.footnotes``.

    Blocks are first cut where footnote lines end one (:func:`_split_trailing_footnotes`) or
    where the text they interrupted resumes (:func:`_split_resumed_text`); a cut whose
    footnotes are not lifted is joined back.
    """
    _split_resumed_text(pages, language)
    _split_trailing_footnotes(pages, language)
    blocks = pages.blocks
    found = _at_page_foot(blocks, language)
    if language is not None:
        _mid_page(blocks, found, language)
    expected = 1
    verbs = language.operative_verbs if language is not None else frozenset()
    for index in sorted(found):
        first = found[index][0]
        out_of_order = first.number is not None and first.number != expected
        separated = blocks[index].footnotes is not None  # read under a separator line
        if (out_of_order or not separated) and first.text.split(maxsplit=1)[0] in verbs:
            # Footnotes are numbered from 1 in order: "4 Prie le Secrétaire général." with no
            # footnote 3 before it (or "1 Prie…" after footnote 3) is an operative paragraph
            # whose period OCR lost; so is "2 Prie…" after footnote 1, no footnote opening
            # with an operative verb, unless a separator line sets it apart.
            del found[index]
            continue
        for footnote in found[index]:
            expected = max(expected, footnote.number or expected) + 1
    for index in sorted(found):
        pages.footnotes.extend(found[index])
        pages.discarded += [Discard("footnote-mark", f.mark) for f in found[index] if f.mark]
    pages.blocks = _rejoin(blocks, found)


def _at_page_foot(blocks: list[Block], language: Language | None) -> dict[int, list[Footnote]]:
    """The footnote blocks at the foot of a page, by index.

    Walks backwards: a block is at the foot of a page when the next block opens a page, is
    itself a footnote block at the foot of the page, or resumes the sentence that the block
    interrupted (:func:`_split_resumed_text`).
    """
    found: dict[int, list[Footnote]] = {}
    for index in range(len(blocks) - 1, 0, -1):
        block = blocks[index]
        after = index + 1
        at_page_foot = (
            after >= len(blocks)
            or blocks[after].page_start
            or after in found
            or _resumes(blocks[after])
        )
        footnotes = block.footnotes or _parse_footnotes(block)
        if block.footnotes:
            found[index] = block.footnotes
            continue
        if footnotes and not at_page_foot and footnotes[0].mark[0] not in SUPERSCRIPTS:
            footnotes = None  # "2 Nations Unies…" mid-page: see _mid_page
        following = next((blocks[k] for k in range(after, len(blocks)) if k not in found), None)
        if footnotes is None and following is not None and at_page_foot:
            interrupted = blocks[index - 1].text[-1:] not in ",;.:" and following.text[:1].islower()
            footnotes = _unmarked_footnotes(block) if interrupted else None
        if footnotes and language is not None and is_date_line(block.lines[0], language):
            footnotes = None  # "22 July 2091": the closing's date, on a line of its own
        if footnotes:
            found[index] = footnotes
    return found


def _mid_page(blocks: list[Block], found: dict[int, list[Footnote]], language: Language) -> None:
    """Add to ``found`` the footnote blocks that stand mid-page, in the order of the text.

    Away from a page foot, a block is footnotes only when their marks go on from the
    footnotes before it (a glyph, OCR's reading of a raised number, goes on from any) and
    each reads as a footnote (:func:`_reads_as_footnote`).
    """
    last = 0  # the number of the last footnote before the block
    for index, block in enumerate(blocks):
        footnotes = found.get(index)
        if footnotes is None and index > 0:
            candidates = _parse_footnotes(block)
            if (
                candidates
                and _goes_on_from(candidates, last)
                and all(_reads_as_footnote(f, language) for f in candidates)
            ):
                found[index] = footnotes = candidates
        for footnote in footnotes or ():
            last = footnote.number or last + 1


def _goes_on_from(footnotes: list[Footnote], last: int) -> bool:
    """Whether the footnotes' numbers follow on from ``last`` (an illegible mark: any)."""
    for expected, footnote in enumerate(footnotes, start=last + 1):
        if footnote.number is not None and footnote.number != expected:
            return False
    return True


def _reads_as_footnote(footnote: Footnote, language: Language) -> bool:
    """Whether a footnote found away from a page foot reads as one: short, ending a
    sentence, and opening with no word that opens a paragraph (``4 Prie…``: an operative
    paragraph whose period OCR lost) nor as a date (``22 juillet 2021.``)."""
    first_word = footnote.text.split(maxsplit=1)[0].strip(",;:")
    return (
        len(footnote.text) <= _MAX_MID_PAGE_NOTE
        and language.ends_sentence(footnote.text)
        and not language.is_opening_word(first_word)
        and not is_date_line(f"{footnote.mark} {footnote.text}", language)
    )


def _resumes(block: Block) -> bool:
    """Whether a block is text cut off the footnotes before it: the sentence they
    interrupted going on in lower case."""
    return block.split and block.text[:1].islower()


def _split_resumed_text(pages: Pages, language: Language | None) -> None:
    """Cut a block where footnote lines interrupt a sentence that goes on after them.

    A footnote line (``3 Ibid., vol. 2237, nº 39574.``) after a line that ends on no
    clause's mark (or after another footnote's line), and a line in lower case right after
    the footnote's full stop (``d’obtenir plus de résultats…``): the footnotes stand where a
    page broke the sentence, and what follows them is its text, not theirs. The cuts are
    marked :attr:`~.blocks.Block.split`, to be joined back when no footnote is lifted.
    """
    blocks: list[Block] = []
    for block in pages.blocks:
        cuts = [block] if block.footnotes is not None else _resumed_cuts(block, blocks, language)
        blocks += cuts
    pages.blocks = blocks


def _resumed_cuts(block: Block, before: list[Block], language: Language | None) -> list[Block]:
    """``block`` cut before footnote lines that interrupt its sentence and after them, or
    ``[block]``; ``before`` are the blocks above it (the last may be footnotes already, one
    wrapped over two lines)."""
    lines = block.lines
    notes_above = bool(before) and bool(_parse_footnotes(before[-1]))
    for start, line in enumerate(lines):
        previous = lines[start - 1] if start else (before[-1].lines[-1] if before else "")
        interrupted = (
            not ends_clause(previous) or _opens_footnote(previous) or (not start and notes_above)
        )
        if not previous.strip() or not interrupted or not _opens_footnote(line):
            continue
        note = line.strip()
        for end in range(start + 1, len(lines)):
            text = lines[end].strip()
            if _opens_footnote(text):
                note = text
            elif note_ends(note, language) and text[:1].islower():
                head = [Block(lines[:start], block.page_start, split=block.split)] if start else []
                notes = Block(lines[start:end], block.page_start and not start, split=True)
                return [*head, notes, Block(lines[end:], split=True)]
            else:
                note += " " + text
    return [block]


def _opens_footnote(line: str) -> bool:
    start = footnote_start(line.strip())
    return start is not None and is_capital(start[1][:1])


def note_ends(text: str, language: Language | None) -> bool:
    """Whether a footnote's text so far is whole: it ends with a full stop that is no
    abbreviation's (``…, Treaty Series, vol.`` re-wrapped goes on: ``3876, No. 61207.``)."""
    return language.ends_sentence(text) if language is not None else text.endswith(".")


def _split_trailing_footnotes(pages: Pages, language: Language | None) -> None:
    """Cut a block whose last lines are footnotes glued to the paragraph above.

    At the foot of a page (OCR lost the blank line), when every footnote so cut ends with a
    full stop (a wrapped line such as "25 September 2015, by …" never does). Elsewhere (a
    text typeset again, its footnote lines mid-page) when they read as footnotes
    (:func:`_reads_as_footnote`); that cut is joined back unless :func:`_mid_page` lifts it.
    """
    blocks: list[Block] = []
    for index, block in enumerate(pages.blocks):
        following = pages.blocks[index + 1] if index + 1 < len(pages.blocks) else None
        if block.footnotes is not None:
            blocks.append(block)
            continue
        at_foot = (
            following is None
            or following.page_start
            or _resumes(following)
            or bool(_parse_footnotes(following))
        )
        cut, split = None, False
        for i in range(1, len(block.lines)):
            if not FOOTNOTE_LINE_RE.match(block.lines[i].strip()):
                continue
            tail = _parse_footnotes(Block(block.lines[i:]))
            if at_foot and _ending_footnotes(tail):
                cut = i
                break
            if language is not None and tail and all(_reads_as_footnote(f, language) for f in tail):
                cut, split = i, True
                break
        if cut is None:
            blocks.append(block)
        else:
            blocks += [
                Block(block.lines[:cut], block.page_start, split=block.split),
                Block(block.lines[cut:], split=split),
            ]
    pages.blocks = blocks


def _ending_footnotes(footnotes: list[Footnote] | None) -> bool:
    return bool(footnotes) and all(f.text.endswith(".") for f in footnotes or ())


def _rejoin(blocks: list[Block], found: dict[int, list[Footnote]]) -> list[Block]:
    """The blocks left once the footnotes are lifted, each cut that lifted nothing joined
    back to the block it was cut from."""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index in found:
            continue
        if block.split and kept and index - 1 not in found:
            before = kept[-1]
            kept[-1] = Block(before.lines + block.lines, before.page_start, split=before.split)
        else:
            kept.append(block)
    return kept


def _unmarked_footnotes(block: Block) -> list[Footnote] | None:
    """Footnotes whose numbers OCR lost, in a block that cuts a sentence at a page break.

    Each line that starts with a capital after a line ending in a full stop is a new footnote.
    """
    footnotes: list[Footnote] = []
    for line in (line.strip() for line in block.lines):
        if not footnotes or (footnotes[-1].text.endswith(".") and line[:1].isupper()):
            if not line[:1].isupper():
                return None
            footnotes.append(Footnote("", line))
        else:
            footnotes[-1].text += " " + line
    return footnotes if all(f.text.endswith(".") for f in footnotes) else None


def _parse_footnotes(block: Block) -> list[Footnote] | None:
    """The footnotes a block holds, or None when the block is not a footnote block."""
    footnotes: list[Footnote] = []
    for line in block.lines:
        start = footnote_start(line.strip())
        if start and is_capital(start[1][:1]):
            footnotes.append(Footnote(*start))
        elif footnotes:
            footnotes[-1].text += " " + line.strip()
        else:
            return None
    return footnotes


__all__ = ["lift_footnotes", "note_ends"]
