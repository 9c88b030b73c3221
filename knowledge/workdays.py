"""Working days on the Kazakhstan calendar, from the `holidays` package (never a hand-made table).

It knows public holidays, the days off that replace holidays falling on a weekend, and weekend days
moved to working days by decree (e.g. Sunday 5 January 2025).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import holidays

from knowledge.l10n import Lang

ESTIMATED = "(estimated)"
WEEKEND = "weekend"
Skipped = tuple[dt.date, str]  # a day not counted, and why (holiday name or WEEKEND)


@cache
def _calendar(language: str = "en_US") -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", language=language)


def is_working_day(day: dt.date) -> bool:
    return bool(_calendar().is_working_day(day))


def holiday_name(day: dt.date) -> str | None:
    """The English name of the holiday on ``day`` (None on ordinary days and weekends)."""
    return _calendar().get(day)


def is_estimated(day: dt.date) -> bool:
    """A holiday whose date follows a lunar calendar and may still be moved."""
    return ESTIMATED in (holiday_name(day) or "")


def holiday_slug(day: dt.date) -> str | None:
    """A stable key for the holiday's base name: "Nowruz Holiday (observed)" → "nowruz-holiday"."""
    name = holiday_name(day)
    if name is None:
        return None
    base = re.sub(r"\(.*?\)", "", name).strip().lower()
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-")


def localized_holiday(day: dt.date, lang: Lang) -> str | None:
    """Kazakh and English names come from the package; Russian from our catalog (via slug)."""
    if lang == "kk":
        return _calendar("kk").get(day)
    return holiday_name(day)


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, count: int) -> tuple[dt.date, list[Skipped]]:
    """The ``count``-th working day after ``start`` (counting begins the next day).

    Returns the date and the non-working days skipped on the way, each with its reason: the
    package's (English) holiday name, or ``WEEKEND`` for an ordinary Saturday or Sunday.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    day, counted, skipped = start, 0, []
    while counted < count:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
        else:
            skipped.append((day, holiday_name(day) or WEEKEND))
    return day, skipped
