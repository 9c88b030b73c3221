"""Record repositories: every function acts only on the owner's rows; details re-plan reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from bot.db import Database, users, workspaces
from bot.db import records as records_repo
from bot.records import details, profile
from bot.records.planning import replan_record
from bot.reminders import repo
from tests.support.postgres_plugin import OpenDb

NOW = dt.datetime(2026, 11, 25, 4, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 25)
OWNER, OTHER = 1, 2
SMALL_FIRM = profile.CompanyProfile(
    headcount=20,
    small_business=False,
    branch=False,
    locals_12=7,
    foreign_12=3,
    locals_34=9,
    foreign_34=1,
)


@pytest.fixture
async def db(open_db: OpenDb) -> AsyncIterator[Database]:
    database = await open_db()  # SQLite, or PostgreSQL under TEST_DATABASE=postgres
    for user_id in (OWNER, OTHER):
        await users.seen(database, user_id, user_id, "en", "Asia/Almaty", NOW)
    yield database
    await database.close()


async def add_permit(db: Database, user_id: int, start: dt.date = dt.date(2026, 3, 1)) -> int:
    return await records_repo.add(db, user_id, "permit", start, NOW, "Ali", "cat2", "m12")


async def test_details_of_another_users_record_are_neither_read_nor_changed(db: Database) -> None:
    record_id = await add_permit(db, OWNER)
    await details.set_text(db, OWNER, record_id, "region", "Almaty")
    assert await details.get(db, OTHER, record_id) is None
    assert await details.for_user(db, OTHER) == {}
    assert not await details.set_text(db, OTHER, record_id, "ref", "stolen")
    assert not await details.set_renewals_used(db, OTHER, record_id, 3)
    assert not await details.set_end_date(db, OTHER, record_id, dt.date(2027, 1, 1))
    assert await details.get(db, OWNER, record_id) == details.Details(region="Almaty")


async def test_record_functions_are_scoped_by_owner(db: Database) -> None:
    record_id = await add_permit(db, OWNER)
    assert await records_repo.get(db, OTHER, record_id) is None
    assert await records_repo.for_user(db, OTHER) == []
    assert not await records_repo.update(db, OTHER, record_id, label="x")
    assert not await records_repo.set_status(db, OTHER, record_id, "done")
    assert not await records_repo.delete(db, OTHER, record_id)
    record = await records_repo.get(db, OWNER, record_id)
    assert record is not None and record.label == "Ali" and record.status == "open"


async def test_detail_values_are_checked(db: Database) -> None:
    record_id = await add_permit(db, OWNER)
    with pytest.raises(ValueError):
        await details.set_text(db, OWNER, record_id, "label; DROP TABLE records", "x")
    with pytest.raises(ValueError):
        await details.set_renewals_used(db, OWNER, record_id, -1)
    with pytest.raises(ValueError):
        await details.set_stage(db, OWNER, record_id, "lost")
    assert not await details.set_stage(db, OWNER, record_id, "filed"), "only vacancies"
    await details.set_text(db, OWNER, record_id, "ref", "N" * 100)
    stored = await details.get(db, OWNER, record_id)
    assert stored is not None and stored.ref == "N" * details.MAX_TEXT


async def test_exhausted_renewals_and_printed_end_replan(db: Database) -> None:
    record_id = await add_permit(db, OWNER)  # 01.03.2026 + 12 months: ends 28.02.2027
    user = await users.get(db, OWNER)
    record = await records_repo.get(db, OWNER, record_id)
    assert user is not None and record is not None
    await replan_record(db, user, record, NOW)
    before = {r.kind: r.due_date for r in await repo.upcoming(db, OWNER)}
    assert before["renewal_last_day"] == dt.date(2027, 1, 29)

    await details.set_renewals_used(db, OWNER, record_id, 3)
    await details.set_end_date(db, OWNER, record_id, dt.date(2027, 2, 20))
    await replan_record(db, user, record, NOW)
    after = {r.kind: r.due_date for r in await repo.upcoming(db, OWNER)}
    assert "renewal_last_day" not in after
    assert after["plan_replacement"] == dt.date(2026, 12, 7)  # 75 days before 20.02.2027
    assert after["permit_expired"] == dt.date(2027, 2, 21)


async def test_a_filed_vacancy_keeps_no_pending_reminders(db: Database) -> None:
    record_id = await records_repo.add(db, OWNER, "vacancy", TODAY, NOW, "Welder")
    user = await users.get(db, OWNER)
    record = await records_repo.get(db, OWNER, record_id)
    assert user is not None and record is not None
    assert await replan_record(db, user, record, NOW) == 2
    assert await details.set_stage(db, OWNER, record_id, "filed")
    assert await replan_record(db, user, record, NOW) == 0
    assert await repo.upcoming(db, OWNER) == []
    await details.set_stage(db, OWNER, record_id, "")  # reopened
    assert await replan_record(db, user, record, NOW) == 2


async def test_company_profile_is_per_workspace_and_feeds_the_ratio(db: Database) -> None:
    mine, theirs = [await workspaces.personal(db, user, NOW) for user in (OWNER, OTHER)]
    assert await profile.get(db, mine) is None
    assert await profile.ratio_for_workspace(db, mine, TODAY) is None
    await profile.save(db, mine, SMALL_FIRM, NOW)
    await profile.save(db, mine, SMALL_FIRM, NOW)  # saving again updates the one row
    assert await profile.get(db, mine) == SMALL_FIRM
    assert await profile.get(db, theirs) is None
    assert not await profile.delete(db, theirs)
    result = await profile.ratio_for_workspace(db, mine, TODAY)
    assert result is not None and result.ok  # 7 of 10 = 70 %, 9 of 10 = 90 %: both met
    assert [group.more_allowed for group in result.groups] == [0, 0]
    await profile.save(db, theirs, SMALL_FIRM, NOW)
    await users.delete(db, OWNER)  # the personal workspace and its profile go with the user
    assert await profile.get(db, mine) is None
    assert await profile.get(db, theirs) == SMALL_FIRM


def test_profile_counts_are_bounded() -> None:
    with pytest.raises(ValueError):
        profile.CompanyProfile(-1, False, False, 0, 0, 0, 0)
