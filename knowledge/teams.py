"""Who may do what in a workspace: the four roles and the rules between them (pure)."""

from __future__ import annotations

from enum import StrEnum


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
