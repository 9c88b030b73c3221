"""What a question states about the user's situation: headcount, citizenship, category, dates.

Pure extraction over the question in ru/kk/en (any script: matched on the normalised text and on
its skeleton, see textnorm). knowledge/consult.py answers from the rules core with these values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.finder import hints, title_candidates
from knowledge.textnorm import normalize, skeleton
from knowledge.userdates import relative_dates

EAEU = frozenset({"ru", "by", "kg", "am"})
# Country code -> stems of its names and demonyms in ru, kk and en (skeletons: any script).
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "ru": ("росси", "ресей", "russia", "рф"),
    "by": ("белорус", "беларус", "belarus"),
    "kg": ("кыргыз", "киргиз", "қырғыз", "kyrgyz", "kirgiz"),
    "am": ("армени", "армян", "армян", "armenia"),
    "uz": ("узбек", "өзбек", "uzbek"),
    "tj": ("таджик", "тәжік", "tajik"),
    "tm": ("туркмен", "түрікмен", "turkmen"),
    "az": ("азербайдж", "әзірбайж", "azerbaij", "azeri"),
    "ge": ("грузи", "грузин", "georgia"),
    "ua": ("украин", "ukrain"),
    "md": ("молдав", "молдов", "moldov"),
    "cn": ("китай", "китаец", "қытай", "china", "chinese"),
    "tr": ("турци", "турок", "турецк", "түрік", "түркия", "turkey", "turkish", "turkiye"),
    "in": ("индия", "индии", "индиец", "индус", "үнді", "india", "indian"),
    "pk": ("пакистан", "pakistan"),
    "mn": ("монгол", "mongol"),
    "kr": ("коре", "korea"),
    "ir": ("иран", "iran"),
    "af": ("афган", "afghan"),
    "vn": ("вьетнам", "vietnam"),
    "ph": ("филиппин", "philippin", "filipino"),
    "us": ("сша", "американ", "америк", "ақш", "usa", "american"),
    "gb": ("британ", "ұлыбритан", "british", "britain"),
    "de": ("герман", "немец", "немц", "german"),
    "fr": ("франц", "france", "french"),
    "it": ("итали", "ital"),
}  # fmt: skip
_COUNTRY_WORDS = [
    (code, skeleton(stem), len(stem) <= 3) for code, stems in _COUNTRIES.items() for stem in stems
]
_HEADCOUNT = re.compile(
    r"(?<!category )(?<!cat )(?<!категории )(?<!санат )"
    r"(\d{1,5})\s*(?:-?ти\s+|-?х\s+|-)?(человек|чел\b|сотрудник|работник|штат|employee|staff|"
    r"people|person|worker|адам|қызметкер|кызметкер|жұмыскер|sotrudnik|chelovek|rabotnik)"
    r"|(?:штат\w*|headcount\w*|staff of|team is|team of|company of|firm of|llp of|нас|бізде|"
    r"бизде)\s*(?:is\s*|из\s*)?"
    r"(\d{1,5})"
    # the noun first ("тұрақты жұмыскерлер 19", "сотрудников: 25"), not a category or a span
    r"|(?:сотрудник|работник|жұмыскер|қызметкер|employees|staff)\w*\s*[:—-]?\s*(\d{1,5})\b"
    r"(?!\s*-?\w{0,3}\s*(?:категор|санат|cat|рет|раз|ай|жыл|мес|год|month|year|week|day|time|күн|дн|%))"
)
_ORDINALS = {
    "cat1": ("1|i", "перв|бірінші", "1|one|first"),
    "cat2": ("2|ii", "втор|екінші", "2|two|second"),
    "cat3": ("3|iii", "трет|үшінші", "3|three|third"),
    "cat4": ("4|iv", "четверт|төртінші", "4|four|fourth"),
}


def _category(digits: str, words: str, english: str) -> str:
    return (
        rf"\b({digits})\s*-?[а-я]{{0,3}}\s*(категор|санат|kategor|sanat)"
        rf"|({words})\w* (категор|санат)"
        rf"|(category|cat)\.?\s*({english})\b|({english}) category"
    )


_ROUTES = (
    ("seasonal", r"сезон|seasonal|seasonl|маусымды[кқ]|sezon"),
    (
        "ict",
        r"внутрикорпорат|intra.?(company|corporate)|корпоративішілік|ict\b|second(ed|ment)|"
        r"from (the |our )?(\w+ )?(hq|head office|parent)|из головн\w+ (офис|компан)|"
        r"материнск\w+ компан|бас компания\w*|бас кеңсе",
    ),
    *((route, _category(*ordinals)) for route, ordinals in _ORDINALS.items()),
)
_JOBS = (
    ("cat2", r"начальник (отдела|цеха|участка)|руководител\w* (отдела|подразделен)"),
    ("cat2", r"head of (department|division)|бөлім бастығы"),
    ("cat1", r"гендир|генеральн\w* директор|директор|\bceo\b|general director|басшы"),
    ("cat3", r"инженер|специалист|engineer|specialist|маман"),
    ("cat4", r"сварщик|svarshik|welder|дәнекерлеуші|рабоч\w+|skilled worker"),
)
_MONTHS = {
    1: ("январ", "january", "jan", "қаңтар"), 2: ("феврал", "february", "feb", "ақпан"),
    3: ("март", "march", "mar", "наурыз"), 4: ("апрел", "april", "apr", "сәуір"),
    5: ("ма[яй]", "may", "мамыр"), 6: ("июн", "june", "jun", "маусым"),
    7: ("июл", "july", "jul", "шілде"), 8: ("август", "august", "aug", "тамыз"),
    9: ("сентябр", "september", "sep", "қыркүйек"), 10: ("октябр", "october", "oct", "қазан"),
    11: ("ноябр", "november", "nov", "қараша"), 12: ("декабр", "december", "dec", "желтоқсан"),
}  # fmt: skip
_MONTH_RE = "|".join(f"(?P<m{n}>{'|'.join(names)})" for n, names in _MONTHS.items())
_DATE_WORDS = re.compile(
    rf"(?:(?P<y1>20\d\d)\s*(?:жылғы|ж\.?)?\s*)?\b(?P<d>[0-3]?\d)\s*(?:-?го\s*)?(?:{_MONTH_RE})\w*"
    rf"(?:\s*(?P<y2>20\d\d))?"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6,
}  # fmt: skip
_NUMBER = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"
_MONTHS_SPAN = re.compile(_NUMBER + r"\s*-?х?\s*(месяц|мес\b|months?\b|ай\b|айға|айда|айлық)")
_DAYS_SPAN = re.compile(_NUMBER + r"\s*(дней|дня|день|days?\b|күн)")
# Regions people name: the cities of republican significance and oblast centres (a few spellings).
_REGIONS = (
    "алматы", "almaty", "астан", "astana", "шымкент", "shymkent", "атырау", "atyrau", "актау",
    "ақтау", "aktau", "актобе", "ақтөбе", "aktobe", "караганд", "қарағанд", "karaganda", "костанай",
    "қостанай", "kostanay", "павлодар", "pavlodar", "семей", "semey", "оскемен", "өскемен",
    "усть-каменогорск", "oskemen", "уральск", "орал", "uralsk", "кызылорд", "қызылорд", "kyzylorda",
    "тараз", "taraz", "туркестан", "түркістан", "turkistan", "петропавл", "petropavl", "кокшетау",
    "көкшетау", "kokshetau", "талдыкорган", "талдықорған", "taldykorgan", "жезказган", "жезқазған",
    "мангистау", "маңғыстау", "mangystau",
)  # fmt: skip
_DATE_NUMERIC = re.compile(r"\b([0-3]?\d)\.([01]?\d)\.(20\d\d)\b|\b(20\d\d)-([01]\d)-([0-3]\d)\b")


@dataclass(frozen=True)
class Situation:
    headcount: int | None = None
    country: str | None = None  # ISO-like code, see _COUNTRIES
    route: str | None = None  # routes.toml id stated or implied by the job
    route_stated: bool = False  # the category or route was named, not inferred from a job
    dates: tuple[dt.date, ...] = ()
    months: int | None = None  # a span stated in months ("for four months")
    days: int | None = None  # a span stated in days
    regions: tuple[str, ...] = ()  # region names as typed (stems), in order

    @property
    def eaeu(self) -> bool | None:
        return None if self.country is None else self.country in EAEU


# Words that start like a country's stem and are not one: "индии" spells "indi", as does
# "individual"; "indus" starts "industry"; "коре" starts "коренной" (native).
_FALSE_FRIENDS = ("individ", "indust", "koren")


def _country(text: str) -> str | None:
    spelt = [
        word
        for word in (skeleton(word) for word in re.findall(r"[a-zа-яәғқңөұүһі]+", text))
        if not word.startswith(_FALSE_FRIENDS)
    ]
    for code, stem, exact in _COUNTRY_WORDS:
        if any(word == stem if exact else word.startswith(stem) for word in spelt):
            return code
    return None


# Headcounts spelt out ("twenty-one people", "девятнадцать человек", "жиырма адам"): 10 to 99
# only, so "one employee" or Russian "он" (he) is never taken for a number.
_UNITS = {
    w: n for words in (
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        ("один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
        ("бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"),
    ) for n, w in enumerate(words, start=1)
} | {"одна": 1, "две": 2}  # fmt: skip
_TENS = {
    w: 10 * n for words in (
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
        ("двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
         "девяносто"),
        ("жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"),
    ) for n, w in enumerate(words, start=2)
}  # fmt: skip
_TEENS = {
    w: n for words in (
        ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"),
        ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
         "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"),
    ) for n, w in enumerate(words, start=10)
}  # fmt: skip
_SPELT = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)}|он)(?:[- ](?P<unit>{'|'.join(_UNITS)}))?"
    rf"|(?P<teen>{'|'.join(_TEENS)}))(?![\w-])"
)


def _in_digits(match: re.Match[str]) -> str:
    if teen := match["teen"]:
        return str(_TEENS[teen])
    if match["tens"] == "он" and not match["unit"]:
        return match[0]  # Russian "он" (he), or a bare Kazakh "ten": left alone
    tens = 10 if match["tens"] == "он" else _TENS[match["tens"]]
    return str(tens + (_UNITS[match["unit"]] if match["unit"] else 0))


def _headcount(text: str) -> int | None:
    match = _HEADCOUNT.search(_SPELT.sub(_in_digits, text))
    if not match:
        return None
    return int(match.group(1) or match.group(3) or match.group(4))


@lru_cache(maxsize=1)
def _any_title_word() -> re.Pattern[str]:
    """A cheap gate before the finder's hints: does any hint's first stem start a word here?"""
    firsts = sorted({stems[0] for stems, _ in hints()}, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(" + "|".join(map(re.escape, firsts)) + ")")


def _route(text: str) -> tuple[str | None, bool]:
    for route, pattern in _ROUTES:
        if re.search(pattern, text):
            return route, True
    # A job title the category finder places in one category ("электрик", "accountant").
    if _any_title_word().search(text) and len(found := title_candidates(text)) == 1:
        return f"cat{next(iter(found))}", False
    for route, pattern in _JOBS:
        if re.search(pattern, text):
            return route, False
    return None, False


def _dates(text: str, today: dt.date) -> tuple[dt.date, ...]:
    found: list[dt.date] = []
    for match in _DATE_WORDS.finditer(text):
        month = next(n for n in _MONTHS if match.group(f"m{n}"))
        year = int(match.group("y1") or match.group("y2") or today.year)
        found += _valid(year, month, int(match.group("d")))
    for match in _DATE_NUMERIC.finditer(text):
        parts = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
        day, month, year = (int(part) for part in parts)
        found += _valid(year, month, day)
    return tuple(found + relative_dates(text, today))


_HALF_YEAR = re.compile(r"полгода|пол года|half a year|six months|жарты жыл")


def _span(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    if not match:
        return 6 if pattern is _MONTHS_SPAN and _HALF_YEAR.search(text) else None
    number = match.group(1)
    return int(number) if number.isdigit() else _NUMBER_WORDS[number]


def names_region(word: str) -> bool:
    """Whether ``word`` (lower case) is a region's or city's name in one of its spellings."""
    return word.startswith(_REGIONS)


def _regions(text: str) -> tuple[str, ...]:
    return tuple(region for region in _REGIONS if region in text)


def _valid(year: int, month: int, day: int) -> list[dt.date]:
    try:
        return [dt.date(year, month, day)]
    except ValueError:
        return []


@lru_cache(maxsize=2048)  # bounded: the keys are whatever users type
def extract(question: str, today: dt.date) -> Situation:
    """The situation ``question`` states; ``today`` supplies a date's missing year."""
    text = normalize(question)
    route, stated = _route(text)
    return Situation(
        _headcount(text),
        _country(text),
        route,
        stated,
        _dates(text, today),
        _span(_MONTHS_SPAN, text),
        _span(_DAYS_SPAN, text),
        _regions(text),
    )
