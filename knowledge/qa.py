"""The one answer to a question: the card's topic, or a refusal, for the handler and the evaluation.

Search finds the topic; later stages (out-of-scope model, situation) refine what is answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from knowledge import answers
from knowledge.l10n import Lang


@dataclass(frozen=True)
class Reply:
    topic_id: str | None  # the card to show; None: refused
    others: tuple[str, ...] = ()  # the next closest topics

    @property
    def situation(self) -> str | None:
        """The key of the situational answer, if the question stated a situation."""
        return None


def ask(question: str, lang: Lang, today: dt.date) -> Reply:
    """What to answer to ``question`` asked on ``today`` (the user's calendar date)."""
    del today
    hits = answers.search(question, lang, limit=3)
    if not hits:
        return Reply(None)
    return Reply(hits[0].topic_id, tuple(hit.topic_id for hit in hits[1:]))
