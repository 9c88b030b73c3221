"""The deadline calculator's decisions: which events it knows, the terms a permit of a route may
have, and which dates follow from an event (each a traced ``DateResult`` from ``deadlines``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum

from knowledge import deadlines as rules
from knowledge.deadlines import DateResult
from knowledge.loader import load_knowledge
from knowledge.userdates import DateInput, happened

ICT_TERMS = (12, 24, 36)  # ICT is "up to 36 months": offer whole years


class Event(StrEnum):
    """What happened, in the order the calculator offers it."""

    VACANCY = "vacancy"
    PERMIT = "permit"
    CONTRACT = "contract"
    ARRIVAL = "arrival"
    ENDED = "ended"
    FEE = "fee"
    VIOLATION = "violation"


EVENTS = tuple(e.value for e in Event)
# Events a date is typed for after they happened: a later date is asked about.
HAPPENED = frozenset({Event.VACANCY, Event.PERMIT})


def event_date(parsed: DateInput, today: dt.date, kind: str) -> DateInput:
    """A typed date of an event of ``kind`` — the calculator's, or a tracked record's (its kind
    is the event's name): one that has happened is asked about when after today, and without a
    year it is the last such day (``userdates.happened``); other events may be ahead."""
    return happened(parsed, today) if kind in HAPPENED else parsed


# An event with one date to count from (a permit needs its route and term as well).
SIMPLE: dict[str, Callable[[dt.date], DateResult]] = {
    Event.VACANCY: rules.earliest_filing,
    Event.CONTRACT: rules.esutd_registration,
    Event.ARRIVAL: rules.arrival_notification,
    Event.ENDED: rules.esutd_termination,
    Event.FEE: rules.fee_payment,
    Event.VIOLATION: rules.ban_end,
}


def route_terms(route_id: str) -> list[str]:
    """The terms a permit of the route can have, as "m12" (months) or "d90" (days)."""
    route = load_knowledge().route(route_id)
    if route.term_days:
        return [f"d{days}" for days in route.term_days]
    months = route.term_months or [m for m in ICT_TERMS if m <= (route.max_term_months or 0)]
    return [f"m{m}" for m in months]


def term_value(route_id: str, term: str) -> tuple[str, int] | None:
    """("months"|"days", n) for a term the route allows; None for anything else."""
    try:
        allowed = route_terms(route_id)
    except KeyError:
        return None
    if term not in allowed:
        return None
    return ("days" if term[0] == "d" else "months", int(term[1:]))


def valid(kind: str, route: str = "", term: str = "") -> bool:
    """Whether the calculator can count this event (a forged or stale button cannot)."""
    if kind == Event.PERMIT:
        return term_value(route, term) is not None
    return kind in SIMPLE


def compute(kind: str, day: dt.date, route: str = "", term: str = "") -> list[DateResult]:
    """The dates that follow from the event on ``day``."""
    if kind in SIMPLE:
        return [SIMPLE[kind](day)]
    unit, count = term_value(route, term) or ("", 0)
    if unit == "days":
        end = rules.permit_end(day, route, days=count)
    else:
        end = rules.permit_end(day, route, months=count)
    results = [end, rules.renewal_window(end.dates["end"], route)]
    if route == "cat4":
        results.append(rules.cat4_replacement(day))
    return results
