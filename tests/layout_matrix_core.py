"""Read the layout matrix (``tests/layouts/``) with resdiff and score it.

Shared by ``scripts/layout_matrix.py`` (the report) and ``tests/test_layout_matrix.py``. Every
reading goes through resdiff's public entry point ``resdiff.api.ingest_file`` (``strict=False``,
as ``resdiff diff`` reads files), except ``scan-ocr``: the committed tesseract TSV of resdiff's own
OCR route is parsed by ``resdiff.ingest.ocr.parse_tsv`` and laid out by
``resdiff.ingest.layout.pages_to_text`` exactly as ``ingest_file(..., ocr=True)`` would, without
running tesseract. Readings are cached per process.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resdiff.api import ingest_file
from resdiff.compare import compare
from resdiff.errors import ResdiffError
from resdiff.model import ChangeStatus, Comparison, Resolution, Unit, UnitKind
from tests.golden_format import GOLDEN_DIR, GoldenUnit, read_golden

HERE = Path(__file__).parent
LAYOUTS_DIR = HERE / "layouts"
CASES_DIR = HERE / "cases"
MANIFEST = json.loads((LAYOUTS_DIR / "manifest.json").read_text(encoding="utf-8"))
LAYOUTS: tuple[str, ...] = tuple(MANIFEST["layouts"])
TEXTS: dict[str, dict[str, Any]] = MANIFEST["texts"]
ORIGINALS = ("E-RES-2021-25.fr", "constructed-en")
FRENCH = "E-RES-2021-25.fr"
# The OCR seed the golden French text was transcribed from (also the stored source).
SEED = HERE.parent / "resolutions" / "ecosoc-trafficking" / "E-RES-2021-25" / "fr" / "source.txt"
GOLDENS = {
    FRENCH: GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt",
    "constructed-en": GOLDEN_DIR / "constructed-en.golden.txt",
}

_KINDS = {
    "title": UnitKind.TITLE,
    "formula": UnitKind.FORMULA,
    "preambular": UnitKind.PREAMBLE,
    "subitem": UnitKind.SUBITEM,
    "operative": UnitKind.OPERATIVE,
    "closing": UnitKind.CLOSING,
    "footnote": UnitKind.FOOTNOTE,
}

Key = tuple[str, bool, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Reading:
    """One text in one layout, as resdiff read it (``error`` set when it refused)."""

    text: str
    layout: str
    resolution: Resolution | None
    error: str | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.resolution.warnings if self.resolution else ()


def layout_path(text: str, layout: str) -> Path:
    return LAYOUTS_DIR / text / layout


def layouts_of(text: str) -> tuple[str, ...]:
    """The layouts a text has files for (the scans exist for a few texts only)."""
    return tuple(TEXTS[text]["layouts"])


@functools.cache
def reading(text: str, layout: str) -> Reading:
    """Read one file of the matrix with resdiff (cached)."""
    path = layout_path(text, layout)
    try:
        if layout == "scan-ocr":
            resolution = _read_ocr_tsv(path)
        else:
            resolution = ingest_file(path, strict=False)
    except ResdiffError as exc:
        return Reading(text, layout, None, str(exc))
    return Reading(text, layout, resolution)


def _read_ocr_tsv(folder: Path) -> Resolution:
    from resdiff.ingest import ingest_text
    from resdiff.ingest.layout import pages_to_text
    from resdiff.ingest.ocr import parse_tsv

    pages = [
        parse_tsv(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("page-*.tsv"), key=lambda p: int(p.stem.split("-")[1]))
    ]
    text = pages_to_text(pages, trust_marks=False)
    return ingest_text(text, strict=False, source_name=f"{folder.parent.name}/scan.pdf")


@functools.cache
def seed_reading() -> Reading:
    try:
        return Reading("seed", "seed", ingest_file(SEED, strict=False))
    except ResdiffError as exc:  # pragma: no cover - the seed is stored, so it reads
        return Reading("seed", "seed", None, str(exc))


@functools.cache
def golden_resolution(text: str) -> Resolution:
    """The golden transcription's units as a resolution: what every reading should give."""
    units = read_golden(GOLDENS[text])
    return Resolution(
        symbol="",
        lang="fr" if text == FRENCH else "en",
        units=tuple(_unit(u) for u in units),
    )


@functools.cache
def golden_ids(text: str) -> tuple[tuple[str, str], ...]:
    """The (id, kind) of every unit a text's reading should give: the golden transcription's
    for an original, its case's ``new.units.txt`` for a constructed variant."""
    case = TEXTS[text]["case"]
    units = read_golden(CASES_DIR / case / "new.units.txt") if case else read_golden(GOLDENS[text])
    return tuple((u.id, _KINDS[u.kind].value) for u in units)


def _unit(unit: GoldenUnit) -> Unit:
    return Unit(unit.id, _KINDS[unit.kind], unit.text, unit.label, unit.refs)


def key(change: Any) -> Key:
    """A change as (status, moved, old ids, new ids), from a Change or an expected.json entry."""
    if isinstance(change, dict):
        return (change["status"], bool(change["moved"]), tuple(change["old"]),
                tuple(change["new"]))  # fmt: skip
    return (
        change.status.value,
        change.moved,
        tuple(u.id for u in change.old),
        tuple(u.id for u in change.new),
    )


def reported(comparison: Comparison) -> list[Key]:
    """Every change but unchanged, unmoved units."""
    return [key(c) for c in comparison.changes if c.status is not ChangeStatus.UNCHANGED or c.moved]


def expected_changes(case: str) -> list[Key]:
    data = json.loads((CASES_DIR / case / "expected.json").read_text(encoding="utf-8"))
    return [key(c) for c in data["changes"]]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One comparison of the matrix: what was found against what was expected."""

    old: tuple[str, str]  # (text, layout)
    new: tuple[str, str]
    refused: bool
    found: tuple[Key, ...] = ()
    expected: tuple[Key, ...] = ()

    @property
    def hits(self) -> int:
        """Expected changes found with the right status, moved flag and pairing."""
        return len(set(self.expected) & set(self.found))

    @property
    def spurious(self) -> int:
        """Changes found that were not expected and not the input's own damage."""
        return len([k for k in self.found if k not in set(self.expected) and not damaged(self, k)])

    @property
    def input_damage(self) -> int:
        """Changes found that report a side's input damage (INPUT_DAMAGE), as they must."""
        return len([k for k in self.found if k not in set(self.expected) and damaged(self, k)])

    @property
    def clean(self) -> bool:
        return not self.refused and self.spurious == 0 and self.hits == len(self.expected)


def outcome(old: Reading, new: Reading, expected: list[Key] | None = None) -> Outcome:
    ids = ((old.text, old.layout), (new.text, new.layout))
    if old.resolution is None or new.resolution is None:
        return Outcome(*ids, refused=True, expected=tuple(expected or ()))
    found = reported(compare(old.resolution, new.resolution))
    return Outcome(*ids, refused=False, found=tuple(found), expected=tuple(expected or ()))


def against_golden(text: str, layout: str) -> Outcome:
    """The golden transcription against one reading (identity: no change expected)."""
    golden = Reading(text, "golden", golden_resolution(text))
    return outcome(golden, reading(text, layout))


def against_seed(layout: str) -> Outcome:
    """The OCR seed against one reading of the golden French text (no change expected)."""
    return outcome(seed_reading(), reading(FRENCH, layout))


def identity_pairs() -> list[tuple[str, str, str]]:
    """(text, layout X, layout Y) for every pair of layouts of each original text."""
    out = []
    for text in ORIGINALS:
        layouts = layouts_of(text)
        out += [(text, x, y) for i, x in enumerate(layouts) for y in layouts[i + 1 :]]
    return out


def edit_pairs() -> list[tuple[str, str, str]]:
    """(case, layout of the original, layout of the variant) for every variant.

    Each variant, in each of its layouts, is compared with its original in the same layout and
    in the next layout of the matrix (so every layout is read on both sides of a real edit).
    """
    out = []
    for name, text in TEXTS.items():
        if text["case"] is None:
            continue
        original_layouts = layouts_of(text["original"])
        for layout in text["layouts"]:
            if layout not in original_layouts:
                continue
            index = original_layouts.index(layout)
            other = original_layouts[(index + 1) % len(original_layouts)]
            out += [(name, layout, layout), (name, other, layout)]
    return out


def edit_outcome(case: str, old_layout: str, new_layout: str) -> Outcome:
    original = TEXTS[case]["original"]
    return outcome(reading(original, old_layout), reading(case, new_layout), expected_changes(case))


# --- the checks tests/test_layout_matrix.py runs, by test name and parameter id -------------


# Readings whose input itself differs from the text it renders: what the OCR engine or
# pdftotext really produced, which the differ must report (a misread number is a difference
# in the input, not a spurious change). Unit ids are the reading's own; each entry is checked
# by tests/test_layout_matrix.py::test_input_damage_is_what_the_differ_reports.
_SCRAMBLE = "pdftotext (default mode) set the end of a loose justified line apart"
_BOXES = "pdfminer printed the words of a loose justified line as boxes, out of order"
# The units of each text's pdfminer.txt whose words pdfminer put out of order (the words of
# a loose justified line printed as boxes of a word or a few, elsewhere on the page).
_PDFMINER_SCRAMBLED = {
    "E-RES-2021-25.fr": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-en": ("pp6", "pp7", "pp8.b", "pp17", "op2", "op10"),
    "constructed-earlier-draft": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16", "op3"),
    "constructed-en-earlier-draft": (
        "pp6", "pp7", "pp8.b", "pp17", "op2", "op3", "op4", "op6", "op10",
    ),
    "constructed-en-number-date-changed": ("pp6", "pp7", "pp8.b", "pp17", "op2", "op10"),
    "constructed-en-op-word-reworded": ("pp6", "pp7", "pp8.b", "pp17", "op2", "op10"),
    "constructed-number-date-changed": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-op-inserted": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-op-verb-changed": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-op-word-reworded": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-paragraph-deleted": (
        "pp7.e", "pp7.f", "pp10", "pp13", "pp14", "pp15", "pp16", "pp21",
    ),
    "constructed-paragraph-moved": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-paragraph-split": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-paragraphs-merged": ("pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16"),
    "constructed-pp-inserted": ("pp9.e", "pp9.f", "pp12", "pp15", "pp16", "pp17", "pp18", "op3"),
    "constructed-pp-moved-to-operative": (
        "pp8.e", "pp8.f", "pp11", "pp14", "pp15", "pp16", "op3",
    ),
}  # fmt: skip
INPUT_DAMAGE: dict[tuple[str, str], dict[str, str]] = {
    (FRENCH, "scan-ocr"): {"op14": "tesseract read « 64/293 » as « 64/2953 »"},
    ("constructed-number-date-changed", "scan-ocr"): {
        "op10": "tesseract read « les » as « Îles »",
        "op14": "tesseract read « 64/293 » as « 64/2393 »",
    },
    **{
        (text, "pdftotext.txt"): {"pp8.c": _SCRAMBLE}
        for text in (
            "constructed-en",
            "constructed-en-earlier-draft",
            "constructed-en-number-date-changed",
            "constructed-en-op-word-reworded",
        )
    },
    **{
        (text, "pdfminer.txt"): dict.fromkeys(units, _BOXES)
        for text, units in _PDFMINER_SCRAMBLED.items()
    },
}


# Layouts whose input has no footnotes at all, with the reason: the other side's footnotes
# are reported added or removed, as they must be (the calls stay in the text).
LOST_FOOTNOTES = {
    "libreoffice-text.txt": "LibreOffice's plain-text save drops the footnotes (and the page "
    "header and footer)",
}


def _lost_footnotes(o: Outcome, change: Key) -> bool:
    """A footnote added or removed against a layout whose input has none (LOST_FOOTNOTES)."""
    status, _, old_ids, new_ids = change
    footnotes = all(unit.startswith("fn") for unit in (*old_ids, *new_ids))
    return footnotes and (
        (status == "removed" and o.new[1] in LOST_FOOTNOTES)
        or (status == "added" and o.old[1] in LOST_FOOTNOTES)
    )


def damaged(o: Outcome, change: Key) -> bool:
    """True when a change touches a unit that a side's input damaged (see INPUT_DAMAGE) or
    lacks (LOST_FOOTNOTES)."""
    _, _, old_ids, new_ids = change
    return (
        bool(set(old_ids) & set(INPUT_DAMAGE.get(o.old, {})))
        or bool(set(new_ids) & set(INPUT_DAMAGE.get(o.new, {})))
        or _lost_footnotes(o, change)
    )


def _problem(o: Outcome) -> str | None:
    """None when a comparison is exact, else what is wrong with it (one line)."""
    if o.refused:
        sides = [side for side in (o.old, o.new) if side[0] in TEXTS and side[1] in LAYOUTS]
        errors = [reading(*side).error for side in sides]
        return "refused: " + "; ".join(e for e in errors if e)[:200]
    # An edit inside words the input itself scrambled cannot be reported as that edit alone.
    missed = [k for k in o.expected if k not in set(o.found) and not damaged(o, k)]
    extra = [k for k in o.found if k not in set(o.expected) and not damaged(o, k)]
    if not missed and not extra:
        return None
    parts = []
    if missed:
        parts.append(f"{len(missed)}/{len(o.expected)} expected changes missed {missed[:3]}")
    if extra:
        parts.append(f"{len(extra)} spurious changes {extra[:3]}")
    return "; ".join(parts)


def segmentation_problem(text: str, layout: str) -> str | None:
    """None when a reading has the expected units' ids and kinds (:func:`golden_ids`) in
    order, else the
    first difference. The differ matches clauses by their text, so a clause read under the
    wrong kind or id (an operative paragraph taken for a preambular one) compares clean: this
    check is what sees it."""
    r = reading(text, layout)
    if r.resolution is None:
        return f"refused: {r.error}"
    golden = list(golden_ids(text))
    if layout in LOST_FOOTNOTES:
        golden = [(i, kind) for i, kind in golden if kind != "footnote"]
    read = [(u.id, u.kind.value) for u in r.resolution.units]
    if read == golden:
        return None
    at = next((i for i, pair in enumerate(zip(golden, read, strict=False)) if pair[0] != pair[1]),
              min(len(golden), len(read)))  # fmt: skip
    return f"unit {at}: golden {golden[at : at + 3]}, read {read[at : at + 3]}"


def _read_problem(text: str, layout: str) -> str | None:
    r = reading(text, layout)
    return f"refused: {r.error}" if r.error else None


def checks() -> dict[str, list[tuple[str, Any]]]:
    """Test name -> [(parameter id, a function returning None or the problem)]."""
    return {
        "test_layout_is_read": [
            (f"{t}:{lay}", functools.partial(_read_problem, t, lay))
            for t in TEXTS
            for lay in layouts_of(t)
        ],
        "test_reading_matches_golden": [
            (f"{t}:{lay}", lambda t=t, lay=lay: _problem(against_golden(t, lay)))
            for t in ORIGINALS
            for lay in layouts_of(t)
        ],
        "test_reading_segments_as_golden": [
            (f"{t}:{lay}", functools.partial(segmentation_problem, t, lay))
            for t in TEXTS
            for lay in layouts_of(t)
        ],
        "test_seed_matches_reading": [
            (lay, lambda lay=lay: _problem(against_seed(lay))) for lay in layouts_of(FRENCH)
        ],
        "test_identity_pair": [
            (f"{t}:{x}~{y}", lambda t=t, x=x, y=y: _problem(outcome(reading(t, x), reading(t, y))))
            for t, x, y in identity_pairs()
        ],
        "test_constructed_edits": [
            (f"{c}:{x}~{y}", lambda c=c, x=x, y=y: _problem(edit_outcome(c, x, y)))
            for c, x, y in edit_pairs()
            if x != y  # the test runs the cross-layout half; scripts/layout_matrix.py runs both
        ],
    }
