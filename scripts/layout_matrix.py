"""Run resdiff on the whole layout matrix (tests/layouts/) and print a table per layout.

For every layout: how many of its files resdiff refused, the warnings it gave, the changes it
reports between the golden transcription and its reading (French and English originals), and
between the OCR seed of E/RES/2021/25 and the French reading; the identity pairs (the same text
in this layout against every other layout) that come out clean and the spurious changes they
report; the constructed edits (each variant against its original, in the same layout and in the
next one) found with the right status, moved flag and pairing. A summary line follows, counting
each comparison once.

Usage: python scripts/layout_matrix.py [--json FILE] [--details] [--pending]

``--pending`` prints, instead, the ``PENDING_SEGMENTER`` dict of tests/test_layout_matrix.py
(every parametrisation that fails on the current code), to paste into the test file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import layout_matrix_core as core  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON")
    parser.add_argument("--details", action="store_true", help="list every failing comparison")
    parser.add_argument(
        "--pending",
        action="store_true",
        help="print the PENDING_SEGMENTER dict of tests/test_layout_matrix.py for today's code",
    )
    args = parser.parse_args()
    if args.pending:
        print_pending()
        return

    started = time.perf_counter()
    readings = [core.reading(t, lay) for t in core.TEXTS for lay in core.layouts_of(t)]
    read_s = time.perf_counter() - started
    golden = {(t, lay): core.against_golden(t, lay) for t in core.ORIGINALS
              for lay in core.layouts_of(t)}  # fmt: skip
    seed = {lay: core.against_seed(lay) for lay in core.layouts_of(core.FRENCH)}
    # The expected units' ids and kinds, in order (the differ pairs clauses by text alone).
    segmented = {(t, lay): core.segmentation_problem(t, lay) is None for t in core.TEXTS
                 for lay in core.layouts_of(t)}  # fmt: skip
    identity = [core.outcome(core.reading(t, x), core.reading(t, y))
                for t, x, y in core.identity_pairs()]  # fmt: skip
    edits = [core.edit_outcome(*pair) for pair in core.edit_pairs()]
    total_s = time.perf_counter() - started

    rows = []
    by_layout: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in readings:
        row = by_layout[r.layout]
        row["files"] += 1
        row["refused"] += r.error is not None
        row["warnings"] += len(r.warnings)
    for (text, layout), o in golden.items():
        by_layout[layout]["golden_fr" if text == core.FRENCH else "golden_en"] = (
            -1 if o.refused else o.spurious
        )
    for layout, o in seed.items():
        by_layout[layout]["seed"] = -1 if o.refused else o.spurious
    for o in identity:
        for layout in {o.old[1], o.new[1]}:
            row = by_layout[layout]
            row["id_pairs"] += 1
            row["id_clean"] += o.clean
            row["id_spurious"] += o.spurious
            row["id_refused"] += o.refused
    for o in edits:
        for layout in {o.old[1], o.new[1]}:
            row = by_layout[layout]
            row["edit_runs"] += 1
            row["edit_refused"] += o.refused
            row["edits_expected"] += len(o.expected)
            row["edits_found"] += o.hits
            row["edit_spurious"] += o.spurious

    def cell(value: int) -> str:
        return "refused" if value == -1 else str(value)

    header = (
        f"{'layout':<26} {'files':>5} {'refus':>5} {'warn':>5} {'gold fr':>7} {'gold en':>7} "
        f"{'seed':>7} {'identity clean':>14} {'spurious':>8} {'edits found':>12} {'spur.':>6}"
    )
    print(header)
    print("-" * len(header))
    for layout in core.LAYOUTS:
        row = by_layout[layout]
        rows.append({"layout": layout, **row})
        print(
            f"{layout:<26} {row['files']:>5} {row['refused']:>5} {row['warnings']:>5} "
            f"{cell(row['golden_fr']):>7} {cell(row['golden_en']):>7} {cell(row['seed']):>7} "
            f"{row['id_clean']:>6}/{row['id_pairs']:<7} {row['id_spurious']:>8} "
            f"{row['edits_found']:>5}/{row['edits_expected']:<6} {row['edit_spurious']:>6}"
        )
    summary = {
        "files": len(readings),
        "refused": sum(r.error is not None for r in readings),
        "warnings": sum(len(r.warnings) for r in readings),
        "golden_changes": sum(o.spurious for o in golden.values()),
        "golden_clean": sum(o.clean for o in golden.values()),
        "golden_runs": len(golden),
        "segmentation_exact": sum(segmented.values()),
        "segmentation_runs": len(segmented),
        "seed_changes": sum(o.spurious for o in seed.values()),
        "seed_clean": sum(o.clean for o in seed.values()),
        "seed_runs": len(seed),
        "identity_pairs": len(identity),
        "identity_clean": sum(o.clean for o in identity),
        "identity_spurious": sum(o.spurious for o in identity),
        "identity_refused": sum(o.refused for o in identity),
        "edit_runs": len(edits),
        "edit_runs_clean": sum(o.clean for o in edits),
        "edits_expected": sum(len(o.expected) for o in edits),
        "edits_found": sum(o.hits for o in edits),
        "edit_spurious": sum(o.spurious for o in edits),
        "edit_refused": sum(o.refused for o in edits),
        # Changes that report an input's own damage (an OCR misread number...), as they must.
        "input_damage_reported": sum(
            o.input_damage for o in (*golden.values(), *seed.values(), *identity, *edits)
        ),
        "seconds_reading": round(read_s, 1),
        "seconds_total": round(total_s, 1),
    }
    print("-" * len(header))
    s = summary
    print(
        f"SUMMARY: {s['files']} files, {s['refused']} refused, {s['warnings']} warnings; "
        f"golden vs reading {s['golden_clean']}/{s['golden_runs']} clean "
        f"({s['golden_changes']} changes); golden ids and kinds {s['segmentation_exact']}/"
        f"{s['segmentation_runs']}; seed vs French reading {s['seed_clean']}/"
        f"{s['seed_runs']} clean ({s['seed_changes']} changes); identity pairs "
        f"{s['identity_clean']}/{s['identity_pairs']} clean, {s['identity_spurious']} spurious "
        f"changes, {s['identity_refused']} refused; constructed edits {s['edits_found']}/"
        f"{s['edits_expected']} found right in {s['edit_runs']} runs "
        f"({s['edit_runs_clean']} runs exact, {s['edit_spurious']} spurious, "
        f"{s['edit_refused']} refused); {s['input_damage_reported']} changes report the "
        f"input's own damage (core.INPUT_DAMAGE); {s['seconds_total']} s "
        f"({s['seconds_reading']} s reading {s['files']} files)"
    )
    if args.details:
        for r in readings:
            if r.error:
                print(f"REFUSED {r.text}/{r.layout}: {r.error}")
        for (text, layout), exact in segmented.items():
            if not exact:
                print(f"SEGMENTATION {text}/{layout}: {core.segmentation_problem(text, layout)}")
        for o in [*golden.values(), *seed.values(), *identity, *edits]:
            if not o.clean:
                missed = [k for k in o.expected if k not in set(o.found)]
                extra = [k for k in o.found if k not in set(o.expected)]
                print(f"{'/'.join(o.old)} -> {'/'.join(o.new)}: refused={o.refused} "
                      f"missed={missed[:4]} spurious={len(extra)} e.g. {extra[:3]}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"layouts": rows, "summary": summary}, indent=2) + "\n")


def print_pending() -> None:
    """The failing parametrisations of tests/test_layout_matrix.py, as a dict literal."""
    print("PENDING_SEGMENTER: dict[str, str] = {")
    for test, params in core.checks().items():
        for ident, check in params:
            problem = check()
            if problem is not None:
                short = problem if len(problem) <= 60 else problem[:57] + "..."
                print(f"    {test + '[' + ident + ']'!r}: {short!r},")
    print("}")


if __name__ == "__main__":
    main()
