"""Privacy in company workspaces (ru, kk, en): /deletemydata leaves no row naming the user —
memberships, their Telegram name, who pressed Done in the group, escalations to them — while
the company keeps its records, shown in their history as created by "a former member"; the owner
deletes a company workspace after a confirmation and every row of it goes (records, reminders,
history, members, invitations, profile, group link, escalations); /privacy says so."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest

from bot.app import App
from bot.db import workspaces
from bot.db.postgres import PostgresDatabase
from bot.i18n import Translator
from handlers.tracking.callbacks import RecAction, RecCb
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_group_chat import due_today, in_group
from tests.dialogs.test_tracking_escape import saved_permit
from tests.dialogs.test_workspace_records import erase_my_data, joined, the_record
from tests.dialogs.test_workspaces import invite, new_company, person

LANGS: list[Lang] = ["ru", "kk", "en"]
USER_COLUMNS = {  # every column that can hold a user's id (a Telegram id is personal data)
    "user_id",
    "actor",
    "target",
    "closed_by",
    "created_by",
    "used_by",
    "linked_by",
    "personal_of",
}


async def schema(app: App) -> dict[str, list[str]]:
    """Every table's columns, on the engine under test."""
    if isinstance(app.db, PostgresDatabase):
        rows = await app.db.fetchall(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
        found: dict[str, list[str]] = {}
        for row in rows:
            found.setdefault(str(row["table_name"]), []).append(str(row["column_name"]))
        return found
    tables = await app.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {
        str(t["name"]): [
            str(c["name"]) for c in await app.db.fetchall(f"PRAGMA table_info({t['name']})")
        ]
        for t in tables
    }


async def rows_naming(app: App, user_id: int) -> list[str]:
    """``table.column`` of every row that still holds this user's id (users.id, chat_id too)."""
    found = []
    for table, columns in (await schema(app)).items():
        for column in columns:
            is_user = column in USER_COLUMNS or (table == "users" and column in ("id", "chat_id"))
            if not is_user and not (table == "reply_outbox" and column == "chat_id"):
                continue
            hit = await app.db.fetchone(
                f"SELECT COUNT(*) AS n FROM {table} WHERE {column} = ?",  # noqa: S608
                (user_id,),
            )
            if hit is not None and hit["n"]:
                found.append(f"{table}.{column}")
    fsm = await app.db.fetchone(
        "SELECT COUNT(*) AS n FROM fsm_state WHERE key LIKE ?", (f"%:{user_id}:%",)
    )
    if fsm is not None and fsm["n"]:
        found.append("fsm_state.key")
    return found


async def rows_of_workspace(app: App, workspace_id: int, record_ids: list[int]) -> list[str]:
    found = []
    for table, listed in (await schema(app)).items():
        columns = set(listed)
        checks = [("workspace_id", [workspace_id])] if "workspace_id" in columns else []
        if table == "workspaces":
            checks.append(("id", [workspace_id]))
        if "record_id" in columns:
            checks.append(("record_id", record_ids))
        for column, values in checks:
            for value in values:
                try:
                    hit = await app.db.fetchone(
                        f"SELECT COUNT(*) AS n FROM {table} WHERE {column} = ?",  # noqa: S608
                        (value,),
                    )
                except (sqlite3.Error, asyncpg.PostgresError):
                    continue
                if hit is not None and hit["n"]:
                    found.append(f"{table}.{column}={value}")
    return found


@pytest.mark.parametrize("lang", LANGS)
async def test_deleting_my_data_leaves_no_row_naming_me(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = person(dialog(user_id=4801, lang=lang), "Aigul")
    company = await new_company(owner, lang, "Acme")
    member = await joined(dialog, owner, lang, 4802, Role.ADMIN)
    viewer = await joined(dialog, owner, lang, 4803, Role.VIEWER)
    await saved_permit(member, lang, "Asel")  # in the company: stays
    rid = await the_record(app, company)
    await member.click_data(RecCb(action=RecAction.OPEN, id=rid).pack())
    await member.click(t("track-btn-rename"))
    await member.send("Asel B.")
    await member.send("/workspace")
    await member.click(t("ws-personal"))
    await saved_permit(member, lang, "Mine")  # personal: goes
    chat = -1004801  # the company's group: the member pressed Done there
    group_owner = in_group(dialog(user_id=4801, lang=lang), chat, admin=True)
    await group_owner.send("/link")
    await due_today(app, company, 4801)
    await app.engine.run_once()
    await in_group(dialog(user_id=4802, lang=lang), chat).click(t("grp-btn-done"))
    before = await rows_naming(app, 4802)
    assert {"members.user_id", "reminders.closed_by", "record_events.actor"} <= set(before)

    await erase_my_data(member, lang)
    assert await rows_naming(app, 4802) == []
    names = " ".join(m.name for m in await workspaces.members(app.db, company))
    assert "P4802" not in names
    await viewer.click_data(RecCb(action=RecAction.OPEN, id=rid).pack())  # the company keeps it
    assert "Asel B." in viewer.text
    await viewer.click(t("track-btn-history"))
    lines = viewer.text.splitlines()
    assert lines[-1].endswith(f" — {t('hist-former')}"), "created by a former member"
    assert "P4802" not in viewer.text and all(t("hist-former") in line for line in lines[1:3])


@pytest.mark.parametrize("lang", LANGS)
async def test_the_owner_deletes_the_workspace_and_every_row_of_it_goes(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = person(dialog(user_id=4811, lang=lang), "Aigul")
    company = await new_company(owner, lang, "Acme & Co")
    member = await joined(dialog, owner, lang, 4812, Role.MEMBER)
    await saved_permit(member, lang, "Ali")
    await invite(owner, lang, Role.VIEWER)  # an invitation never used
    chat = -1004811
    await in_group(dialog(user_id=4811, lang=lang), chat, admin=True).send("/link")
    await due_today(app, company, 4812)
    await app.engine.run_once()
    await owner.send("/status")
    await owner.click(t("status-btn-profile"))
    ids = [
        r["id"]
        for r in await app.db.fetchall("SELECT id FROM records WHERE workspace_id = ?", (company,))
    ]
    assert len(ids) == 2 and await rows_of_workspace(app, company, ids)

    await owner.send("/workspace")
    await owner.click(t("ws-btn-delete"))
    assert owner.text == t("ws-delete-confirm", name="Acme &amp; Co", count=2)
    await owner.click(t("ws-btn-back"))  # changed their mind: nothing goes
    assert await workspaces.get(app.db, company) is not None
    await owner.click(t("ws-btn-delete"))
    await owner.click(t("ws-btn-delete-yes"))
    assert t("ws-deleted", name="Acme &amp; Co") in owner.text
    assert await rows_of_workspace(app, company, ids) == []
    now = await workspaces.current(app.db, 4812, member.now)
    assert now.workspace.kind == "personal", "the member is back in their own workspace"


@pytest.mark.parametrize("lang", LANGS)
async def test_privacy_explains_company_records_history_and_deletion(
    dialog: DialogFactory, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=4821, lang=lang)
    await d.send("/privacy")
    assert t("privacy-text").splitlines()[0] in d.text and t("ws-privacy") in d.text
    history = {"ru": "истори", "kk": "тарих", "en": "history"}[lang]
    assert "/workspace" in t("ws-privacy") and history in t("ws-privacy").lower()
