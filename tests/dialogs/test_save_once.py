"""Save writes the record, its history line and its plan in one transaction (issue 16), and
plans a new record without reading or replacing what it cannot have yet."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import App
from bot.db import records
from bot.reminders import repo
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking import compute_permit


async def test_a_failed_plan_leaves_no_record(
    dialog: DialogFactory, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = dialog(user_id=161, lang="en")
    await compute_permit(d, "en")
    await d.click("Skip")

    async def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("the planner failed")

    monkeypatch.setattr(repo, "plan_for_record", broken)
    await d.click("Save")
    assert await records.for_user(app.db, 161) == [], "no record without its reminders"
    history = await app.db.fetchall("SELECT id FROM record_events")
    assert history == [], "nor its history line"


@pytest.mark.sqlite_only("SQLite gives a deleted row's id again; PostgreSQL's identity never does")
async def test_a_reused_record_id_is_planned_like_any_new_record(
    dialog: DialogFactory, app: App
) -> None:
    d = dialog(user_id=162, lang="en")
    await compute_permit(d, "en")
    await d.click("Skip")
    await d.click("Save")
    first = await repo.upcoming(app.db, 162)
    [record] = await records.for_user(app.db, 162)
    await d.click("Delete")
    await d.click("Yes, delete")
    await compute_permit(d, "en")
    await d.click("Skip")
    await d.click("Save")
    [again] = await records.for_user(app.db, 162)
    assert again.id == record.id, "SQLite gave the deleted record's id again (the case here)"
    planned = await repo.upcoming(app.db, 162)
    assert [(r.kind, r.due_date) for r in planned] == [(r.kind, r.due_date) for r in first]
    assert len(first) > 0
