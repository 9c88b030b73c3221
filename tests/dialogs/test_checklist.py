"""A tracked permit carries its checklist: documents ticked off on the record, progress shown."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.db import records
from handlers.checklist_cb import ChkAction, ChkCb
from handlers.tracking import RecCb
from knowledge import checklists as kc
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking import SAVE, compute_permit
from tests.support.dialog import Dialog

DOCS = {"ru": "Документы", "kk": "Құжаттар", "en": "Documents"}
DETAILS = {"ru": "Подробности", "kk": "Толығырақ", "en": "Details"}
PROGRESS = {
    "ru": "Собрано {done} из {total}",
    "kk": "{total} ішінен {done} жиналды",
    "en": "{done} of {total} collected",
}
TOTAL = kc.progress("renewal", set()).total  # category 2 is renewable: the renewal list


def progress(lang: str, done: int) -> str:
    return PROGRESS[lang].format(done=done, total=TOTAL)


async def tracked_permit(d: Dialog, app: App, lang: str) -> int:
    await compute_permit(d, lang)
    await d.send("Ali")
    await d.click(SAVE[lang])
    (record,) = await records.for_user(app.db, d.user.id)
    return record.id


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_tick_documents_and_see_progress(dialog: DialogFactory, app: App, lang: str) -> None:
    d = dialog(user_id=71, lang=lang)
    rid = await tracked_permit(d, app, lang)
    await d.click_data(RecCb(action="open", id=rid).pack())
    assert progress(lang, 0) in d.text
    await d.click(DETAILS[lang])
    await d.click(DOCS[lang])
    assert progress(lang, 0) in d.text
    first = d.last_message().buttons()[0]
    await d.click_data(first[1])
    assert progress(lang, 1) in d.text
    assert d.last_message().buttons()[0][0].startswith("☑")
    await d.click_data(first[1])  # a double press: still ticked once, and no edit request
    assert d.replies() == []
    assert progress(lang, 1) in d.last_message().text
    await d.click_data(RecCb(action="open", id=rid).pack())
    assert progress(lang, 1) in d.text
    await d.click_data(ChkCb(action=ChkAction.TICK, id=rid, item=0, on=0).pack())
    assert progress(lang, 0) in d.text


async def test_renewal_reminder_says_how_far_the_documents_are(
    dialog: DialogFactory, app: App
) -> None:
    d = dialog(user_id=72, lang="en")
    rid = await tracked_permit(d, app, "en")
    await d.click_data(ChkCb(action=ChkAction.TICK, id=rid, item=0, on=1).pack())
    await app.engine.run_once()  # 25 Nov 2026: the renewal window is open, its reminder is due
    sent = [m.text for m in d.session.chat(72) if m.text.startswith("🔁")]
    assert sent and all(f"Documents: 1 of {TOTAL} collected." in text for text in sent)


async def test_forged_and_foreign_presses_are_refused(dialog: DialogFactory, app: App) -> None:
    owner = dialog(user_id=73, lang="en")
    rid = await tracked_permit(owner, app, "en")
    thief = dialog(user_id=74, lang="en")
    await thief.send("/start")
    query = await thief.click_data(ChkCb(action=ChkAction.TICK, id=rid, item=0, on=1).pack())
    assert "not found" in (thief.callback_text(query) or "")
    query = await owner.click_data(ChkCb(action=ChkAction.TICK, id=rid, item=99, on=1).pack())
    assert "changed" in (owner.callback_text(query) or "")
    await owner.click_data(f"chk:burn:{rid}:0:1")  # an action that does not exist
    await owner.click_data(f"chk:tick:{rid}:0:7")  # a value out of range
    await owner.click_data(RecCb(action="open", id=rid).pack())
    assert progress("en", 0) in owner.text
    rows = await app.db.fetchall("SELECT * FROM checklist_ticks")
    assert rows == []
