"""Running heads and feet: the lines a print repeats at its page breaks (the title, the
constructed-text notice), told from text that happens to stand near a break."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from resdiff.segment.boundaries import HEADING_START_RE
from resdiff.segment.furniture import is_furniture
from resdiff.segment.note_lines import FOOTNOTE_LINE_RE

# Lines at the top of a page where a running header (the symbol, the title) may stand.
RUNNING_HEADER_LINES = 4
# Furniture lines with at most this many other lines between them stand at one page break
# (the banner between job number and barcode, the recycling note).
_BREAK_SPAN = 1
# How far from a page break (in lines, blank ones too) a running line is looked for.
_REACH = 12

_WORDS_RE = re.compile(r"[^\W_]+")


def repeated_at_page_breaks(lines: list[str], furniture: list[bool]) -> set[int]:
    """The lines printed at the same place around several page breaks: running heads and feet.

    Returns their indices in ``lines``: only there are they furniture (the same words
    elsewhere are text). A page break is a page start, or furniture (job and page numbers,
    the barcode) in text that lost its form feeds. A line is a candidate when it stands among
    the :data:`RUNNING_HEADER_LINES` non-blank lines around two page breaks or more, and does
    not end as a clause does (a clause never repeats word for word at two page breaks) nor is
    the heading (``2091/7. Title…``, printed once however like the running title). It is
    running when it *touches* two breaks or more, through furniture, blank lines and other
    running lines (the title's two lines), and it is set aside only where it touches one. A
    candidate that touches one break only is text: re-wrapped text can bring a clause's words
    (``la Convention des Nations Unies contre la criminalité``) to a page start once and near
    another break a few lines into the page. ``furniture`` says of each line whether it is
    furniture.
    """
    breaks = _page_breaks(lines, furniture)
    readings = _Readings(lines)
    seen: dict[str, set[int]] = {}
    for group in breaks:
        for index in _around(lines, group):
            key = readings.key_at(index)
            if _may_run(key):
                seen.setdefault(readings.canonical_of(key, seen), set()).add(index)
    # Printed on two lines of the text at least: a real repeat, not one line near two breaks.
    repeated = {key for key, where in seen.items() if len(where) >= 2 and not is_furniture(key)}
    while True:  # fewer running lines each round, until each one touches two breaks
        found = _touching(lines, breaks, furniture, readings, repeated)
        touching: dict[str, set[int]] = {}
        for index, key in found.items():
            touching.setdefault(key, set()).add(index)
        kept = {key for key in repeated if len(touching.get(key, ())) >= 2}
        if kept == repeated:
            return set(found)
        repeated = kept


def _page_breaks(lines: list[str], furniture: list[bool]) -> list[list[int]]:
    """The page breaks, each as the indices of its page-start and furniture lines (those close
    together belong to one break)."""
    marks = [i for i, line in enumerate(lines) if (i > 0 and line.startswith(" ")) or furniture[i]]
    breaks: list[list[int]] = []
    for index in marks:
        between = sum(1 for x in lines[breaks[-1][-1] + 1 : index] if x.strip()) if breaks else 0
        if breaks and between <= _BREAK_SPAN:
            breaks[-1].append(index)
        else:
            breaks.append([index])
    return breaks


def _around(lines: list[str], group: list[int]) -> list[int]:
    """The break's own lines and the :data:`RUNNING_HEADER_LINES` non-blank lines either side."""
    first, last = group[0], group[-1]
    nearby = range(max(0, first - _REACH), min(len(lines), last + _REACH + 1))
    nonblank = [i for i in nearby if lines[i].strip()]
    before = [i for i in nonblank if i < first][-RUNNING_HEADER_LINES:]
    after = [i for i in nonblank if i > last][:RUNNING_HEADER_LINES]
    return [*before, *range(first, last + 1), *after]


def _may_run(key: str) -> bool:
    """Whether a line may be a running head or foot: long enough, not ending as a clause
    does, no footnote, not the heading (printed once, whatever page furniture stands near it:
    a PDF viewer's copy puts the first page's footer just above it)."""
    return (
        len(key) >= 8
        and key[-1:] not in ",;:"
        and not FOOTNOTE_LINE_RE.match(key)
        and not HEADING_START_RE.match(key)
    )


class _Readings:
    """Each line's key (its spaces collapsed) and the first reading seen of it, kept from one
    question to the next (segmentation asks them of the same lines many times)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.keys: dict[int, str] = {}
        self.canonical: dict[str, str] = {}  # a line as read -> the first reading of it seen
        self.word_sets: dict[str, set[str]] = {}  # a line seen -> its words

    def key_at(self, index: int) -> str:
        key = self.keys.get(index)
        if key is None:
            key = self.keys[index] = " ".join(self.lines[index].split())
        return key

    def canonical_of(self, key: str, seen: Iterable[str]) -> str:
        """The reading seen first of ``key`` (among ``seen`` the first time it is asked)."""
        known = self.canonical.get(key)
        if known is None:
            known = self.canonical[key] = same_as_seen(key, seen, self.word_sets)
        return known

    def running(self, key: str, repeated: set[str]) -> str | None:
        """The running line ``key`` is a reading of, or None."""
        if HEADING_START_RE.match(key):
            return None
        known = self.canonical.get(key)
        if known is None:
            known = same_as_seen(key, repeated, self.word_sets)
        return known if known in repeated else None


def _touching(
    lines: list[str],
    breaks: list[list[int]],
    furniture: list[bool],
    readings: _Readings,
    repeated: set[str],
) -> dict[int, str]:
    """The lines of ``repeated`` that touch a break through furniture, blank lines and other
    lines of ``repeated``: each index with the running line it reads."""
    found: dict[int, str] = {}

    def take(index: int) -> bool:
        key = readings.key_at(index)
        if not key or furniture[index]:
            return True
        known = readings.running(key, repeated)
        if known is not None:
            found[index] = known
        return known is not None

    for group in breaks:
        for index in range(group[0], group[-1] + 1):
            take(index)
        for step, start in ((-1, group[0] - 1), (1, group[-1] + 1)):
            index = start
            while 0 <= index < len(lines) and abs(index - start) < _REACH and take(index):
                index += step
    return found


# How alike two readings of one running line must be (OCR reads it a little differently on
# every page: "(constructed-…)" / "{consucted-…)").
RUNNING_LINE_SIMILARITY = 0.85


def same_as_seen(
    key: str, seen: Iterable[str], word_sets: dict[str, set[str]] | None = None
) -> str:
    """The line already seen that ``key`` is a reading of, or ``key`` itself.

    Two readings of a line are alike when they share most of their words (the cheap test,
    on word sets kept in ``word_sets`` from one call to the next) and difflib finds them
    similar enough. One matcher holds ``key`` for every line it is compared with: difflib
    indexes its second sequence, so ``key`` is indexed once, not once per line seen.
    """
    words = set(key.split())
    sets = {} if word_sets is None else word_sets
    matcher: difflib.SequenceMatcher[str] | None = None
    for known in seen:
        if abs(len(known) - len(key)) > 0.2 * len(key):
            continue
        other = sets.get(known)
        if other is None:
            other = sets[known] = set(known.split())
        if len(words & other) * 2 < min(len(words), len(other)):
            continue
        if matcher is None:
            matcher = difflib.SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(key)
        matcher.set_seq1(known)
        if (
            matcher.real_quick_ratio() >= RUNNING_LINE_SIMILARITY
            and matcher.quick_ratio() >= RUNNING_LINE_SIMILARITY
            and matcher.ratio() >= RUNNING_LINE_SIMILARITY
        ):
            return known
    return key


class RunningHeaders:
    """Tells the title repeated at the top of later pages (``Mise en œuvre du Plan…``).

    The title is read from the heading (``2021/25. Title…``) and the lines under it up to
    the first blank or capitalised line. A line at the top of a page is a running header
    when it has no closing punctuation and its words are the start of the title (three words
    at least, not in lower case), or the rest of the title right after such a start.
    """

    def __init__(self, lines: list[str]) -> None:
        self.title: list[str] = []
        self._after_start = False
        for number, line in enumerate(lines):
            heading = HEADING_START_RE.match(line.strip())
            if heading:  # the title after its number ("2021/25. Mise…", "2099/5.关于…")
                words = _WORDS_RE.findall(line.strip()[heading.end() - 1 :].lower())
                for more in lines[number + 1 : number + 4]:
                    if not more.strip() or more.strip()[:1].isupper():
                        break
                    words += _WORDS_RE.findall(more.lower())
                self.title = words
                break

    def __call__(self, line: str) -> bool:
        after_start, self._after_start = self._after_start, False
        line = _without_symbol(line)
        words = _WORDS_RE.findall(line.lower())
        if len(words) < 3 or len(words) > len(self.title) or line.rstrip()[-1:] in ",;:.":
            return False
        if words == self.title[: len(words)] and not line.strip()[:1].islower():
            # The title is printed capitalised: its first words in lower case are a sentence's
            # (``… d’inclure un chapitre sur la`` / ``mise en œuvre du Plan d’action mondial``).
            self._after_start = len(words) < len(self.title)
            return True
        return after_start and words == self.title[-len(words) :]


def _without_symbol(line: str) -> str:
    """``line`` without the document's symbol (or another furniture cell) at either end.

    The running header prints the symbol on the outer side of the title; a searchable scan's
    text layer, or a viewer's copy, may join it to a line of the title with one space
    (``combat crimes that affect the environment E/RES/2091/7``).

    Example:
        >>> _without_symbol("combat crimes that affect the environment E/RES/2091/7")
        'combat crimes that affect the environment'
        >>> _without_symbol("E/RES/2021/25 Mise en œuvre du Plan")
        'Mise en œuvre du Plan'
        >>> _without_symbol("as set out in resolution 2091/7")
        'as set out in resolution 2091/7'
    """
    cells = line.split()
    if len(cells) > 1 and _is_symbol(cells[-1]):
        return " ".join(cells[:-1])
    if len(cells) > 1 and _is_symbol(cells[0]):
        return " ".join(cells[1:])
    return line


def _is_symbol(cell: str) -> bool:
    """A document symbol (``E/RES/2091/7``): furniture with a slash, not a page number."""
    return "/" in cell and not cell[0].isdigit() and is_furniture(cell)
