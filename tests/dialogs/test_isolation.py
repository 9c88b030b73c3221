"""Forged callback data: another user's record ids, deleted ids and garbage change nothing."""

from __future__ import annotations

from bot.app import App
from bot.db import records
from bot.records import details, profile
from bot.reminders import repo
from handlers.status import ProfCb
from handlers.tracking import DetCb, RecCb
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog
from tests.support.teams import personal


async def track_permit(d: Dialog, name: str) -> int:
    await d.send("/deadlines")
    await d.click("Permit issued")
    await d.click("2")
    await d.click("12")
    await d.send("01.03.2026")
    await d.click("Track this")
    await d.send(name)
    await d.click("Save")
    return max(record.id for record in await records.for_user(d.app.db, d.user.id))


def forged(record_id: int) -> list[str]:
    return [
        RecCb(action="more", id=record_id).pack(),
        RecCb(action="rename", id=record_id).pack(),
        DetCb(field="renewals", id=record_id, value="3").pack(),
        DetCb(field="end_reset", id=record_id).pack(),
        DetCb(field="region", id=record_id).pack(),
        DetCb(field="ref", id=record_id).pack(),
        DetCb(field="end", id=record_id).pack(),
        DetCb(field="stage", id=record_id, value="closed").pack(),
        DetCb(field="back", id=record_id).pack(),
    ]


async def test_another_users_record_ids_are_not_found(dialog: DialogFactory, app: App) -> None:
    owner = dialog(user_id=91, lang="en")
    record_id = await track_permit(owner, "Secret Worker")
    planned = await repo.upcoming(app.db, 91)
    thief = dialog(user_id=92, lang="en")
    await thief.send("/start")
    for data in forged(record_id):
        query_id = await thief.click_data(data)
        assert (
            thief.callback_text(query_id) == "This record was not found (it may have been deleted)."
        ), data
        assert "Secret" not in " ".join(thief.replies())
    await thief.send("Astana")  # no edit state was opened for the thief
    assert await details.get(app.db, 91, record_id) == details.Details()
    assert await repo.upcoming(app.db, 91) == planned


async def test_deleted_and_garbage_ids(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=93, lang="ru")
    await d.send("/start")
    record_id = await records.add(
        app.db, 93, "permit", app.clock.today("Asia/Almaty"), app.clock.now(), "", "cat2", "m12"
    )
    await records.delete(app.db, 93, record_id)
    for data in [*forged(record_id), "recd:region:abc:", "recd:stage:-1:filed", "recd"]:
        query_id = await d.click_data(data)
        assert d.callback_text(query_id), f"{data} answered with a notice"
    assert await records.for_user(app.db, 93) == []


async def test_own_record_with_forged_values(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=94, lang="en")
    record_id = await track_permit(d, "Ali")
    for data in (
        DetCb(field="renewals", id=record_id, value="99").pack(),  # over the category's limit
        DetCb(field="renewals", id=record_id, value="x").pack(),
        DetCb(field="stage", id=record_id, value="filed").pack(),  # a permit has no stage
        f"recd:label:{record_id}:",  # a field that does not exist: fails to unpack
        f"rec:steal:{record_id}",  # an action that does not exist
    ):
        query_id = await d.click_data(data)
        assert "out of date" in (d.callback_text(query_id) or ""), data
    assert await details.get(app.db, 94, record_id) == details.Details()


async def test_profile_save_without_the_conversation_saves_nothing(
    dialog: DialogFactory, app: App
) -> None:
    d = dialog(user_id=95, lang="en")
    await d.send("/start")
    for action in ("save", "answer", "back", "cancel"):
        await d.click_data(ProfCb(action=action, value="1").pack())
    assert await profile.get(app.db, await personal(app.db, 95)) is None
