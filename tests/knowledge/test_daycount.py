"""One day-counting convention, checked on every day of 2025–2028 (exhaustive loops)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from knowledge import daycount as dc
from knowledge import deadlines as dl
from knowledge.l10n import LANGS, Lang, format_date
from knowledge.render import render_result
from knowledge.workdays import add_working_days, is_working_day

DAY = dt.timedelta(days=1)
FIRST, LAST = dt.date(2025, 1, 1), dt.date(2028, 12, 31)
EVERY_DAY = [FIRST + DAY * n for n in range((LAST - FIRST).days + 1)]
CONVENTIONS = {
    "trace-convention-after",
    "trace-convention-working",
    "trace-convention-term",
    "trace-convention-before",
}


def test_the_range_is_four_whole_years() -> None:
    assert len(EVERY_DAY) == 365 * 3 + 366


def test_vacancy_test_on_every_day() -> None:
    for posted in EVERY_DAY:
        result = dl.earliest_filing(posted)
        last, earliest = posted + 15 * DAY, result.dates["earliest"]
        assert result.dates["window_end"] == last
        assert earliest > last and is_working_day(earliest - DAY), posted
        assert all(not is_working_day(last + DAY * k) for k in range((earliest - last).days - 1))
        accepted = result.dates.get("may_be_accepted")
        assert (accepted is None) == is_working_day(last), posted
        if accepted is not None:
            assert accepted == last + DAY < earliest, "the earlier reading, never promised"
        assert result.trace[-1].key == "trace-convention-after"


def test_month_periods_share_one_convention_on_every_day() -> None:
    for day in EVERY_DAY:
        for months in (6, 12):
            mark = dc.matching_date(day, months)
            assert mark.day == day.day or (mark.day == 1 and mark.month != day.month), day
            assert dc.deadline_months(day, months) == dc.Reading(mark - DAY, mark)
            assert dc.wait_months(day, months) == dc.Reading(mark, mark - DAY)
        cat4, ban = dl.cat4_replacement(day), dl.ban_end(day)
        # the same 12 months: the duty's safe last day is the day before the ban's last day
        assert cat4.dates["by"] + DAY == ban.dates["last_day"] == dc.matching_date(day, 12)
        assert ban.dates["free_from"] == ban.dates["last_day"] + DAY
        assert cat4.dates["by"] == dl.permit_end(day, "cat4", 12).dates["end"], day
        assert cat4.dates["from"] == dc.matching_date(day, 6) - DAY
        assert cat4.notes[0].args["day"] == ban.dates["last_day"], "both readings shown"
        assert ban.notes[0].args["day"] == ban.dates["last_day"], "the earlier reading noted"


def test_matching_date_never_goes_back() -> None:
    for day, after in itertools.pairwise(EVERY_DAY):
        for months in (1, 6, 12, 24, 36):
            assert dc.matching_date(day, months) <= dc.matching_date(after, months)


@pytest.mark.parametrize("months", [12, 24, 36])
def test_validity_terms_count_their_first_day(months: int) -> None:
    for start in EVERY_DAY:
        end = dl.permit_end(start, "cat1", months).dates["end"]
        assert end + DAY == dc.matching_date(start, months)
        assert dl.permit_end(start, "cat1", months).trace[-1].key == "trace-convention-term"


@pytest.mark.parametrize("days", [90, 180, 270, 365])
def test_seasonal_terms_count_their_first_day(days: int) -> None:
    for start in EVERY_DAY:
        assert (dl.seasonal_end(start, days).dates["end"] - start).days == days - 1


def test_renewal_window_counts_back_from_the_last_valid_day() -> None:
    for end in EVERY_DAY:
        dates = dl.renewal_window(end, "cat2").dates
        assert (end - dates["opens"]).days == 59 and (end - dates["last_day"]).days == 30
        assert dates["opens"] < dates["recommended"] < dates["last_day"] < end


@pytest.mark.parametrize(
    ("function", "count"),
    [
        (dl.esutd_registration, 5),
        (dl.esutd_termination, 3),
        (dl.arrival_notification, 3),
        (dl.fee_payment, 10),
    ],
)
def test_working_day_periods_on_every_day(
    function: Callable[[dt.date], dl.DateResult], count: int
) -> None:
    for event in EVERY_DAY:
        result = function(event)
        due = result.dates["due"]
        assert is_working_day(due) and due == add_working_days(event, count)[0]
        working = sum(is_working_day(event + DAY * k) for k in range(1, (due - event).days + 1))
        assert working == count
        assert result.trace[-1].key == "trace-convention-working"


def test_calendar_day_deadline_on_every_day() -> None:
    for event in EVERY_DAY:
        result = dl.esutd_change(event)
        last = event + 15 * DAY
        assert result.dates["due"] == last, "a deadline: the earlier reading is safe"
        moved = [step.args["due"] for step in result.notes]
        assert moved == ([] if is_working_day(last) else [dc.deadline_on(last).other])


def test_every_trace_names_its_convention() -> None:
    day = dt.date(2026, 2, 1)
    results = [
        dl.earliest_filing(day),
        dl.permit_end(day, "cat2", 12),
        dl.seasonal_end(day, 90),
        dl.renewal_window(day, "cat1"),
        dl.renewal_window(day, "cat4"),
        dl.renewal_window(day, "seasonal"),
        dl.cat4_replacement(day),
        dl.ban_end(day),
        dl.esutd_registration(day),
        dl.esutd_change(day),
        dl.fee_payment(day),
        dl.arrival_notification(day),
    ]
    for result in results:
        assert result.trace[-1].key in CONVENTIONS, result.kind


def test_the_issue_examples() -> None:
    # permit issued 1 Feb 2026: the duty safely by 31 Jan 2027; a ban from the same day runs
    # through 1 Feb 2027 — the same 12 months, each on its safe side
    assert dl.cat4_replacement(dt.date(2026, 2, 1)).dates["by"] == dt.date(2027, 1, 31)
    assert dl.ban_end(dt.date(2026, 2, 1)).dates["last_day"] == dt.date(2027, 2, 1)
    # posted 20 Dec 2025: the 15th day is Sunday 4 Jan 2026
    result = dl.earliest_filing(dt.date(2025, 12, 20))
    assert result.dates["window_end"] == dt.date(2026, 1, 4)
    assert result.dates["earliest"] == dt.date(2026, 1, 6), "the later date is safe"
    assert result.dates["may_be_accepted"] == dt.date(2026, 1, 5), "the earlier may be accepted"


@pytest.mark.parametrize("lang", LANGS)
def test_both_readings_are_shown_in_every_language(lang: Lang) -> None:
    lines = "\n".join(render_result(dl.earliest_filing(dt.date(2025, 12, 20)), lang))
    for day in (dt.date(2026, 1, 4), dt.date(2026, 1, 5), dt.date(2026, 1, 6)):
        assert format_date(day, lang) in lines
    cat4 = "\n".join(render_result(dl.cat4_replacement(dt.date(2026, 2, 1)), lang))
    assert format_date(dt.date(2027, 1, 31), lang) in cat4
    assert format_date(dt.date(2027, 2, 1), lang) in cat4
