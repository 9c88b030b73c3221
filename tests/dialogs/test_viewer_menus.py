"""A viewer is offered nothing that creates or edits records on the screens the first round
missed (ru, kk, en): the main menu under a flow's ✕ Cancel (interview, category finder,
calculator), after a language change and under "no question here"; the fee overview's "Enter my
fee notice"; and the private command menu (Telegram's / menu) holds no /track while their
current workspace has them as a viewer — it comes back when the role or workspace changes."""

from __future__ import annotations

import pytest
from aiogram.methods import DeleteMyCommands, SetMyCommands
from aiogram.types import BotCommandScopeChat

from bot.app import App
from bot.db import records, workspaces
from bot.i18n import Translator
from bot.reminders import repo as reminders_repo
from handlers.tracking.callbacks import RemAction, RemCb
from knowledge.l10n import LANGS, Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking_escape import saved_permit
from tests.dialogs.test_workspace_records import joined
from tests.dialogs.test_workspaces import new_company
from tests.support.dialog import Dialog

LANGUAGE_NAMES = {"ru": "Русский", "kk": "Қазақша", "en": "English"}


def private_menu(d: Dialog) -> list[str] | None:
    """The command names of the last menu set for this user's chat; None once it was reset (the
    common menu applies), [] when never touched."""
    found: list[str] | None = []
    for request in d.session.requests:
        if not isinstance(request, SetMyCommands | DeleteMyCommands):
            continue
        scope = request.scope
        if not isinstance(scope, BotCommandScopeChat) or scope.chat_id != d.user.id:
            continue
        found = (
            [c.command for c in request.commands] if isinstance(request, SetMyCommands) else None
        )
    return found


async def cancel_offers_track(d: Dialog, t: Translator, start: str, cancel: str) -> bool:
    await d.send(start)
    await d.click(cancel)
    assert d.text == t("cancelled"), d.text
    return t("menu-track") in d.buttons()


@pytest.mark.parametrize("lang", LANGS)
async def test_a_viewer_sees_no_track_under_cancel_language_or_fees(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=4501, lang=lang)
    await new_company(owner, lang, "Acme")
    viewer = await joined(dialog, owner, lang, 4502, Role.VIEWER)
    member = await joined(dialog, owner, lang, 4503, Role.MEMBER)
    for d, offered in ((viewer, False), (member, True)):
        for start, cancel in (
            ("/eligibility", "✕ " + t("elig-cancel")),
            ("/category", "✕ " + t("elig-cancel")),
            ("/deadlines", "✕ " + t("dl-cancel")),
        ):
            assert await cancel_offers_track(d, t, start, cancel) is offered, (start, d.buttons())
        await d.send("/fees")
        assert (t("fee-btn-notice") in d.buttons()) is offered
        await d.send("10:00")  # typed where no question waits: the menu
        assert d.text == t("ask-not-a-question")
        assert (t("menu-track") in d.buttons()) is offered
        await d.send("/language")
        other = next(code for code in LANGS if code != lang)
        await d.click(LANGUAGE_NAMES[other])
        assert (Translator(other)("menu-track") in d.buttons()) is offered, d.buttons()
        await d.send("/language")
        await d.click(LANGUAGE_NAMES[lang])
        assert (t("menu-track") in d.buttons()) is offered


@pytest.mark.parametrize("lang", LANGS)
async def test_a_viewers_private_command_menu_has_no_track(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=4511, lang=lang)
    await new_company(owner, lang, "Acme")
    viewer = await joined(dialog, owner, lang, 4512, Role.VIEWER)
    menu = private_menu(viewer)
    assert menu and "track" not in menu and "status" in menu, menu
    assert private_menu(owner) is None, "the owner keeps the common menu (with /track)"

    await viewer.send("/language")  # the viewer's menu follows their language too
    other = next(code for code in LANGS if code != lang)
    await viewer.click(LANGUAGE_NAMES[other])
    last = next(
        r for r in reversed(viewer.session.requests) if isinstance(r, SetMyCommands) and r.scope
    )
    assert isinstance(last, SetMyCommands)
    assert last.commands[0].description == Translator(other)("cmd-start")

    await viewer.send("/workspace")  # back to their personal workspace: they write there
    await viewer.click(t("ws-personal"))
    assert private_menu(viewer) is None
    await viewer.send("/workspace")
    await viewer.click("Acme")
    assert "track" not in (private_menu(viewer) or ["track"])

    await owner.send("/workspace")  # promoted: the common menu again
    await owner.click(t("ws-btn-members"))
    await owner.click("P4512")
    await owner.click(t("ws-btn-make", role=t("ws-role-member")))
    assert private_menu(viewer) is None


async def test_a_viewer_from_before_gets_the_menu_at_start(dialog: DialogFactory, app: App) -> None:
    """A viewer who joined before the menu was kept per chat: their next /start sets it."""
    owner = dialog(user_id=4521, lang="kk")
    company = await new_company(owner, "kk", "Acme")
    token = await workspaces.invite(app.db, company, Role.VIEWER, 4521, owner.now)
    viewer = dialog(user_id=4522, lang="kk")
    await viewer.send("/help")  # known to the bot, then joined behind its back
    await workspaces.redeem(app.db, token, 4522, "Old viewer", viewer.now)
    assert private_menu(viewer) == []
    await viewer.send("/start")
    menu = private_menu(viewer)
    assert menu and "track" not in menu


@pytest.mark.parametrize("lang", LANGS)
async def test_a_reminders_open_offers_no_edits_to_one_demoted_to_viewer(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=4531, lang=lang)
    company = await new_company(owner, lang, "Acme")
    member = await joined(dialog, owner, lang, 4532, Role.MEMBER)
    await saved_permit(member, lang, "Ali")
    await workspaces.set_role(app.db, company, 4532, Role.VIEWER)  # demoted since
    reminder = (await reminders_repo.upcoming(app.db, 4532))[0]
    await member.click_data(RemCb(action=RemAction.OPEN, id=reminder.id).pack())
    assert "Ali" in member.text
    assert t("track-btn-rename") not in member.buttons()
    assert t("track-btn-history") in member.buttons()


@pytest.mark.parametrize("lang", LANGS)
async def test_one_demoted_to_viewer_hands_their_records_to_the_one_who_demoted_them(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    """A viewer only reads: they cannot mark a duty done or snooze it, so they cannot stay
    responsible for records (shown as 👤 and sent the reminders). As on removal, the records
    pass with their reminders to the admin who made the change, who is told so."""
    t = Translator(lang)
    owner = dialog(user_id=4541, lang=lang)
    company = await new_company(owner, lang, "Acme")
    member = await joined(dialog, owner, lang, 4542, Role.MEMBER)
    await saved_permit(member, lang, "Ali")
    assert await reminders_repo.upcoming(app.db, 4542)
    await owner.send("/workspace")
    await owner.click(t("ws-btn-members"))
    await owner.click("P4542")
    await owner.click(t("ws-btn-make", role=t("ws-role-viewer")))
    assert t("ws-records-moved", count=1) in owner.text
    assert await reminders_repo.upcoming(app.db, 4542) == [], "a viewer gets no duties"
    assert await reminders_repo.upcoming(app.db, 4541), "the owner has them now"
    found = await records.for_workspace(app.db, company)
    assert [r.user_id for r in found] == [4541], "the owner is responsible"
