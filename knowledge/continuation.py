"""Which flow continues a situation a question states, with the values it already gave.

"Signed the contract on 2 February" → the calculator's result for that event and date; "we are
14 people, Uzbek citizens, category 3" → the interview with those answers filled in. The values
come from ``situation.extract`` (what ``consult`` answered from), the flow from its outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from knowledge.calculator import Event
from knowledge.consult import Outcome
from knowledge.interview import Value
from knowledge.situation import extract

# The outcomes of a date whose event the calculator counts the same way.
_EVENTS = {
    "date-vacancy": Event.VACANCY,
    "date-fee": Event.FEE,
    "date-arrival": Event.ARRIVAL,
    "date-ban": Event.VIOLATION,
}


@dataclass(frozen=True)
class Continuation:
    flow: Literal["eligibility", "deadlines"]
    answers: dict[str, Value] = field(default_factory=dict)  # the interview's, by question id
    event: Event | None = None  # the calculator's event and its date, when both are known
    day: dt.date | None = None


def _event(outcome: Outcome) -> Event | None:
    if outcome.key == "date-esutd":
        ended = "obligation.esutd.terminate" in outcome.fact_ids
        return Event.ENDED if ended else Event.CONTRACT
    return _EVENTS.get(outcome.key)


def continuation(question: str, outcome: Outcome | None, today: dt.date) -> Continuation | None:
    """The flow that goes on from the situational answer, pre-filled; None for none (a business
    trip or a permit that cannot move to another employer has no flow)."""
    if outcome is None or outcome.key.startswith(("trip-", "permit-no-transfer")):
        return None
    situation = extract(question, today)
    if outcome.key.startswith("date-"):
        event = _event(outcome)
        day = situation.dates[0] if event is not None and situation.dates else None
        return Continuation("deadlines", event=event if day else None, day=day)
    answers: dict[str, Value] = {}
    if situation.eaeu is not None:
        answers["eaeu"] = "yes" if situation.eaeu else "no"
    if situation.route is not None and situation.route_stated:
        answers["route"] = situation.route
    if situation.headcount is not None:
        answers["headcount"] = situation.headcount
    return Continuation("eligibility", answers)
