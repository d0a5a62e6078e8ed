"""Tell an Akoma Ntoso document from other input by its first bytes (no XML parsing)."""

from __future__ import annotations

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def is_akn(data: bytes) -> bool:
    """True when the bytes look like an Akoma Ntoso 3.0 document (its namespace near the top).

    Example:
        >>> is_akn(b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>')
        True
        >>> is_akn(b"<html></html>")
        False
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<?xml", b"<akomaNtoso", b"<!--")) and AKN_NS.encode() in head
