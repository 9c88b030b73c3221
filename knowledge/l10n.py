"""Fluent catalogs for ru, kk and en: one localisation mechanism for the rules core and the bot.

Catalogs are plain ``.ftl`` files in ``<dir>/<lang>/*.ftl``. Dates are formatted here with Babel
(CLDR data) so that every layer writes "1 сентября 2025" / "2025 жылғы 1 қыркүйек" /
"1 September 2025" the same way. Kazakh catalogs put a date in the case its postposition governs
with ``{ CASE($date, "dat") } дейін`` (see ``kk_case``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from babel.dates import format_date as _babel_format_date
from fluent.runtime import FluentBundle, FluentResource

Lang = Literal["ru", "kk", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "en"
_BABEL_LOCALE: dict[Lang, str] = {"ru": "ru", "kk": "kk", "en": "en_GB"}
KNOWLEDGE_LOCALES = Path(__file__).parent / "locales"

log = logging.getLogger(__name__)


def normalize_lang(code: str | None) -> Lang:
    """Map a Telegram ``language_code`` (``ru``, ``kk-KZ``, ``de``...) to a supported language."""
    base = (code or "").split("-")[0].split("_")[0].lower()
    for lang in LANGS:
        if base == lang:
            return lang
    return DEFAULT_LANG


# Russian: "1 сентября 2025" (no "г." that would double a sentence's full stop). Kazakh: the
# official "2025 жылғы 1 қыркүйек" (year first, month name in the nominative); running text
# declines the month with CASE() in the kk catalogs.
_DATE_PATTERN: dict[Lang, str] = {"ru": "d MMMM y", "kk": "y 'жылғы' d MMMM", "en": "d MMMM y"}


@lru_cache(maxsize=4096)  # a pure function; Babel's formatting is the costly part of a trace
def format_date(day: dt.date, lang: Lang) -> str:
    """A calendar date: 1 сентября 2025 / 2025 жылғы 1 қыркүйек / 1 September 2025."""
    return str(_babel_format_date(day, _DATE_PATTERN[lang], locale=_BABEL_LOCALE[lang]))


def format_day_month(day: dt.date, lang: Lang) -> str:
    """A short date without the year, for ranges inside one year (``2 сент.`` / ``2 қыркүйек``)."""
    pattern = "d MMMM" if lang == "kk" else "d MMM"
    return str(_babel_format_date(day, pattern, locale=_BABEL_LOCALE[lang]))


# The Kazakh month names declined (suffixes follow vowel harmony and the final sound, so they are
# spelled out rather than derived): dative for "дейін", accusative for "қоса алғанда", locative for
# "on that day", ablative for "бастап" / "кейін".
KK_CASES = ("dat", "acc", "loc", "abl")
_KK_MONTHS: dict[str, tuple[str, str, str, str]] = {
    "қаңтар": ("қаңтарға", "қаңтарды", "қаңтарда", "қаңтардан"),
    "ақпан": ("ақпанға", "ақпанды", "ақпанда", "ақпаннан"),
    "наурыз": ("наурызға", "наурызды", "наурызда", "наурыздан"),
    "сәуір": ("сәуірге", "сәуірді", "сәуірде", "сәуірден"),
    "мамыр": ("мамырға", "мамырды", "мамырда", "мамырдан"),
    "маусым": ("маусымға", "маусымды", "маусымда", "маусымнан"),
    "шілде": ("шілдеге", "шілдені", "шілдеде", "шілдеден"),
    "тамыз": ("тамызға", "тамызды", "тамызда", "тамыздан"),
    "қыркүйек": ("қыркүйекке", "қыркүйекті", "қыркүйекте", "қыркүйектен"),
    "қазан": ("қазанға", "қазанды", "қазанда", "қазаннан"),
    "қараша": ("қарашаға", "қарашаны", "қарашада", "қарашадан"),
    "желтоқсан": ("желтоқсанға", "желтоқсанды", "желтоқсанда", "желтоқсаннан"),
}
_KK_MONTH_WORD = re.compile(r"(?<!\w)(" + "|".join(_KK_MONTHS) + r")(?!\w)")


def kk_case(text: object, case: object) -> object:
    """The last Kazakh month name in ``text`` declined: ("2025 жылғы 1 қыркүйек", "abl") →
    "2025 жылғы 1 қыркүйектен". Text without a month name (another language) stays as it is."""
    index = KK_CASES.index(str(case))  # a typo in a catalog raises (a Fluent error)
    if not isinstance(text, str):
        return text  # a missing argument (FluentNone) is reported by Fluent itself
    value = text
    matches = list(_KK_MONTH_WORD.finditer(value))
    if not matches:
        return value
    last = matches[-1]
    form = _KK_MONTHS[last.group(1)][index]
    return value[: last.start()] + form + value[last.end() :]


# Functions the catalogs may call; a Fluent function error is a formatting error (strict in tests).
_FUNCTIONS: dict[str, Callable[..., Any]] = {"CASE": kk_case}


class MissingMessage(KeyError):
    """A message key that a catalog lacks (raised only in strict mode, i.e. in tests)."""


class Catalog:
    """All messages of one or more catalog folders, per language.

    ``strict`` (set by the tests) turns a missing key or a formatting error into an exception,
    keys built at run time included; in production a missing key falls back to English.
    """

    strict = False

    def __init__(self, dirs: Iterable[Path]) -> None:
        self._bundles: dict[Lang, FluentBundle] = {}
        self._keys: dict[Lang, set[str]] = {}
        dirs = list(dirs)
        for lang in LANGS:
            bundle = FluentBundle(
                [_BABEL_LOCALE[lang].replace("_", "-")], functions=_FUNCTIONS, use_isolating=False
            )
            keys: set[str] = set()
            for folder in dirs:
                for path in sorted((folder / lang).glob("*.ftl")):
                    resource = FluentResource(path.read_text(encoding="utf-8"))
                    keys.update(entry.id.name for entry in resource.body if hasattr(entry, "id"))
                    bundle.add_resource(resource)
            self._bundles[lang] = bundle
            self._keys[lang] = keys

    def keys(self, lang: Lang) -> set[str]:
        return set(self._keys[lang])

    def has(self, lang: Lang, key: str) -> bool:
        return key in self._keys[lang]

    def get(self, lang: Lang, key: str, args: Mapping[str, object] | None = None) -> str:
        """The message ``key`` in ``lang``; a missing key falls back to English, then to the key."""
        if self.strict and not self._bundles[lang].has_message(key):
            raise MissingMessage(f"{lang}: no message {key!r}")
        for candidate in (lang, DEFAULT_LANG):
            bundle = self._bundles[candidate]
            if bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    continue
                text, errors = bundle.format_pattern(message.value, _fluent_args(args))
                if errors:
                    if self.strict:
                        raise MissingMessage(f"{candidate}/{key}: {errors}")
                    log.warning("fluent errors in %s/%s: %s", candidate, key, errors)
                return str(text)
        log.error("missing message %s", key)
        return key


def _fluent_args(args: Mapping[str, object] | None) -> dict[str, object]:
    """Fluent groups the digits of every number ("2,026", "2 026"); a year is a name, not an
    amount, so an integer passed as ``year`` (or ``…_year``) goes in as its plain digits."""
    return {
        name: str(value) if name.endswith("year") and isinstance(value, int) else value
        for name, value in (args or {}).items()
    }


@cache
def knowledge_catalog() -> Catalog:
    """Messages of the rules core (traces, verdicts, statuses)."""
    return Catalog([KNOWLEDGE_LOCALES])
