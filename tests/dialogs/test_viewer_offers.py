"""A viewer reads and cannot save (ru, kk, en): they are not offered what they cannot do — no
"Track" in the menu, /help or under a computed deadline, no "press Track this" on an empty
/status, no edit buttons on a record's card or details; a member still is."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.db import records
from bot.i18n import Translator
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking import permit_result
from tests.dialogs.test_workspace_records import joined
from tests.dialogs.test_workspaces import new_company

LANGS: list[Lang] = ["ru", "kk", "en"]
EDITS = ["track-btn-rename", "track-btn-redate", "track-btn-done", "track-btn-delete"]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_viewer_is_offered_only_what_they_may_do(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=4401, lang=lang)
    company = await new_company(owner, lang, "Acme")
    viewer = await joined(dialog, owner, lang, 4402, Role.VIEWER)
    member = await joined(dialog, owner, lang, 4403, Role.MEMBER)

    await viewer.send("/status")
    assert viewer.text == t("status-empty-read"), "no 'press Track this' to a viewer"
    await member.send("/status")
    assert member.text == t("status-empty")
    for d, offered in ((viewer, False), (member, True)):
        await d.send("/start")
        assert (t("menu-track") in d.buttons()) is offered
        await d.send("/help")
        assert ("/track —" in d.text) is offered
        assert (t("menu-track") in d.buttons()) is offered
        await d.send("/cancel")  # the menu under "nothing to cancel"
        assert (t("menu-track") in d.buttons()) is offered
        await permit_result(d, lang)
        assert (f"🔔 {t('dl-track')}" in d.buttons()) is offered
    await viewer.send("/track")
    assert viewer.text == t("track-read-only")

    now = app.clock.now()
    await records.add(app.db, 4401, "arrival", now.date(), now, "Ali", workspace_id=company)
    for d, offered in ((viewer, False), (member, True)):
        await d.send("/status")
        await d.click(next(b for b in d.buttons() if "Ali" in b))
        assert all((t(key) in d.buttons()) is offered for key in EDITS), d.buttons()
        await d.click(t("track-btn-details"))
        assert (t("track-btn-region") in d.buttons()) is offered
