"""Escalation to a company workspace's admins on a test-controlled clock (issue 14): the lead
before the deadline, moved back off a day off, at each admin's hour in their zone; once each,
restarts included; done or snoozed stops it."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import SendMessage

from bot.app import App
from bot.clock import FrozenClock
from bot.db import groups, records, users, workspaces
from bot.reminders import escalation, repo
from knowledge.teams import Role, escalation_day
from knowledge.timeline import Planned
from tests.bot.test_engine import FlakySession, make_app, sent

OWNER, RESPONSIBLE, ADMIN, VIEWER = 1, 2, 3, 4
DEADLINE = dt.date(2026, 12, 2)  # a Wednesday: 3 days before is a Sunday → Friday 27 November
FRIDAY_9_ALMATY = dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC)
FRIDAY_9_MOSCOW = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC)


def at(clock: FrozenClock, instant: dt.datetime) -> None:
    clock.set(instant)


async def company(app: App, lead: int = 3) -> int:
    now = app.clock.now()
    for user_id, zone in ((OWNER, "Asia/Almaty"), (RESPONSIBLE, "Asia/Almaty")):
        await users.seen(app.db, user_id, user_id, "en", zone, now)
    await users.seen(app.db, ADMIN, ADMIN, "ru", "Europe/Moscow", now)
    await users.seen(app.db, VIEWER, VIEWER, "kk", "Asia/Almaty", now)
    ws = await workspaces.create_company(app.db, OWNER, "Acme <LLP>", "", "Aigul", now)
    for user_id, role, name in (
        (RESPONSIBLE, Role.MEMBER, "Dana"),
        (ADMIN, Role.ADMIN, "Oleg"),
        (VIEWER, Role.VIEWER, "Erlan"),
    ):
        token = await workspaces.invite(app.db, ws, role, OWNER, now)
        await workspaces.redeem(app.db, token, user_id, name, now)
    await app.db.execute("UPDATE workspaces SET escalate_days = ? WHERE id = ?", (lead, ws))
    return ws


async def obligation(app: App, ws: int, deadline: dt.date = DEADLINE, by: int = RESPONSIBLE) -> int:
    user = await users.get(app.db, by)
    assert user is not None
    record = await records.add(
        app.db, by, "arrival", deadline, app.clock.now(), "Worker <b>Ali</b>", workspace_id=ws
    )
    items = [
        Planned("arrival_due_soon", deadline - dt.timedelta(days=1), "obligation.arrival_notice"),
        Planned("arrival_due", deadline, "obligation.arrival_notice", True),
    ]
    await repo.plan_for_record(app.db, user, record, items, app.clock.now())
    return record


async def escalated(app: App) -> int:
    row = await app.db.fetchone("SELECT COUNT(*) AS n FROM escalations")
    assert row is not None
    return int(row["n"])


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[tuple[App, FlakySession, FrozenClock, int]]:
    clock = FrozenClock(dt.datetime(2026, 11, 24, 4, 0, tzinfo=dt.UTC))
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    ws = await company(app)
    await obligation(app, ws)
    yield app, session, clock, ws
    await app.db.close()


def test_escalation_day_moves_back_off_a_day_off() -> None:
    assert escalation_day(DEADLINE, 3) == dt.date(2026, 11, 27)  # Sunday → Friday
    assert escalation_day(dt.date(2026, 11, 27), 3) == dt.date(2026, 11, 24)  # a Tuesday
    assert escalation_day(DEADLINE, 0) is None


async def test_admins_told_once_at_their_own_hour(
    setup: tuple[App, FlakySession, FrozenClock, int],
) -> None:
    app, session, clock, _ws = setup
    at(clock, FRIDAY_9_ALMATY - dt.timedelta(minutes=1))
    await app.engine.run_once()
    assert sent(session) == [], "not before 09:00 on the escalation day"
    at(clock, FRIDAY_9_ALMATY)
    await app.engine.run_once()
    assert sent(session) == [OWNER], "the owner at 09:00 Almaty; Moscow is still at 07:00"
    text = session.chat(OWNER)[0].text
    assert "Acme &lt;LLP&gt;" in text and "Worker &lt;b&gt;Ali&lt;/b&gt;" in text, "escaped"
    assert "Dana" in text
    assert "3 days" in text
    at(clock, FRIDAY_9_MOSCOW)
    await app.engine.run_once()
    assert sent(session) == [OWNER, ADMIN], "the admin at 09:00 Moscow, in Russian"
    assert "Ответственный: Dana" in session.chat(ADMIN)[0].text
    await app.engine.run_once()
    at(clock, FRIDAY_9_MOSCOW + dt.timedelta(days=1))
    await app.engine.run_once()
    assert sent(session) == [OWNER, ADMIN], "never twice; the viewer and the responsible never"


async def test_nothing_twice_after_a_restart(tmp_path: Path) -> None:
    clock = FrozenClock(FRIDAY_9_MOSCOW)
    first_session = FlakySession()
    first = await make_app(tmp_path, first_session, clock)
    ws = await company(first)
    await obligation(first, ws)
    await first.engine.run_once()
    assert sorted(sent(first_session)) == [OWNER, ADMIN]
    # A hard kill while the admin's escalation was in flight: it is sent again, once.
    await first.db.execute("UPDATE escalations SET status = 'sending' WHERE target = ?", (ADMIN,))
    await first.db.close()
    if first.db.engine == "postgres":  # replicas: a dead one's claim comes back when its lease ends
        clock.advance(dt.timedelta(seconds=escalation.LEASE + 1))
    second_session = FlakySession()
    second = await make_app(tmp_path, second_session, clock)
    await second.engine.start()
    await second.engine.run_once()
    await second.engine.run_once()
    assert sent(second_session) == [ADMIN], "only the one in flight repeats"
    await second.db.close()
    third_session = FlakySession()
    third = await make_app(tmp_path, third_session, clock)
    await third.engine.start()
    await third.engine.run_once()
    assert sent(third_session) == []
    await third.db.close()


async def test_done_or_snoozed_stops_the_ladder(
    setup: tuple[App, FlakySession, FrozenClock, int],
) -> None:
    app, session, clock, ws = setup
    done_record = await obligation(app, ws, dt.date(2026, 12, 3))
    rows = await repo.upcoming(app.db, RESPONSIBLE)
    snooze = next(r for r in rows if r.record_id != done_record and r.kind == "arrival_due_soon")
    assert await repo.snooze(app.db, RESPONSIBLE, snooze.id, FRIDAY_9_ALMATY)
    done = next(r for r in rows if r.record_id == done_record and r.kind == "arrival_due")
    assert await repo.mark_done(app.db, RESPONSIBLE, done.id)
    at(clock, FRIDAY_9_MOSCOW)
    await app.engine.run_once()
    assert [m for m in sent(session) if m != RESPONSIBLE] == []


async def test_done_after_planning_drops_the_escalation(
    setup: tuple[App, FlakySession, FrozenClock, int],
) -> None:
    app, session, clock, _ws = setup
    at(clock, FRIDAY_9_ALMATY)
    await app.engine.run_once()
    assert sent(session) == [OWNER]
    rows = await repo.upcoming(app.db, RESPONSIBLE)
    due = next(r for r in rows if r.kind == "arrival_due")
    assert await repo.mark_done(app.db, RESPONSIBLE, due.id)
    at(clock, FRIDAY_9_MOSCOW)
    await app.engine.run_once()
    assert sent(session) == [OWNER], "the admin is not told about a done obligation"


async def test_off_personal_and_passed_deadlines_do_not_escalate(tmp_path: Path) -> None:
    clock = FrozenClock(FRIDAY_9_MOSCOW)
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    ws = await company(app, lead=0)
    await obligation(app, ws)
    personal = await workspaces.personal(app.db, OWNER, clock.now())
    await obligation(app, personal, by=OWNER)
    await app.engine.run_once()
    assert await escalated(app) == 0, "off, and never in a personal workspace"
    await app.db.execute("UPDATE workspaces SET escalate_days = 3 WHERE id = ?", (ws,))
    at(clock, dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.UTC))  # the deadline has passed
    await app.engine.run_once()
    assert await escalated(app) == 0, "after the deadline it is the group's stage, not this one"
    await app.db.close()


async def test_first_seen_inside_the_window_escalates_at_once(tmp_path: Path) -> None:
    clock = FrozenClock(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC))  # Monday, 15:00 Almaty
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    ws = await company(app)
    await obligation(app, ws)  # escalation day (Friday) has passed, the deadline has not
    await app.engine.run_once()
    assert sorted(sent(session)) == [OWNER, ADMIN]
    await app.db.close()


async def test_a_removed_admin_is_not_told(
    setup: tuple[App, FlakySession, FrozenClock, int],
) -> None:
    app, session, clock, ws = setup
    at(clock, FRIDAY_9_ALMATY)
    await app.engine.run_once()
    assert await workspaces.remove(app.db, ws, ADMIN)
    at(clock, FRIDAY_9_MOSCOW)
    await app.engine.run_once()
    assert sent(session) == [OWNER]


GROUP = -100777


async def linked(app: App, ws: int) -> None:
    await groups.link(app.db, GROUP, ws, OWNER, "en", app.clock.now())


def group_texts(session: FlakySession) -> list[str]:
    return session.texts(GROUP)


async def test_group_on_the_day_then_once_overdue_and_never_twice_after_restarts(
    tmp_path: Path,
) -> None:
    clock = FrozenClock(dt.datetime(2026, 12, 2, 3, 59, tzinfo=dt.UTC))  # deadline, 08:59 Almaty
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    ws = await company(app)
    await obligation(app, ws)
    await linked(app, ws)
    await app.engine.run_once()
    assert group_texts(session) == [], "the group at the responsible member's 09:00"
    at(clock, dt.datetime(2026, 12, 2, 4, 0, tzinfo=dt.UTC))
    await app.engine.run_once()
    await app.engine.run_once()
    assert len(group_texts(session)) == 1 and "today" in group_texts(session)[0]
    await app.db.close()
    at(clock, dt.datetime(2026, 12, 3, 4, 0, tzinfo=dt.UTC))  # the day after, a new process
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    await app.engine.start()
    await app.engine.run_once()
    await app.engine.run_once()
    assert len(group_texts(session)) == 1 and "overdue" in group_texts(session)[0]
    await app.db.close()
    at(clock, dt.datetime(2026, 12, 9, 4, 0, tzinfo=dt.UTC))  # the weekly repeat: not the group's
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    await app.engine.start()
    await app.engine.run_once()
    assert group_texts(session) == [], "each stage once"
    await app.db.close()


async def test_group_not_told_when_done_or_unlinked(tmp_path: Path) -> None:
    clock = FrozenClock(dt.datetime(2026, 12, 2, 4, 0, tzinfo=dt.UTC))
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    ws = await company(app)
    done_record = await obligation(app, ws)
    await obligation(app, ws, DEADLINE)  # a second worker, same day: this one stays open
    await linked(app, ws)
    rows = await repo.upcoming(app.db, RESPONSIBLE)
    first = next(r for r in rows if r.record_id == done_record and r.kind == "arrival_due")
    assert await repo.mark_done(app.db, RESPONSIBLE, first.id)
    await app.engine.run_once()
    assert len(group_texts(session)) == 1, "only the open one"
    assert await groups.unlink(app.db, GROUP)
    at(clock, dt.datetime(2026, 12, 3, 4, 0, tzinfo=dt.UTC))
    await app.engine.run_once()
    assert len(group_texts(session)) == 1, "unlinked: nothing more"
    await app.db.close()


async def test_a_group_that_removed_the_bot_is_unlinked_and_no_user_is_paused(
    tmp_path: Path,
) -> None:
    clock = FrozenClock(dt.datetime(2026, 12, 2, 4, 0, tzinfo=dt.UTC))
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    ws = await company(app)
    await obligation(app, ws)
    await linked(app, ws)
    method = SendMessage(chat_id=GROUP, text="x")
    session.errors[GROUP] = [TelegramForbiddenError(method, "Forbidden: bot was kicked")]
    await app.engine.run_once()
    assert await groups.of_chat(app.db, GROUP) is None, "the link ends"
    owner = await users.get(app.db, OWNER)
    assert owner is not None and owner.is_active, "who linked it keeps their reminders"
    await app.db.close()
