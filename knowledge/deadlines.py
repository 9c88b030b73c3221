"""Date arithmetic for permits and obligations. Every result carries a trace a user can check.

Conventions (all ``derived``, shown to the user in the trace):
- a period in days starts the day after the event (Civil Code analogy, see ``daycount.civil_code``);
- working days follow the Kazakhstan calendar (``knowledge.workdays``);
- a permit's last valid day is the day before its anniversary; an anniversary that does not exist
  (29 February, 31st of a short month) rolls to the 1st of the next month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from knowledge.loader import load_knowledge
from knowledge.models import Status
from knowledge.workdays import (
    WEEKEND,
    add_working_days,
    is_estimated,
    is_working_day,
    next_working_day,
)

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


def anniversary(start: dt.date, months: int) -> dt.date:
    """The same calendar date ``months`` later; a date that does not exist rolls to the next 1st."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    try:
        return start.replace(year=year, month=month)
    except ValueError:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following


def earliest_filing(posted: dt.date) -> DateResult:
    days = _int("vacancy.posting_period")
    first, last = posted + DAY, posted + dt.timedelta(days=days)
    earliest = last + DAY
    return DateResult(
        kind="vacancy",
        dates={"posted": posted, "window_start": first, "window_end": last, "earliest": earliest},
        trace=(
            TraceStep(
                "trace-vacancy",
                {
                    "posted": posted,
                    "days": days,
                    "first": first,
                    "last": last,
                    "earliest": earliest,
                },
            ),
        ),
        fact_ids=("vacancy.posting_period", "vacancy.publication_code", "daycount.civil_code"),
        notes=(TraceStep("note-vacancy-inclusive", {"day": last}),),
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
    mark = anniversary(start, months)
    end = mark - DAY
    return DateResult(
        kind="permit_end",
        dates={"start": start, "end": end},
        trace=(
            TraceStep(
                "trace-permit-end", {"start": start, "months": months, "mark": mark, "end": end}
            ),
        ),
        fact_ids=(*route.fact_ids[:2], "permit.end_convention"),
    )


def seasonal_end(start: dt.date, days: int) -> DateResult:
    terms = load_knowledge().route("seasonal").term_days
    if days not in terms:
        raise InvalidTerm(f"seasonal: terms are {terms} days")
    end = start + dt.timedelta(days=days - 1)
    return DateResult(
        kind="permit_end",
        dates={"start": start, "end": end},
        trace=(TraceStep("trace-seasonal-end", {"start": start, "days": days, "end": end}),),
        fact_ids=("route.seasonal.term", "permit.end_convention"),
    )


def renewal_window(end: dt.date, route_id: str) -> DateResult:
    """When to file a renewal for a permit whose last valid day is ``end``."""
    route = load_knowledge().route(route_id)
    prepare = end - dt.timedelta(days=75)
    if not route.renewable:
        return DateResult(
            kind="no_renewal",
            dates={"prepare": prepare, "end": end},
            trace=(TraceStep("trace-no-renewal", {"end": end, "prepare": prepare}),),
            fact_ids=(route.fact_ids[1], "vacancy.posting_period", "renewal.safe_window"),
        )
    earliest, latest = pair("renewal.window")
    dates = {
        "prepare": prepare,
        "opens": end - dt.timedelta(days=earliest - 1),
        "recommended": end - dt.timedelta(days=45),
        "last_warning": end - dt.timedelta(days=35),
        "last_day": end - dt.timedelta(days=latest),
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
        trace=(TraceStep("trace-renewal", {**dates, "earliest": earliest, "latest": latest}),),
        fact_ids=facts,
        notes=(TraceStep("note-renewal-borderline", {"day": end - dt.timedelta(days=earliest)}),),
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
    low, high = pair("cat4.replacement")
    start, by = anniversary(issued, low), anniversary(issued, high) - DAY
    return DateResult(
        kind="cat4_replacement",
        dates={"issued": issued, "from": start, "by": by},
        trace=(TraceStep("trace-cat4", {"issued": issued, "from": start, "by": by}),),
        fact_ids=("cat4.replacement", "obligation.reporting", "permit.end_convention"),
    )


def ban_end(established: dt.date) -> DateResult:
    months = _int("ban.twelve_months")
    last = anniversary(established, months)
    return DateResult(
        kind="ban",
        dates={"established": established, "last_day": last, "free_from": last + DAY},
        trace=(
            TraceStep(
                "trace-ban",
                {"established": established, "months": months, "last": last, "free": last + DAY},
            ),
        ),
        fact_ids=("ban.twelve_months", "daycount.civil_code"),
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
        trace=tuple(trace),
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
    """15 calendar days; a last day that is not a working day moves to the next working day."""
    days = _int("obligation.esutd.change")
    last = changed + dt.timedelta(days=days)
    due = next_working_day(last)
    trace = [TraceStep("trace-calendar-days", {"event": changed, "count": days, "last": last})]
    if due != last:
        trace.append(TraceStep("trace-moved-to-working-day", {"last": last, "due": due}))
    return DateResult(
        kind="esutd_change",
        dates={"event": changed, "due": due},
        trace=tuple(trace),
        fact_ids=("obligation.esutd.change", "daycount.civil_code"),
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
