"""Hostile input through the real Dispatcher: random texts, dates and forged buttons.

Expect: no unhandled exception, every callback answered, every reply valid for the Bot API
(HTML entities, length), and no user ever shown another user's data. ``make fuzz`` runs the big
profile (HYPOTHESIS_PROFILE=fuzz: at least 10,000 inputs); ``make test`` a small one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import tempfile
from pathlib import Path

import pytest
from aiogram.methods import EditMessageText, SendMessage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.local_session import LocalSession, SentMessage
from tests.support.dialog import Dialog
from tests.support.telegram_html import html_problem

STEPS = 20
EXAMPLES = {"fuzz": 900}.get(os.environ.get("HYPOTHESIS_PROFILE", ""), 25)
INPUTS = 0  # generated inputs fed through the Dispatcher in this run (reported at the end)
MARKER = "Zq7Marker"  # typed by user A only; user B must never see it

HOSTILE = [
    "<b>bold",
    "</i>",
    "&",
    "&amp",
    "<script>alert(1)</script>",
    "a" * 5000,
    "\u202eRTL\u202c",
    "zero\u200bwidth",
    "🙂🇰🇿" * 50,
    "'; DROP TABLE users; --",
    "1 OR 1=1",
    "/start",
    "/help",
    "/cancel",
    "/ask",
    "/eligibility",
    "/deadlines",
    "/track",
    "/status",
    "/settings",
    "/export",
    "/calendar",
    "/privacy",
    "/deletemydata",
    "/language",
    "/changes",
    "31.02.2025",
    "29.02.2024",
    "01/02/2025",
    "2025-13-45",
    "today",
    "вчера",
    "бүгін",
    "-1",
    "0",
    "999999999999",
    "12",
    "1.9.25",
    "разрешение 2 категории",
    f"{MARKER} <b>secret</b> & co",
    "",
]
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
actions = st.lists(
    st.one_of(
        st.tuples(st.just("send"), st.sampled_from(["a", "b"]), texts),
        st.tuples(st.just("click"), st.sampled_from(["a", "b"]), st.integers(0, 40)),
        st.tuples(st.just("forge"), st.sampled_from(["a", "b"]), st.text(max_size=64)),
        st.tuples(st.just("steal"), st.just("b"), st.integers(0, 40)),
    ),
    min_size=STEPS // 2,
    max_size=STEPS,
)


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def scenario(steps: list[tuple[str, str, object]]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        config = Settings(_env_file=None, data_dir=Path(tmp), bot_token=None)
        clock = FrozenClock(dt.datetime(2026, 11, 25, 4, tzinfo=dt.UTC))
        session = LocalSession()
        app = await create_app(config, session=session, clock=clock)
        users = {"a": Dialog(app, session, 501, "ru"), "b": Dialog(app, session, 502, "en")}
        errors = ErrorLog()
        logging.getLogger().addHandler(errors)
        try:
            global INPUTS
            for kind, who, arg in steps:
                INPUTS += 1
                await run_step(users, kind, who, arg)
                check_replies(session)
        finally:
            logging.getLogger().removeHandler(errors)
            await app.db.close()
        assert not errors.records, [r.getMessage() for r in errors.records]
        seen_by_b = [m.text for m in session.chat(502)] + [
            h for m in session.chat(502) for h in m.history
        ]
        assert not any(MARKER in text for text in seen_by_b), "user B saw user A's text"
        return len(steps)


async def run_step(users: dict[str, Dialog], kind: str, who: str, arg: object) -> None:
    d = users[who]
    if kind == "send":
        await d.send(str(arg))
    elif kind == "forge":
        await d.click_data(str(arg), _any_message(d))
    elif kind == "click":
        buttons = [(m, data) for m in d.session.chat(d.chat.id) for _label, data in m.buttons()]
        if buttons:
            message, data = buttons[int(str(arg)) % len(buttons)]
            if data and not data.startswith(("http", "tg:")):
                await d.click_data(data, message)
    elif kind == "steal":
        # B presses a button taken from A's messages (another user's record ids, stale state).
        other = users["a"]
        stolen = [data for m in other.session.chat(other.chat.id) for _l, data in m.buttons()]
        if stolen:
            await d.click_data(stolen[int(str(arg)) % len(stolen)], _any_message(d))


def _any_message(d: Dialog) -> SentMessage:
    chat = d.session.chat(d.chat.id)
    return chat[-1] if chat else SentMessage(d.chat.id, 1, "…")


def check_replies(session: LocalSession) -> None:
    for method in session.requests:
        if isinstance(method, SendMessage | EditMessageText):
            text = method.text or ""
            assert text.strip(), "empty message text"
            problem = html_problem(text)
            assert problem is None, f"{problem}: {text[:200]!r}"
    session.requests.clear()


@pytest.mark.fuzz
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(actions)
def test_hostile_input_never_breaks_the_bot(steps: list[tuple[str, str, object]]) -> None:
    asyncio.run(scenario(steps))


@settings(
    max_examples=EXAMPLES // 5 or 1, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(actions)
def test_hostile_input_small_profile(steps: list[tuple[str, str, object]]) -> None:
    asyncio.run(scenario(steps))
