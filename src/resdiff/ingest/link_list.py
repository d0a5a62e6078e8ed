"""The list of links a text browser appends to a page dump → taken out, with its numbers.

``lynx -dump`` numbers every link of the page where it stands (``[1]resdiff``, a footnote
call ``^[2]1``) and lists their addresses at the end::

    References

       1. https://undocs.org/
       2. https://undocs.org/E/RES/2021/25#fn1

Neither the numbers nor the list are the resolution's text. Both go, but only when the list
is certainly one: it ends the text, and every item of it is a numbered address. The numbers
taken out of the text are those of the list, written exactly ``[n]``.
"""

from __future__ import annotations

import re

# The list's heading, as lynx prints it (in English, French and Spanish locales).
_HEADING_RE = re.compile(
    r"^[^\S\n]*(?:References|Références|Referencias|Visible links|Hidden links|"
    r"Liens visibles|Liens cachés):?[^\S\n]*$",
    re.M,
)
# "   1. https://…", "2. file:///…": an address has a scheme and no space.
_ITEM_RE = re.compile(r"^\s*(\d{1,4})\.\s+[a-z][a-z0-9+.-]*:\S*\s*$", re.I)
_NUMBER_RE = re.compile(r"\[(\d{1,4})\]")


def drop_link_list(text: str) -> str:
    """The text without a text browser's link list and the link numbers it explains.

    Example:
        >>> drop_link_list("[1]Nations Unies\\nla résolution^[2]1,\\n\\nReferences\\n\\n"
        ...                "   1. https://un.org/\\n   2. https://un.org/#fn1\\n")
        'Nations Unies\\nla résolution^1,\\n'
        >>> drop_link_list("in [2030]\\nReferences\\n1. Résolution 64/293.\\n")  # not links
        'in [2030]\\nReferences\\n1. Résolution 64/293.\\n'
    """
    if ":" not in text:
        return text
    start = None
    numbers: set[str] = set()
    # lynx may print two lists ("Visible links", "Hidden links"): from the last heading back,
    # every heading whose lines up to the next are all addresses belongs to the list.
    end = len(text)
    for heading in reversed(list(_HEADING_RE.finditer(text))):
        found = _addresses(text[heading.end() : end])
        if found is None:
            break
        start, end = heading.start(), heading.start()
        numbers |= found
    if start is None or not numbers:
        return text
    body = text[:start].rstrip() + "\n"
    return _NUMBER_RE.sub(lambda m: "" if m[1] in numbers else m[0], body)


def _addresses(lines: str) -> set[str] | None:
    """The numbers of a list of numbered addresses, or None if a line is anything else."""
    numbers = set()
    for line in lines.split("\n"):
        if line.strip():
            item = _ITEM_RE.match(line)
            if item is None:
                return None
            numbers.add(item[1])
    return numbers


__all__ = ["drop_link_list"]
