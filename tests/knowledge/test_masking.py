"""Identity numbers typed into a name are masked before storing (issue 14): table and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.masking import has_id, mask_ids


@pytest.mark.parametrize(
    ("typed", "stored", "count"),
    [
        ("Ali 900101300123", "Ali ***0123", 1),  # an IIN
        ("Bakyt N12345678", "Bakyt ***5678", 1),  # a Kazakh passport
        ("Иван АН1234567", "Иван ***4567", 1),  # a series in Cyrillic
        ("Rustam AB 1234567", "Rustam ***4567", 1),
        ("Olga 45 06 123456", "Olga ***3456", 1),  # a Russian passport with spaces
        ("Ali 900101-300123 / N12345678", "Ali ***0123 / ***5678", 2),
        ("abc123456789", "abc***6789", 1),
        ("Category 2 welder", "Category 2 welder", 0),
        ("Ivan 2026", "Ivan 2026", 0),
        ("arrived 12.03.2026", "arrived 12.03.2026", 0),
        ("Ali ***0123", "Ali ***0123", 0),  # masked already: stays
        ("", "", 0),
    ],
)
def test_masks_identity_numbers_only(typed: str, stored: str, count: int) -> None:
    assert mask_ids(typed) == (stored, count)
    assert has_id(typed) == (count > 0)


@given(st.text(max_size=80))
def test_no_long_number_survives_and_masking_is_idempotent(text: str) -> None:
    masked, _ = mask_ids(text)
    assert not re.search(r"\d(?:[ \-]?\d){6,}", masked.replace("***", " ")), masked
    assert mask_ids(masked) == (masked, 0)


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=60))
def test_text_without_digits_is_left_alone(text: str) -> None:
    assert mask_ids(text) == (text, 0)
