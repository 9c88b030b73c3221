from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.userdates import parse_user_date

TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.09.2025", dt.date(2025, 9, 1)),
        ("1.9.25", dt.date(2025, 9, 1)),
        ("  29.02.2024 ", dt.date(2024, 2, 29)),
        ("2025-09-01", dt.date(2025, 9, 1)),
        ("2025-9-1", dt.date(2025, 9, 1)),
        ("31-12-2026", dt.date(2026, 12, 31)),
        ("13/01/2026", dt.date(2026, 1, 13)),
        ("05/05/2026", dt.date(2026, 5, 5)),
        ("1 сентября 2025", dt.date(2025, 9, 1)),
        ("1 сентября 2025 г.", dt.date(2025, 9, 1)),
        ("16 Декабря 2025", dt.date(2025, 12, 16)),
        ("1 September 2025", dt.date(2025, 9, 1)),
        ("1 sep 2025", dt.date(2025, 9, 1)),
        ("21 наурыз 2026", dt.date(2026, 3, 21)),
        ("2025 ж. 1 қыркүйек", dt.date(2025, 9, 1)),
        ("today", TODAY),
        ("Сегодня", TODAY),
        ("бүгін", TODAY),
        ("вчера", dt.date(2026, 2, 28)),
        ("кеше", dt.date(2026, 2, 28)),
        ("yesterday", dt.date(2026, 2, 28)),
        ("завтра", dt.date(2026, 3, 2)),
    ],
)
def test_accepted_forms(text: str, expected: dt.date) -> None:
    assert parse_user_date(text, TODAY).value == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("31.02.2025", "impossible"),
        ("29.02.2025", "impossible"),
        ("00.01.2025", "impossible"),
        ("2025-13-01", "impossible"),
        ("01/02/2025", "ambiguous"),
        ("1.1.1899", "out_of_range"),
        ("hello", "format"),
        ("", "format"),
        ("1 брумера 2025", "format"),
        ("<b>1.9.2025</b>", "format"),
    ],
)
def test_refused_forms_say_why(text: str, problem: str) -> None:
    result = parse_user_date(text, TODAY)
    assert result.value is None and result.problem == problem


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_round_trip_of_the_usual_forms(day: dt.date) -> None:
    assert parse_user_date(day.strftime("%d.%m.%Y"), TODAY).value == day
    assert parse_user_date(day.isoformat(), TODAY).value == day
    assert parse_user_date(f"{day.day}.{day.month}.{day.year % 100:02d}", TODAY).value == day


@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    result = parse_user_date(text, TODAY)
    assert (result.value is None) != (result.problem is None)


@pytest.mark.parametrize(
    ("text", "today", "expected", "doubt"),
    [
        # No year: the nearest such date, to be confirmed.
        ("20 ноября", dt.date(2026, 12, 1), dt.date(2026, 11, 20), "no_year"),
        ("20.11", dt.date(2026, 12, 1), dt.date(2026, 11, 20), "no_year"),
        ("1.9", TODAY, dt.date(2025, 9, 1), "no_year"),
        ("5 jan", dt.date(2026, 12, 1), dt.date(2027, 1, 5), "no_year"),
        ("3 қаңтар", dt.date(2026, 12, 30), dt.date(2027, 1, 3), "no_year"),
        # Two-digit years and far dates are read, then confirmed.
        ("01.02.03", TODAY, dt.date(2003, 2, 1), "two_digit_year"),
        ("1.9.25", TODAY, dt.date(2025, 9, 1), "two_digit_year"),
        ("01.01.2099", TODAY, dt.date(2099, 1, 1), "far"),
        ("01.01.2001", TODAY, dt.date(2001, 1, 1), "far"),
        ("01.09.2025", TODAY, dt.date(2025, 9, 1), None),
    ],
)
def test_dates_read_with_a_guess_ask_to_confirm(
    text: str, today: dt.date, expected: dt.date, doubt: str | None
) -> None:
    result = parse_user_date(text, today)
    assert (result.value, result.doubt) == (expected, doubt)


def test_a_day_and_month_that_never_exist_are_refused() -> None:
    assert parse_user_date("31 июня", TODAY).problem == "impossible"
    assert parse_user_date("20 брумера", TODAY).problem == "format"
