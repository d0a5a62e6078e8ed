"""``resdiff correct``: replace a unit's text by hand, recorded as a human correction."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from resdiff.errors import InputError, StoreError, UnknownUnit
from resdiff.integrity._units import sha256
from resdiff.storage import Store, layout
from resdiff.storage.meta import unit_bytes
from resdiff.storage.safety import read_bytes
from resdiff.storage.writes import LanguageWrite

# Control characters, line and paragraph separators, surrogates, private and unassigned code
# points. Format characters (RLM, ZWSP, ZWJ that Arabic and Persian need) are text.
_REFUSED = frozenset(("Cc", "Zl", "Zp", "Cs", "Co", "Cn"))
# Only these separate words in a corrected text: a no-break space is kept as typed.
_SPACES_RE = re.compile(r"[ \t\r\n]+")


def clean_text(text: str) -> str:
    r"""The corrected text as stored: runs of spaces, tabs and line breaks become one space.

    Nothing else changes: no Unicode normalisation (the text is the one the human gave), no
    change to no-break spaces.

    >>> clean_text("  Prie\u00a0instamment\n les États ")
    'Prie\xa0instamment les États'
    """
    return _SPACES_RE.sub(" ", text).strip()


def correct(
    store: Store,
    selector: str,
    unit_id: str,
    text: str,
    *,
    lang: str | None = None,
    series: str | None = None,
    commit: bool = True,
) -> tuple[bool, str | None]:
    """Write ``text`` as the canonical text of one unit and record it as a correction.

    Giving back the text the pipeline made removes the correction instead.

    Args:
        store: the store.
        selector: the version (``2021``, ``2021/25``, ``E/RES/2021/25``).
        unit_id: the unit (``op3``, ``pp8.a``).
        text: the corrected text; runs of spaces and line breaks become single spaces.
        lang: the language (needed when the version has several).
        series: the series a bare year selects in.
        commit: commit the change (one commit).

    Returns:
        Whether a correction is now recorded (False: the pipeline's text was restored), and
        the commit.

    Raises:
        InputError: the text is empty or holds control characters.
        UnknownUnit: the version has no such unit.
        StoreError: the store cannot be read or written.
    """
    clean = clean_text(text)
    if not clean or any(unicodedata.category(ch) in _REFUSED for ch in clean):
        raise InputError(
            "the corrected text is empty or holds control characters; give the unit's text"
        )
    recorded = True
    label = unit_id

    def plan() -> list[LanguageWrite]:
        nonlocal recorded, label
        version = store.select(selector, series)
        entry = version.entry(lang)
        label = f"{version.symbol} ({entry.lang}) {unit_id}"
        specs = {spec["id"]: spec for spec in entry.units}
        if unit_id not in specs:
            raise UnknownUnit(
                f"{version.symbol} ({entry.lang}) has no unit {unit_id!r}; "
                f"see `resdiff show {version.short}` for its unit ids"
            )
        source = store.source_file(version, entry)
        files = {PurePosixPath(source.relative_to(version.path)): read_bytes(source, store.root)}
        for uid in specs:
            path = store.unit_file(version, entry.lang, uid)
            if uid != unit_id and not path.is_file():
                raise StoreError(f"{path} is missing; run `resdiff verify` first")
            data = unit_bytes(clean) if uid == unit_id else read_bytes(path, store.root)
            files[PurePosixPath(path.relative_to(version.path))] = data
        meta = store.read_meta_json(version.path / layout.META_FILE)
        corrections = meta["languages"][entry.lang].setdefault("corrections", {})
        digest = sha256(unit_bytes(clean))
        recorded = specs[unit_id].get("sha256") != digest
        if recorded:
            corrections[unit_id] = digest
        else:
            corrections.pop(unit_id, None)
        rel = layout.version_dir(version.series, version.symbol)
        return [LanguageWrite(rel, entry.lang, files, meta)]

    sha = store.write(plan, lambda: f"Correct {label} by hand", commit=commit)
    return recorded, sha
