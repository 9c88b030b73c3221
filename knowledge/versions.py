"""Rule versions: a content hash per fact, and the facts a record's plan rests on. Pure.

A record's plan remembers the version of each fact it was computed from; when a release changes
one of them (a new term, a new MCI, a corrected convention), the bot re-plans the record and tells
its user which dates moved (``bot.records.impact``).
"""

from __future__ import annotations

import hashlib
import json

from knowledge import daycount
from knowledge.rules import KnowledgeBase
from knowledge.timeline import Planned

ROUTE = "route:"  # a route's own data (terms, renewals) is versioned like a fact: "route:cat2"


def fact_version(kb: KnowledgeBase, fact_id: str) -> str:
    """A short hash of every version of the fact, its wording and status left out.

    Only what can move a date counts (value, dates in force, the fact's existence): a re-worded
    text or a re-checked day is not a "change of the rule" worth a message.
    """
    if fact_id.startswith(ROUTE):
        route = kb.route(fact_id.removeprefix(ROUTE))
        parts: object = route.model_dump(mode="json", exclude={"name", "explain"})
    else:
        parts = [
            {"value": f.value, "from": str(f.effective_from), "to": str(f.effective_to)}
            for f in kb.versions(fact_id)
        ]
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def plan_facts(kb: KnowledgeBase, items: list[Planned], route: str) -> list[str]:
    """The facts a plan was computed from: those its reminders cite, the route's, the convention."""
    ids = {item.fact_id for item in items} | {daycount.CONVENTION}
    if route:
        ids |= set(kb.route(route).fact_ids) | {ROUTE + route}
    return sorted(fact_id for fact_id in ids if known(kb, fact_id))


def known(kb: KnowledgeBase, fact_id: str) -> bool:
    if fact_id.startswith(ROUTE):
        return fact_id.removeprefix(ROUTE) in {route.id for route in kb.routes}
    return kb.has(fact_id)


_VERSIONS: dict[str, tuple[KnowledgeBase, str]] = {}  # fact id -> (the base, its version)


def versions(kb: KnowledgeBase, fact_ids: list[str]) -> dict[str, str]:
    """``fact_version`` of each known fact, remembered per base (a Save reads a dozen)."""
    found = {}
    for fact_id in fact_ids:
        kept = _VERSIONS.get(fact_id)
        if kept is not None and kept[0] is kb:
            found[fact_id] = kept[1]
        elif known(kb, fact_id):
            found[fact_id] = fact_version(kb, fact_id)
            _VERSIONS[fact_id] = (kb, found[fact_id])
    return found


def changed(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """The facts whose version differs (or that appeared or went)."""
    return sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))


# The dates a user keeps in mind, by the reminder that carries them: its own day (``due``) or the
# date it warns about (``subject``). Lead-time reminders ("tomorrow", "in a week") are left out:
# they move with these.
KEY_DATES = {
    "vacancy_can_file": "due",
    "permit_expired": "subject",
    "renewal_opens": "due",
    "renewal_last_day": "due",
    "cat4_replace_from": "due",
    "cat4_replace_by": "subject",
    "contract_due": "due",
    "arrival_due": "due",
    "ended_due": "due",
    "fee_due": "due",
    "ban_over": "due",
}


def key_dates(items: list[Planned]) -> dict[str, str]:
    """{reminder kind: ISO date} of the plan's key dates (see ``KEY_DATES``)."""
    found = {}
    for item in items:
        which = KEY_DATES.get(item.kind)
        if which is not None:
            found[item.kind] = (item.due if which == "due" else item.subject).isoformat()
    return found


def moved(old: dict[str, str], new: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    """(kind, old date, new date) of every key date that moved, appeared or went, plan order."""
    order = list(KEY_DATES)
    kinds = sorted(old.keys() | new.keys(), key=order.index)
    pairs = [(kind, old.get(kind), new.get(kind)) for kind in kinds]
    return [pair for pair in pairs if pair[1] != pair[2]]


def fingerprint(kb: KnowledgeBase) -> str:
    """One hash of every fact's and route's version: equal means no rule changed."""
    ids = kb.fact_ids + [ROUTE + route.id for route in kb.routes]
    blob = json.dumps(versions(kb, ids), sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
