"""Build the constructed demo store shipped in examples/constructed-demo/ (not UN documents).

A fresh clone has one real version in ``resolutions/`` (E/RES/2021/25), too few to show
``resdiff OLD NEW``, ``log``, ``blame`` and ``timeline``. This script stores the four
CONSTRUCTED texts of ``tests/constructed/`` (invented symbols E/RES/2091/1 … E/RES/2094/1,
title "Série construite pour les tests (texte fictif)") as the series ``constructed-demo``
of the store ``examples/constructed-demo/``, through the real ingest pipeline, so that

    resdiff --store examples/constructed-demo 2092 2094

works on a fresh clone. The files are written without committing them (commit them with
your change); ``tests/test_examples.py`` checks they are what this script makes.

Usage: python scripts/make_demo_store.py   (rewrites examples/constructed-demo/)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.constructed import build  # noqa: E402

from resdiff import api  # noqa: E402
from resdiff.storage import Store  # noqa: E402

OUT = ROOT / "examples" / "constructed-demo"


def make(out: Path = OUT) -> Store:
    """Write the demo store at ``out`` (replacing it) from the constructed texts; no commit."""
    if out.exists():
        shutil.rmtree(out)
    store = Store(out)
    for year in build.YEARS:
        source = build.HERE / build.file_name(year)
        api.add(store, source, series=build.SERIES, commit=False)  # records the file name only
    return store


def main() -> None:
    """Rewrite examples/constructed-demo/ and say so."""
    store = make()
    print(f"wrote {store.root.relative_to(ROOT)}: {len(store.versions())} constructed versions")


if __name__ == "__main__":
    main()
