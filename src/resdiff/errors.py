"""Errors resdiff raises on purpose. Each message names the problem and the fix, on one line."""

from __future__ import annotations


class ResdiffError(Exception):
    """Base class of every error resdiff raises on purpose."""

    exit_code = 2


class InputError(ResdiffError):
    """The input file cannot be read or is not a resolution."""


class UnsupportedFormat(InputError):
    """The input file is of a format resdiff cannot read."""


class OcrUnavailable(UnsupportedFormat):
    """A scanned PDF needs OCR, and tesseract (or its language data) is not installed."""


class StructureError(InputError):
    """The text has no recognisable resolution structure."""


class MetadataError(ResdiffError):
    """Metadata (symbol, date, title) is missing, malformed or contradictory."""


class InvalidSymbol(MetadataError):
    """A UN document symbol is malformed or unsafe."""


class UnknownLanguage(ResdiffError):
    """A language code resdiff does not support."""


class LanguageMismatch(InputError):
    """The text clearly reads as another language than the ``--lang`` given."""


class StoreError(ResdiffError):
    """The store is missing, corrupt, locked or in a state resdiff will not write to."""


class NotAStore(StoreError):
    """The folder is not a resdiff store."""


class VersionExists(StoreError):
    """The version to add is already in the store."""


class UnknownVersion(StoreError):
    """A version selector matches no stored version."""


class AmbiguousVersion(StoreError):
    """A version selector matches several stored versions."""


class StoreChanged(StoreError):
    """A write moved what a reader was reading; the reader reads the last commit again."""


class FetchError(ResdiffError):
    """A document or its metadata cannot be downloaded (offline, not found, malformed)."""


class UnknownUnit(ResdiffError):
    """A unit id that the version does not have."""


class SettingError(ResdiffError):
    """An environment variable holds a value resdiff cannot use."""


class SearchIndexError(ResdiffError):
    """The search index cannot be opened, is of another format, or its server is unreachable."""
