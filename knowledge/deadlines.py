"""Date arithmetic for permits and obligations. Every result carries a trace a user can check.

Every period is counted by the one convention of ``knowledge.daycount`` (``derived``); each
trace ends with a line naming the rule it used, and where the reading is uncertain the result
carries the safe date and a note with the other reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from knowledge import daycount as dc
from knowledge.loader import load_knowledge
from knowledge.models import Status
from knowledge.workdays import WEEKEND, add_working_days, is_estimated, is_working_day

Arg = dt.date | int | str
DAY = dt.timedelta(days=1)


class InvalidTerm(ValueError):
    """A term the route does not allow (e.g. 24 months for category 2)."""


@dataclass(frozen=True)
class TraceStep:
    """One line of explanation: a Fluent key in ``rules.ftl`` and its arguments."""

    key: str
    args: dict[str, Arg] = field(default_factory=dict)


@dataclass(frozen=True)
class DateResult:
    kind: str
    dates: dict[str, dt.date]
    trace: tuple[TraceStep, ...]
    fact_ids: tuple[str, ...]
    notes: tuple[TraceStep, ...] = ()

    @property
    def status(self) -> Status:
        """The weakest status among the facts the result rests on (see ``render_status``)."""
        return load_knowledge().status(list(self.fact_ids))


@dataclass(frozen=True)
class RenewalCount:
    route: str
    used: int
    allowed: int | None  # None: not limited
    left: int | None
    trace: tuple[TraceStep, ...]
    fact_ids: tuple[str, ...]

    @property
    def status(self) -> Status:
        return load_knowledge().status(list(self.fact_ids))


anniversary = dc.matching_date  # kept for callers: the same date N months later

# The last line of every trace: which rule of ``knowledge.daycount`` counted it.
AFTER = TraceStep("trace-convention-after")
WORKING = TraceStep("trace-convention-working")
TERM = TraceStep("trace-convention-term")
BEFORE = TraceStep("trace-convention-before")


def earliest_filing(posted: dt.date) -> DateResult:
    """The safe first filing day after the vacancy test (a later day if the 15th is a day off)."""
    days = _int("vacancy.posting_period")
    first, last = posted + DAY, dc.days_after(posted, days)
    reading = dc.first_day_after(last)
    earliest = reading.safe
    args: dict[str, Arg] = {"posted": posted, "days": days, "first": first, "last": last}
    trace = [TraceStep("trace-vacancy", {**args, "earliest": earliest})]
    notes = []
    if reading.other is not None:
        moved = earliest - DAY
        trace.append(TraceStep("trace-vacancy-moved", {"last": last, "moved": moved}))
        notes.append(TraceStep("note-vacancy-earlier", {"day": reading.other}))
    notes.append(TraceStep("note-vacancy-inclusive", {"day": last}))
    dates = {"posted": posted, "window_start": first, "window_end": last, "earliest": earliest}
    if reading.other is not None:
        dates["may_be_accepted"] = reading.other
    return DateResult(
        kind="vacancy",
        dates=dates,
        trace=(*trace, AFTER),
        fact_ids=("vacancy.posting_period", "vacancy.publication_code", dc.CONVENTION),
        notes=tuple(notes),
    )


def permit_end(
    start: dt.date, route_id: str, months: int | None = None, days: int | None = None
) -> DateResult:
    """The last valid day of a permit from ``start`` for ``months`` (seasonal: ``days``)."""
    route = load_knowledge().route(route_id)
    if route.term_days:
        if days not in route.term_days:
            raise InvalidTerm(f"{route_id}: terms are {route.term_days} days")
        return seasonal_end(start, days)
    allowed = route.term_months or list(range(1, (route.max_term_months or 0) + 1))
    if months not in allowed:
        raise InvalidTerm(f"{route_id}: terms are {allowed} months")
    mark, end = dc.matching_date(start, months), dc.term_end_months(start, months)
    return DateResult(
        kind="permit_end",
        dates={"start": start, "end": end},
        trace=(
            TraceStep(
                "trace-permit-end", {"start": start, "months": months, "mark": mark, "end": end}
            ),
            TERM,
        ),
        fact_ids=(*route.fact_ids[:2], "permit.end_convention"),
    )


def seasonal_end(start: dt.date, days: int) -> DateResult:
    terms = load_knowledge().route("seasonal").term_days
    if days not in terms:
        raise InvalidTerm(f"seasonal: terms are {terms} days")
    end = dc.term_end_days(start, days)
    return DateResult(
        kind="permit_end",
        dates={"start": start, "end": end},
        trace=(TraceStep("trace-seasonal-end", {"start": start, "days": days, "end": end}), TERM),
        fact_ids=("route.seasonal.term", "permit.end_convention"),
    )


def renewal_window(end: dt.date, route_id: str) -> DateResult:
    """When to file a renewal for a permit whose last valid day is ``end``."""
    route = load_knowledge().route(route_id)
    prepare = dc.days_before(end, 75)
    if not route.renewable:
        return _no_renewal(route_id, end, prepare)
    earliest, latest = pair("renewal.window")
    dates = {
        "prepare": prepare,
        "opens": dc.days_before(end, earliest - 1),
        "recommended": dc.days_before(end, 45),
        "last_warning": dc.days_before(end, 35),
        "last_day": dc.days_before(end, latest),
        "end": end,
    }
    facts: tuple[str, ...] = (
        "renewal.window",
        "renewal.safe_window",
        "renewal.starts_at_expiry",
        "renewal.late",
    )
    if route_id == "ict":
        facts = ("renewal.ict_window", *facts)
    return DateResult(
        kind="renewal",
        dates=dates,
        trace=(
            TraceStep("trace-renewal", {**dates, "earliest": earliest, "latest": latest}),
            BEFORE,
        ),
        fact_ids=facts,
        notes=(TraceStep("note-renewal-borderline", {"day": dc.days_before(end, earliest)}),),
    )


def _no_renewal(route_id: str, end: dt.date, prepare: dt.date) -> DateResult:
    """A permit that cannot be renewed; category 4 carries the replacement duty instead."""
    route = load_knowledge().route(route_id)
    if route_id == "cat4":
        key, facts = "trace-no-renewal-cat4", (route.fact_ids[1], "cat4.replacement")
    else:
        key, facts = "trace-no-renewal", (route.fact_ids[1], "vacancy.posting_period")
    return DateResult(
        kind="no_renewal",
        dates={"prepare": prepare, "end": end},
        trace=(TraceStep(key, {"end": end, "prepare": prepare}), BEFORE),
        fact_ids=(*facts, "renewal.safe_window"),
    )


def renewals_left(route_id: str, used: int) -> RenewalCount:
    if used < 0:
        raise ValueError("renewals used cannot be negative")
    route = load_knowledge().route(route_id)
    allowed = route.max_renewals if route.renewable else 0
    left = None if allowed is None else max(0, allowed - used)
    key = "trace-renewals-unlimited" if allowed is None else "trace-renewals-left"
    args: dict[str, Arg] = {"used": used}
    if allowed is not None:
        args["allowed"] = allowed
    if left is not None:
        args["left"] = left
    return RenewalCount(
        route_id, used, allowed, left, (TraceStep(key, args),), tuple(route.fact_ids)
    )


def cat4_replacement(issued: dt.date) -> DateResult:
    """The replacement duty's term: done by 6 months at the earliest, 12 at the latest (safe)."""
    low, high = pair("cat4.replacement")
    early, late = dc.deadline_months(issued, low), dc.deadline_months(issued, high)
    args: dict[str, Arg] = {"issued": issued, "low": low, "high": high}
    notes = (TraceStep("note-cat4-other", {"day": late.other}),) if late.other else ()
    return DateResult(
        kind="cat4_replacement",
        dates={"issued": issued, "from": early.safe, "by": late.safe},
        trace=(TraceStep("trace-cat4", {**args, "from": early.safe, "by": late.safe}), AFTER),
        fact_ids=("cat4.replacement", "obligation.reporting", dc.CONVENTION),
        notes=notes,
    )


def ban_end(established: dt.date) -> DateResult:
    """A waiting period: the later reading of its end is the safe one."""
    months = _int("ban.twelve_months")
    reading = dc.wait_months(established, months)
    last, free = reading.safe, reading.safe + DAY
    notes: tuple[TraceStep, ...] = ()
    if reading.other is not None:
        notes = (TraceStep("note-ban-earlier", {"day": reading.other + DAY}),)
    return DateResult(
        kind="ban",
        dates={"established": established, "last_day": last, "free_from": free},
        trace=(
            TraceStep(
                "trace-ban",
                {"established": established, "months": months, "last": last, "free": free},
            ),
            AFTER,
        ),
        fact_ids=("ban.twelve_months", dc.CONVENTION),
        notes=notes,
    )


def _working_deadline(kind: str, event: dt.date, fact_id: str) -> DateResult:
    count = _int(fact_id)
    due, skipped = add_working_days(event, count)
    holidays = [day for day, reason in skipped if reason != WEEKEND]
    trace = [TraceStep("trace-working-days", {"event": event, "count": count, "due": due})]
    weekends = len(skipped) - len(holidays)
    if weekends:
        trace.append(TraceStep("trace-skipped-weekends", {"count": weekends}))
    trace += [TraceStep("trace-skipped-holiday", {"day": day}) for day in holidays]
    notes = tuple(
        TraceStep("note-estimated-holiday", {"day": day}) for day in holidays if is_estimated(day)
    )
    return DateResult(
        kind=kind,
        dates={"event": event, "due": due},
        trace=(*trace, WORKING),
        fact_ids=(fact_id, "daycount.working_days"),
        notes=notes,
    )


def esutd_registration(signed: dt.date) -> DateResult:
    return _working_deadline("esutd_registration", signed, "obligation.esutd.register")


def esutd_termination(ended: dt.date) -> DateResult:
    return _working_deadline("esutd_termination", ended, "obligation.esutd.terminate")


def arrival_notification(arrived: dt.date) -> DateResult:
    return _working_deadline("arrival_notification", arrived, "obligation.arrival_notice")


def fee_payment(notice: dt.date) -> DateResult:
    return _working_deadline("fee_payment", notice, "obligation.fee_payment")


def esutd_change(changed: dt.date) -> DateResult:
    """15 calendar days: due on the last day (safe); a move to the next working day, a note."""
    days = _int("obligation.esutd.change")
    last = dc.days_after(changed, days)
    reading = dc.deadline_on(last)
    trace = (TraceStep("trace-calendar-days", {"event": changed, "count": days, "last": last}),)
    notes: tuple[TraceStep, ...] = ()
    if reading.other is not None:
        notes = (TraceStep("note-deadline-moved", {"last": last, "due": reading.other}),)
    return DateResult(
        kind="esutd_change",
        dates={"event": changed, "due": reading.safe},
        trace=(*trace, AFTER),
        fact_ids=("obligation.esutd.change", dc.CONVENTION),
        notes=notes,
    )


def _int(fact_id: str) -> int:
    value = load_knowledge().fact(fact_id).value
    if not isinstance(value, int):
        raise ValueError(f"fact {fact_id} has no whole-number value")
    return value


def pair(fact_id: str) -> tuple[int, int]:
    """A fact whose value is two whole numbers (e.g. 70 and 90 percent)."""
    value = load_knowledge().fact(fact_id).value
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError(f"fact {fact_id} has no pair of values")
    return value[0], value[1]


__all__ = [
    "DateResult",
    "InvalidTerm",
    "RenewalCount",
    "TraceStep",
    "anniversary",
    "arrival_notification",
    "ban_end",
    "cat4_replacement",
    "earliest_filing",
    "esutd_change",
    "esutd_registration",
    "esutd_termination",
    "fee_payment",
    "is_working_day",
    "permit_end",
    "renewal_window",
    "renewals_left",
    "seasonal_end",
]
