"""Settings typed instead of pressed: a reminder hour ("10", "10:00", "8 утра", "8 pm",
"таңғы 8"), quiet hours ("22-8", "с 22 до 8", "off") and a time zone (an IANA name such as
"Asia/Almaty" in any case, a city as Babel's CLDR data names it in ru, kk or en, or an offset:
"UTC+6", "GMT+5", "+5"). Each parser gives None for text it cannot read.
"""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import available_timezones

from babel import Locale

_GLUED = re.compile(r"(\d)\s*(am|pm|a\.m\.|p\.m\.)$")  # "8pm"
_HOUR = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")
# Words around an hour: "в 8", "at 8", "сағат 8", "8 ч", "8 часов", "8 o'clock"; the part of
# the day turns 8 into 20 ("8 вечера", "8 pm", "кешкі 8").
_FILLER = frozenset(
    {"в", "at", "on", "сағат", "сағ", "сагат", "ч", "час", "часа", "часов", "o'clock", "h"}
    | {"утра", "утром", "утро", "am", "a.m.", "таңғы", "таңертең", "тангы", "ночи"}
)
_EVENING = frozenset({"вечера", "вечером", "pm", "p.m.", "кешкі", "кешки", "кеш"})
_AFTERNOON = frozenset({"дня", "днем", "түскі", "туски"})  # "3 часа дня": 15, "12 дня": 12
_OFF = frozenset(
    {"off", "none", "no", "нет", "без", "выкл", "выключить", "не нужно", "жоқ", "жок", "өшіру"}
)
_QUIET = re.compile(r"^(?:с|from|сағат)?\s*(.+?)\s*(?:-|–|—|до|to|till|until|дейін|дейин)\s*(.+)$")
_OFFSET = re.compile(r"^(?:utc|gmt|мск|msk)?\s*([+\-−])\s*(\d{1,2})(?::?00)?$")
# Cities people name that are not a zone's own city (Astana keeps Almaty's clock).
_CITIES = {"астана": "Asia/Almaty", "astana": "Asia/Almaty", "нур-султан": "Asia/Almaty"}


def parse_hour(text: str) -> int | None:
    """A whole hour 0–23, or None (minutes other than :00 are refused, not rounded)."""
    cleaned = _GLUED.sub(r"\1 \2", text.strip().lower().replace("ё", "е"))
    words = cleaned.split()
    evening = any(word in _EVENING for word in words)
    afternoon = any(word in _AFTERNOON for word in words)
    rest = [word for word in words if word not in _FILLER | _EVENING | _AFTERNOON]
    if len(rest) != 1 or not (match := _HOUR.match(rest[0].rstrip("hч"))):
        return None
    hour = int(match[1])
    if match[2] not in (None, "00") or hour > 23:
        return None
    if (evening and 1 <= hour <= 11) or (afternoon and 1 <= hour <= 6):
        hour += 12
    return hour


def parse_quiet(text: str) -> tuple[int, int] | None:
    """Quiet hours as (start, end) local hours; (0, 0) for none."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _OFF:
        return (0, 0)
    if not (match := _QUIET.match(cleaned)):
        return None
    start, end = parse_hour(match[1]), parse_hour(match[2])
    if start is None or end is None or start == end:
        return None
    return (start, end)


@cache
def _zone_names() -> dict[str, str]:
    names = {zone.lower(): zone for zone in available_timezones()}
    for locale in ("ru", "kk", "en"):
        for zone, data in sorted(Locale.parse(locale).time_zones.items()):
            city = dict(data).get("city")
            if isinstance(city, str) and zone in available_timezones():
                names.setdefault(city.lower(), zone)
    # English cities ("Almaty", "New York"): CLDR's own zone ids first (Europe/Istanbul, not its
    # alias Asia/Istanbul), then the rest, each in a fixed order.
    canonical = sorted(set(Locale.parse("ru").time_zones) & available_timezones())
    for zone in [*canonical, *sorted(available_timezones() - set(canonical))]:
        city = zone.rsplit("/", 1)[-1].replace("_", " ").lower()
        names.setdefault(city, zone)
    return names | _CITIES


def parse_zone(text: str) -> str | None:
    """An IANA zone name for a typed zone, city or UTC offset."""
    cleaned = " ".join(text.strip().lower().replace("ё", "е").split())
    if cleaned in ("utc", "gmt", "utc+0", "gmt+0", "+0", "0"):
        return "UTC"
    if match := _OFFSET.match(cleaned):
        sign, hours = match[1], int(match[2])
        if hours > 14:
            return None
        if hours == 0:
            return "UTC"
        # The POSIX names are inverted: UTC+5 is Etc/GMT-5.
        return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
    return _zone_names().get(cleaned) or _zone_names().get(cleaned.replace(" ", "_"))


def zone_label(zone: str) -> str:
    """How a zone is shown: "UTC+5" for the inverted "Etc/GMT-5", other names as they are."""
    if match := re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", zone):
        return f"UTC{'-' if match[1] == '+' else '+'}{match[2]}"
    return zone
