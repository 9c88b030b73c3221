"""Answers to questions: topics built from facts, found by BM25 over stems with fuzzy matching.

A topic's answer is the text of its facts in force on the date asked about, so every answer carries
its sources, status, clause and "last verified" date. The index covers every language, so a question
in Russian finds its topic whatever the user's interface language; the card is in the user's.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator
from rapidfuzz import fuzz, process

from knowledge.l10n import LANGS, Lang, format_date, knowledge_catalog
from knowledge.loader import DATA_DIR, KnowledgeDataError, load_knowledge
from knowledge.models import LocalText
from knowledge.render import hidden_sources, render_status, source_links, sources
from knowledge.situation import names_region
from knowledge.textnorm import skeleton, terms, words

SHORT_LABEL = 26
GROUPS = ("routes", "before", "ratio", "renewal", "obligations", "fees", "other")
K1, B = 1.2, 0.5  # B: a topic with more example questions is not a "longer" document to punish
MIN_COVERAGE = 0.35  # share of the question's weight that must match, else "no answer"
UNKNOWN_NUMBER = 0.25
FUZZY_CUTOFF = 82  # rapidfuzz ratio for a misspelt word to count as a known one
WEIGHTS = {"title": 3, "questions": 2, "facts": 1}


class Questions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    ru: list[str] = Field(min_length=1)
    kk: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    group: str
    title: LocalText
    short: LocalText  # the button label: fits a phone's button (≤ 26 characters)
    fact_ids: list[str] = Field(min_length=1)
    # Facts one press away (the card's "More"), not on the card: context that would push the card
    # past a phone's screen. Searched like the card's own facts.
    detail_ids: list[str] = []
    related: list[str] = []
    questions: Questions

    @field_validator("short")
    @classmethod
    def _fits_a_button(cls, short: LocalText) -> LocalText:
        for text in (short.ru, short.kk, short.en):
            if len(text) > SHORT_LABEL:
                raise ValueError(f"short title over {SHORT_LABEL} characters: {text!r}")
        return short


@dataclass(frozen=True)
class Hit:
    topic_id: str
    score: float  # 0..1


@dataclass(frozen=True)
class _Index:
    docs: dict[str, Counter[str]]
    lengths: dict[str, int]
    average: float
    idf: dict[str, float]
    vocabulary: list[str]
    skeletons: dict[str, str]  # a stem's script-free spelling -> the stem


@cache
def topics(path: Path = DATA_DIR / "topics.toml") -> dict[str, Topic]:
    """All topics by id, validated against the knowledge base."""
    raw = tomllib.loads(path.read_text(encoding="utf-8")).get("topic", [])
    loaded: dict[str, Topic] = {}
    kb = load_knowledge()
    for index, entry in enumerate(raw):
        try:
            topic = Topic.model_validate(entry)
        except ValueError as exc:
            raise KnowledgeDataError(f"{path.name}: topic[{index}]: {exc}") from None
        missing = [f for f in (*topic.fact_ids, *topic.detail_ids) if not kb.has(f)]
        if missing or topic.group not in GROUPS or topic.id in loaded:
            raise KnowledgeDataError(
                f"{path.name}: topic {topic.id!r}: bad facts {missing} or group"
            )
        loaded[topic.id] = topic
    for topic in loaded.values():
        if unknown := [other for other in topic.related if other not in loaded]:
            raise KnowledgeDataError(f"{path.name}: topic {topic.id!r}: unknown related {unknown}")
    return loaded


def topic(topic_id: str) -> Topic:
    return topics()[topic_id]


def has_topic(topic_id: str) -> bool:
    return topic_id in topics()


def related(topic_id: str) -> list[str]:
    return list(topic(topic_id).related) if has_topic(topic_id) else []


def topic_menu(lang: Lang) -> dict[str, list[tuple[str, str]]]:
    """Topic ids and titles by group, in menu order."""
    menu: dict[str, list[tuple[str, str]]] = {group: [] for group in GROUPS}
    for item in topics().values():
        menu[item.group].append((item.id, item.short.get(lang)))
    return {group: items for group, items in menu.items() if items}


def _document(item: Topic) -> Counter[str]:
    kb = load_knowledge()
    counts: Counter[str] = Counter()
    for lang in LANGS:
        for term in terms(item.title.get(lang)):
            counts[term] += WEIGHTS["title"]
        for question in getattr(item.questions, lang):
            for term in terms(question):
                counts[term] += WEIGHTS["questions"]
        for fact_id in (*item.fact_ids, *item.detail_ids):
            for term in terms(kb.fact(fact_id).text.get(lang)):
                counts[term] += WEIGHTS["facts"]
    return counts


def _surface_words() -> set[tuple[str, str]]:
    """Every (word, stem) of the index's texts, each text once (facts recur across topics)."""
    kb = load_knowledge()
    texts: set[str] = set()
    for item in topics().values():
        for lang in LANGS:
            texts.update([item.title.get(lang), *getattr(item.questions, lang)])
            texts.update(kb.fact(fact_id).text.get(lang) for fact_id in item.fact_ids)
    return {pair for text in texts for pair in words(text)}


@cache
def _index() -> _Index:
    docs = {item.id: _document(item) for item in topics().values()}
    lengths = {topic_id: sum(doc.values()) for topic_id, doc in docs.items()}
    frequency: Counter[str] = Counter(term for doc in docs.values() for term in doc)
    total = len(docs)
    idf = {
        term: math.log((total - count + 0.5) / (count + 0.5) + 1)
        for term, count in frequency.items()
    }
    skeletons: dict[str, str] = {}
    for term in sorted(idf, key=lambda known: -idf[known]):  # rarer stems win a shared spelling
        skeletons.setdefault(skeleton(term), term)
    for word, term in sorted(
        _surface_words()
    ):  # whole words too: "stoit" is "стоит", stemmed "сто"
        skeletons.setdefault(skeleton(word), term)
    return _Index(docs, lengths, sum(lengths.values()) / total, idf, sorted(idf), skeletons)


def _resolve(word: str, term: str, index: _Index) -> tuple[str | None, float]:
    """The known term a query word stands for (its stem, or the closest if misspelt or typed in
    another script) and a weight."""
    if term in index.idf:
        return term, 1.0
    if term.isdigit():
        return None, 0.0
    if len(term) < 4:  # a short word only as itself in another script ("ret" is "рет")
        known = index.skeletons.get(skeleton(word)) if word.isascii() else None
        return (known, 0.9) if known else (None, 0.0)
    # Another script ("razreshenie", "руксат", "ruqsat"): the longest known stem it spells.
    spelt = skeleton(word)
    for size in range(len(spelt), 3, -1):  # four letters: a whole word, or a short stem's start
        if known := index.skeletons.get(spelt[:size]):
            return known, 0.9 if size > 4 or size == len(spelt) else 0.7
    # A misspelt inflection keeps its tail ("employmnt"): a known stem it starts with counts.
    for size in range(len(term) - 1, 3, -1):
        if term[:size] in index.idf:
            return term[:size], 0.9
    if len(term) < 5:  # short stems are too alike for fuzzy matching ("аста" ~ "баста")
        return None, 0.0
    match = process.extractOne(term, index.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return (match[0], 0.8) if match else (None, 0.0)


@lru_cache(maxsize=4096)  # bounded: the keys are whatever users type
def search_cached(question: str, limit: int) -> tuple[Hit, ...]:
    index = _index()
    # A word said twice ("a work permit to work in...") is not twice the evidence.
    query = tuple(dict.fromkeys(words(question)))
    if not query:
        return ()
    top_idf = max(index.idf.values())
    scores: dict[str, float] = defaultdict(float)
    weight_all = weight_matched = 0.0
    for word, raw in query:
        term, weight = _resolve(word, raw, index)
        idf = index.idf.get(term, top_idf) if term else top_idf
        # An unknown number (a year, a count) or a city's name ("квота в Алматы") says little
        # about the topic: it weighs a quarter.
        vague = term is None and (raw.isdigit() or names_region(word))
        weight_all += idf * UNKNOWN_NUMBER if vague else idf
        if term is None:
            continue
        weight_matched += idf * weight
        for topic_id, doc in index.docs.items():
            count = doc.get(term, 0)
            if count:
                norm = K1 * (1 - B + B * index.lengths[topic_id] / index.average)
                scores[topic_id] += weight * idf * count * (K1 + 1) / (count + norm)
    coverage = weight_matched / weight_all if weight_all else 0.0
    if coverage < MIN_COVERAGE or not scores:
        return ()
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best = ranked[0][1]
    return tuple(
        Hit(topic_id, round(coverage * score / best, 3)) for topic_id, score in ranked[:limit]
    )


def search(question: str, lang: Lang, limit: int = 3) -> list[Hit]:
    """The best topics for ``question`` (best first); empty when nothing matches well.

    ``lang`` is the user's language; the index covers all three, so it does not narrow the search.
    """
    del lang
    return list(search_cached(question.strip()[:500], limit))


@lru_cache(maxsize=1024)  # a pure function of (topic, language, day)
def card(topic_id: str, lang: Lang, on: dt.date | None = None, *, shared: bool = False) -> str:
    """The answer card as Telegram HTML, sized for a phone: title, the facts, one line saying
    whether part of it is unconfirmed, status, at most three named sources, the day checked.

    The caveats and every source sit behind buttons (``card_details``); a ``shared`` card (inline
    mode) has no buttons, so its line says where to check instead of naming one."""
    item, kb, catalog = topic(topic_id), load_knowledge(), knowledge_catalog()
    facts = [kb.fact(fact_id, on) for fact_id in item.fact_ids]
    lines = [f"<b>{html.escape(item.title.get(lang))}</b>", ""]
    lines += [f"• {html.escape(fact.text.get(lang))}" for fact in facts]
    status = kb.status(item.fact_ids, on)
    verified = max(fact.verified for fact in facts)
    clauses = [fact.clause for fact in facts if fact.clause]
    lines += ["", f"<i>{html.escape(render_status(status, lang))}</i>"]
    if has_caveats(topic_id, on):
        key = "answers-some-unconfirmed-shared" if shared else "answers-some-unconfirmed"
        lines.append(f"⚠️ <i>{html.escape(catalog.get(lang, key))}</i>")
    if clauses:
        lines.append(catalog.get(lang, "answers-clause", {"clauses": ", ".join(clauses)}))
    links = source_links(item.fact_ids, on, lang)
    lines.append(catalog.get(lang, "answers-sources") + " " + links)
    lines.append(catalog.get(lang, "answers-verified", {"date": format_date(verified, lang)}))
    return "\n".join(lines)


def has_caveats(topic_id: str, on: dt.date | None = None) -> bool:
    kb = load_knowledge()
    return any(kb.fact(fact_id, on).uncertain for fact_id in topic(topic_id).fact_ids)


def more_sources(topic_id: str, on: dt.date | None = None) -> int:
    """How many publishers the card leaves out."""
    return hidden_sources(topic(topic_id).fact_ids, on)


def has_more(topic_id: str) -> bool:
    """Whether the card keeps some of its facts behind its "More" button."""
    return bool(topic(topic_id).detail_ids)


def card_details(topic_id: str, lang: Lang, on: dt.date | None = None) -> str:
    """Behind the card's buttons: the facts kept off the card (with their status), what is not
    confirmed, and every source, named."""
    item, kb, catalog = topic(topic_id), load_knowledge(), knowledge_catalog()
    lines = [f"<b>{html.escape(item.short.get(lang))}</b>"]
    if item.detail_ids:
        lines += ["", *(f"• {html.escape(kb.fact(f, on).text.get(lang))}" for f in item.detail_ids)]
        status = render_status(kb.status(item.detail_ids, on), lang)
        lines.append(f"<i>{html.escape(status)}</i>")
    every = [*item.fact_ids, *item.detail_ids]
    caveats = [kb.fact(f, on).uncertain for f in every]
    texts = [caveat.get(lang) for caveat in caveats if caveat is not None]
    if texts:
        lines += ["", f"⚠️ <i>{html.escape(catalog.get(lang, 'answers-uncertain'))}</i>"]
        lines += [f"– {html.escape(text)}" for text in dict.fromkeys(texts)]
    everything = source_links(every, on, lang, limit=len(sources(every, on)) + 1)
    lines += ["", catalog.get(lang, "answers-sources") + " " + everything]
    return "\n".join(lines)


def snippet(topic_id: str, lang: Lang, length: int = 100) -> str:
    """A one-line preview for inline results."""
    text = load_knowledge().fact(topic(topic_id).fact_ids[0]).text.get(lang)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
