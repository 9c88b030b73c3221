from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.deadlines import (
    InvalidTerm,
    anniversary,
    arrival_notification,
    ban_end,
    cat4_replacement,
    earliest_filing,
    esutd_change,
    esutd_registration,
    esutd_termination,
    fee_payment,
    permit_end,
    renewal_window,
    renewals_left,
    seasonal_end,
)
from knowledge.workdays import WEEKEND, add_working_days, is_working_day

d = dt.date
dates = st.dates(min_value=d(2024, 1, 1), max_value=d(2027, 12, 31))


@pytest.mark.parametrize(
    ("posted", "earliest"),
    [
        (d(2025, 9, 1), d(2025, 9, 17)),  # the reference's example
        (d(2025, 12, 20), d(2026, 1, 6)),  # 15th day Sun 4 Jan: runs to Mon 5 Jan
        (d(2024, 2, 14), d(2024, 3, 1)),  # through 29 February
        (d(2025, 2, 14), d(2025, 3, 4)),  # 15th day Sat 1 Mar: runs to Mon 3 Mar
        (d(2026, 1, 31), d(2026, 2, 17)),  # 15th day Sun 15 Feb
    ],
)
def test_earliest_filing(posted: dt.date, earliest: dt.date) -> None:
    result = earliest_filing(posted)
    assert result.dates["earliest"] == earliest
    assert result.dates["window_start"] == posted + dt.timedelta(days=1)
    assert result.dates["window_end"] == posted + dt.timedelta(days=15)
    assert "vacancy.posting_period" in result.fact_ids
    assert result.notes, "the inclusive reading is flagged, not promised"


@pytest.mark.parametrize(
    ("start", "route", "months", "end"),
    [
        (d(2025, 3, 1), "cat2", 12, d(2026, 2, 28)),
        (d(2024, 2, 29), "cat3", 12, d(2025, 2, 28)),  # no 29 Feb 2025: anniversary 1 Mar
        (d(2023, 3, 1), "cat4", 12, d(2024, 2, 29)),  # leap year end
        (d(2025, 1, 1), "cat1", 36, d(2027, 12, 31)),
        (d(2025, 12, 31), "cat1", 24, d(2027, 12, 30)),
        (d(2025, 1, 31), "ict", 1, d(2025, 2, 28)),
        (d(2024, 1, 31), "ict", 1, d(2024, 2, 29)),
        (d(2025, 5, 31), "ict", 36, d(2028, 5, 30)),
    ],
)
def test_permit_end(start: dt.date, route: str, months: int, end: dt.date) -> None:
    assert permit_end(start, route, months).dates["end"] == end


@pytest.mark.parametrize(
    ("route", "months", "days"),
    [
        ("cat2", 24, None),
        ("cat4", 6, None),
        ("cat1", 18, None),
        ("ict", 37, None),
        ("seasonal", None, 100),
        ("seasonal", None, None),
    ],
)
def test_terms_a_route_does_not_allow(route: str, months: int | None, days: int | None) -> None:
    with pytest.raises(InvalidTerm):
        permit_end(d(2026, 1, 1), route, months, days)


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (d(2026, 1, 1), 90, d(2026, 3, 31)),
        (d(2024, 1, 1), 365, d(2024, 12, 30)),
        (d(2025, 3, 1), 180, d(2025, 8, 27)),
        (d(2026, 6, 1), 270, d(2027, 2, 25)),
    ],
)
def test_seasonal_end(start: dt.date, days: int, end: dt.date) -> None:
    assert seasonal_end(start, days).dates["end"] == end
    assert permit_end(start, "seasonal", days=days).dates["end"] == end


def test_renewal_window_reference_example() -> None:
    result = renewal_window(d(2026, 12, 31), "cat2")
    assert result.dates["opens"] == d(2026, 11, 2)
    assert result.dates["last_day"] == d(2026, 12, 1)
    assert result.dates["recommended"] == d(2026, 11, 16)
    assert result.dates["last_warning"] == d(2026, 11, 26)
    assert result.dates["prepare"] == d(2026, 10, 17)
    assert result.notes[0].args["day"] == d(2026, 11, 1), "E-60 is flagged as borderline"


@pytest.mark.parametrize("route", ["cat4", "seasonal"])
def test_routes_that_cannot_be_renewed(route: str) -> None:
    result = renewal_window(d(2026, 6, 30), route)
    assert result.kind == "no_renewal"
    assert "opens" not in result.dates
    assert result.dates["prepare"] == d(2026, 4, 16)
    if route == "cat4":  # the replacement duty applies, not "plan a new permit"
        assert "cat4.replacement" in result.fact_ids
        assert result.trace[0].key == "trace-no-renewal-cat4"
    else:
        assert "vacancy.posting_period" in result.fact_ids


@pytest.mark.parametrize(
    ("route", "used", "allowed", "left"),
    [
        ("cat1", 7, None, None),
        ("cat2", 0, 3, 3),
        ("cat3", 2, 3, 1),
        ("cat3", 3, 3, 0),
        ("cat2", 5, 3, 0),
        ("cat4", 0, 0, 0),
        ("seasonal", 0, 0, 0),
        ("ict", 0, 1, 1),
        ("ict", 1, 1, 0),
    ],
)
def test_renewals_left(route: str, used: int, allowed: int | None, left: int | None) -> None:
    count = renewals_left(route, used)
    assert (count.allowed, count.left) == (allowed, left)
    with pytest.raises(ValueError):
        renewals_left(route, -1)


def test_cat4_replacement_and_ban() -> None:
    window = cat4_replacement(d(2025, 8, 31))
    assert window.dates["from"] == d(2026, 2, 28)  # no 31 Feb: the day before 1 Mar (safe)
    assert window.dates["by"] == d(2026, 8, 30)
    ban = ban_end(d(2024, 2, 29))
    assert ban.dates["last_day"] == d(2025, 3, 1)
    assert ban.dates["free_from"] == d(2025, 3, 2)
    assert ban_end(d(2026, 3, 15)).dates["free_from"] == d(2027, 3, 16)


@pytest.mark.parametrize(
    ("function", "event", "due"),
    [
        (arrival_notification, d(2025, 12, 12), d(2025, 12, 18)),  # Fri; 16 Dec holiday
        (arrival_notification, d(2026, 3, 19), d(2026, 3, 27)),  # Nauryz 21–25 Mar 2026
        (esutd_registration, d(2025, 12, 31), d(2026, 1, 12)),  # New Year 1–2, Christmas 7 Jan
        (esutd_registration, d(2026, 2, 2), d(2026, 2, 9)),  # ordinary week
        (esutd_termination, d(2025, 1, 3), d(2025, 1, 8)),  # Sun 5 Jan 2025 was a working day
        (fee_payment, d(2026, 3, 20), d(2026, 4, 8)),
        (fee_payment, d(2024, 2, 28), d(2024, 3, 14)),  # 29 Feb, 8 Mar
        # Constitution Day, Sat 30 Aug 2025, was moved to Mon 1 Sep.
        (arrival_notification, d(2025, 8, 29), d(2025, 9, 4)),
        # The Law on holidays as amended in 2026 (the package cites adilet.zan.kz, Z010000267_
        # history): no day off on 30 Aug 2026; Constitution Day is 15 March from 2027.
        (arrival_notification, d(2026, 8, 28), d(2026, 9, 2)),
        (arrival_notification, d(2027, 3, 12), d(2027, 3, 18)),  # Fri; Mon 15 Mar 2027 off
    ],
)
def test_working_day_deadlines(function, event: dt.date, due: dt.date) -> None:  # type: ignore[no-untyped-def]
    result = function(event)
    assert result.dates["due"] == due
    assert is_working_day(result.dates["due"])


def test_moved_working_sunday_counts() -> None:
    due, skipped = add_working_days(d(2025, 1, 3), 1)
    assert due == d(2025, 1, 5), "Sunday 5 January 2025 was a working day by decree"
    assert skipped == [(d(2025, 1, 4), WEEKEND)]


def test_skipped_days_say_why() -> None:
    due, skipped = add_working_days(d(2025, 12, 12), 3)  # Friday before Independence Day
    assert due == d(2025, 12, 18)
    assert skipped == [
        (d(2025, 12, 13), WEEKEND),
        (d(2025, 12, 14), WEEKEND),
        (d(2025, 12, 16), "Independence Day"),
    ]
    _, nauryz = add_working_days(d(2026, 3, 20), 1)
    assert [day for day, _ in nauryz] == [d(2026, 3, 21) + dt.timedelta(n) for n in range(5)]
    assert all("Nowruz" in reason for _, reason in nauryz), "weekend days that are Nauryz too"
    with pytest.raises(ValueError):
        add_working_days(d(2026, 1, 5), 0)


def test_trace_names_the_skipped_holiday() -> None:
    result = arrival_notification(d(2025, 12, 12))
    holidays = [step for step in result.trace if step.key == "trace-skipped-holiday"]
    assert [step.args["day"] for step in holidays] == [d(2025, 12, 16)]


def test_estimated_holiday_is_flagged() -> None:
    result = fee_payment(d(2026, 5, 20))  # Kurban Ait 2026 is an estimated date
    assert [note.args["day"] for note in result.notes] == [d(2026, 5, 27)]
    assert fee_payment(d(2026, 2, 2)).notes == (), "no lunar holiday on the way, no note"


@pytest.mark.parametrize(
    ("result", "status"),
    [
        (earliest_filing(d(2025, 9, 1)), "derived"),  # our day count, on confirmed facts
        (esutd_registration(d(2026, 2, 2)), "derived"),
        (renewal_window(d(2026, 12, 31), "cat2"), "derived"),
    ],
)
def test_a_result_is_as_strong_as_its_weakest_fact(result, status: str) -> None:  # type: ignore[no-untyped-def]
    assert result.status == status
    assert renewals_left("cat2", 1).status == "practice"  # renewal.window is practice


@pytest.mark.parametrize(
    ("changed", "due", "moved"),
    [
        (d(2026, 3, 6), d(2026, 3, 21), d(2026, 3, 26)),  # Sat, then Nauryz days off
        (d(2026, 2, 2), d(2026, 2, 17), None),
        (d(2025, 12, 1), d(2025, 12, 16), d(2025, 12, 17)),  # Independence Day
    ],
)
def test_esutd_change_due_on_the_last_day_with_the_moved_reading(
    changed: dt.date, due: dt.date, moved: dt.date | None
) -> None:
    result = esutd_change(changed)
    assert result.dates["due"] == due, "a deadline: the earlier reading is safe"
    notes = [step.args["due"] for step in result.notes if step.key == "note-deadline-moved"]
    assert notes == ([moved] if moved else [])


@given(dates)
def test_filing_is_always_after_posting_plus_15(posted: dt.date) -> None:
    assert earliest_filing(posted).dates["earliest"] > posted + dt.timedelta(days=15)


@given(
    dates,
    st.sampled_from([arrival_notification, esutd_registration, esutd_termination, fee_payment]),
)
def test_working_day_deadline_never_on_a_day_off(event: dt.date, function) -> None:  # type: ignore[no-untyped-def]
    due = function(event).dates["due"]
    assert is_working_day(due) and due > event


@given(
    dates,
    dates,
    st.sampled_from([("cat1", 12), ("cat1", 36), ("cat2", 12), ("cat4", 12), ("ict", 7)]),
)
def test_end_dates_are_monotonic(a: dt.date, b: dt.date, term: tuple[str, int]) -> None:
    first, second = sorted((a, b))
    route, months = term
    assert (
        permit_end(first, route, months).dates["end"]
        <= permit_end(second, route, months).dates["end"]
    )
    assert permit_end(first, route, months).dates["end"] >= first


@given(dates, st.sampled_from(["cat1", "cat2", "cat3", "ict"]))
def test_renewal_dates_are_ordered(end: dt.date, route: str) -> None:
    dates_ = renewal_window(end, route).dates
    order = ["prepare", "opens", "recommended", "last_warning", "last_day", "end"]
    assert [dates_[k] for k in order] == sorted(dates_[k] for k in order)


@given(dates, st.integers(1, 48))
def test_anniversary_is_never_early(start: dt.date, months: int) -> None:
    mark = anniversary(start, months)
    assert mark > start
    assert mark.day == start.day or mark.day == 1
