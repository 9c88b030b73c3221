"""The escalation ladder in /settings (issue 14), in ru, kk and en: a company workspace's admins
change it for the whole workspace; a member neither sees it nor changes it with a forged button;
a button naming another company or a value not offered changes nothing and says so."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.db import workspaces
from bot.i18n import Translator
from handlers.settings import EscCb
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_workspaces import invite, new_company

LANGS: list[Lang] = ["ru", "kk", "en"]


async def lead_of(app: App, workspace_id: int) -> int:
    found = await workspaces.get(app.db, workspace_id)
    assert found is not None
    return found.escalate_days


@pytest.mark.parametrize("lang", LANGS)
async def test_an_admin_changes_the_ladder_for_the_workspace(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=711, lang=lang)
    company = await new_company(owner, lang, "Acme")
    admin = dialog(user_id=712, lang=lang)
    await admin.send(f"/start {await invite(owner, lang, Role.ADMIN)}")
    await admin.send("/settings")
    await admin.click(t("settings-btn-escalate", days=3))
    assert await lead_of(app, company) == 5
    assert t("settings-btn-escalate", days=5) in admin.buttons()
    await owner.send("/settings")
    assert t("settings-btn-escalate", days=5) in owner.buttons(), "the workspace's, not the user's"
    for _ in range(3):  # 5 → 7 → 1 → off
        await owner.click(next(b for b in owner.buttons() if b.startswith("👥")))
    assert await lead_of(app, company) == 0
    assert t("settings-btn-escalate-off") in owner.buttons()


@pytest.mark.parametrize("lang", LANGS)
async def test_a_member_cannot_change_it_even_with_a_forged_button(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=721, lang=lang)
    company = await new_company(owner, lang, "Beta")
    member = dialog(user_id=722, lang=lang)
    await member.send(f"/start {await invite(owner, lang, Role.MEMBER)}")
    await member.send("/settings")
    assert not any(b.startswith("👥") for b in member.buttons()), "admins only"
    query = await member.click_data(EscCb(ws=company, days=0).pack())
    assert member.callback_text(query) == t("ws-denied")
    assert await lead_of(app, company) == 3


@pytest.mark.parametrize("lang", LANGS)
async def test_forged_workspace_or_value_changes_nothing(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    first = dialog(user_id=731, lang=lang)
    theirs = await new_company(first, lang, "Gamma")
    other = dialog(user_id=732, lang=lang)
    mine = await new_company(other, lang, "Delta")
    query = await other.click_data(EscCb(ws=theirs, days=0).pack())
    assert other.callback_text(query) == t("ws-denied"), "another company's ladder"
    query = await other.click_data(EscCb(ws=mine, days=4).pack())
    assert other.callback_text(query) == t("stale-button"), "a value never offered"
    assert (await lead_of(app, theirs), await lead_of(app, mine)) == (3, 3)
    personal = await workspaces.personal(app.db, 732, other.now)
    query = await other.click_data(EscCb(ws=personal, days=5).pack())
    assert other.callback_text(query) == t("stale-button"), "a personal workspace has no admins"
