"""The company's group chat through the real Dispatcher, in ru, kk and en (issue 14): a workspace
admin who is a group administrator links it; others are refused; the group gets the escalation on
the deadline with Done/Snooze buttons that record who pressed them; a non-member, a viewer and
forged buttons change nothing; in the group the bot answers only commands and mentions."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import cast

import pytest
from aiogram.methods import SetMyCommands
from aiogram.types import (
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Chat,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberUpdated,
    Update,
    User,
)

from bot.app import App
from bot.db import groups, records, users, workspaces
from bot.i18n import Translator
from bot.local_session import LocalSession
from bot.reminders import repo
from bot.reminders.escalation import GroupAction, GroupCb
from handlers.commands import register_commands
from knowledge.l10n import Lang
from knowledge.teams import Role
from knowledge.timeline import Planned
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]
TODAY = dt.date(2026, 11, 25)  # the app's clock: 09:00 in Almaty


def in_group(d: Dialog, chat_id: int, admin: bool = False) -> Dialog:
    d.chat = Chat(id=chat_id, type="supergroup", title="HR")
    if admin:
        d.session.group_admins.setdefault(chat_id, set()).add(d.user.id)
    return d


async def company(app: App, owner: int, lang: Lang, name: str = "Acme") -> int:
    now = app.clock.now()
    await users.seen(app.db, owner, owner, lang, "Asia/Almaty", now)
    return await workspaces.create_company(app.db, owner, name, "", "Aigul", now)


async def join(app: App, ws: int, user_id: int, role: Role, lang: Lang) -> None:
    now = app.clock.now()
    await users.seen(app.db, user_id, user_id, lang, "Asia/Almaty", now)
    owner = next(m.user_id for m in await workspaces.members(app.db, ws) if m.role == Role.OWNER)
    token = await workspaces.invite(app.db, ws, role, owner, now)
    await workspaces.redeem(app.db, token, user_id, f"u{user_id}", now)


async def due_today(app: App, ws: int, by: int, label: str = "Ali <b>") -> int:
    user = await users.get(app.db, by)
    assert user is not None
    record = await records.add(
        app.db, by, "arrival", TODAY, app.clock.now(), label, workspace_id=ws
    )
    items = [Planned("arrival_due", TODAY, "obligation.arrival_notice", True)]
    await repo.plan_for_record(app.db, user, record, items, app.clock.now())
    return record


@pytest.mark.parametrize("lang", LANGS)
async def test_link_escalate_and_done_by_a_member(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    chat = -1000801
    owner = in_group(dialog(user_id=801, lang=lang), chat, admin=True)
    ws = await company(app, 801, lang)
    await owner.send("/link")
    assert t("grp-linked", company="Acme") in owner.text
    await join(app, ws, 802, Role.MEMBER, lang)
    await due_today(app, ws, 802)
    await app.engine.run_once()
    message = owner.last_message()
    assert "Ali &lt;b&gt;" in message.text, "a record name, escaped"
    assert "u802" not in message.text, "no person's name in the group"
    assert [label for label, _ in message.buttons()] == [t("grp-btn-done"), t("grp-btn-snooze")]
    member = in_group(dialog(user_id=802, lang=lang), chat)
    await member.click(t("grp-btn-done"))
    assert t("grp-done-by", who="Test") in member.text and member.buttons() == []
    row = await app.db.fetchone(
        "SELECT status, closed_by FROM reminders WHERE kind = 'arrival_due'"
    )
    assert row is not None and (row["status"], row["closed_by"]) == ("done", 802)
    await app.engine.run_once()
    sent = owner.session.chat(chat)
    assert len(sent) == 2, "the link answer and one escalation; done stops the ladder"


@pytest.mark.parametrize("lang", LANGS)
async def test_link_refused_to_a_non_admin_and_a_non_group_admin(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    chat = -1000811
    ws = await company(app, 811, lang)
    await join(app, ws, 812, Role.MEMBER, lang)
    member = in_group(dialog(user_id=812, lang=lang), chat, admin=True)
    await member.send("/link")
    assert member.text == t("ws-denied"), "a group admin who is only a workspace member"
    owner = in_group(dialog(user_id=811, lang=lang), chat)  # not a group administrator
    await owner.send("/link")
    assert owner.text == t("grp-link-not-group-admin")
    assert await groups.of_chat(app.db, chat) is None
    owner.session.group_admins[chat] = {811}
    await owner.send("/link")
    assert await groups.of_chat(app.db, chat) is not None
    await member.send("/unlink")
    assert member.text == t("ws-denied")
    await owner.send("/unlink")
    assert owner.text == t("grp-unlinked") and await groups.of_chat(app.db, chat) is None


@pytest.mark.parametrize("lang", LANGS)
async def test_non_member_viewer_and_forged_buttons_change_nothing(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    chat = -1000821
    owner = in_group(dialog(user_id=821, lang=lang), chat, admin=True)
    ws = await company(app, 821, lang)
    await owner.send("/link")
    await join(app, ws, 823, Role.VIEWER, lang)
    await due_today(app, ws, 821)
    other_ws = await company(app, 825, lang, "Other")
    theirs = await due_today(app, other_ws, 825, "Theirs")
    await app.engine.run_once()
    stranger = in_group(dialog(user_id=822, lang=lang), chat)
    query = await stranger.click_data(owner.last_message().buttons()[0][1], owner.last_message())
    assert stranger.callback_text(query) == t("ws-denied"), "not a member: a polite alert"
    viewer = in_group(dialog(user_id=823, lang=lang), chat)
    query = await viewer.click_data(owner.last_message().buttons()[0][1], owner.last_message())
    assert viewer.callback_text(query) == t("ws-denied"), "a viewer may not write"
    their_rid = next(r.id for r in await repo.upcoming(app.db, 825) if r.record_id == theirs)
    forged = GroupCb(action=GroupAction.DONE, ws=ws, rid=their_rid).pack()
    query = await owner.click_data(forged)
    assert owner.callback_text(query) == t("grp-already"), "another workspace's reminder"
    statuses = {r.status for r in await repo.upcoming(app.db, 825)}
    assert "done" not in statuses, "nothing changed in the other company"
    opened = await app.db.fetchone("SELECT COUNT(*) AS n FROM reminders WHERE status = 'done'")
    assert opened is not None and opened["n"] == 0


@pytest.mark.parametrize("lang", LANGS)
async def test_in_a_group_only_commands_and_mentions_are_answered(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = in_group(dialog(user_id=831, lang=lang), -1000831)
    before = len(d.session.chat(-1000831))
    await d.send("когда продлевать разрешение?")
    assert d.replies() == [], "no free-text answers in a group"
    await d.send("/status")
    assert d.text == t("grp-private-only"), "no private data in the group"
    await d.send("@permitbot_local hello")
    assert d.text == t("grp-private-only")
    assert len(app.engine.notifier.bot.session.chat(-1000831)) == before + 2  # type: ignore[attr-defined]


MONDAY_9_ALMATY = dt.datetime(2026, 11, 30, 4, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("lang", LANGS)
async def test_weekly_digest_overdue_first_once_a_week(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    chat = -1000841
    owner = in_group(dialog(user_id=841, lang=lang), chat, admin=True)
    ws = await company(app, 841, lang)
    await owner.send("/link")
    await due_today(app, ws, 841, "Overdue Ali")  # told on Wednesday 25th, not done
    await app.engine.run_once()
    user = await users.get(app.db, 841)
    assert user is not None
    later = await records.add(
        app.db, 841, "arrival", TODAY, app.clock.now(), "Soon <Bo>", workspace_id=ws
    )
    due = dt.date(2026, 12, 10)
    items = [Planned("arrival_due", due, "obligation.arrival_notice", True)]
    await repo.plan_for_record(app.db, user, later, items, app.clock.now())
    far = await records.add(app.db, 841, "arrival", TODAY, app.clock.now(), "Far", workspace_id=ws)
    items = [Planned("arrival_due", dt.date(2027, 2, 1), "obligation.arrival_notice", True)]
    await repo.plan_for_record(app.db, user, far, items, app.clock.now())
    app.clock.set(MONDAY_9_ALMATY - dt.timedelta(minutes=1))  # type: ignore[attr-defined]
    await app.engine.run_once()
    titles = t("grp-digest-title", company="Acme")
    assert not any(titles in m.text for m in owner.session.chat(chat)), "not before Monday 09:00"
    app.clock.set(MONDAY_9_ALMATY)  # type: ignore[attr-defined]
    await app.engine.run_once()
    await app.engine.run_once()
    digests = [m.text for m in owner.session.chat(chat) if titles in m.text]
    assert len(digests) == 1, "once a week"
    text = digests[0]
    assert text.index("Overdue Ali") < text.index("Soon &lt;Bo&gt;"), "overdue first, escaped"
    assert "Far" not in text, "only the next 30 days"
    app.clock.set(MONDAY_9_ALMATY + dt.timedelta(days=7))  # type: ignore[attr-defined]
    await app.engine.run_once()
    assert len([m for m in owner.session.chat(chat) if titles in m.text]) == 2


def added_to_group(d: Dialog, chat_id: int, status: str = "member") -> Update:
    """The adder puts the bot into a group (a my_chat_member update made by d.user)."""
    bot_user = User(id=d.app.bot.id, is_bot=True, first_name="PermitBot")
    return Update(
        update_id=next(_group_update_ids),
        my_chat_member=ChatMemberUpdated(
            chat=Chat(id=chat_id, type="supergroup", title="HR"),
            from_user=d.user,
            date=d.now,
            old_chat_member=ChatMemberLeft(user=bot_user),
            new_chat_member=(
                ChatMemberMember(user=bot_user)
                if status == "member"
                else ChatMemberLeft(user=bot_user)
            ),
        ),
    )


_group_update_ids = itertools.count(9_000_000)


@pytest.mark.parametrize("lang", LANGS)
async def test_added_to_a_group_greets_in_the_adders_language(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    adder = dialog(user_id=811, lang=lang)
    await adder.feed(added_to_group(adder, -1000811))
    session = app.bot.session
    assert isinstance(session, LocalSession)
    greeting = session.chat(-1000811)
    assert [m.text for m in greeting] == [t("grp-hello")]
    assert "/link" in t("grp-hello") and "/unlink" in t("grp-hello")
    await adder.feed(added_to_group(adder, -1000812, status="left"))
    assert session.chat(-1000812) == [], "removed: nothing to greet"


async def test_group_chats_get_link_and_unlink_in_the_command_menu(app: App) -> None:
    session = app.bot.session
    assert isinstance(session, LocalSession)
    session.requests.clear()  # the app's start-up registered them already
    await register_commands(app.bot)
    sets = [r for r in session.requests if isinstance(r, SetMyCommands)]
    groups_menu = [r for r in sets if isinstance(r.scope, BotCommandScopeAllGroupChats)]
    private_menu = [r for r in sets if isinstance(r.scope, BotCommandScopeAllPrivateChats)]
    assert {r.language_code for r in groups_menu} == {None, "ru", "kk", "en"}
    assert len(private_menu) == 4, "the private menu stays as it was"
    for r in groups_menu:
        t = Translator(cast(Lang, r.language_code or "en"))
        assert [(c.command, c.description) for c in r.commands] == [
            ("link", t("cmd-link")),
            ("unlink", t("cmd-unlink")),
        ]
