"""Workspaces, colleagues and roles through the real Dispatcher, in ru, kk and en: a company is
created, colleagues join by single-use expiring links, each role is held to what it may do, a
removed member's old buttons stop at once, and forged buttons naming another workspace change
nothing and say so."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from aiogram.types import User

from bot.app import App
from bot.clock import FrozenClock
from bot.db import workspaces
from bot.i18n import Translator
from handlers.workspace.callbacks import InviteCb, MemberAction, MemberCb, WsAction, WsCb
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog
from tests.support.teams import personal

LANGS: list[Lang] = ["ru", "kk", "en"]
BIN = "940140000385"  # a published BIN with a valid control digit
PAYLOAD = re.compile(r"start=(inv_[A-Za-z0-9_-]{22})\b")


def person(d: Dialog, name: str) -> Dialog:
    """Give the dialog's user a Telegram name (shown in the members list)."""
    d.user = User(id=d.user.id, is_bot=False, first_name=name, language_code=d.user.language_code)
    return d


async def new_company(d: Dialog, lang: Lang, name: str, bin_: str | None = None) -> int:
    t = Translator(lang)
    await d.send("/workspace")
    await d.click(t("ws-btn-new"))
    await d.send(name)
    if bin_ is None:
        await d.click(t("ws-btn-skip"))
    else:
        await d.send(bin_)
    now = await workspaces.current(d.app.db, d.user.id, d.now)
    assert now.workspace.kind == "company" and now.role == Role.OWNER
    return now.workspace.id


async def invite(d: Dialog, lang: Lang, role: Role) -> str:
    """The owner's or an admin's path: /workspace → Members → Invite → role; the link's payload."""
    t = Translator(lang)
    await d.send("/workspace")
    await d.click(t("ws-btn-members"))
    await d.click(t("ws-btn-invite"))
    await d.click(t(f"ws-role-{role.value}"))
    found = PAYLOAD.search(d.text)
    assert found is not None, d.text
    assert len(found.group(1)) <= 64, "within Telegram's deep-link payload limit"
    return found.group(1)


async def role_of(app: App, workspace_id: int, user_id: int) -> Role | None:
    member = await workspaces.member(app.db, workspace_id, user_id)
    return None if member is None else member.role


@pytest.mark.parametrize("lang", LANGS)
async def test_create_a_company_invite_and_join_once(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = person(dialog(user_id=601, lang=lang), "Aigul")
    await owner.send("/workspace")
    await owner.click(t("ws-btn-new"))
    assert owner.text == t("ws-ask-name", limit=64)
    await owner.send_media("photo")
    assert owner.replies() == [t("need-text")] and owner.buttons() == [t("ws-btn-cancel")]
    await owner.send("Alpha <b>LLP</b>")
    await owner.send("940140000386")  # one digit off
    assert owner.text == t("ws-bin-invalid")
    assert owner.buttons() == [t("ws-btn-skip"), t("ws-btn-cancel")]
    await owner.send("9401 4000 0385")
    assert "Alpha &lt;b&gt;LLP&lt;/b&gt;" in owner.text, "the typed name is escaped"
    now = await workspaces.current(app.db, 601, owner.now)
    assert (now.workspace.name, now.workspace.bin, now.role) == (
        "Alpha <b>LLP</b>",
        BIN,
        Role.OWNER,
    )

    payload = await invite(owner, lang, Role.MEMBER)
    colleague = person(dialog(user_id=602, lang=lang), "Bolat")
    await colleague.send(f"/start {payload}")
    assert (
        t("ws-joined", name="Alpha &lt;b&gt;LLP&lt;/b&gt;", role=t("ws-role-member"))
        in colleague.text
    )
    assert await role_of(app, now.workspace.id, 602) == Role.MEMBER
    late = dialog(user_id=603, lang=lang)
    await late.send(f"/start {payload}")
    assert late.text == t("ws-join-used"), "single use"
    await colleague.send(f"/start {payload}")
    assert colleague.text == t("ws-join-used")
    assert await role_of(app, now.workspace.id, 603) is None

    await owner.send("/workspace")
    assert "✓ Alpha <b>LLP</b>" in owner.buttons(), "a button shows the name as typed"
    await owner.click(t("ws-btn-members"))
    assert "Aigul" in owner.text and "Bolat" in owner.text
    assert "Bolat" in owner.buttons() and "Aigul" not in owner.buttons(), "no button for oneself"


@pytest.mark.parametrize("lang", LANGS)
async def test_expired_and_forged_invitations_are_refused(
    dialog: DialogFactory, app: App, clock: FrozenClock, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=611, lang=lang)
    company = await new_company(owner, lang, "Beta")
    payload = await invite(owner, lang, Role.VIEWER)
    stranger = dialog(user_id=612, lang=lang)
    for forged in ("inv_" + "A" * 22, "inv_", payload[:-1], payload + "x"):
        await stranger.send(f"/start {forged}")
        assert stranger.text == t("ws-join-unknown"), forged
    clock.advance(dt.timedelta(days=7, seconds=1))
    await stranger.send(f"/start {payload}")
    assert stranger.text == t("ws-join-expired")
    assert await role_of(app, company, 612) is None
    await stranger.send("/start")
    assert stranger.text == t("welcome"), "a plain /start is the greeting still"


@pytest.mark.parametrize("lang", LANGS)
async def test_each_role_is_held_to_what_it_may_do(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=621, lang=lang)
    company = await new_company(owner, lang, "Gamma", BIN)
    people = {}
    for uid, role in ((622, Role.ADMIN), (623, Role.MEMBER), (624, Role.VIEWER)):
        payload = await invite(owner, lang, role)
        people[role] = person(dialog(user_id=uid, lang=lang), f"P{uid}")
        await people[role].send(f"/start {payload}")
        assert await role_of(app, company, uid) == role

    for role in (Role.MEMBER, Role.VIEWER):  # neither manages members, even with forged buttons
        d = people[role]
        await d.send("/workspace")
        await d.click(t("ws-btn-members"))
        assert t("ws-btn-invite") not in d.buttons() and d.buttons() == [t("ws-btn-back")]
        for data in (
            InviteCb(ws=company, role=Role.ADMIN).pack(),
            WsCb(action=WsAction.INVITE, ws=company).pack(),
            MemberCb(action=MemberAction.ROLE, ws=company, user=623, role=Role.ADMIN).pack(),
            MemberCb(action=MemberAction.REMOVE_YES, ws=company, user=624).pack(),
        ):
            query = await d.click_data(data)
            assert d.callback_text(query) == t("ws-denied"), (role, data)
    assert await role_of(app, company, 623) == Role.MEMBER
    assert await role_of(app, company, 624) == Role.VIEWER

    admin = people[Role.ADMIN]  # an admin manages members but never the owner
    query = await admin.click_data(
        MemberCb(action=MemberAction.REMOVE_YES, ws=company, user=621).pack()
    )
    assert admin.callback_text(query) == t("ws-denied")
    query = await admin.click_data(
        MemberCb(action=MemberAction.ROLE, ws=company, user=623, role=Role.OWNER).pack()
    )
    assert admin.callback_text(query) == t("ws-denied"), "owner is never granted"
    await admin.send("/workspace")
    await admin.click(t("ws-btn-members"))
    await admin.click("P623")
    await admin.click(t("ws-btn-make", role=t("ws-role-viewer")))
    assert t("ws-role-changed", name="P623", role=t("ws-role-viewer")) in admin.text
    assert await role_of(app, company, 623) == Role.VIEWER
    assert await role_of(app, company, 621) == Role.OWNER


@pytest.mark.parametrize("lang", LANGS)
async def test_removal_ends_access_at_once_including_old_buttons(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=631, lang=lang)
    company = await new_company(owner, lang, "Delta")
    admin = person(dialog(user_id=632, lang=lang), "Dana")
    await admin.send(f"/start {await invite(owner, lang, Role.ADMIN)}")
    await admin.send("/workspace")
    await admin.click(t("ws-btn-members"))
    await admin.click(t("ws-btn-invite"))
    old = admin.last_message()  # the role choice, still on screen after removal
    await owner.send("/workspace")
    await owner.click(t("ws-btn-members"))
    await owner.click("Dana")
    await owner.click(t("ws-btn-remove"))
    await owner.click(t("ws-btn-remove-yes"))
    assert t("ws-removed", name="Dana") in owner.text and "Dana" not in owner.buttons()
    data = next(data for label, data in old.buttons() if label == t("ws-role-admin"))
    query = await admin.click_data(data, old)
    assert admin.callback_text(query) == t("ws-denied"), "the old button no longer works"
    assert await role_of(app, company, 632) is None
    assert (
        await app.db.fetchone("SELECT 1 FROM invites WHERE used_by IS NULL AND role = 'admin'")
        is None
    )
    now = await workspaces.current(app.db, 632, admin.now)
    assert now.workspace.id == await personal(app.db, 632), "back in their personal workspace"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_consultant_switches_and_forged_workspaces_change_nothing(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    first, second = dialog(user_id=641, lang=lang), dialog(user_id=642, lang=lang)
    alpha = await new_company(first, lang, "Alpha")
    beta = await new_company(second, lang, "Beta")
    consultant = person(dialog(user_id=643, lang=lang), "Consultant")
    await consultant.send(f"/start {await invite(first, lang, Role.MEMBER)}")
    await consultant.send(f"/start {await invite(second, lang, Role.ADMIN)}")
    await consultant.send("/workspace")
    assert consultant.buttons()[:3] == [t("ws-personal"), "Alpha", "✓ Beta"]
    await consultant.click("Alpha")
    assert t("ws-switched", name="Alpha", role=t("ws-role-member")) in consultant.text
    assert (await workspaces.current(app.db, 643, consultant.now)).workspace.id == alpha

    # The owner of Alpha forges buttons naming Beta, where they are nobody.
    for data in (
        WsCb(action=WsAction.SWITCH, ws=beta).pack(),
        WsCb(action=WsAction.MEMBERS, ws=beta).pack(),
        InviteCb(ws=beta, role=Role.ADMIN).pack(),
        MemberCb(action=MemberAction.REMOVE_YES, ws=beta, user=643).pack(),
        MemberCb(action=MemberAction.ROLE, ws=beta, user=643, role=Role.VIEWER).pack(),
    ):
        query = await first.click_data(data)
        assert first.callback_text(query) == t("ws-denied"), data
    assert (await workspaces.current(app.db, 641, first.now)).workspace.id == alpha
    assert await role_of(app, beta, 643) == Role.ADMIN
    assert (
        await app.db.fetchone(
            "SELECT 1 FROM invites WHERE workspace_id = ? AND used_by IS NULL", (beta,)
        )
        is None
    )
    for data in ("ws:sw:0", "ws:steal:1", f"wsm:open:{beta}:643:king", f"wsi:{2**63}:admin"):
        query = await first.click_data(data)  # fails to unpack: the fallback's "out of date"
        assert first.callback_text(query) == t("stale-button"), data
    query = await first.click_data(f"wsi:{alpha}:owner")  # their own workspace, but no owners
    assert first.callback_text(query) == t("ws-denied")
