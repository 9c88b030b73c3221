"""/workers (issue 14) in ru, kk and en: add a worker (an IIN typed in the name is masked and the
user told), edit each field, attach a record from its card, /status by worker; a viewer reads
only; a forged button naming another workspace's record changes nothing."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.db import records, workers
from bot.i18n import Translator
from handlers.workers_cb import WkAction, WkAttachCb, WkCb
from knowledge.l10n import Lang, format_date
from knowledge.loader import load_knowledge
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking_escape import saved_permit
from tests.dialogs.test_workspaces import invite, new_company, person
from tests.support.teams import personal

LANGS: list[Lang] = ["ru", "kk", "en"]
MASKED = "Ali ***0123"


@pytest.mark.parametrize("lang", LANGS)
async def test_add_edit_and_attach_a_worker(dialog: DialogFactory, app: App, lang: Lang) -> None:
    t = Translator(lang)
    d = dialog(user_id=821, lang=lang)
    await d.send("/workers")
    assert t("wk-empty") in d.text
    await d.click(t("wk-btn-add"))
    await d.send_media("photo")
    assert d.text == t("need-text")
    await d.send("Ali 900101300123")
    assert t("wk-masked") in d.text and MASKED in d.text
    stored = await app.db.fetchall("SELECT * FROM workers")
    assert "900101300123" not in repr([tuple(row) for row in stored]), "never stored in clear"

    await d.click(t("wk-btn-citizenship"))
    await d.send("Uzbekistan")
    assert "Uzbekistan" in d.text
    await d.click(t("wk-btn-category"))
    await d.click(load_knowledge().route("cat2").name.get(lang))
    assert load_knowledge().route("cat2").name.get(lang) in d.text
    await d.click(t("wk-btn-visa"))
    await d.send("31.02.2027")
    assert d.text == t("wk-date-invalid")
    await d.send("30.06.2027")
    (worker,) = await workers.for_workspace(app.db, await personal(app.db, 821))
    assert worker.visa_until is not None and format_date(worker.visa_until, lang) in d.text
    await d.click(t("wk-btn-passport"))
    await d.click(t("wk-btn-clear"))
    assert (worker.citizenship, worker.category) == ("Uzbekistan", "cat2")

    await saved_permit(d, lang, "Welder")
    await d.click(t("track-btn-worker"))
    await d.click(MASKED)
    assert t("wk-attached", name=MASKED) in d.text
    (record,) = await records.for_worker(app.db, worker.workspace_id, worker.id)
    assert record.label == "Welder"
    await d.send("/status")
    await d.click(t("status-btn-by-worker"))
    assert t("status-worker", name=MASKED) in d.text and "Welder" in d.text
    await d.send("/workers")
    await d.click(MASKED)
    assert "Welder" in d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_a_name_taken_and_the_way_out(dialog: DialogFactory, app: App, lang: Lang) -> None:
    t = Translator(lang)
    d = dialog(user_id=822, lang=lang)
    for name in ("Ali", "Bo"):
        await d.send("/workers")
        await d.click(t("wk-btn-add"))
        await d.send(name)
    await d.click(t("wk-btn-name"))
    await d.send("Ali")
    assert d.text == t("wk-name-taken")
    await d.click(t("track-btn-cancel"))
    names = [w.name for w in await workers.for_workspace(app.db, await personal(app.db, 822))]
    assert names == ["Ali", "Bo"]
    await d.send("/workers")
    await d.click("Bo")
    await d.click(t("wk-btn-delete"))
    await d.click(t("wk-btn-delete-yes"))
    names = [w.name for w in await workers.for_workspace(app.db, await personal(app.db, 822))]
    assert names == ["Ali"]


@pytest.mark.parametrize("lang", LANGS)
async def test_viewer_reads_and_forged_buttons_change_nothing(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=831, lang=lang)
    company = await new_company(owner, lang, "Omega")
    await owner.send("/workers")
    await owner.click(t("wk-btn-add"))
    await owner.send("Ali")
    viewer = person(dialog(user_id=832, lang=lang), "V")
    await viewer.send(f"/start {await invite(owner, lang, Role.VIEWER)}")
    await viewer.send("/workers")
    assert "Ali" in viewer.text and t("wk-btn-add") not in viewer.buttons()
    query = await viewer.click_data(WkCb(action=WkAction.ADD).pack())
    assert viewer.callback_text(query) == t("ws-denied")

    other = dialog(user_id=833, lang=lang)  # another workspace, with a record of its own
    await saved_permit(other, lang, "Theirs")
    theirs = (await records.for_workspace(app.db, await personal(app.db, 833)))[0]
    (ali,) = await workers.for_workspace(app.db, company)
    await owner.click_data(WkAttachCb(record=theirs.id, worker=ali.id).pack())
    assert await workers.of_records(app.db, await personal(app.db, 833)) == {}
    assert await workers.of_records(app.db, company) == {}


@pytest.mark.parametrize("lang", LANGS)
async def test_help_and_the_menu_name_the_new_commands(dialog: DialogFactory, lang: Lang) -> None:
    from handlers.commands import COMMANDS

    t = Translator(lang)
    assert {"workers", "import"} <= {name for name, _ in COMMANDS}
    owner = dialog(user_id=851, lang=lang)
    await new_company(owner, lang, "Omega")
    await owner.send("/help")
    assert f"/workers — {t('cmd-workers')}" in owner.text
    assert f"/import — {t('cmd-import')}" in owner.text
    viewer = person(dialog(user_id=852, lang=lang), "V")
    await viewer.send(f"/start {await invite(owner, lang, Role.VIEWER)}")
    await viewer.send("/help")
    assert "/workers" in viewer.text and "/import" not in viewer.text, "a viewer cannot import"


@pytest.mark.parametrize("lang", LANGS)
async def test_privacy_says_workers_are_kept_and_numbers_masked(
    dialog: DialogFactory, lang: Lang
) -> None:
    d = dialog(user_id=861, lang=lang)
    await d.send("/privacy")
    assert {"en": "masked", "ru": "скрывается", "kk": "жасырылады"}[lang] in d.text
