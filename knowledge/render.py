"""Rendering of results, statuses and sources in the user's language.

Traces and statuses are plain text (the bot escapes them); ``source_links`` is Telegram HTML.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from urllib.parse import urlparse

from knowledge.deadlines import DateResult, TraceStep
from knowledge.l10n import Lang, format_date, knowledge_catalog
from knowledge.loader import load_knowledge
from knowledge.models import Status
from knowledge.workdays import holiday_slug, localized_holiday


def render_step(step: TraceStep, lang: Lang) -> str:
    args: dict[str, object] = {}
    for name, value in step.args.items():
        args[name] = format_date(value, lang) if isinstance(value, dt.date) else value
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


def link(url: str) -> str:
    """A source as a short HTML link: its site's name, the full address behind it."""
    host = urlparse(url).netloc.removeprefix("www.")
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(host)}</a>'


OFFICIAL_TEXT = "rules.official_text"


def official_url(lang: Lang | None = None) -> str:
    """The Rules' official text on adilet.zan.kz: the Kazakh page for kk, else the Russian one."""
    urls = load_knowledge().fact(OFFICIAL_TEXT).sources
    return urls[1] if lang == "kk" and len(urls) > 1 else urls[0]


def source_links(
    fact_ids: Iterable[str], on: dt.date | None = None, lang: Lang | None = None
) -> str:
    """The facts' distinct sources as compact HTML links, comma-separated (phone-friendly).

    The official text always comes first: it is where a user checks any answer.
    """
    official = load_knowledge().fact(OFFICIAL_TEXT).sources
    rest = [url for url in sources(fact_ids, on) if url not in official]
    return ", ".join(link(url) for url in [official_url(lang), *rest])
