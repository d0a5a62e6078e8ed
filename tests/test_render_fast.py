"""The report renderers' fast paths give exactly what their plain reference forms give.

The references are the forms the code had before it was made fast: the HTML report's two
Jinja2 macros, and the view's general division of tokens into sides and units.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.compare import compare
from resdiff.ingest import Source, ingest
from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Unit, UnitKind
from resdiff.render.html import segs, unit_block

view = importlib.import_module("resdiff.render._view")
FAST_SIDES = view._sides
CASES = Path(__file__).parent / "cases"

REFERENCE_MACROS = """\
{%- macro segs(segments) -%}
{%- for s in segments -%}
{%- if s.kind == "deleted" -%}<del>{{ s.text }}</del>
{%- elif s.kind == "inserted" -%}<ins>{{ s.text }}</ins>
{%- else -%}{{ s.text }}{%- endif -%}
{%- endfor -%}
{%- endmacro -%}
{%- macro unit_block(unit, doc, show_id) -%}
<p class="unit kind-{{ unit.kind }}" id="{{ unit.anchor }}" dir="{{ doc.dir }}">
{%- if show_id %}<span class="uid">{{ unit.id }}</span> {% endif -%}
<span class="text" lang="{{ doc.lang }}" dir="{{ doc.dir }}">
{%- if unit.label %}<span class="label">{{ unit.label }}</span> {% endif -%}
{{ segs(unit.segments) }}</span></p>
{%- endmacro -%}
"""
ENVIRONMENT = jinja2.Environment(
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
REFERENCE = ENVIRONMENT.from_string(
    REFERENCE_MACROS + "{{ unit_block(unit, doc, show_id) }}|{{ segs(unit.segments) }}"
)


def _comparisons() -> Iterator[Comparison]:
    def read(path: Path) -> Resolution:
        return ingest(Source(path.read_bytes(), path.name, "txt"), lang=None)

    for case in sorted(CASES.iterdir()):
        if (case / "old.txt").is_file():
            old, new = read(case / "old.txt"), read(case / "new.txt")
            yield compare(old, new)
            yield compare(new, old)


COMPARISONS = list(_comparisons())

texts = st.text(
    alphabet=st.sampled_from([*list("ab <>&\"'\n\t"), "\x1b", "\u202e", "\x85", "é", "’", "\xa0"]),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(list(view.SegmentKind)), texts), max_size=6),
    texts,
    st.one_of(st.none(), texts),
    st.booleans(),
    st.sampled_from(["fr", "ar", "en-GB"]),
)
def test_html_units_are_what_the_macros_wrote(
    runs: list[tuple[view.SegmentKind, str]],
    uid: str,
    label: str | None,
    show_id: bool,
    lang: str,
) -> None:
    unit = view.UnitView(
        id=uid,
        anchor=view.anchor_for("n", uid),
        kind="operative",
        label=label,
        segments=tuple(view.Segment(kind, text) for kind, text in runs),
    )
    doc = view._document_view(Resolution("E/RES/2091/1", lang, ()))
    expected = REFERENCE.render(unit=unit, doc=doc, show_id=show_id)
    assert f"{unit_block(unit, doc, show_id)}|{segs(unit.segments)}" == expected


def test_html_units_of_real_reports_are_what_the_macros_wrote() -> None:
    for comparison in COMPARISONS:
        report = view.build_view(comparison)
        for change in report.changes:
            for unit, doc in [
                *((u, report.old) for u in change.old),
                *((u, report.new) for u in change.new),
            ]:
                expected = REFERENCE.render(unit=unit, doc=doc, show_id=True)
                assert f"{unit_block(unit, doc, True)}|{segs(unit.segments)}" == expected


# ----------------------------------------------------------------- the view's fast paths


def reference_sides(
    change: Change,
) -> tuple[
    tuple[view.Segment, ...] | None, tuple[view.Segment, ...] | None, tuple[view.Segment, ...]
]:
    """``_sides`` without its one-token shortcut."""
    status = ChangeStatus(change.status)
    if status in (ChangeStatus.ADDED, ChangeStatus.REMOVED) or not change.tokens:
        return FAST_SIDES(change)  # no token loop: the shortcut is not taken
    same, deleted, inserted = (
        view.SegmentKind.SAME,
        view.SegmentKind.DELETED,
        view.SegmentKind.INSERTED,
    )
    old_side, new_side, redline = [], [], []
    for token in change.tokens:
        text = view.visible_text(token.text)
        if token.op == "=":
            old_side.append(view.Segment(same, view.visible_text(view._token_old_text(token))))
            new_side.append(view.Segment(same, text))
            redline.append(view.Segment(same, text))
        elif token.op == "-":
            old_side.append(view.Segment(deleted, text))
            redline.append(view.Segment(deleted, text))
        else:
            new_side.append(view.Segment(inserted, text))
            redline.append(view.Segment(inserted, text))
    return view._merge(old_side), view._merge(new_side), view._merge(redline)


def reference_unit_views(
    prefix: str,
    units: Sequence[Unit],
    segments: tuple[view.Segment, ...] | None,
    whole: view.SegmentKind,
) -> tuple[view.UnitView, ...]:
    """``_unit_views`` without its one-segment shortcut."""
    texts = [view.visible_text(u.text) for u in units]
    per_unit = view._split_segments(segments, texts) if segments else None
    return tuple(
        view.UnitView(
            id=unit.id,
            anchor=view.anchor_for(prefix, unit.id),
            kind=unit.kind.value,
            label=view.visible_text(unit.label) if unit.label else None,
            segments=per_unit[i] if per_unit else (view.Segment(whole, texts[i]),),
        )
        for i, unit in enumerate(units)
    )


def _hostile() -> Comparison:
    """Units whose texts are empty, blank, controls and markup: the shortcuts' edge cases."""
    bodies = ["", " ", "\x1b[31m rouge", "a <b> & c", "Décide\nde rester saisi ;", "\u202eabc",
              "Invite les Etats Membres"]  # fmt: skip
    old = Resolution(
        "E/RES/2091/1",
        "fr",
        tuple(Unit(f"op{n}", UnitKind.OPERATIVE, t) for n, t in enumerate(bodies, 1)),
    )
    new = Resolution(
        "E/RES/2092/1",
        "fr",
        tuple(
            Unit(f"op{n}", UnitKind.OPERATIVE, t.replace("Etats", "États") + " ")
            for n, t in enumerate(reversed(bodies), 1)
        ),
    )
    return compare(old, new)


@pytest.mark.parametrize("index", range(len(COMPARISONS) + 1))
def test_views_are_the_reference_views(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    comparison = COMPARISONS[index] if index < len(COMPARISONS) else _hostile()
    fast = view.build_view(comparison)
    monkeypatch.setattr(view, "_sides", reference_sides)
    monkeypatch.setattr(view, "_unit_views", reference_unit_views)
    monkeypatch.setattr(
        view, "visible_text", lambda text: view._CONTROL_RE.sub(view._control_picture, text)
    )
    assert view.build_view(comparison) == fast


def test_every_character_a_report_makes_visible_is_unprintable() -> None:
    # visible_text returns a printable text untouched: that is only right if no character
    # its pattern replaces is printable.
    found = [chr(c) for c in range(0x110000) if view._CONTROL_RE.fullmatch(chr(c))]
    assert found
    assert not any(ch.isprintable() for ch in found)


@pytest.mark.parametrize("fmt", ["json", "html", "markdown", "terminal", "docx"])
def test_rendering_leaves_the_cyclic_collector_as_it_found_it(fmt: str) -> None:
    import gc

    from resdiff.render import render_bytes

    assert gc.isenabled()
    render_bytes(COMPARISONS[0], fmt)
    assert gc.isenabled()
    gc.disable()
    try:
        render_bytes(COMPARISONS[0], fmt)
        assert not gc.isenabled()
    finally:
        gc.enable()


# ----------------------------------------------------------------- the compiled template


def test_the_compiled_template_is_cached_and_a_damaged_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = importlib.import_module("resdiff.render.html")
    monkeypatch.setenv("RESDIFF_CACHE", "off")
    html._environment.cache_clear()
    expected = html.render_html(COMPARISONS[0])  # compiled, nothing cached
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path))
    try:
        html._environment.cache_clear()
        assert html.render_html(COMPARISONS[0]) == expected  # compiled, then cached
        (cached,) = (tmp_path / "templates").glob("*/*.cache")
        html._environment.cache_clear()
        assert html.render_html(COMPARISONS[0]) == expected  # loaded from the cache
        cached.write_bytes(cached.read_bytes()[:100])  # truncated by a crash, say
        html._environment.cache_clear()
        assert html.render_html(COMPARISONS[0]) == expected
        blocked = tmp_path / "blocked"
        blocked.write_text("a file where the cache folder would go")
        monkeypatch.setenv("RESDIFF_CACHE", str(blocked))  # no cache possible: compiled
        html._environment.cache_clear()
        assert html.render_html(COMPARISONS[0]) == expected
    finally:
        html._environment.cache_clear()
