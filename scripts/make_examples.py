"""Build the constructed example shipped in examples/: an invented "earlier draft" of E/RES/2021/25.

The README's main job diffs this draft against the bundled E/RES/2021/25 to show every kind
of change a report can hold. The draft is CONSTRUCTED by editing the hand-corrected
transcription in tests/golden/: it is not a UN document, was never tabled, and carries no UN
symbol (no "2021/25." heading, no closing).

Usage: python scripts/make_examples.py   (rewrites examples/constructed-earlier-draft.fr.txt)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_cases import Doc, Entry, delete, insert_after, merge, move_after, reword, split  # noqa: E402
from tests.golden_format import GOLDEN_DIR, read_golden, render_document, renumber  # noqa: E402

OUT = ROOT / "examples" / "constructed-earlier-draft.fr.txt"
HEADER = (
    "CONSTRUCTED EXAMPLE, NOT A UN DOCUMENT. An invented earlier draft, made by the resdiff "
    "developers by editing the text of E/RES/2021/25 to demonstrate resdiff. It was never "
    "negotiated, tabled or adopted. Made by scripts/make_examples.py."
)


def earlier_draft(doc: Doc) -> None:
    """The edits that turn the adopted text into the invented draft (read backwards in reports)."""
    reword(doc, "op4", "Invite les États Membres", "Encourage les États Membres")
    reword(doc, "pp18", "les 27 et 28 septembre 2017", "les 27 et 28 septembre 2016")
    reword(
        doc,
        "op1",
        "ou d’y adhérer, dans les meilleurs délais,",
        "ou d’y adhérer, dès que possible,",
    )
    delete(doc, "pp24")
    delete(doc, "op9")
    move_after(doc, "op11", "op13")
    insert_after(
        doc, "op12", "op0",
        "Prie le Secrétaire général de lui présenter à sa session de 2022 un rapport sur "
        "l’application de la présente résolution ;",
    )  # fmt: skip
    text = (
        next(e.unit.text for e in doc if e.origin == ("op6",))
        + " "
        + next(e.unit.text for e in doc if e.origin == ("op7",))
    )
    merge(doc, ["op6", "op7"], text)
    op10 = next(e.unit.text for e in doc if e.origin == ("op10",))
    head, _, tail = op10.partition(", et à envisager, le cas échéant,")
    split(
        doc,
        "op10",
        [head + " ;", "Invite également les États Membres à envisager, le cas échéant," + tail],
    )


# Footnote markers as printed (superscripts glued to the word), where the resolution has them:
# (unit, the text before the marker, the text after it, the marker).
MARKERS = (
    ("pp5", "lutte contre la traite des personnes", ",", "¹"),
    ("pp6", "transnationale organisée", " et le Protocole", "²"),
    ("pp6", "des femmes et des enfants", ",", "³"),
)


def with_markers(doc: Doc) -> None:
    """Put the footnote markers back into the text, as a printed draft has them."""
    for unit_id, before, after, marker in MARKERS:
        reword(doc, unit_id, before + after, before + marker + after)


def main() -> None:
    golden = read_golden(GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt")
    doc: Doc = [Entry(unit, (unit.id,)) for unit in golden]
    with_markers(doc)
    earlier_draft(doc)
    units = [u for u in renumber(e.unit for e in doc) if u.id != "closing"]
    body = render_document(units).replace("2021/25. ", "", 1)
    OUT.write_text(HEADER + "\n\n" + body, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
