"""A record's history (ru, kk, en): who created, edited, marked done, snoozed and reassigned it,
and when, behind 🕘 on its card — for a viewer too; a member who left is "a former member"; a
history line is written in the change's transaction (no change without it, none without the
change); another workspace's record shows nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.db import audit, records
from bot.i18n import Translator
from bot.reminders import repo as reminders_repo
from handlers.tracking.callbacks import RecAction, RecCb, RemAction, RemCb
from knowledge.l10n import Lang, format_date
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking_escape import saved_permit
from tests.dialogs.test_workspace_records import joined, the_record
from tests.dialogs.test_workspaces import new_company, person
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]


async def open_history(d: Dialog, lang: Lang, record_id: int) -> str:
    await d.click_data(RecCb(action=RecAction.OPEN, id=record_id).pack())
    await d.click(Translator(lang)("track-btn-history"))
    return d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_the_history_names_who_did_what(dialog: DialogFactory, app: App, lang: Lang) -> None:
    t = Translator(lang)
    owner = person(dialog(user_id=4601, lang=lang), "Aigul")
    company = await new_company(owner, lang, "Acme")
    member = await joined(dialog, owner, lang, 4602, Role.MEMBER)
    viewer = await joined(dialog, owner, lang, 4603, Role.VIEWER)

    await saved_permit(member, lang, "Ali")
    rid = await the_record(app, company)
    await owner.click_data(RecCb(action=RecAction.OPEN, id=rid).pack())
    await owner.click(t("track-btn-rename"))
    await owner.send("Ali Valiev")
    await owner.click(t("track-btn-details"))
    await owner.click(t("track-btn-region"))
    await owner.send("Almaty")
    pending = [r for r in await reminders_repo.upcoming(app.db, 4602) if r.status == "pending"]
    await member.click_data(RemCb(action=RemAction.SNOOZE_WEEK, id=pending[0].id).pack())
    await owner.click_data(RecCb(action=RecAction.OPEN, id=rid).pack())
    await owner.click(t("track-btn-done"))

    text = await open_history(viewer, lang, rid)  # a viewer reads the history too
    assert text.startswith(t("hist-title", name="Ali Valiev").split(":")[0]), text
    lines = text.splitlines()[1:]
    assert len(lines) == 5, lines  # newest first
    assert lines[0].endswith(f"{t('hist-done')} — Aigul")
    week = format_date(app.clock.today("Asia/Almaty") + dt.timedelta(days=7), lang)
    assert t("hist-snoozed", date=week) in lines[1], lines[1]
    assert lines[1].endswith(" — P4602")
    assert t("hist-edited", field=t("hist-field-region")) in lines[2] and "Aigul" in lines[2]
    assert t("hist-edited", field=t("hist-field-label")) in lines[3] and "Aigul" in lines[3]
    assert t("hist-created") in lines[4] and lines[4].endswith(" — P4602")
    day = format_date(owner.now.date(), lang)
    assert all(line.startswith(day) for line in lines), "when, in the reader's calendar"
    assert viewer.buttons() == [t("track-btn-back")]

    mine = await open_history(member, lang, rid)  # the reader is "you"
    assert mine.splitlines()[-1].endswith(f" — {t('hist-you')}")

    await owner.send("/workspace")  # the member leaves: a former member in the history
    await owner.click(t("ws-btn-members"))
    await owner.click("P4602")
    await owner.click(t("ws-btn-remove"))
    await owner.click(t("ws-btn-remove-yes"))
    text = await open_history(viewer, lang, rid)
    assert "P4602" not in text
    assert text.splitlines()[-1].endswith(f" — {t('hist-former')}")
    assert t("hist-reassigned", to="Aigul") in text, "their records passed to the remover"


@pytest.mark.parametrize("lang", LANGS)
async def test_hand_over_is_in_the_history_and_the_trail_shares_the_transaction(
    dialog: DialogFactory, app: App, lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = Translator(lang)
    owner = person(dialog(user_id=4611, lang=lang), "Aigul")
    company = await new_company(owner, lang, "Acme")
    await joined(dialog, owner, lang, 4612, Role.ADMIN)
    await saved_permit(owner, lang, "Ali")
    rid = await the_record(app, company)
    await owner.click_data(RecCb(action=RecAction.OPEN, id=rid).pack())
    await owner.click(t("track-btn-details"))
    await owner.click(t("rsp-btn", name=t("hist-you")).split(":")[0])
    await owner.click("P4612")
    text = await open_history(owner, lang, rid)
    assert t("hist-reassigned", to="P4612") in text

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the history could not be written")

    monkeypatch.setattr(audit, "log", broken)
    await owner.click_data(RecCb(action=RecAction.OPEN, id=rid).pack())
    await owner.click(t("track-btn-rename"))
    await owner.send("Renamed")  # the handler fails: the generic error, nothing changed
    assert owner.text == t("error-generic")
    found = await records.get_in(app.db, company, rid)
    assert found is not None and found.label == "Ali", "no change without its history line"


async def test_another_workspaces_history_is_not_shown(dialog: DialogFactory, app: App) -> None:
    t = Translator("en")
    owner = dialog(user_id=4621, lang="en")
    company = await new_company(owner, "en", "Acme")
    await saved_permit(owner, "en", "Ali")
    rid = await the_record(app, company)
    stranger = dialog(user_id=4622, lang="en")
    await stranger.send("/status")
    query = await stranger.click_data(RecCb(action=RecAction.HISTORY, id=rid).pack())
    assert stranger.callback_text(query) == t("track-not-found")
    assert (await audit.history(app.db, company + 1000, rid))[1] == 0
