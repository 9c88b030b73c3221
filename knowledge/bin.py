"""Kazakhstan's BIN / IIN: 12 digits, the last a control digit over the first eleven.

The control sum (the national identification-number standard): weights 1..11, sum mod 11; a
result of 10 means a second pass with weights 3..11, 1, 2; a second 10 means no such number is
ever issued. Only the arithmetic is checked: whether a company holds this BIN is for
stat.gov.kz or egov.kz to say.
"""

from __future__ import annotations

LENGTH = 12
_FIRST = tuple(range(1, 12))
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def control_digit(first11: str) -> int | None:
    """The 12th digit for these eleven, or None when no number with them is valid."""
    digits = [int(char) for char in first11]
    for weights in (_FIRST, _SECOND):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if rest != 10:
            return rest
    return None


def normalize(text: str) -> str:
    """What people type around the digits (spaces, dashes) left out."""
    return "".join(char for char in text if char not in " -\u00a0")


def is_valid(text: str) -> bool:
    """12 ASCII digits whose last is the control digit of the first eleven."""
    number = normalize(text)
    if len(number) != LENGTH or not number.isascii() or not number.isdigit():
        return False
    return control_digit(number[:11]) == int(number[11])
