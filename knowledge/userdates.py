"""Dates as users type them: 1.9.2025, 01.09.25, 2025-09-01, "1 сентября 2025", today/бүгін.

Day-first is the Kazakhstan convention, so dotted dates are unambiguous; a slashed date whose
day and month could be swapped is refused as ambiguous rather than guessed. Month names come
from Babel's CLDR data in all three languages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from babel.dates import get_day_names, get_month_names

Problem = Literal["format", "impossible", "ambiguous", "out_of_range"]
# A date read with a guess the user should confirm: the year was left out (the nearest such
# date is taken), written with two digits, the date is more than five years away, or it is
# after today for an event that has happened (see ``happened``), or a weekday named alone
# ("в понедельник": the coming one, or for an event that has happened the last one).
Doubt = Literal["no_year", "two_digit_year", "far", "future", "weekday"]
FAR = dt.timedelta(days=5 * 365 + 1)

RELATIVE_WORDS: dict[str, int] = {
    "today": 0,
    "сегодня": 0,
    "бүгін": 0,
    "бугин": 0,
    "yesterday": -1,
    "вчера": -1,
    "кеше": -1,
    "tomorrow": 1,
    "завтра": 1,
    "ертең": 1,
    "ертен": 1,
    "позавчера": -2,
    "day before yesterday": -2,
    "алдыңғы күні": -2,
    "алдынгы куни": -2,
    "бұрнағы күні": -2,
    "послезавтра": 2,
    "day after tomorrow": 2,
    "бүрсігүні": 2,
    "бурсигуни": 2,
}
_NUMERIC = re.compile(r"^(\d{1,2})([./\- ])(\d{1,2})\2(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([^\d\s]+)\s+(\d{4})(?:\s*(?:г|ж|года|жыл\w*)\.?)?$")
_WORDS_KK = re.compile(r"^(\d{4})(?:\s*(?:ж|жыл\w*)\.?)?\s+(\d{1,2})\s+([^\d\s]+)$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:\.(\d{1,2})\.?|\s+([^\d\s]+))$")
_MONTH_DAY = re.compile(r"^([^\d\s]+)\s+(\d{1,2})(?:\s+(\d{4}))?$")  # "September 1, 2025"
# What people add around a date: "the", an English ordinal ("1st"), commas, a trailing year word
# ("01.09.2025 г.", "2025 ж.", "1 сентября 2025 года").
_LEADING_THE = re.compile(r"^the\s+")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_YEAR_WORD = re.compile(r"(?<=\d)\s*(?:г|ж|года|году|жыл\w*)\.?$")
# "1st of December", "1-го декабря", "1-ое": the day's own words; ")", "!" or "." after a word.
_DAY_OF = re.compile(r"^(\d{1,2})(?:-?(?:го|ое|е|і|ы|ші|шы|ншы|нші))?\s+(?:of\s+)?(?=[^\d\s])")
_TRAILING = re.compile(r"(?<=[^\W\d_])[.!?)]+$|[!?)]+$")
MIN_YEAR, MAX_YEAR = 2000, 2100

# A weekday with "next" or "last" ("next monday", "в следующий понедельник", "келесі дүйсенбі",
# "last friday", "в прошлую пятницу", "өткен жұмада"): the first such day after (before) today.
_NEXT_WORDS = frozenset({"next", "следующий", "следующая", "следующую", "следующее", "келесі"})
_LAST_WORDS = frozenset(
    {"last", "past", "previous", "прошлый", "прошлая", "прошлую", "прошлое", "өткен"}
)
_THIS_WORDS = frozenset({"this", "coming", "этот", "эта", "эту", "это", "осы", "on", "в", "во"})
# Russian accusative ("в среду") and Kazakh locative ("дүйсенбіде") forms beside Babel's names.
_WEEKDAY_EXTRA: dict[str, int] = {
    "среду": 2,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
    "дүйсенбіде": 0,
    "сейсенбіде": 1,
    "сәрсенбіде": 2,
    "бейсенбіде": 3,
    "жұмада": 4,
    "сенбіде": 5,
    "жексенбіде": 6,
}
# Kazakh letters as people type them on a Russian keyboard ("келеси дуйсенби").
_KK_PLAIN = str.maketrans("әғқңөұүһі", "агкноуухи")
# "in 10 days", "через 2 недели", "10 күннен кейін", "3 days ago", "неделю назад", "2 апта бұрын";
# a number left out is one ("через неделю", "a week ago").
_UNIT = (
    r"(?P<unit>days?|дн(?:я|ей)|день|сут\w*|күн|кун|weeks?|недел[юиь]|недель|апта)"
    r"(?:нен|нан|ен|ан|дан|ден|тан|тен)?"
)
_COUNT = r"(?:(?P<n>\d{1,3})|an?|one|одну|один|бір|бир)?\s*"
_AHEAD = (
    re.compile(rf"^(?:in|через|после)\s+{_COUNT}{_UNIT}$"),
    re.compile(rf"^{_COUNT}{_UNIT}\s+(?:кейін|кейин|соң|сон|later)$"),
)
_DAYS_AGO = re.compile(rf"^{_COUNT}{_UNIT}\s+(?:ago|назад|бұрын|бурын|before)$")


@dataclass(frozen=True, slots=True)
class DateInput:
    """Either a date or the reason it could not be read."""

    value: dt.date | None
    problem: Problem | None = None
    doubt: Doubt | None = None  # a value the user should confirm before it is used


@cache
def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("ru", "kk", "en"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[name.lower().rstrip(".")] = int(number)
    names["sep"] = 9  # CLDR's English short form is "Sept"; people also type "Sep"
    names["sept"] = 9
    return names


@cache
def _weekday_names() -> dict[str, int]:
    names: dict[str, int] = dict(_WEEKDAY_EXTRA)
    for locale in ("ru", "kk", "en"):
        for width in ("wide", "abbreviated") if locale == "en" else ("wide",):
            for number, name in get_day_names(width, "format", locale).items():
                names[name.lower().rstrip(".")] = int(number)
    return names | {name.translate(_KK_PLAIN): day for name, day in names.items()}


def _weekday(cleaned: str, today: dt.date) -> DateInput | None:
    """ "next monday", "в прошлую пятницу", "келесі дүйсенбі", "on Friday" or None."""
    words = cleaned.split()
    if not 1 <= len(words) <= 3 or words[-1].rstrip(".") not in _weekday_names():
        return None
    day = _weekday_names()[words[-1].rstrip(".")]
    lead = {w.translate(_KK_PLAIN) for w in words[:-1]}
    next_words = {w.translate(_KK_PLAIN) for w in _NEXT_WORDS}
    last_words = {w.translate(_KK_PLAIN) for w in _LAST_WORDS}
    ahead = (day - today.weekday() - 1) % 7 + 1  # 1..7 days to the next such day
    if lead & next_words and not lead - next_words - _THIS_WORDS:
        return DateInput(today + dt.timedelta(days=ahead))
    back = (today.weekday() - day - 1) % 7 + 1  # 1..7 days back to the last such day
    if lead & last_words and not lead - last_words - _THIS_WORDS:
        return DateInput(today - dt.timedelta(days=back))
    if not lead - _THIS_WORDS:
        return DateInput(today + dt.timedelta(days=ahead % 7), doubt="weekday")
    return None


def _month(name: str) -> int | None:
    """A month's number from its name, also in the Kazakh locative ("желтоқсанда")."""
    names = _month_names()
    if name in names:
        return names[name]
    stem = re.sub(r"(?:да|де|та|те)$", "", name)
    return names.get(stem) if stem != name else None


def _days(match: re.Match[str]) -> int:
    count = int(match["n"]) if match["n"] else 1
    return count * (7 if match["unit"].startswith(("week", "недел", "апта")) else 1)


def _make(year: int, month: int, day: int) -> DateInput:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return DateInput(None, "out_of_range")
    try:
        return DateInput(dt.date(year, month, day))
    except ValueError:
        return DateInput(None, "impossible")


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def parse_user_date(text: str, today: dt.date) -> DateInput:
    """Read one date; ``today`` anchors relative words and dates without a year.

    A result with ``doubt`` carries the date to confirm (see ``Doubt``).
    """
    result = _parse(text, today)
    if result.value is not None and result.doubt is None and abs(result.value - today) > FAR:
        return DateInput(result.value, doubt="far")
    return result


def happened(parsed: DateInput, today: dt.date) -> DateInput:
    """The date of an event that has already happened (a vacancy posted, a permit issued): one
    after today ("завтра") is asked about, not refused, since people also count ahead. Without
    a year ("20 декабря" on 2 December) the guess is the last such day, not the coming one."""
    if parsed.value is None or parsed.value <= today:
        return parsed
    if parsed.doubt is None:
        return DateInput(parsed.value, doubt="future")
    if parsed.doubt == "weekday":  # "в понедельник" of a vacancy posted: the last Monday
        return DateInput(parsed.value - dt.timedelta(days=7), doubt="weekday")
    if parsed.doubt == "no_year":
        earlier = _make(parsed.value.year - 1, parsed.value.month, parsed.value.day)
        if earlier.value is not None:  # 29 February has no earlier twin: the guess stays
            return DateInput(earlier.value, doubt="no_year")
    return parsed


def _nearest(day: int, month: int, today: dt.date) -> DateInput:
    """The date with that day and month closest to today (last, this or next year)."""
    found = [_make(today.year + shift, month, day) for shift in (-1, 0, 1)]
    dates = [f.value for f in found if f.value is not None]
    if not dates:
        return DateInput(None, "impossible")
    return DateInput(min(dates, key=lambda d: (abs(d - today), d)), doubt="no_year")


def _relative(cleaned: str, today: dt.date) -> DateInput | None:
    if cleaned in RELATIVE_WORDS:
        return DateInput(today + dt.timedelta(days=RELATIVE_WORDS[cleaned]))
    for pattern, sign in zip((*_AHEAD, _DAYS_AGO), (1, 1, -1), strict=True):
        if match := pattern.match(cleaned):
            return DateInput(today + sign * dt.timedelta(days=_days(match)))
    return _weekday(cleaned, today)


def relative_dates(text: str, today: dt.date) -> list[dt.date]:
    """Dates a sentence names relative to today ("вчера", "3 days ago", "в прошлый понедельник",
    "келесі дүйсенбі"), in order: for questions, where the date is a few of its words. A weekday
    needs a word before it ("в среду"), since "среда" alone is also "environment"; one that
    could be either side of today is the last one, and a date ahead ("через неделю", "tomorrow")
    is left out: a question's date is when something happened."""
    words = re.findall(r"[^\W_]+", text.lower().replace("ё", "е"))
    found: list[dt.date] = []
    start = 0
    while start < len(words):
        for size in (4, 3, 2, 1):
            window = " ".join(words[start : start + size])
            if len(words) - start < size or not re.search(r"[^\W\d_]", window):
                continue
            result = _relative(window, today)
            if result is None or (result.doubt == "weekday" and size == 1):
                continue
            day = happened(result, today).value
            if day is not None and day <= today:  # "через 2 недели" is a plan, not an event
                found.append(day)
            start += size - 1
            break
        start += 1
    return found


def _parse(text: str, today: dt.date) -> DateInput:
    cleaned = " ".join(text.strip().lower().replace("ё", "е").replace(",", " ").split())
    cleaned = _YEAR_WORD.sub("", _ORDINAL.sub("", _LEADING_THE.sub("", cleaned))).strip()
    cleaned = _TRAILING.sub("", _DAY_OF.sub(r"\1 ", cleaned)).strip()
    if (relative := _relative(cleaned, today)) is not None:
        return relative
    if match := _ISO.match(cleaned):
        return _make(int(match[1]), int(match[3]), int(match[4]))
    if match := _NUMERIC.match(cleaned):
        first, separator, second, year = int(match[1]), match[2], int(match[3]), _year(match[4])
        if separator == "/" and first <= 12 and second <= 12 and first != second:
            return DateInput(None, "ambiguous")
        made = _make(year, second, first)
        if made.value is not None and len(match[4]) == 2:
            return DateInput(made.value, doubt="two_digit_year")
        return made
    if match := _WORDS.match(cleaned):
        month = _month(match[2].rstrip("."))
        return _make(int(match[3]), month, int(match[1])) if month else DateInput(None, "format")
    if match := _WORDS_KK.match(cleaned):
        month = _month(match[3].rstrip("."))
        return _make(int(match[1]), month, int(match[2])) if month else DateInput(None, "format")
    if match := _DAY_MONTH.match(cleaned):
        month = int(match[2]) if match[2] else _month(match[3].rstrip("."))
        if month is None or not 1 <= month <= 12:
            return DateInput(None, "format")
        return _nearest(int(match[1]), month, today)
    if (match := _MONTH_DAY.match(cleaned)) and (month := _month(match[1].rstrip("."))):
        if match[3]:
            return _make(int(match[3]), month, int(match[2]))
        return _nearest(int(match[2]), month, today)
    return DateInput(None, "format")
