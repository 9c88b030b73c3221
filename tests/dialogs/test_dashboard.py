"""/status loses nothing: overdue duties by their real deadline, passed records kept, pages."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.clock import FrozenClock
from bot.db import records, users
from bot.records.planning import replan_record
from tests.conftest import DialogFactory

NINE = dt.time(4, 0, tzinfo=dt.UTC)  # 09:00 in Almaty


async def track(app: App, user_id: int, kind: str, day: dt.date, label: str) -> None:
    user = await users.get(app.db, user_id)
    assert user is not None
    record_id = await records.add(app.db, user_id, kind, day, app.clock.now(), label)
    record = await records.get(app.db, user_id, record_id)
    assert record is not None
    await replan_record(app.db, user, record, app.clock.now())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "🔴 1 December 2026 — ESUTD registration due · <b>overdue by 1 day</b>"),
        ("ru", "🔴 1 декабря 2026 — срок регистрации в ЕСУТД · <b>просрочено на 1 день</b>"),
        ("kk", "🔴 2026 жылғы 1 желтоқсан — ЕШЕБЖ-де тіркеу мерзімі · <b>1 күнге кешікті</b>"),
    ],
)
async def test_an_overdue_duty_shows_its_deadline_not_its_repeat(
    dialog: DialogFactory, app: App, clock: FrozenClock, lang: str, expected: str
) -> None:
    d = dialog(user_id=81, lang=lang)
    await d.send("/start")
    # Signed Tuesday 24 Nov 2026: ESUTD registration due Tuesday 1 December.
    await track(app, 81, "contract", dt.date(2026, 11, 24), "Contract A")
    for day in (30, 31):  # "tomorrow (1 December)", then "today (1 December)"
        clock.set(dt.datetime.combine(dt.date(2026, 11, 1), NINE) + dt.timedelta(days=day - 1))
        assert await app.engine.run_once() == 1
    clock.set(dt.datetime.combine(dt.date(2026, 12, 2), NINE))
    await d.send("/status")
    assert expected in d.text
    assert "8" in d.text.split(expected, 1)[1].split("\n", 1)[0], "the next repeat, secondary"
    assert "🟠" not in d.text


async def test_nothing_leaves_the_dashboard_and_long_lists_page(
    dialog: DialogFactory, app: App
) -> None:
    d = dialog(user_id=82, lang="en")
    await d.send("/start")
    for n in range(15):  # posted recently: filing days ahead
        await track(app, 82, "vacancy", dt.date(2026, 11, 20), f"Ahead {n:02d}")
    for n in range(8):  # posted months ago: every reminder has passed
        await track(app, 82, "vacancy", dt.date(2026, 6, 1), f"Passed {n:02d}")
    await d.send("/status")
    seen = [d.text]
    assert "…and 15 more" in d.text
    while any(label == "›" for label in d.buttons()):
        await d.click("›")
        seen.append(d.text)
    assert len(seen) == 3
    shown = "\n".join(seen)
    for name in [f"Ahead {n:02d}" for n in range(15)] + [f"Passed {n:02d}" for n in range(8)]:
        assert name in shown, f"{name} is missing from /status"
    assert shown.count("⚪") == 8, "the passed ones are marked"
    await d.click("‹")
    assert "Ahead 08" in d.text
