"""Issue 10 part 5 and issue 11's double presses, each reproduced first: two quick messages of
one user, double taps, a failing handler, forged ids beyond what SQLite stores."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import CallbackQuery

from bot.app import App
from bot.db import records
from bot.i18n import Translator
from bot.local_session import LocalSession
from handlers.callbacks import MenuCb
from handlers.deadlines import DlCb
from handlers.deadlines import flow as deadlines
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog

BIG = 2**63  # one past SQLite's INTEGER: the driver raised OverflowError


def session_of(app: App) -> LocalSession:
    assert isinstance(app.bot.session, LocalSession)
    return app.bot.session


async def state_of(app: App, d: Dialog) -> str | None:
    key = StorageKey(bot_id=app.bot.id, chat_id=d.chat.id, user_id=d.user.id)
    return await app.dp.storage.get_state(key)


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_two_quick_messages_do_not_break_the_calculator(
    dialog: DialogFactory, app: App, caplog: pytest.LogCaptureFixture
) -> None:
    d = dialog(user_id=301, lang="en")
    for _ in range(3):  # each round races a typed date with /deadlines
        await d.send("/deadlines")
        await d.click("Worker arrived")
        await asyncio.gather(d.send("9/1/2025"), d.send("/deadlines"))
        await d.click("Worker arrived")
        await d.send("01.09.2025")
        assert d.text.startswith("<b>Deadlines</b>"), d.text
    assert errors(caplog) == []
    assert session_of(app).api_errors == []


async def test_double_tap_of_a_menu_button_makes_no_edit_request(
    dialog: DialogFactory, app: App
) -> None:
    d = dialog(user_id=302, lang="ru")
    await d.send("/start")
    menu = d.last_message()
    await d.click_data(MenuCb(action="deadlines").pack(), menu)
    edits = [m for m in d.session.requests[d._mark :] if isinstance(m, EditMessageText)]
    assert len(edits) == 1  # the first tap edits the menu into the question
    await d.click_data(MenuCb(action="deadlines").pack(), d.last_message())
    assert not [m for m in d.session.requests[d._mark :] if isinstance(m, EditMessageText)]
    assert session_of(app).api_errors == []


async def test_two_taps_at_once_make_one_edit(dialog: DialogFactory, app: App) -> None:
    # Both queries carry the menu as it was before the first tap's edit.
    d = dialog(user_id=303, lang="kk")
    await d.send("/start")
    menu = d.last_message()
    mark = len(d.session.requests)
    data = MenuCb(action="deadlines").pack()
    await asyncio.gather(d.click_data(data, menu), d.click_data(data, menu))
    edits = [m for m in d.session.requests[mark:] if isinstance(m, EditMessageText)]
    assert len(edits) == 1
    assert session_of(app).api_errors == []


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_failing_button_handler_answers_once_with_the_alert_in_the_users_language(
    dialog: DialogFactory,
    app: App,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    d = dialog(user_id=304, lang=lang)
    await d.send("/deadlines")

    async def broken(*_args: object) -> None:
        raise RuntimeError("a bug in a handler")

    monkeypatch.setattr(deadlines, "ask_date", broken)
    query_id = await d.click_data(DlCb(step="event", v="arrival").pack())
    answers = [
        m
        for m in d.session.requests[d._mark :]
        if isinstance(m, AnswerCallbackQuery) and m.callback_query_id == query_id
    ]
    assert len(answers) == 1
    assert answers[0].text == Translator(lang)("error-generic")  # type: ignore[arg-type]
    assert answers[0].show_alert is True
    assert session_of(app).api_errors == []
    assert len(errors(caplog)) == 1  # logged once, by on_error
    # The conversation was reset, so the next message works (here: it is not taken as a date).
    assert await state_of(app, d) is None
    monkeypatch.undo()
    await d.send("/deadlines")
    await d.click_data(DlCb(step="event", v="arrival").pack())
    await d.send("01.09.2025")
    assert Translator(lang)("dl-result-title") in d.text  # type: ignore[arg-type]


async def test_failing_message_handler_replies_in_the_users_language(
    dialog: DialogFactory, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = dialog(user_id=305, lang="kk")
    await d.send("/deadlines")
    await d.click_data(DlCb(step="event", v="arrival").pack())

    def broken(*_args: object) -> None:
        raise KeyError("unknown route ''")

    monkeypatch.setattr(deadlines, "compute", broken)
    await d.send("01.09.2025")
    assert d.text == Translator("kk")("error-generic")
    assert await state_of(app, d) is None


@pytest.mark.parametrize(
    "data",
    [
        f"rec:open:{BIG}",
        f"rec:delete_yes:{BIG}",
        f"rec:more:{BIG * 4}",
        f"recd:region:{BIG}:",
        f"r:done:{BIG}",
        f"r:s1:{BIG}",
        "rec:open:0",
        "rec:open:-5",
    ],
)
async def test_oversized_or_impossible_ids_never_reach_the_database(
    dialog: DialogFactory, app: App, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    d = dialog(user_id=306, lang="en")
    await d.send("/start")
    query_id = await d.click_data(data)
    assert d.callback_text(query_id) == Translator("en")("stale-button")
    assert errors(caplog) == []


async def tracked_once(d: Dialog) -> None:
    await d.send("/deadlines")
    await d.click("Employment contract signed")
    await d.send("20.11.2026")


async def test_track_this_twice_opens_one_prompt(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=307, lang="en")
    await tracked_once(d)
    result = d.last_message()
    mark = len(d.session.requests)
    await d.click("Track this")
    await d.click_data(next(data for label, data in result.buttons() if "Track" in label), result)
    prompts = [
        m
        for m in d.session.requests[mark:]
        if isinstance(m, SendMessage) and "short name" in (m.text or "")
    ]
    assert len(prompts) == 1


async def test_save_twice_saves_once(
    dialog: DialogFactory, app: App, caplog: pytest.LogCaptureFixture
) -> None:
    d = dialog(user_id=308, lang="en")
    await tracked_once(d)
    await d.click("Track this")
    await d.send("Ali")
    confirm = d.last_message()
    save = next(data for label, data in confirm.buttons() if "Save" in label)
    await asyncio.gather(d.click_data(save, confirm), d.click_data(save, confirm))
    await d.click_data(save, confirm)  # and once more, later
    assert len(await records.for_user(app.db, 308)) == 1
    assert errors(caplog) == []
    assert session_of(app).api_errors == []


async def test_yes_delete_twice(
    dialog: DialogFactory, app: App, caplog: pytest.LogCaptureFixture
) -> None:
    d = dialog(user_id=309, lang="en")
    await tracked_once(d)
    await d.click("Track this")
    await d.click("Skip")
    await d.click("Save")
    await d.click("Delete")
    confirm = d.last_message()
    yes = next(data for label, data in confirm.buttons() if "Yes, delete" in label)
    await asyncio.gather(d.click_data(yes, confirm), d.click_data(yes, confirm))
    await d.click_data(yes, d.last_message())
    assert await records.for_user(app.db, 309) == []
    assert errors(caplog) == []
    assert session_of(app).api_errors == []


async def test_delete_all_my_data_twice(
    dialog: DialogFactory, app: App, caplog: pytest.LogCaptureFixture
) -> None:
    d = dialog(user_id=310, lang="ru")
    await d.send("/deletemydata")
    confirm = d.last_message()
    erase = next(data for _label, data in confirm.buttons())
    await asyncio.gather(d.click_data(erase, confirm), d.click_data(erase, confirm))
    await d.click_data(erase, d.last_message())
    assert errors(caplog) == []
    assert session_of(app).api_errors == []


async def test_one_users_updates_never_overlap_but_different_users_do(
    dialog: DialogFactory, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace: list[str] = []
    original = deadlines.ask_event
    changed = asyncio.Event()

    async def slow(target: object, t: Translator, state: object) -> None:
        who = str(getattr(getattr(target, "from_user", None), "id", "?"))
        trace.append(f"enter {who}")
        changed.set()
        # Wait (bounded) for another update to come in while this one is running, if it may:
        # an event, not a sleep, so a loaded machine cannot make the test pass or fail by luck.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(1.0):
                while len(trace) < 2:
                    changed.clear()
                    await changed.wait()
        await original(target, t, state)  # type: ignore[arg-type]
        trace.append(f"exit {who}")

    monkeypatch.setattr(deadlines, "ask_event", slow)
    a, b = dialog(user_id=311, lang="en"), dialog(user_id=312, lang="en")
    await asyncio.gather(a.send("/deadlines"), a.send("/deadlines"))
    assert trace == ["enter 311", "exit 311", "enter 311", "exit 311"]
    trace.clear()
    await asyncio.gather(a.send("/deadlines"), b.send("/deadlines"))
    assert sorted(trace[:2]) == ["enter 311", "enter 312"]


async def test_a_handler_that_answered_its_button_then_failed_says_so_in_the_chat(
    dialog: DialogFactory, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = dialog(user_id=309, lang="kk")
    await d.send("/deadlines")

    async def answers_then_breaks(target: object, *_args: object) -> None:
        assert isinstance(target, CallbackQuery)
        await target.answer()
        raise RuntimeError("a bug after the answer")

    monkeypatch.setattr(deadlines, "ask_date", answers_then_breaks)
    await d.click_data(DlCb(step="event", v="arrival").pack())
    assert Translator("kk")("error-generic") in d.replies()
    assert session_of(app).api_errors == [], "the button was not answered twice"
