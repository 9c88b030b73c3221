"""The one answer to a question: the card's topic, or a refusal, for the handler and the evaluation.

Search finds the topic; later stages (out-of-scope model, situation) refine what is answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from knowledge import answers
from knowledge.consult import Outcome, consult
from knowledge.l10n import Lang
from knowledge.scope import out_of_scope


@dataclass(frozen=True)
class Reply:
    topic_id: str | None  # the card to show; None: refused
    others: tuple[str, ...] = ()  # the next closest topics
    scope: str | None = None  # refused as a neighbouring domain ("tax"...): scope-<domain>
    outcome: Outcome | None = None  # the answer for the situation the question states

    @property
    def situation(self) -> str | None:
        """The key of the situational answer, if the question stated a situation."""
        return self.outcome.key if self.outcome else None


def ask(question: str, lang: Lang, today: dt.date) -> Reply:
    """What to answer to ``question`` asked on ``today`` (the user's calendar date)."""
    if domain := out_of_scope(question):
        return Reply(None, scope=domain)
    hits = [hit.topic_id for hit in answers.search(question, lang, limit=3)]
    outcome = consult(question, hits[0] if hits else None, today)
    best = outcome.topic_id if outcome and outcome.topic_id else (hits[0] if hits else None)
    if best is None:
        return Reply(None)
    others = tuple(topic_id for topic_id in hits if topic_id != best)[:2]
    return Reply(best, others, outcome=outcome)
