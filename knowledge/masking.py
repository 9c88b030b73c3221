"""Identity numbers typed where a name belongs: masked before anything is stored. Pure.

PermitBot needs no passport or IIN numbers. A user who types one into a worker's name or alias
("Ali 900101300123", "Bakyt N12345678") gets it masked: only the last four characters stay, so
two workers of one name can still be told apart, and the number cannot be read back.
A 12-digit IIN/BIN and any passport-like number (up to two letters, then 7 or more digits,
spaces or dashes between them allowed) count; shorter numbers (a year, "Category 2") do not.
"""

from __future__ import annotations

import re

MASK = "***"
KEEP = 4
# A run of 7 or more digits (single spaces or dashes may split it), with the one or two letters
# of a passport series before it when they stand alone.
_ID = re.compile(r"(?:(?<![^\W\d_])[^\W\d_]{1,2}\s?)?(?<!\d)\d(?:[ \-]?\d){6,}(?!\d)")


def mask_ids(text: str) -> tuple[str, int]:
    """``text`` with every identity-like number masked, and how many were masked."""
    count = 0

    def _mask(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        chars = re.sub(r"[\s\-]", "", match.group(0))
        return MASK + chars[-KEEP:]

    return _ID.sub(_mask, text), count


def has_id(text: str) -> bool:
    return _ID.search(text) is not None
