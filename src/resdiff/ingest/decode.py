"""Bytes → text: UTF-8, UTF-16/32 with a byte-order mark, or a legacy encoding detected.

The only importer of charset-normalizer.
"""

from __future__ import annotations

import codecs
import re

from resdiff.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# A well-formed multi-byte UTF-8 sequence. Legacy 8-bit encodings almost never produce one by
# chance, so a file holding one but failing to decode is damaged UTF-8, not another encoding.
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

# The legacy encoding chosen when the detector finds several equally likely.
PREFERRED_LEGACY = "cp1252"

# Share of control characters (other than whitespace) above which bytes are not text.
MAX_CONTROL_SHARE = 0.01


def decode(data: bytes, name: str = "input") -> str:
    """Decode the bytes of a text file.

    Args:
        data: the raw bytes.
        name: the file name, for error messages.

    Raises:
        InputError: the file is empty, binary, or in no encoding that can be detected.
    """
    if not data.strip():
        raise InputError(f"{name} is empty; give a file that holds the text of a resolution")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name} starts like {encoding.upper()} text but byte {exc.start} cannot be "
                    "decoded; save it again as UTF-8"
                ) from None
    if b"\x00" in data:
        raise InputError(f"{name} looks like a binary file, not text; give a .txt, .pdf or .docx")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE_RE.search(data):
            raise InputError(
                f"{name} is UTF-8 with undecodable bytes (0x{data[exc.start]:02x} at byte "
                f"{exc.start}); repair the file or save it again as UTF-8"
            ) from None
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is not None:
        # Windows-1252 and -1250 often decode a French text equally well (they differ in a few
        # signs such as "¢"); when the detector cannot tell them apart, take the commoner one.
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        best = next((m for m in tied if m.encoding == PREFERRED_LEGACY), best)
    if best is None:
        raise InputError(
            f"{name} is in no text encoding resdiff can detect; save it as UTF-8 and try again"
        )
    return _checked(str(best), name)


# Control characters other than the whitespace ones (\t \n \v \f \r are 0x09-0x0d).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")


def _checked(text: str, name: str) -> str:
    controls = len(_CONTROL_RE.findall(text))  # one C-level scan, not a loop over characters
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{name} looks like a binary file, not text; give a .txt, .pdf or .docx")
    return text
