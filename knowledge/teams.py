"""Who may do what in a workspace: the four roles and the rules between them (pure)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from knowledge.workdays import is_working_day


class Role(StrEnum):
    OWNER = "owner"  # everything: transfer, delete the workspace
    ADMIN = "admin"  # members and all records
    MEMBER = "member"  # create and edit records
    VIEWER = "viewer"  # read only


_RANK = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}
INVITABLE = (Role.ADMIN, Role.MEMBER, Role.VIEWER)  # one owner; ownership is transferred


def allows(role: Role, need: Role) -> bool:
    """A role allows what a lower one may do."""
    return _RANK[role] >= _RANK[need]


def may_manage(actor: Role, target: Role) -> bool:
    """Admins manage members and viewers and each other; nobody but the owner touches the owner
    (the owner is never removed or demoted: ownership is transferred first)."""
    return allows(actor, Role.ADMIN) and target != Role.OWNER


def may_grant(actor: Role, role: Role) -> bool:
    """Admins manage members (issue 14): they invite or set admin, member or viewer; the owner
    role is never granted, only transferred."""
    return allows(actor, Role.ADMIN) and role in INVITABLE


# Escalation (issue 14): how many days before an obligation's deadline the workspace's admins are
# told when nobody marked it done or snoozed it. 0 turns it off; 3 is the default.
ESCALATE_DAYS = (3, 5, 7, 1, 0)
ESCALATE_DEFAULT = 3


def escalation_day(deadline: dt.date, lead: int) -> dt.date | None:
    """The day admins are told: ``lead`` calendar days before the deadline, moved back to the
    previous working day when that is a day off (so they still have working days to act);
    None when escalation is off."""
    if lead <= 0:
        return None
    day = deadline - dt.timedelta(days=lead)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def escalates_on(deadline: dt.date, lead: int, today: dt.date) -> bool:
    """Admins are told from the escalation day until the deadline itself, not after it (an
    obligation first seen inside the window escalates at once; a passed one is the group's)."""
    day = escalation_day(deadline, lead)
    return day is not None and day <= today <= deadline


GROUP_DAY, GROUP_OVERDUE = "group_day", "group_overdue"
OVERDUE_WINDOW = 7  # days after a deadline the group is still told once (a late link, downtime)


def group_stage(deadline: dt.date, today: dt.date) -> tuple[str, dt.date] | None:
    """The group's stage today and the day it belongs to: on the deadline, and once overdue
    (from the day after); None before the deadline or long after it."""
    if today == deadline:
        return GROUP_DAY, deadline
    if deadline < today <= deadline + dt.timedelta(days=OVERDUE_WINDOW):
        return GROUP_OVERDUE, deadline + dt.timedelta(days=1)
    return None
