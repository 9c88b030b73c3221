"""The BIN / IIN control digit: real numbers pass, one wrong digit or a wrong length fails."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.bin import control_digit, is_valid, normalize

# Published BINs of Kazakh banks (on their own sites' requisites pages).
REAL = ("940140000385", "971240001315", "990740000683")


@pytest.mark.parametrize("number", REAL)
def test_published_bins_pass(number: str) -> None:
    assert is_valid(number)


@pytest.mark.parametrize("number", REAL)
def test_a_wrong_last_digit_fails(number: str) -> None:
    for digit in "0123456789":
        if digit != number[-1]:
            assert not is_valid(number[:-1] + digit)


def test_the_second_pass_decides_when_the_first_gives_ten() -> None:
    # weights 1..11 give 10 for these eleven digits; weights 3..11, 1, 2 give 2
    assert control_digit("54338178075") == 2
    assert is_valid("543381780752") and not is_valid("543381780750")


def test_eleven_digits_with_ten_twice_have_no_valid_number() -> None:
    assert control_digit("00170167551") is None
    assert not any(is_valid("00170167551" + digit) for digit in "0123456789")


@pytest.mark.parametrize(
    "text", ["", "94014000038", "9401400003850", "94014000038a", "９４０１４００００３８５", "abc"]
)
def test_not_twelve_ascii_digits_fails(text: str) -> None:
    assert not is_valid(text)


def test_spaces_and_dashes_are_left_out() -> None:
    assert normalize(" 940140-000 385 ") == "940140000385"
    assert is_valid("9401 4000 0385")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_every_eleven_digits_have_at_most_one_valid_twelfth(first11: str) -> None:
    valid = [digit for digit in "0123456789" if is_valid(first11 + digit)]
    expected = control_digit(first11)
    assert valid == ([] if expected is None else [str(expected)])
