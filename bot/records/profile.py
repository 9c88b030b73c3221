"""The company profile (one per user), reused by the local-content ratio check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.clock import to_iso
from bot.db.connection import Database
from knowledge.ratio import RatioResult, check_ratio

MAX_COUNT = 1_000_000


@dataclass(frozen=True, slots=True)
class CompanyProfile:
    headcount: int
    small_business: bool
    branch: bool  # a branch or representative office of a foreign legal entity
    locals_12: int  # citizens of Kazakhstan in categories 1-2
    foreign_12: int
    locals_34: int
    foreign_34: int

    def __post_init__(self) -> None:
        counts = (self.headcount, self.locals_12, self.foreign_12, self.locals_34, self.foreign_34)
        if any(not 0 <= count <= MAX_COUNT for count in counts):
            raise ValueError("staff counts must be between 0 and 1,000,000")


async def get(db: Database, workspace_id: int) -> CompanyProfile | None:
    """A workspace's company profile (migration 0007 moved each user's into their personal one)."""
    row = await db.fetchone(
        "SELECT * FROM workspace_profiles WHERE workspace_id = ?", (workspace_id,)
    )
    if row is None:
        return None
    return CompanyProfile(
        headcount=row["headcount"],
        small_business=bool(row["small_business"]),
        branch=bool(row["branch"]),
        locals_12=row["locals_12"],
        foreign_12=row["foreign_12"],
        locals_34=row["locals_34"],
        foreign_34=row["foreign_34"],
    )


async def save(db: Database, workspace_id: int, profile: CompanyProfile, now: dt.datetime) -> None:
    await db.execute(
        "INSERT INTO workspace_profiles (workspace_id, headcount, small_business, branch, "
        "locals_12, foreign_12, locals_34, foreign_34, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (workspace_id) DO UPDATE SET headcount = excluded.headcount, "
        "small_business = excluded.small_business, branch = excluded.branch, "
        "locals_12 = excluded.locals_12, foreign_12 = excluded.foreign_12, "
        "locals_34 = excluded.locals_34, foreign_34 = excluded.foreign_34, "
        "updated_at = excluded.updated_at",
        (
            workspace_id,
            profile.headcount,
            int(profile.small_business),
            int(profile.branch),
            profile.locals_12,
            profile.foreign_12,
            profile.locals_34,
            profile.foreign_34,
            to_iso(now),
        ),
    )


async def delete(db: Database, workspace_id: int) -> bool:
    sql = "DELETE FROM workspace_profiles WHERE workspace_id = ?"
    return await db.execute(sql, (workspace_id,)) == 1


def ratio(profile: CompanyProfile, on: dt.date) -> RatioResult:
    """The ratio check on the stored counts (what the eligibility flow would otherwise ask)."""
    return check_ratio(
        on,
        profile.headcount,
        profile.small_business,
        profile.branch,
        profile.locals_12,
        profile.foreign_12,
        profile.locals_34,
        profile.foreign_34,
    )


async def ratio_for_workspace(db: Database, workspace_id: int, on: dt.date) -> RatioResult | None:
    """The getter for the eligibility flow: None when the workspace has no profile yet."""
    profile = await get(db, workspace_id)
    return None if profile is None else ratio(profile, on)
