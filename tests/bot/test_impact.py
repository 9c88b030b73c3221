"""A release changes a rule: the affected user hears once what moved; nobody else hears anything.

The test copies the rules data, changes the ESUTD registration term from 5 to 7 working days and
starts the app on the copy over the same database.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.db import records, users
from bot.local_session import LocalSession
from bot.records.planning import replan_record
from knowledge import deadlines as dl
from knowledge.l10n import Lang, format_date
from knowledge.loader import DATA_DIR, load_knowledge, use_data_dir

SIGNED = dt.date(2026, 11, 18)  # a Wednesday: 5 working days → 25 Nov, 7 → 27 Nov
DAY1 = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)  # 10:00 in Almaty
DAY2 = dt.datetime(2026, 11, 25, 5, 0, tzinfo=dt.UTC)
AFFECTED, UNAFFECTED = 501, 502
FACT = "obligation.esutd.register"
TITLES = {"en": "A rule changed", "ru": "Изменилось правило", "kk": "Ереже өзгерді"}


@pytest.fixture(autouse=True)
def package_rules_after() -> Iterator[None]:
    yield
    use_data_dir(None)  # the next test reads the package's rules again


def seven_days(tmp_path: Path) -> Path:
    """A copy of the rules with the ESUTD term at 7 working days (value and wording)."""
    copy = tmp_path / "rules"
    shutil.copytree(DATA_DIR, copy)
    facts = copy / "facts.toml"
    text = facts.read_text(encoding="utf-8")
    head, block = text.split(f'id = "{FACT}"', 1)
    block, tail = block.split("[[fact]]", 1)
    block = block.replace("value = 5", "value = 7").replace("5 working days", "7 working days")
    facts.write_text(f'{head}id = "{FACT}"{block}[[fact]]{tail}', encoding="utf-8")
    return copy


async def start(tmp_path: Path, now: dt.datetime, rules: Path | None = None) -> App:
    settings = Settings(
        _env_file=None, data_dir=tmp_path / "db", bot_token=None, knowledge_dir=rules
    )
    app = await create_app(settings, session=LocalSession(), clock=FrozenClock(now))
    app.limiter.rate, app.limiter.chat_interval = 10_000.0, 0.0
    await app.dp.emit_startup(bot=app.bot, **app.dp.workflow_data)
    return app


async def stop(app: App) -> None:
    await app.dp.emit_shutdown(bot=app.bot, **app.dp.workflow_data)


def texts(app: App, chat: int) -> list[str]:
    assert isinstance(app.bot.session, LocalSession)
    return [m.text or "" for m in app.bot.session.chat(chat)]


async def sent_rows(app: App) -> list[tuple[int, str, str]]:
    rows = await app.db.fetchall(
        "SELECT user_id, kind, due_date FROM reminders WHERE status = 'sent' ORDER BY id"
    )
    return [(row["user_id"], row["kind"], row["due_date"]) for row in rows]


async def track(app: App, user_id: int, lang: str, kind: str, day: dt.date, label: str) -> None:
    user = await users.seen(app.db, user_id, user_id, lang, "Asia/Almaty", app.clock.now())
    record_id = await records.add(app.db, user_id, kind, day, app.clock.now(), label=label)
    record = await records.get(app.db, user_id, record_id)
    assert record is not None
    await replan_record(app.db, user, record, app.clock.now())


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
async def test_a_changed_term_tells_the_affected_user_once(tmp_path: Path, lang: Lang) -> None:
    old_due = dl.esutd_registration(SIGNED).dates["due"]
    first = await start(tmp_path, DAY1)
    await track(first, AFFECTED, lang, "contract", SIGNED, "Ali <b>")
    await track(first, UNAFFECTED, lang, "vacancy", dt.date(2026, 11, 20), "welder")
    await first.engine.run_once()  # "registration is due tomorrow" goes out on 24 Nov
    before = await sent_rows(first)
    assert (AFFECTED, "contract_due_soon", "2026-11-24") in before
    await stop(first)

    rules = seven_days(tmp_path)
    second = await start(tmp_path, DAY2, rules)
    new_due = dl.esutd_registration(SIGNED).dates["due"]
    assert (old_due, new_due) == (dt.date(2026, 11, 25), dt.date(2026, 11, 27))
    await second.deliver_alerts()
    await second.engine.run_once()
    alerts = [text for text in texts(second, AFFECTED) if TITLES[lang] in text]
    assert len(alerts) == 1
    alert = alerts[0]
    assert f"{format_date(old_due, lang)} → <b>{format_date(new_due, lang)}</b>" in alert
    assert "Ali &lt;b&gt;" in alert
    fact = load_knowledge().fact(FACT)
    assert fact.text.get(lang) in alert and fact.sources[0] in alert
    assert ": http" not in alert, "the source is a link named for its publisher, not an address"
    assert texts(second, UNAFFECTED) == []
    # Nothing already sent goes again: no message but the alert, the sent row kept as it was.
    assert texts(second, AFFECTED) == alerts
    assert await sent_rows(second) == before
    pending = await second.db.fetchall(
        "SELECT kind, due_date FROM reminders WHERE user_id = ? AND status = 'pending'",
        (AFFECTED,),
    )
    assert {(row["kind"], row["due_date"]) for row in pending} == {
        ("contract_due_soon", "2026-11-26"),
        ("contract_due", "2026-11-27"),
    }
    await stop(second)

    third = await start(tmp_path, DAY2 + dt.timedelta(hours=1), rules)
    assert await third.deliver_alerts() == 0
    assert texts(third, AFFECTED) == texts(third, UNAFFECTED) == []
    await stop(third)


async def test_a_reworded_fact_moves_no_date_and_sends_nothing(tmp_path: Path) -> None:
    first = await start(tmp_path, DAY1)
    await track(first, AFFECTED, "en", "contract", SIGNED, "Ali")
    await stop(first)
    copy = tmp_path / "rules"
    shutil.copytree(DATA_DIR, copy)
    facts = copy / "facts.toml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("within 5 working days", "in 5 working days"), encoding="utf-8")
    second = await start(tmp_path, DAY2, copy)
    assert await second.deliver_alerts() == 0
    assert not any(TITLES["en"] in text for text in texts(second, AFFECTED))
    await stop(second)


async def test_a_record_the_new_rules_no_longer_fit_does_not_stop_the_start(
    tmp_path: Path,
) -> None:
    first = await start(tmp_path, DAY1)
    await track(first, AFFECTED, "en", "contract", SIGNED, "Ali")
    user = await users.seen(first.db, 503, 503, "en", "Asia/Almaty", first.clock.now())
    record_id = await records.add(
        first.db, 503, "permit", dt.date(2026, 3, 1), first.clock.now(), "Bo", "cat2", "m12"
    )
    record = await records.get(first.db, 503, record_id)
    assert record is not None
    await replan_record(first.db, user, record, first.clock.now())
    await stop(first)
    rules = seven_days(tmp_path)
    routes = rules / "routes.toml"
    text = routes.read_text(encoding="utf-8")
    head, tail = text.split('id = "cat2"', 1)
    tail = tail.replace("term_months = [12]", "term_months = [24]", 1)
    routes.write_text(f'{head}id = "cat2"{tail}', encoding="utf-8")
    second = await start(tmp_path, DAY2, rules)  # the category 2 record cannot be re-planned
    await second.deliver_alerts()
    assert len([t for t in texts(second, AFFECTED) if TITLES["en"] in t]) == 1
    assert texts(second, 503) == []
    await stop(second)
