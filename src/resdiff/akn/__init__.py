"""Akoma Ntoso (AKN 3.0, AKN4UN conventions): a stored version out, and back in as units.

:mod:`.uri` builds the FRBR identifiers, :mod:`.write` the XML of a resolution, :mod:`.read`
the units of an AKN document (no OCR repair, no segmentation: the structure is in the markup).
"""

from resdiff.akn.sniff import AKN_NS, is_akn
from resdiff.akn.uri import FrbrUri

__all__ = ["AKN_NS", "FrbrUri", "is_akn"]
