"""Dates in messages, said against the reader's today: "tomorrow", "in 5 days", "(passed)"."""

from __future__ import annotations

import datetime as dt

from bot.i18n import Translator
from knowledge.l10n import format_date
from knowledge.relative import relative


def when(t: Translator, target: dt.date, today: dt.date) -> str:
    """today / tomorrow / yesterday / in N days / N days ago."""
    rel, days = relative(target, today)
    if rel == "past":
        return t("when-yesterday") if days == 1 else t("when-ago", days=days)
    if rel == "future":
        return t("when-in", days=days)
    return t(f"when-{rel}")


def dated(t: Translator, day: dt.date, today: dt.date) -> str:
    """The date, marked "(passed)" when it is before today."""
    text = format_date(day, t.lang)
    return text + t("date-passed") if day < today else text
