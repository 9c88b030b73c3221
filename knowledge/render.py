"""Rendering of results, statuses and sources in the user's language.

Traces and statuses are plain text (the bot escapes them); ``source_links`` is Telegram HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlparse

from knowledge.deadlines import DateResult, TraceStep
from knowledge.l10n import Lang, format_date, knowledge_catalog
from knowledge.loader import DATA_DIR, load_knowledge
from knowledge.models import Status
from knowledge.workdays import holiday_slug, localized_holiday


def render_step(step: TraceStep, lang: Lang) -> str:
    args: dict[str, object] = {}
    for name, value in step.args.items():
        args[name] = format_date(value, lang) if isinstance(value, dt.date) else value
        if name == "percent" and lang != "en" and isinstance(value, str):
            args[name] = value.replace(".", ",")  # "66,6 %": the decimal comma of ru and kk
    if step.key in {"trace-skipped-holiday", "note-estimated-holiday"}:
        day = step.args["day"]
        assert isinstance(day, dt.date)
        args["name"] = holiday_label(day, lang)
    return knowledge_catalog().get(lang, step.key, args)


def holiday_label(day: dt.date, lang: Lang) -> str:
    catalog = knowledge_catalog()
    slug = holiday_slug(day)
    if slug and catalog.has(lang, f"holiday-{slug}"):
        return catalog.get(lang, f"holiday-{slug}")
    return localized_holiday(day, lang) or ""


def render_trace(steps: Iterable[TraceStep], lang: Lang) -> list[str]:
    return [render_step(step, lang) for step in steps]


def render_result(result: DateResult, lang: Lang) -> list[str]:
    """The trace, then the notes (what we could not promise)."""
    return render_trace(result.trace, lang) + render_trace(result.notes, lang)


def render_status(status: Status, lang: Lang) -> str:
    """One short line; for practice and derived facts, where to check."""
    return knowledge_catalog().get(lang, f"status-{status}")


def result_status(fact_ids: Iterable[str], on: dt.date | None = None) -> Status:
    return load_knowledge().status(list(fact_ids), on)


def sources(fact_ids: Iterable[str], on: dt.date | None = None) -> list[str]:
    """The distinct source URLs of the facts, in order."""
    kb = load_knowledge()
    seen: list[str] = []
    for fact_id in fact_ids:
        for url in kb.fact(fact_id, on).sources:
            if url not in seen:
                seen.append(url)
    return seen


@dataclass(frozen=True)
class SourceName:
    name: str  # English, and the key that keeps one link per publisher
    rank: int  # 0 official ... 4 a mirror or travel site (see data/sources.toml)
    names: tuple[tuple[str, str], ...] = ()  # (lang, name) where it is not the English one

    def label(self, lang: Lang) -> str:
        return dict(self.names).get(lang, self.name)


@cache
def _source_names() -> dict[str, SourceName]:
    raw = tomllib.loads((DATA_DIR / "sources.toml").read_text(encoding="utf-8"))
    return {
        item["host"]: SourceName(
            item["name"],
            int(item["rank"]),
            tuple((lang, item[f"name_{lang}"]) for lang in ("ru", "kk") if f"name_{lang}" in item),
        )
        for item in raw["source"]
    }


def _host(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.")


def source_name(url: str) -> SourceName:
    return _source_names().get(_host(url), SourceName(_host(url), 3))


def link(url: str, label: str | None = None, *, lang: Lang) -> str:
    """A source as an HTML link named for who published it (in ``lang`` where the name is not
    a brand), the full address behind it."""
    text = label or source_name(url).label(lang)
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


OFFICIAL_TEXT = "rules.official_text"
SHOWN_SOURCES = 3  # a phone: the official text and the two strongest others


def official_url(lang: Lang) -> str:
    """The Rules' official text on adilet.zan.kz: the Kazakh page for kk, else the Russian one."""
    urls = load_knowledge().fact(OFFICIAL_TEXT).sources
    return urls[1] if lang == "kk" and len(urls) > 1 else urls[0]


def ranked_sources(fact_ids: Iterable[str], on: dt.date | None = None) -> list[str]:
    """The facts' sources other than the official text, strongest first, one per publisher."""
    official = set(load_knowledge().fact(OFFICIAL_TEXT).sources)
    seen: dict[str, str] = {}
    for url in sources(fact_ids, on):
        name = source_name(url).name
        if url not in official and name not in seen:
            seen[name] = url
    return sorted(seen.values(), key=lambda url: source_name(url).rank)


def source_links(
    fact_ids: Iterable[str],
    on: dt.date | None,
    lang: Lang,
    limit: int = SHOWN_SOURCES,
) -> str:
    """At most ``limit`` named links, the official text first (where a user checks any answer),
    then the strongest other publishers, each once. ``lang`` is required: a default let the
    tracking confirmation name the Rules in English for every user."""
    label = knowledge_catalog().get(lang, "answers-official")
    official = link(official_url(lang), label, lang=lang)
    others = [link(url, lang=lang) for url in ranked_sources(fact_ids, on)[: max(0, limit - 1)]]
    return ", ".join([official, *others])


def hidden_sources(fact_ids: Iterable[str], on: dt.date | None = None) -> int:
    """How many publishers ``source_links`` leaves out (shown behind a "Sources" button)."""
    return max(0, len(ranked_sources(fact_ids, on)) - (SHOWN_SOURCES - 1))
