"""The combined dashboard (ru, kk, en), issue 14's "done means": two companies with three members
each and a consultant in both. The consultant sees both companies' urgent items in one view, each
under its company's name (nothing that is not urgent, nothing of a workspace they are not in),
switches to one company with a button, and loses a company from the view once removed from it;
a forged switch to a workspace they are not in changes nothing. Someone in one workspace only is
not offered the combined view."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.db import records, users, workspaces
from bot.i18n import Translator
from bot.records.planning import replan_record
from handlers.dashboard import AllCb, OpenWsCb
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_workspace_records import joined
from tests.dialogs.test_workspaces import invite, new_company, person
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]


async def planned(app: App, owner: int, workspace: int, kind: str, day: dt.date, label: str) -> int:
    """A record with its reminders, as Save makes it."""
    now = app.clock.now()
    route, term = ("cat2", "m12") if kind == "permit" else ("", "")
    rid = await records.add(
        app.db, owner, kind, day, now, label, route, term, workspace_id=workspace
    )
    user = await users.get(app.db, owner)
    record = await records.get(app.db, owner, rid)
    assert user is not None and record is not None
    await replan_record(app.db, user, record, now)
    return rid


async def company_of_three(
    dialog: DialogFactory, lang: Lang, base: int, name: str
) -> tuple[Dialog, int]:
    owner = person(dialog(user_id=base, lang=lang), f"Owner{base}")
    company = await new_company(owner, lang, name)
    await joined(dialog, owner, lang, base + 1, Role.MEMBER)
    await joined(dialog, owner, lang, base + 2, Role.VIEWER)
    return owner, company


@pytest.mark.parametrize("lang", LANGS)
async def test_a_consultant_sees_both_companies_urgent_items_and_switches(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    acme_owner, acme = await company_of_three(dialog, lang, 4700, "Acme & Sons")
    beta_owner, beta = await company_of_three(dialog, lang, 4710, "Beta")
    consultant = person(dialog(user_id=4720, lang=lang), "Consultant")
    await consultant.send(f"/start {await invite(acme_owner, lang, Role.MEMBER)}")
    await consultant.send(f"/start {await invite(beta_owner, lang, Role.ADMIN)}")
    today = app.clock.today("Asia/Almaty")
    await planned(app, 4701, acme, "arrival", today - dt.timedelta(days=30), "Overdue Ali")
    await planned(app, 4700, acme, "permit", today, "Far Permit")  # next date months away
    await planned(app, 4711, beta, "arrival", today, "Soon Bolat")
    _, outsider = await company_of_three(dialog, lang, 4730, "Gamma")
    await planned(app, 4730, outsider, "arrival", today, "Not Theirs")

    await consultant.send("/status")  # Beta is current (joined last)
    assert "Soon Bolat" in consultant.text and "Overdue Ali" not in consultant.text
    await consultant.click(t("status-btn-all"))
    text = consultant.text
    assert text.splitlines()[0] == t("status-all-title", count=3)
    assert "Acme &amp; Sons" in text, "a typed name is escaped"
    assert text.index("Acme &amp; Sons") < text.index("Overdue Ali") < text.index("Beta")
    assert text.index("Beta") < text.index("Soon Bolat"), "overdue company first"
    assert "Far Permit" not in text and "Not Theirs" not in text and "Gamma" not in text
    assert text.splitlines()[-1] == t("status-all-calm", names=t("ws-personal"))
    assert consultant.buttons() == ["→ Acme & Sons (1)", "→ Beta (1)", t("menu-main")]

    await consultant.click("→ Acme & Sons (1)")  # switch: Acme's /status
    now = await workspaces.current(app.db, 4720, consultant.now)
    assert now.workspace.id == acme
    assert "Overdue Ali" in consultant.text and "Far Permit" in consultant.text

    query = await consultant.click_data(OpenWsCb(ws=outsider).pack())  # forged: not theirs
    assert consultant.callback_text(query) == t("ws-denied")
    assert (await workspaces.current(app.db, 4720, consultant.now)).workspace.id == acme

    await acme_owner.send("/workspace")  # removed from Acme: gone from the combined view
    await acme_owner.click(t("ws-btn-members"))
    await acme_owner.click("Consultant")
    await acme_owner.click(t("ws-btn-remove"))
    await acme_owner.click(t("ws-btn-remove-yes"))
    await consultant.click_data(AllCb().pack())
    assert "Acme" not in consultant.text and "Soon Bolat" in consultant.text
    assert consultant.text.splitlines()[0] == t("status-all-title", count=2)


@pytest.mark.parametrize("lang", LANGS)
async def test_one_workspace_only_gets_no_combined_view(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=4740, lang=lang)
    await d.send("/status")
    assert t("status-btn-all") not in d.buttons()
    await new_company(d, lang, "Solo")
    await d.send("/status")
    assert t("status-btn-all") in d.buttons(), "personal + company: two workspaces"


async def test_the_combined_view_stays_on_a_phone(dialog: DialogFactory, app: App) -> None:
    """Twelve companies with many urgent items each: within the budget (the conftest checks
    it), three lines a company, the rest counted and the companies left out named by count."""
    t = Translator("ru")
    consultant = dialog(user_id=4750, lang="ru")
    today = app.clock.today("Asia/Almaty")
    for n in range(12):
        owner = dialog(user_id=4760 + n, lang="ru")
        company = await new_company(owner, "ru", f"Компания номер {n} с длинным названием")
        await consultant.send(f"/start {await invite(owner, 'ru', Role.VIEWER)}")
        for k in range(6):
            day = today - dt.timedelta(days=20 + k)
            await planned(app, 4760 + n, company, "arrival", day, f"Работник {n}-{k} " + "х" * 40)
    await consultant.send("/status")
    await consultant.click(t("status-btn-all"))
    assert len(consultant.text) <= 1500
    assert t("status-more", count=3) in consultant.text
    shown = len(consultant.buttons()) - 1
    assert 1 <= shown < 12
    assert t("status-all-more", count=12 - shown).splitlines()[0] in consultant.text
