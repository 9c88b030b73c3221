"""A tracked record → the reminders it needs, each tied to the rule it comes from. Pure.

Records are plain values (kind, event date, route, term); the bot stores them and their reminders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from knowledge import deadlines as dl
from knowledge.loader import load_knowledge

DAY = dt.timedelta(days=1)
WEEK = dt.timedelta(days=7)
RECORD_KINDS = ("vacancy", "permit", "contract", "arrival", "ended", "fee", "violation")
# Working-day obligations: the event, its deadline function and the fact behind it.
OBLIGATIONS = {
    "contract": (dl.esutd_registration, "obligation.esutd.register"),
    "arrival": (dl.arrival_notification, "obligation.arrival_notice"),
    "ended": (dl.esutd_termination, "obligation.esutd.terminate"),
    "fee": (dl.fee_payment, "obligation.fee_payment"),
}


# Groups a user can turn off in /settings, by the prefix of the reminder kinds they cover.
GROUPS: dict[str, tuple[str, ...]] = {
    "renewal": ("renewal", "plan"),
    "permit": ("permit",),
    "vacancy": ("vacancy",),
    "obligations": ("contract", "arrival", "ended", "fee"),
    "cat4": ("cat4",),
    "ban": ("ban",),
}


@dataclass(frozen=True)
class Leads:
    """Lead times in days the user may change (defaults as the reference suggests)."""

    recommended: int = 45  # recommended renewal filing, before the end (inside the 59–30 window)
    expiry: int = 7  # "expires soon" warning


@dataclass(frozen=True)
class PermitFacts:
    """What the user may add to a permit: renewals already used, the end printed on it."""

    renewals_used: int = 0
    end: dt.date | None = None  # the last valid day as printed; None: computed from the term


def renewal_possible(route: str, used: int) -> bool:
    """Whether another renewal is allowed (category limits: the route's max_renewals)."""
    left = dl.renewals_left(route, used).left
    return left is None or left > 0


def group_of(kind: str) -> str:
    prefix = kind.split("_", 1)[0]
    return next(name for name, prefixes in GROUPS.items() if prefix in prefixes)


@dataclass(frozen=True)
class Planned:
    """A reminder: when it goes out (``due``) and the date it is about (``deadline``).

    The two differ for "tomorrow is the last day" (due the day before the deadline) and for the
    early warnings of a permit's end; the text is written against ``deadline`` on the day it is
    sent, so a reminder moved by quiet hours, a snooze or downtime still says what is true.
    """

    kind: str  # names the message: rem-<kind>
    due: dt.date
    fact_id: str
    repeat: bool = False  # overdue: repeated weekly until marked done
    deadline: dt.date | None = None  # None: the reminder is about its own day

    @property
    def subject(self) -> dt.date:
        return self.deadline or self.due


def parse_term(route: str, term: str) -> tuple[int | None, int | None]:
    """("m12" | "d90") → (months, days) as ``permit_end`` takes them."""
    if len(term) < 2 or term[0] not in "md" or not term[1:].isdigit():
        raise dl.InvalidTerm(f"bad term {term!r} for {route}")
    count = int(term[1:])
    return (count, None) if term[0] == "m" else (None, count)


def permit_end(start: dt.date, route: str, term: str) -> dt.date:
    months, days = parse_term(route, term)
    return dl.permit_end(start, route, months, days).dates["end"]


def plan(
    kind: str,
    event: dt.date,
    route: str = "",
    term: str = "",
    leads: Leads | None = None,
    muted: frozenset[str] = frozenset(),
    permit: PermitFacts | None = None,
) -> list[Planned]:
    """Every reminder of a record, in date order (past ones included; the caller filters).

    ``muted`` groups (see ``GROUPS``) are left out; ``leads`` moves the adjustable ones;
    ``permit`` carries what the user told about a permit beyond its start and term.
    """
    items = _plan(kind, event, route, term, leads or Leads(), permit or PermitFacts())
    return [item for item in items if group_of(item.kind) not in muted]


def _plan(
    kind: str, event: dt.date, route: str, term: str, leads: Leads, permit: PermitFacts
) -> list[Planned]:
    if kind == "vacancy":
        earliest = dl.earliest_filing(event).dates["earliest"]
        fact = "vacancy.posting_period"
        items = [
            Planned("vacancy_can_file", earliest, fact),
            Planned("vacancy_nudge", earliest + WEEK, fact, deadline=earliest),
        ]
    elif kind == "permit":
        items = _permit(event, route, term, leads, permit)
    elif kind in OBLIGATIONS:
        function, fact = OBLIGATIONS[kind]
        due = function(event).dates["due"]
        items = [
            Planned(f"{kind}_due_soon", due - DAY, fact, deadline=due),
            Planned(f"{kind}_due", due, fact, True),
        ]
    elif kind == "violation":
        free = dl.ban_end(event).dates["free_from"]
        items = [Planned("ban_over", free, "ban.twelve_months")]
    else:
        raise ValueError(f"unknown record kind {kind!r}")
    return sorted(items, key=lambda item: (item.due, item.kind))


def _permit(
    start: dt.date, route: str, term: str, leads: Leads, permit: PermitFacts
) -> list[Planned]:
    end = permit.end or permit_end(start, route, term)
    term_fact = load_knowledge().route(route).fact_ids[1]
    items = [
        Planned(
            "permit_expires_soon", end - dt.timedelta(days=leads.expiry), term_fact, deadline=end
        ),
        Planned("permit_expired", end + DAY, term_fact, repeat=True, deadline=end),
    ]
    window = dl.renewal_window(end, route)
    if window.kind == "renewal" and renewal_possible(route, permit.renewals_used):
        dates = window.dates
        items += [
            Planned("renewal_opens", dates["opens"], "renewal.window", deadline=dates["last_day"]),
            Planned(
                "renewal_recommended",
                _recommended(end, leads, dates),
                "renewal.starts_at_expiry",
                deadline=dates["last_day"],
            ),
            Planned("renewal_last_day", dates["last_day"], "renewal.window"),
        ]
    elif route == "cat4":
        # Not "plan a new permit": the replacement duty must be complete by the permit's end.
        items.append(
            Planned("cat4_permit_ends", window.dates["prepare"], "cat4.replacement", deadline=end)
        )
    else:
        items.append(Planned("plan_replacement", window.dates["prepare"], term_fact, deadline=end))
    if route == "cat4":
        replacement = dl.cat4_replacement(start).dates
        items += [
            Planned("cat4_replace_from", replacement["from"], "cat4.replacement"),
            Planned(
                "cat4_replace_by",
                replacement["by"] - 2 * WEEK,
                "cat4.replacement",
                deadline=replacement["by"],
            ),
        ]
    return items


def _recommended(end: dt.date, leads: Leads, window: dict[str, dt.date]) -> dt.date:
    """The user's lead, kept inside the safe window (opens … last day)."""
    day = end - dt.timedelta(days=leads.recommended)
    return min(max(day, window["opens"]), window["last_day"])


def upcoming(items: list[Planned], today: dt.date) -> list[Planned]:
    """The reminders a record tracked on ``today`` gets: those ahead, and what is still true now.

    A record can be tracked late (a contract signed last week, a permit whose renewal window has
    passed). Per group of reminders (``renewal``, ``contract`` ...): past ones are dropped, but
    the latest past one is moved to today when it repeats (an overdue duty) or when the group
    still has a reminder ahead (the window is open now), unless the group has one today already.
    A renewal window that closed while the permit is still valid gets ``renewal_closed`` today.
    """
    ahead = [item for item in items if item.due >= today]
    groups: dict[str, list[Planned]] = {}
    for item in sorted(items, key=lambda item: (item.due, item.kind)):
        groups.setdefault(item.kind.split("_", 1)[0], []).append(item)
    for group, members in groups.items():
        past = [item for item in members if item.due < today]
        if not past or any(item.due == today for item in members):
            continue
        latest = past[-1]
        if latest.repeat or len(past) < len(members):
            ahead.append(replace(latest, due=today, deadline=latest.subject))
        elif group == "renewal" and (closed := _renewal_closed(items, today)) is not None:
            ahead.append(closed)
    return sorted(ahead, key=lambda item: (item.due, item.kind))


def _renewal_closed(items: list[Planned], today: dt.date) -> Planned | None:
    """The renewal window has passed: say so while the permit is still valid."""
    end = next((item.subject for item in items if item.kind == "permit_expired"), None)
    if end is None or end < today:
        return None
    return Planned("renewal_closed", today, "renewal.late", deadline=end)
