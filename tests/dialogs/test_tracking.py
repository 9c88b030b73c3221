from __future__ import annotations

import csv
import io
from typing import cast

import pytest

from bot.app import App
from bot.db import records, users
from bot.i18n import Translator
from bot.reminders import repo
from handlers.tracking import RecCb
from knowledge.l10n import Lang
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog

TRACK = {"ru": "Отслеживать", "kk": "Бақылау", "en": "Track this"}
PERMIT = {"ru": "Выдано разрешение", "kk": "Рұқсат берілді", "en": "Permit issued"}
SAVE = {"ru": "Сохранить", "kk": "Сақтау", "en": "Save"}


async def permit_result(d: Dialog, lang: str, start: str = "28.12.2025") -> None:
    """The calculator's permit dates, up to the result (before "Track this")."""
    await d.send("/deadlines")
    await d.click(PERMIT[lang])
    await d.click("2")  # category 2
    await d.click("12")  # 12 months
    await d.send(start)


async def compute_permit(d: Dialog, lang: str, start: str = "28.12.2025") -> None:
    await permit_result(d, lang, start)
    await d.click(TRACK[lang])


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_track_a_permit_then_see_it_on_the_dashboard(
    dialog: DialogFactory, app: App, lang: str
) -> None:
    d = dialog(user_id=61, lang=lang)
    await compute_permit(d, lang)
    await d.send("Айгерим <script>")  # echoed escaped
    assert "Айгерим &lt;script&gt;" in d.text
    # permit 28.12.2025–27.12.2026: the last safe renewal day is 27 November 2026
    assert any(
        day in d.text for day in ("2026 жылғы 27 қараша", "27 November 2026", "27 ноября 2026")
    )
    await d.click(SAVE[lang])
    stored = await records.for_user(app.db, 61)
    assert [(r.kind, r.route, r.term, r.label) for r in stored] == [
        ("permit", "cat2", "m12", "Айгерим <script>")
    ]
    reminders = await repo.upcoming(app.db, 61)
    assert {r.kind for r in reminders} >= {
        "renewal_last_day",
        "permit_expires_soon",
        "permit_expired",
    }
    await d.send("/status")
    assert "🔴" in d.text, "the renewal deadline is under 7 days away (today is 25 Nov 2026)"
    assert "Айгерим &lt;script&gt;" in d.text
    await d.click("Айгерим")
    assert "permit" in d.text or "разрешение" in d.text or "рұқсат" in d.text


async def test_dashboard_orders_by_urgency(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=62, lang="en")
    await compute_permit(d, "en", "01.03.2026")  # renewal opens in 2027: green
    await d.click("Skip")
    await d.click("Save")
    await compute_permit(d, "en", "28.12.2025")  # last renewal day 27 Nov 2026: red
    await d.send("Bob")
    await d.click("Save")
    await d.send("/status")
    lines = [line for line in d.text.splitlines() if line[:1] in "🔴🟠🟢"]
    assert lines[0].startswith("🔴") and "Bob" in lines[0]
    assert lines[-1].startswith("🟢")


async def test_records_are_private(dialog: DialogFactory, app: App) -> None:
    owner = dialog(user_id=63, lang="en")
    await compute_permit(owner, "en")
    await owner.send("Secret Worker")
    await owner.click("Save")
    record = (await records.for_user(app.db, 63))[0]
    reminder = (await repo.upcoming(app.db, 63))[0]
    thief = dialog(user_id=64, lang="en")
    await thief.send("/start")
    for data in (
        RecCb(action="open", id=record.id).pack(),
        RecCb(action="delete_yes", id=record.id).pack(),
        RecCb(action="done", id=record.id).pack(),
        f"r:done:{reminder.id}",
        f"r:open:{reminder.id}",
        f"r:s7:{reminder.id}",
        "rec:open:999999",
        "rec:open:-1",
        "rec:open:abc",
    ):
        query_id = await thief.click_data(data)
        assert "Secret" not in " ".join(thief.replies())
        assert thief.callback_text(query_id), f"{data} answered with a notice"
    assert await records.get(app.db, 63, record.id) is not None
    assert {r.status for r in await repo.upcoming(app.db, 63)} == {"pending"}


async def test_delete_record_and_stale_button(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=65, lang="en")
    await compute_permit(d, "en")
    await d.click("Skip")
    await d.click("Save")
    await d.click("Delete")
    await d.click("Yes, delete")
    assert await records.for_user(app.db, 65) == []
    assert await repo.upcoming(app.db, 65) == []
    query_id = await d.click_data(RecCb(action="open", id=1).pack())
    assert "not found" in (d.callback_text(query_id) or "")


async def test_label_validation_keeps_the_state(dialog: DialogFactory) -> None:
    d = dialog(user_id=66, lang="en")
    await compute_permit(d, "en")
    await d.send("x" * 65)
    assert "1–64" in d.text
    await d.send("Ok name")
    assert "Ok name" in d.text and "Save" in " ".join(d.buttons())


async def test_delete_my_data(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=67, lang="ru")
    other = dialog(user_id=68, lang="en")
    for who, lang in ((d, "ru"), (other, "en")):
        await compute_permit(who, lang)
        await who.click("Пропустить" if lang == "ru" else "Skip")
        await who.click(SAVE[lang])
    await d.send("/deletemydata")
    await d.click("Удалить все мои данные")
    assert "удалено" in d.text
    assert await users.get(app.db, 67) is None
    assert await records.for_user(app.db, 67) == [] and await repo.upcoming(app.db, 67) == []
    leftovers = await app.db.fetchall("SELECT key FROM fsm_state WHERE key LIKE '%:67:67:%'")
    assert leftovers == []
    assert await records.for_user(app.db, 68) != [], "another user's data is untouched"
    await d.send("/privacy")
    assert "ИИН" in d.text


async def test_reminder_buttons(dialog: DialogFactory, app: App) -> None:
    app.limiter.rate, app.limiter.chat_interval = 10_000.0, 0.0
    d = dialog(user_id=69, lang="en")
    await d.send("/deadlines")
    await d.click("Worker arrived")
    await d.send("today")  # 25 Nov 2026: notification due on the 30th
    await d.click(TRACK["en"])
    await d.send("Ali")
    await d.click("Save")
    app.clock.set(app.clock.now().replace(day=29))  # type: ignore[attr-defined]
    assert await app.engine.run_once() == 1
    assert "Ali" in d.last_message().text and "tomorrow" in d.last_message().text
    await d.click("1 week")
    snoozed = next(r for r in await repo.upcoming(app.db, 69) if r.kind == "arrival_due_soon")
    assert snoozed.status == "pending" and snoozed.send_at > int(app.clock.now().timestamp())
    await d.click("Open")
    assert "Ali" in d.last_message().text
    app.clock.set(app.clock.now().replace(day=30))  # type: ignore[attr-defined]
    await app.engine.run_once()
    await d.click("Done")
    statuses = {r.kind: r.status for r in await repo.upcoming(app.db, 69)}
    assert statuses == {}, "done closes the obligation and its follow-ups"


async def test_calendar_and_csv_exports(dialog: DialogFactory) -> None:
    import csv
    import datetime as dt
    import io

    from icalendar import Calendar

    d = dialog(user_id=70, lang="en")
    await d.send("/calendar")
    assert "Nothing is being tracked" in d.text
    await compute_permit(d, "en")
    await d.send("Dana, welder")
    await d.click("Save")
    await d.send("/calendar")
    name, data = d.last_message().document or ("", b"")
    assert name == "permitbot.ics"
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    # Tracked on 25 Nov 2026, inside the renewal window: "file now" today, then the last safe
    # day (27 Nov), the expiry warning and the expiry.
    assert len(events) == 4
    starts = sorted(event.decoded("dtstart") for event in events)
    assert starts[:2] == [dt.date(2026, 11, 25), dt.date(2026, 11, 27)]
    assert all(list(event.walk("VALARM")) for event in events), "an alarm for each"
    assert "Dana, welder" in str(events[0].get("summary"))
    await d.send("/export")
    name, data = d.last_message().document or ("", b"")
    assert data.startswith("\ufeff".encode()), "a BOM, so spreadsheet apps read UTF-8"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert name.endswith(".csv") and rows[0][:3] == ["Name", "Kind", "Date of the event"]
    assert rows[1][:7] == [
        "Dana, welder",
        "permit",
        "2025-12-28",
        "Category 2",
        "12 months",
        "2026-11-25",
        "recommended renewal day",
    ]


async def test_csv_export_in_russian_is_semicolon_separated_and_formula_safe(
    dialog: DialogFactory,
) -> None:
    import csv
    import io

    d = dialog(user_id=74, lang="ru")
    await compute_permit(d, "ru")
    await d.send('=HYPERLINK("http://x")')
    await d.click("Сохранить")
    await d.send("/export")
    _name, data = d.last_message().document or ("", b"")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Название", "Вид", "Дата события"]
    assert rows[1][0] == '\'=HYPERLINK("http://x")', "a formula stays text"
    assert rows[1][1:6] == ["разрешение", "28.12.2025", "2-я категория", "12 месяцев", "25.11.2026"]


async def test_track_command_starts_with_the_dates(dialog: DialogFactory) -> None:
    d = dialog(user_id=71, lang="kk")
    await d.send("/track")
    assert "Бақылау" in d.replies()[0]
    await d.click(PERMIT["kk"])  # the calculator's first step is on screen


async def test_rename_and_change_date_replans(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=72, lang="en")
    await compute_permit(d, "en")
    await d.click("Skip")
    await d.click("Save")
    await d.click("Rename")
    await d.send("<b>New</b> name")
    assert "&lt;b&gt;New&lt;/b&gt; name" in d.text
    await d.click("Change date")
    await d.send("31.02.2026")
    assert "does not exist" in d.text
    await d.send("01.06.2026")
    record = (await records.for_user(app.db, 72))[0]
    assert record.event_date.isoformat() == "2026-06-01" and record.label == "<b>New</b> name"
    kinds = {r.kind: r.due_date.isoformat() for r in await repo.upcoming(app.db, 72)}
    assert kinds["permit_expired"] == "2027-06-01", "re-planned from the new date"


DETAILS = {"ru": "Подробности", "kk": "Толығырақ", "en": "Details"}
END_BUTTON = {"ru": "Дата окончания", "kk": "аяқталу күні", "en": "End date"}
PRINTED = {"ru": "как в разрешении", "kk": "рұқсатта көрсетілгендей", "en": "as printed"}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_permit_details_change_the_reminders(
    dialog: DialogFactory, app: App, lang: str
) -> None:
    d = dialog(user_id=73, lang=lang)
    await compute_permit(d, lang, "01.03.2026")  # cat 2, 12 months: ends 28.02.2027
    await d.send("Ali")
    await d.click(SAVE[lang])
    await d.click(DETAILS[lang])
    await d.click("3")  # three renewals used: no more allowed for category 2
    kinds = {r.kind: r.due_date.isoformat() for r in await repo.upcoming(app.db, 73)}
    assert "renewal_last_day" not in kinds and kinds["plan_replacement"] == "2026-12-15"
    await d.click(DETAILS[lang])
    await d.click(END_BUTTON[lang])
    await d.send("31.02.2027")  # impossible date: asked again, the calendar behind a button
    assert "31.02.2027" not in d.text
    assert len(d.buttons()) == 3 and not any(label.isdigit() for label in d.buttons())
    await d.send("01.03.2025")  # before the start
    assert "2025" not in d.text and "2027" not in d.text, "a hint, not a saved date"
    await d.send("20.02.2027")
    assert PRINTED[lang] in d.text
    kinds = {r.kind: r.due_date.isoformat() for r in await repo.upcoming(app.db, 73)}
    assert kinds["permit_expired"] == "2027-02-21"


async def test_region_and_number_are_limited_and_escaped(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=74, lang="en")
    await compute_permit(d, "en")
    await d.click("Skip")
    await d.click("Save")
    await d.click("Details")
    await d.click("Permit number")
    await d.send("x" * 41)
    assert "1–40" in d.text
    await d.send("<i>KZ-1</i>")
    assert "Permit number: &lt;i&gt;KZ-1&lt;/i&gt;" in d.text
    await d.click("Details")
    await d.click("Region")
    await d.click("Back")  # leaves the question without changing anything
    await d.send("Astana")  # plain text again, not a region
    rows = await app.db.fetchall("SELECT region, ref FROM records WHERE user_id = 74")
    assert [(row["region"], row["ref"]) for row in rows] == [("", "<i>KZ-1</i>")]


async def test_vacancy_stage_stops_and_restores_the_nudge(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=75, lang="en")
    await d.send("/deadlines")
    await d.click("Vacancy posted")
    await d.send("today")
    await d.click(TRACK["en"])
    await d.send("Welder")
    await d.click("Save")
    assert {r.kind for r in await repo.upcoming(app.db, 75)} == {
        "vacancy_can_file",
        "vacancy_nudge",
    }
    await d.click("Details")
    await d.click("Filed")
    assert "application filed" in d.text
    assert await repo.upcoming(app.db, 75) == []
    await d.click("Details")
    await d.click("Open")
    assert len(await repo.upcoming(app.db, 75)) == 2
    await d.send("/export")
    _name, data = d.last_message().document or ("", b"")
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert dict(zip(header, row, strict=True))["Vacancy stage"] == "Open"
    assert dict(zip(header, row, strict=True))["Kind"] == "vacancy"


async def test_confirm_step_shows_the_computation_and_its_sources(dialog: DialogFactory) -> None:
    d = dialog(user_id=76, lang="en")
    await compute_permit(d, "en")
    await d.click("Skip")
    trace = [line for line in d.text.splitlines() if line.startswith("· ")]
    assert trace and any("27 December 2026" in line for line in trace), d.text
    assert "Sources: <a href=" in d.text


async def test_snoozing_a_done_reminder_says_so(dialog: DialogFactory, app: App) -> None:
    app.limiter.rate, app.limiter.chat_interval = 10_000.0, 0.0
    d = dialog(user_id=73, lang="en")
    await d.send("/deadlines")
    await d.click("Worker arrived")
    await d.send("today")
    await d.click(TRACK["en"])
    await d.send("Zara")
    await d.click("Save")
    app.clock.set(app.clock.now().replace(day=29))  # type: ignore[attr-defined]
    await app.engine.run_once()
    await d.click("Done")
    row = await app.db.fetchone(
        "SELECT id FROM reminders WHERE user_id = 73 AND status = 'done' ORDER BY id LIMIT 1"
    )
    assert row is not None
    query_id = await d.click_data(f"r:s1:{row['id']}")  # the old message's Snooze button
    assert "no longer exists" in (d.callback_text(query_id) or "")


@pytest.mark.parametrize(("lang", "official"), [("ru", "Правила"), ("kk", "Қағидалар")])
async def test_the_confirmation_names_its_sources_in_the_users_language(
    dialog: DialogFactory, lang: str, official: str
) -> None:
    """The "Track this" confirmation listed "The Rules (official text)" in English (and linked
    the Russian page for a Kazakh user): every source line takes the user's language."""
    d = dialog(user_id=62, lang=lang)
    await compute_permit(d, lang)
    await d.send("Айгерим")
    assert f"{official} (" in d.text and "The Rules" not in d.text
    assert ("/kaz/docs/" in d.text) == (lang == "kk")


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_the_rename_prompt_offers_no_skip_it_lacks(dialog: DialogFactory, lang: str) -> None:
    """Renaming a saved record said "Or press Skip" (and again after a too-long name) under a
    keyboard with only Cancel: a prompt names only the buttons it has."""
    d = dialog(user_id=73, lang=lang)
    skip = Translator(cast(Lang, lang))("track-btn-skip")
    await compute_permit(d, lang)
    assert skip in d.text and any(skip in label for label in d.buttons()), "new: Skip is there"
    await d.click(skip)
    await d.click(SAVE[lang])
    await d.click("✏️")
    assert skip not in d.text and not any(skip in label for label in d.buttons())
    await d.send("y" * 200)
    assert skip not in d.text and not any(skip in label for label in d.buttons())
    await d.send("Айгерим")
    assert "Айгерим" in d.text


async def test_one_is_singular_in_english(dialog: DialogFactory) -> None:
    """/export said "📄 1 records." (and /calendar "1 upcoming deadlines"): a count of one takes
    the singular, in these and in the offline summary and the ratio's "more workers" line."""
    d = dialog(user_id=74, lang="en")
    await d.send("/deadlines")
    await d.click("Employment ended")
    await d.send("20.11.2026")
    await d.click("Track this")
    await d.click("Skip")
    await d.click("Save")
    assert "Reminders planned: 1" in d.text
    await d.send("/export")
    await d.send("/calendar")
    captions = [getattr(m, "caption", "") for m in d.session.requests[-6:]]
    assert any(c and c.split("\n")[0] == "📄 1 record." for c in captions), captions
    assert any(c and c.startswith("📅 1 upcoming deadline,") for c in captions), captions
    t = Translator("en")
    assert "1 reminder older" in t("rem-summary", count=1)
    assert "1 more foreign worker in" in t("elig-ratio-more", count=1, group="1–2")
    assert "2 more foreign workers in" in t("elig-ratio-more", count=2, group="1–2")


@pytest.mark.parametrize(
    ("lang", "ministry"), [("ru", "Минтруд РК"), ("kk", "ҚР Еңбек министрлігі"), ("en", "Ministry")]
)
async def test_publishers_are_named_in_the_users_language(
    dialog: DialogFactory, lang: str, ministry: str
) -> None:
    """A Kazakh permit result listed "Қағидалар (ресми мәтін), Ministry of Labour, EY": a
    publisher with a name in the user's language is named so (brands such as EY stay)."""
    d = dialog(user_id=75, lang=lang)
    await d.send("/deadlines")
    await d.click(PERMIT[lang])
    await d.click("2")
    await d.click("12")
    await d.send("28.12.2025")
    assert f">{ministry}" in d.text
    assert (">Ministry of Labour<" in d.text) == (lang == "en")
