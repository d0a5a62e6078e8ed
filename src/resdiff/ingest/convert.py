"""Word 97–2003 (``.doc``), OpenDocument (``.odt``) and RTF files, read through LibreOffice.

The only runner of LibreOffice. Older UN resolutions are served as Word 97–2003 files, and
LibreOffice writes ``.odt``; rather than a reader per format, LibreOffice converts the file to
``.docx`` in a private temporary profile (so a LibreOffice the user has open is neither
disturbed nor used), and :mod:`resdiff.ingest.docx` reads that. The stored source stays the
file the user gave, byte for byte; ``rebuild`` converts it again.

LibreOffice is found at ``RESDIFF_SOFFICE``, else as ``soffice`` or ``libreoffice`` on the
``PATH``, else where its installers put it on macOS and Windows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from resdiff.errors import InputError, UnsupportedFormat

# The formats converted, as ``Source.format`` names them, and how messages name them.
FORMATS = {"doc": "a Word 97–2003", "odt": "an OpenDocument text", "rtf": "an RTF"}
# Seconds one conversion may take (LibreOffice's first start in a new profile takes a few).
TIMEOUT = 180

_INSTALLED = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    configured = os.environ.get("RESDIFF_SOFFICE")
    if configured:
        return configured
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((path for path in _INSTALLED if Path(path).is_file()), None)


def to_docx(data: bytes, name: str, fmt: str) -> bytes:
    """The file converted to ``.docx`` by LibreOffice.

    Raises:
        UnsupportedFormat: LibreOffice is not installed.
        InputError: LibreOffice could not read the file, or took longer than :data:`TIMEOUT`.
    """
    label = FORMATS[fmt]
    program = soffice()
    if program is None:
        raise UnsupportedFormat(
            f"{name} is {label} file, which resdiff reads through LibreOffice; install "
            "LibreOffice (or set RESDIFF_SOFFICE to its soffice program), or save the file "
            "as .docx or PDF"
        )
    with tempfile.TemporaryDirectory(prefix="resdiff-convert-") as work:
        folder = Path(work)
        source = folder / f"input.{fmt}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
                if sys.platform == "win32"
                else 0,
            )
        except subprocess.TimeoutExpired:
            raise InputError(
                f"LibreOffice took over {TIMEOUT} s to read {name}; save it as .docx or PDF"
            ) from None
        except OSError as exc:
            raise InputError(
                f"cannot run LibreOffice ({program}: {exc.strerror}); check RESDIFF_SOFFICE, "
                f"or save {name} as .docx or PDF"
            ) from None
        converted = folder / "out" / "input.docx"
        if not converted.is_file():
            raise InputError(
                f"LibreOffice could not read {name} as {label} file; check that it is not "
                "damaged, or save it as .docx or PDF"
            )
        return converted.read_bytes()
