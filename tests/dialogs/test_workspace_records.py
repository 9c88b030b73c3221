"""Records follow the current workspace (ru, kk, en): colleagues see the company's records, each
role may do what it may, a forged or old button naming a record of another workspace changes
nothing and says so, and a personal record stays personal."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.db import records, workspaces
from bot.i18n import Translator
from bot.reminders import repo as reminders_repo
from handlers.fees import FeeAction, FeeCb
from handlers.tracking.callbacks import RecAction, RecCb, RespCb
from handlers.workspace.callbacks import OwnAction, OwnCb, TransferCb
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking import permit_result
from tests.dialogs.test_tracking_escape import saved_permit
from tests.dialogs.test_workspaces import invite, new_company, person, role_of
from tests.support.dialog import Dialog
from tests.support.teams import personal

LANGS: list[Lang] = ["ru", "kk", "en"]


async def joined(dialog: DialogFactory, owner: Dialog, lang: Lang, uid: int, role: Role) -> Dialog:
    d = person(dialog(user_id=uid, lang=lang), f"P{uid}")
    await d.send(f"/start {await invite(owner, lang, role)}")
    return d


async def the_record(app: App, workspace_id: int) -> int:
    found = await records.for_workspace(app.db, workspace_id)
    assert len(found) == 1
    return found[0].id


@pytest.mark.parametrize("lang", LANGS)
async def test_colleagues_share_the_company_records_by_role(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=701, lang=lang)
    await saved_permit(owner, lang, "Personal one")  # before the company: stays personal
    company = await new_company(owner, lang, "Omega")
    member = await joined(dialog, owner, lang, 702, Role.MEMBER)
    viewer = await joined(dialog, owner, lang, 703, Role.VIEWER)

    await saved_permit(member, lang, "Ali")  # the member tracks into the company
    assert t("ws-saved-in", name="Omega") in member.text, "says which company has it"
    record_id = await the_record(app, company)
    assert [r.label for r in await records.for_workspace(app.db, await personal(app.db, 701))] == [
        "Personal one"
    ]
    for d in (owner, viewer):
        await d.send("/status")
        assert "Ali" in d.text and "Personal one" not in d.text

    rename = RecCb(action=RecAction.RENAME, id=record_id).pack()
    delete = RecCb(action=RecAction.DELETE_YES, id=record_id).pack()
    for data in (rename, delete, RecCb(action=RecAction.DONE, id=record_id).pack()):
        query = await viewer.click_data(data)
        assert viewer.callback_text(query) == t("ws-denied"), data
    query = await viewer.click_data(RecCb(action=RecAction.OPEN, id=record_id).pack())
    assert viewer.callback_text(query) != t("ws-denied") and "Ali" in viewer.text, "reads"
    await permit_result(owner, lang)  # "Track this" is not offered to a viewer: an old button
    track = next(data for label, data in owner.last_message().buttons() if "🔔" in label)
    query = await viewer.click_data(track)
    assert viewer.callback_text(query) == t("ws-denied"), "a viewer is told at once, not asked"
    assert len(await records.for_workspace(app.db, company)) == 1
    await viewer.send("/fees")
    query = await viewer.click_data(FeeCb(action=FeeAction.NOTICE).pack())
    assert viewer.callback_text(query) == t("ws-denied"), "no fee notice to record"

    await owner.click_data(rename)  # the owner renames the member's record
    await owner.send("Ali B.")
    stored = await records.get_in(app.db, company, record_id)
    assert stored is not None and stored.label == "Ali B." and stored.user_id == 702, (
        "the creator stays responsible"
    )


@pytest.mark.parametrize("lang", LANGS)
async def test_forged_and_old_record_buttons_of_another_workspace_change_nothing(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=711, lang=lang)
    company = await new_company(owner, lang, "Sigma")
    member = await joined(dialog, owner, lang, 712, Role.MEMBER)
    await saved_permit(owner, lang, "Dana")
    record_id = await the_record(app, company)

    outsider = dialog(user_id=713, lang=lang)  # never a member: forges the company's record id
    await outsider.send("/start")
    for action in (RecAction.OPEN, RecAction.RENAME, RecAction.DELETE_YES, RecAction.DONE):
        query = await outsider.click_data(RecCb(action=action, id=record_id).pack())
        assert outsider.callback_text(query) == t("track-not-found"), action

    await member.send("/status")
    old = member.last_message()  # the member's /status, with the record's button
    await owner.send("/workspace")
    await owner.click(t("ws-btn-members"))
    await owner.click("P712")
    await owner.click(t("ws-btn-remove"))
    await owner.click(t("ws-btn-remove-yes"))
    data = next(data for label, data in old.buttons() if "Dana" in label)
    query = await member.click_data(data, old)
    assert member.callback_text(query) == t("track-not-found"), "removed: the old button is dead"
    query = await member.click_data(RecCb(action=RecAction.DELETE_YES, id=record_id).pack())
    assert member.callback_text(query) == t("track-not-found")
    stored = await records.get_in(app.db, company, record_id)
    assert stored is not None and stored.label == "Dana" and stored.status == "open"
    assert (await workspaces.current(app.db, 712, member.now)).workspace.kind == "personal"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_removed_members_records_and_reminders_pass_to_the_remover(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=721, lang=lang)
    company = await new_company(owner, lang, "Tau")
    member = await joined(dialog, owner, lang, 722, Role.MEMBER)
    await saved_permit(member, lang, "Erlan")
    record_id = await the_record(app, company)
    planned = await reminders_repo.upcoming(app.db, 722)
    assert planned and {r.record_id for r in planned} == {record_id}
    assert await reminders_repo.upcoming(app.db, 721) == []

    await owner.send("/workspace")
    await owner.click(t("ws-btn-members"))
    await owner.click("P722")
    await owner.click(t("ws-btn-remove"))
    await owner.click(t("ws-btn-remove-yes"))
    assert t("ws-records-moved", count=1) in owner.text
    assert await reminders_repo.upcoming(app.db, 722) == [], "the removed member hears no more"
    moved = await reminders_repo.upcoming(app.db, 721)
    assert {r.kind for r in moved} == {r.kind for r in planned}
    stored = await records.get_in(app.db, company, record_id)
    assert stored is not None and stored.user_id == 721 and stored.label == "Erlan"


@pytest.mark.parametrize("lang", LANGS)
async def test_only_the_owner_transfers_and_deletes_the_workspace(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = dialog(user_id=731, lang=lang)
    company = await new_company(owner, lang, "Upsilon")
    admin = await joined(dialog, owner, lang, 732, Role.ADMIN)
    await saved_permit(admin, lang, "Zhanna")
    delete = OwnCb(action=OwnAction.DELETE_YES, ws=company).pack()
    for data in (delete, TransferCb(ws=company, user=732, sure=True).pack()):
        query = await admin.click_data(data)  # an admin is not the owner
        assert admin.callback_text(query) == t("ws-denied"), data
    assert await records.for_workspace(app.db, company) != []

    await owner.send("/workspace")
    await owner.click(t("ws-btn-transfer"))
    await owner.click("P732")
    await owner.click(t("ws-btn-transfer-yes"))
    assert t("ws-transferred", member="P732", name="Upsilon") in owner.text
    assert t("ws-btn-delete") not in owner.buttons(), "the old owner is an admin now"
    assert await role_of(app, company, 731) == Role.ADMIN
    assert await role_of(app, company, 732) == Role.OWNER
    query = await owner.click_data(delete)
    assert owner.callback_text(query) == t("ws-denied")

    await admin.send("/workspace")  # the new owner deletes it
    await admin.click(t("ws-btn-delete"))
    assert t("ws-delete-confirm", name="Upsilon", count=1) == admin.text
    await admin.click(t("ws-btn-delete-yes"))
    assert t("ws-deleted", name="Upsilon") in admin.text
    assert await records.for_workspace(app.db, company) == []
    assert await reminders_repo.upcoming(app.db, 732) == [], "its reminders went with it"
    for uid in (731, 732):
        now = await workspaces.current(app.db, uid, admin.now)
        assert now.workspace.kind == "personal", uid
    await owner.send("/status")
    assert "Zhanna" not in owner.text


@pytest.mark.parametrize("lang", LANGS)
async def test_the_responsible_member_gets_the_reminders(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    owner = person(dialog(user_id=741, lang=lang), "Aigul")
    await saved_permit(owner, lang, "Mine")
    await owner.click(t("track-btn-details"))
    assert not any("👤" in label for label in owner.buttons()), "a personal record has no row"
    company = await new_company(owner, lang, "Phi")
    member = await joined(dialog, owner, lang, 742, Role.MEMBER)
    viewer = await joined(dialog, owner, lang, 743, Role.VIEWER)
    await saved_permit(owner, lang, "Nurlan")
    record_id = await the_record(app, company)
    kinds = {r.kind for r in await reminders_repo.upcoming(app.db, 741) if r.record_id == record_id}
    assert kinds

    await owner.click(t("track-btn-details"))
    await owner.click(t("rsp-btn", name="Aigul"))
    assert "P742" in " ".join(owner.buttons()) and "P743" not in " ".join(owner.buttons()), (
        "only those who may change records"
    )
    await owner.click("P742")
    assert t("rsp-set", name="P742") in owner.text
    moved = {r.kind for r in await reminders_repo.upcoming(app.db, 742) if r.record_id == record_id}
    assert moved == kinds
    assert not [r for r in await reminders_repo.upcoming(app.db, 741) if r.record_id == record_id]

    outsider = dialog(user_id=744, lang=lang)
    await outsider.send("/start")
    for d in (viewer, outsider):  # a viewer, and someone of no workspace here, forge the button
        query = await d.click_data(RespCb(ws=company, id=record_id, user=d.user.id).pack())
        assert d.callback_text(query) == t("ws-denied")
    stored = await records.get_in(app.db, company, record_id)
    assert stored is not None and stored.user_id == 742
    query = await member.click_data(RespCb(ws=company, id=record_id, user=743).pack())
    assert member.callback_text(query) == t("ws-member-gone"), "a viewer cannot be responsible"


async def erase_my_data(d: Dialog, lang: Lang) -> None:
    t = Translator(lang)
    await d.send("/deletemydata")
    assert t("ws-privacy") in d.text, "the confirmation says company records stay"
    await d.click(t("privacy-btn-erase"))
    assert d.text == t("privacy-erased")


@pytest.mark.parametrize("lang", LANGS)
async def test_deleting_my_data_leaves_the_company_its_records(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    owner = dialog(user_id=751, lang=lang)
    company = await new_company(owner, lang, "Chi")
    admin = await joined(dialog, owner, lang, 752, Role.ADMIN)
    member = await joined(dialog, owner, lang, 753, Role.MEMBER)
    await saved_permit(member, lang, "Asel")
    record_id = await the_record(app, company)

    await erase_my_data(member, lang)
    stored = await records.get_in(app.db, company, record_id)
    assert stored is not None and stored.user_id == 751, "the owner is responsible now"
    assert await reminders_repo.upcoming(app.db, 751), "with its reminders"

    await erase_my_data(owner, lang)
    assert await role_of(app, company, 752) == Role.OWNER, "ownership passed to the admin"
    stored = await records.get_in(app.db, company, record_id)
    assert stored is not None and stored.user_id == 752 and stored.label == "Asel"

    await erase_my_data(admin, lang)  # the last one: the company goes with them
    assert await workspaces.get(app.db, company) is None
    assert await records.get_in(app.db, company, record_id) is None
