"""One day-counting convention for every period the bot computes (ours: ``derived``).

The reference gives only the Civil Code analogy (rules-facts.md §3, §12; facts
``daycount.civil_code`` and ``daycount.working_days``), so this is one documented choice:

1. A period counted *from an event* starts the day after it: N calendar days end on event + N;
   N working days end on the N-th working day after it (Kazakhstan calendar); N months (a year is
   12 months) end on the same date N months later, or on the 1st of the next month when that
   month has no such date.
2. A *validity term* (a permit for N months or N days) counts its first day: it ends the day
   before the date the same rule gives (seasonal: start + N − 1).
3. Periods *before* a date (the renewal window) are counted back in calendar days.

Where the reading is uncertain we compute both and recommend the safe one:
- the end of a month period: if the event day itself were counted, it would end a day earlier;
- a last day on a non-working day: the Civil Code analogy moves it to the next working day.
The safe reading is the earlier one for a deadline (act by it) and the later one for a waiting
period (act after it): ``Reading.safe``; the other reading is ``Reading.other``, which an
authority *may* accept and we never promise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from knowledge.workdays import next_working_day

DAY = dt.timedelta(days=1)
CONVENTION = "daycount.civil_code"  # the fact each computed date cites for this convention


@dataclass(frozen=True)
class Reading:
    """A date under the safe reading, and the other reading when it differs."""

    safe: dt.date
    other: dt.date | None = None


def matching_date(event: dt.date, months: int) -> dt.date:
    """The same calendar date ``months`` later; a date the month lacks becomes the next 1st."""
    index = event.month - 1 + months
    year, month = event.year + index // 12, index % 12 + 1
    try:
        return event.replace(year=year, month=month)
    except ValueError:
        return dt.date(year + month // 12, month % 12 + 1, 1)


def days_after(event: dt.date, days: int) -> dt.date:
    """The last day of ``days`` calendar days counted from the day after ``event``."""
    return event + dt.timedelta(days=days)


def days_before(end: dt.date, days: int) -> dt.date:
    """The day ``days`` calendar days before ``end``."""
    return end - dt.timedelta(days=days)


def term_end_days(start: dt.date, days: int) -> dt.date:
    """The last valid day of a term of ``days`` days that begins on ``start``."""
    return start + dt.timedelta(days=days - 1)


def term_end_months(start: dt.date, months: int) -> dt.date:
    """The last valid day of a term of ``months`` months that begins on ``start``."""
    return matching_date(start, months) - DAY


def deadline_months(event: dt.date, months: int) -> Reading:
    """Act within ``months`` of ``event``: safe if done by the day before the matching date."""
    last = matching_date(event, months)
    return Reading(safe=last - DAY, other=last)


def wait_months(event: dt.date, months: int) -> Reading:
    """The last day of a ``months`` waiting period (e.g. a ban): the later reading is safe."""
    last = matching_date(event, months)
    return Reading(safe=last, other=last - DAY)


def deadline_on(last: dt.date) -> Reading:
    """A deadline whose last day is ``last``: safe by that day; moved to a working day, other."""
    moved = next_working_day(last)
    return Reading(safe=last, other=moved if moved != last else None)


def first_day_after(last: dt.date) -> Reading:
    """The first day after a waiting period ending on ``last`` (e.g. the vacancy test).

    If ``last`` is a non-working day the period may run to the next working day, so the safe
    first day is the day after that; the day after ``last`` may be accepted.
    """
    moved = next_working_day(last)
    return Reading(safe=moved + DAY, other=last + DAY if moved != last else None)
