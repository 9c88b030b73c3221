"""Turning questions into search terms: normalise, drop stop words, stem.

Russian and English use the Snowball stemmers (`snowballstemmer`). Snowball has no Kazakh, so
Kazakh words (recognised by their letters ә ғ қ ң ө ұ ү һ і; other Cyrillic words get the
shorter of the Russian stem and the Kazakh strip) lose their common case, plural, possessive and
derivational endings with a small suffix stripper. Typos are handled later by fuzzy matching.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-zа-яёәғқңөұүһі0-9]+")
_KAZAKH_LETTERS = set("әғқңөұүһі")
# Longest first; stripped repeatedly while the stem keeps at least four letters.
_KK_SUFFIXES = sorted(
    """
    лардың лердің дардың дердің тардың тердің ларға лерге дарға дерге тарға терге
    ларда лерде дарда дерде тарда терде лардан лерден дардан дерден тардан терден
    ларды лерді дарды дерді тарды терді ларын лерін дарын дерін тарын терін
    ның нің дың дің тың тің нан нен дан ден тан тен ға ге қа ке на не да де та те
    лар лер дар дер тар тер мен бен пен ны ні ды ді ты ті сы сі ын ін ғы гі қы кі
    ым ім ың ің ымыз іміз ған ген қан кен атын етін йтын йтін уға уге у ы і
    """.split(),
    key=len,
    reverse=True,
)
# Russian and English function words: their inflections ("какого", "нужна") are dropped by stem.
_INFLECTED_STOPWORDS = set(
    """
    a an the is are be do does can i we my our to of in on for and or with what when how
    which who why it this that there if me you your should must need much many whether
    also only not been has have was were will from by at as its their they them than then
    so any all such into about us like get got
    would could please hi hello just want wants did don't dont it's what's whats we're i'm
    и в во на с со к ко по о об от до за из у а но ли же или как что когда где какой какая
    какие каких сколько нужно надо можно ли мне нам мы я это этот для при чтобы бы есть
    ли ещё еще уже кто чем не ни его их она они так также только все всё был была были
    будет будут если может могут хочет хотим хотят нас наш наша наше наши вам вас вы ему ей
    себя очень просто вообще пожалуйста подскажите скажите здравствуйте который которая
    которые там тут здесь сейчас тогда потом через свой нибудь либо чего кого кому
    казахстан қазақстан kazakhstan kz
    """.split()
)  # the country itself: every question is about it, so it says nothing about the topic
# Kazakh ones are dropped as typed: a Kazakh word's stem may be a content word's ("алу", "алым").
STOPWORDS = _INFLECTED_STOPWORDS | set(
    """
    және мен бен пен да де та те ма ме ба бе па пе ба ма не қалай қашан қандай неше
    бұл осы ол біз мен керек бола ма ғой ше алу үшін ушин қажет
    бар бізге біздің сіз сізге сіздің туралы енді ғана екен болады болса
    """.split()
)


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


_HYPHEN_SUFFIX = re.compile(r"(\w)-[а-яәғқңөұүһі]{1,5}\b")
# Abbreviations HR people type for the words the index knows.
_ABBREVIATIONS = {
    r"рнр|рв": "разрешение на работу", r"rnr": "razreshenie na rabotu", r"кат": "категория",
    r"рабсил\w*": "рабочая сила", r"wp": "work permit", r"lmt": "labour market test",
    r"labor": "labour",
}  # fmt: skip
_ABBREVIATION = re.compile(r"\b(" + "|".join(f"({key})" for key in _ABBREVIATIONS) + r")\b")
_EXPANSIONS = tuple(_ABBREVIATIONS.values())


# Greetings and courtesies carry no topic ("Добрый день!" is not about days).
_COURTESY = re.compile(
    r"\b(добр\w+ (день|утро|вечер)|здравствуйте|привет|подскажите|пожалуйста|спасибо|"
    r"сәлеметсіз бе|сәлем|рахмет|good (morning|afternoon|evening)|hello|thanks?( you)?|"
    r"dobryi den|zdravstvuite|salem)\b"
)


def normalize(text: str) -> str:
    """Lower case, ё as е, Kazakh endings written after a hyphen dropped ("ЖСН-ді"),
    abbreviations spelt out ("РНР"), greetings dropped."""
    text = _HYPHEN_SUFFIX.sub(r"\1", text.lower().replace("ё", "е"))
    text = _COURTESY.sub(" ", text)
    return _ABBREVIATION.sub(_spelt_out, text)


def _spelt_out(match: re.Match[str]) -> str:
    """The expansion of the abbreviation's group that matched (group 1 is the whole word)."""
    return _EXPANSIONS[next(i for i, g in enumerate(match.groups()[1:]) if g is not None)]


def kazakh_strip(word: str) -> str:
    changed = True
    while changed:
        changed = False
        for suffix in _KK_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                changed = True
                break
    return word


def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 2:
        return word
    if word.isascii():
        return str(_stemmer("english").stemWord(word))
    if _KAZAKH_LETTERS & set(word):
        return kazakh_strip(word)
    # No Kazakh letters: Russian or Kazakh. Query and index are stemmed the same way, so the
    # shorter of the two stems is a consistent choice that serves both languages.
    # The Kazakh strip must leave five letters here, so short Russian words keep their stem.
    russian = str(_stemmer("russian").stemWord(word))
    kazakh = kazakh_strip(word)
    return kazakh if len(kazakh) < len(russian) and len(kazakh) >= 5 else russian


@cache
def _stop_stems() -> frozenset[str]:
    """Stop words' stems, so their inflections ("какого", "нужна") are dropped too."""
    stems = {stem(word) for word in _INFLECTED_STOPWORDS}
    return frozenset(stem for stem in stems if len(stem) >= 3)  # "он", "ко": too many share it


def _informative(word: str) -> bool:
    return (
        word not in STOPWORDS
        and (len(word) > 1 or word.isdigit())
        and (word.isdigit() or stem(word) not in _stop_stems())
    )


@lru_cache(maxsize=4096)  # bounded: the keys are whatever users type
def terms(text: str) -> tuple[str, ...]:
    """The stems of the informative words of ``text``."""
    return tuple(stem(word) for word in _WORD.findall(normalize(text)) if _informative(word))


# Any script to one Latin skeleton, so "razreshenie", "руксат" (Kazakh without its letters) and
# "ruqsat" meet the words of the index: Kazakh letters fold to their Russian look-alikes, Cyrillic
# is romanised, and the spellings people use for one sound (q/k, zh/j, y/i, doubled letters) merge.
_KK_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
_ROMAN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufie", strict=True)),
        "ж": "j", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sh", "ю": "iu", "я": "ia",
        "ъ": "", "ь": "", "ё": "e",
    }
)  # fmt: skip
_LATIN_SPELLINGS = (
    ("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("q", "k"), ("x", "h"),
    ("y", "i"), ("w", "u"), ("ä", "a"), ("ö", "o"), ("ü", "u"), ("ı", "i"), ("ğ", "g"),
    ("ñ", "n"), ("ş", "sh"), ("ç", "ch"), ("ya", "ia"), ("yu", "iu"), ("'", ""),
)  # fmt: skip
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=8192)
def skeleton(word: str) -> str:
    """A script-free spelling of ``word`` ("разрешение", "razreshenie" -> "razreshenie")."""
    text = word.lower().translate(_KK_FOLD).translate(_ROMAN)
    for spelling, canonical in _LATIN_SPELLINGS:
        text = text.replace(spelling, canonical)
    return _DOUBLE.sub(r"\1", text)


_ANY_WORD = re.compile(r"[a-zа-яёәғқңөұүһіäöüığñşç']+|[0-9]+")
_STOP_SKELETONS = {skeleton(word) for word in STOPWORDS if not word.isascii()}


@lru_cache(maxsize=4096)  # bounded: the keys are whatever users type
def words(text: str) -> tuple[tuple[str, str], ...]:
    """The informative words of ``text`` as (word, stem) pairs, stop words of any script dropped."""
    found = _ANY_WORD.findall(normalize(text))
    return tuple(
        (word, stem(word))
        for word in found
        if _informative(word)
        and not (_KAZAKH_LETTERS.isdisjoint(word) and skeleton(word) in _STOP_SKELETONS)
    )


_NOT_WORD = re.compile(r"[^\w]+")


def _label_key(text: str) -> str:
    """A label or a typed answer without emoji, punctuation, case or spacing differences."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold().replace("ё", "е")).split())


def pick_label(text: str, labels: Mapping[str, str]) -> str | None:
    """The value whose button label the user typed instead of pressing it: the same words
    ("Permit expiry" for "📄 Permit expiry"), else the one label that starts with what was typed
    (at least three letters). None when nothing or more than one label fits."""
    typed = _label_key(text)
    keys = {value: _label_key(label) for value, label in labels.items()}
    exact = [value for value, key in keys.items() if key and key == typed]
    if exact:
        return exact[0] if len(exact) == 1 else None
    if len(typed) < 3:
        return None
    starting = [value for value, key in keys.items() if key.startswith(typed)]
    return starting[0] if len(starting) == 1 else None
