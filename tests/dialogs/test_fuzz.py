"""Hostile input through the real Dispatcher: random texts, dates and forged buttons, arriving
in bursts that are handled concurrently (several users at once, one user's two quick messages,
the same button tapped twice at once).

Expect: no unhandled exception, no Bot API error (``LocalSession.api_errors``: "message is not
modified", a query answered twice...), every callback answered, every reply valid for the Bot API
(HTML entities, length), and no user ever shown another user's data. ``make fuzz`` runs the big
profile (HYPOTHESIS_PROFILE=fuzz: 600 scenarios over 50 users, about 20,000 inputs); ``make
test`` a small one (3 users). ``FUZZ_TALLY=1`` counts what went wrong instead of failing at the
first, to measure a build; ``FUZZ_EXAMPLES`` changes the number of scenarios.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import tempfile
from collections import Counter
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
BIG = os.environ.get("HYPOTHESIS_PROFILE", "") == "fuzz"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 0)) or (600 if BIG else 25)
USERS = 50 if BIG else 3  # user 0 ("a") is the victim; the others may try to steal
BURST = 4 if BIG else 3  # steps of one burst run concurrently (several users, or one user twice)
INPUTS = 0  # generated inputs fed through the Dispatcher in this run (reported at the end)
# What went wrong, summed over every example (reported at the end; FUZZ_TALLY=1 counts instead
# of failing at the first, to measure a build): unhandled exceptions logged, Bot API errors,
# callback queries not answered.
TALLY = {"unhandled": 0, "api_errors": 0, "unanswered": 0}
KINDS: Counter[str] = Counter()  # the same, by log message or Bot API method and description
COUNT_ONLY = os.environ.get("FUZZ_TALLY") == "1"
MARKER = "Zq7Marker"  # typed by user A only; no other user may ever see it

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
    "/workers",
    "/import",
    "Ali 900101300123",
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
users = st.integers(0, USERS - 1)
step = st.one_of(
    st.tuples(st.just("send"), users, texts),
    st.tuples(st.just("click"), users, st.integers(0, 40)),
    st.tuples(st.just("tap2"), users, st.integers(0, 40)),  # the same button twice at once
    st.tuples(st.just("forge"), users, st.text(max_size=64)),
    st.tuples(st.just("steal"), st.integers(1, USERS - 1), st.integers(0, 40)),
)
Step = tuple[str, int, object]
actions = st.lists(st.lists(step, min_size=1, max_size=BURST), min_size=STEPS // 2, max_size=STEPS)


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def scenario(bursts: list[list[Step]]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        config = Settings(_env_file=None, data_dir=Path(tmp), bot_token=None)
        clock = FrozenClock(dt.datetime(2026, 11, 25, 4, tzinfo=dt.UTC))
        session = LocalSession()
        app = await create_app(config, session=session, clock=clock)
        langs = ("ru", "en", "kk")
        dialogs = [Dialog(app, session, 501 + i, langs[i % 3]) for i in range(USERS)]
        errors = ErrorLog()
        logging.getLogger().addHandler(errors)
        unanswered: list[str] = []
        try:
            global INPUTS
            for burst in bursts:
                INPUTS += len(burst)
                # One burst arrives at once: the Dispatcher handles its updates concurrently.
                await asyncio.gather(*(run_step(dialogs, *s, unanswered) for s in burst))
                check_replies(session)
        finally:
            logging.getLogger().removeHandler(errors)
            await app.db.close()
        found: dict[str, list[object]] = {
            "unhandled": [r.getMessage() for r in errors.records],
            "api_errors": list(session.api_errors),
            "unanswered": list(unanswered),
        }
        for key, items in found.items():
            TALLY[key] += len(items)
            KINDS.update(f"{key}: {item}" for item in items)
        if not COUNT_ONLY:
            assert not any(found.values()), found
        seen = [m.text for d in dialogs[1:] for m in session.chat(d.chat.id)]
        seen += [h for d in dialogs[1:] for m in session.chat(d.chat.id) for h in m.history]
        assert not any(MARKER in text for text in seen), "another user saw user A's text"
        return len(bursts)


async def run_step(
    dialogs: list[Dialog], kind: str, who: int, arg: object, unanswered: list[str]
) -> None:
    d = dialogs[who]
    if kind == "send":
        text = str(arg)
        await d.send(text if who == 0 else text.replace(MARKER, "marker"))
    elif kind == "forge":
        if sent := _real_message(d):
            await click(d, str(arg), sent, unanswered)
    elif kind in ("click", "tap2"):
        buttons = [(m, data) for m in d.session.chat(d.chat.id) for _label, data in m.buttons()]
        if buttons:
            message, data = buttons[int(str(arg)) % len(buttons)]
            if data and not data.startswith(("http", "tg:")):
                taps = 2 if kind == "tap2" else 1
                await asyncio.gather(*(click(d, data, message, unanswered) for _ in range(taps)))
    elif kind == "steal":
        # Another user presses a button taken from A's messages (A's record ids, stale state).
        owner = dialogs[0]
        stolen = [data for m in owner.session.chat(owner.chat.id) for _l, data in m.buttons()]
        if stolen and (sent := _real_message(d)):
            await click(d, stolen[int(str(arg)) % len(stolen)], sent, unanswered)


async def click(d: Dialog, data: str, sent: SentMessage, unanswered: list[str]) -> None:
    try:
        await d.click_data(data, sent)
    except AssertionError:  # Dialog asserts the query was answered
        unanswered.append(data)


def _real_message(d: Dialog) -> SentMessage | None:
    # A query always comes from a message the chat has: a client can forge data, not messages.
    chat = d.session.chat(d.chat.id)
    return chat[-1] if chat else None


def check_replies(session: LocalSession) -> None:
    for method in session.requests:
        if isinstance(method, SendMessage | EditMessageText):
            text = method.text or ""
            assert text.strip(), "empty message text"
            problem = html_problem(text)
            assert problem is None, f"{problem}: {text[:200]!r}"
    session.requests.clear()


@pytest.mark.fuzz
@pytest.mark.timeout(900)  # the whole big profile is one test (about 2-3 minutes on 2 cores)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(actions)
def test_hostile_input_never_breaks_the_bot(steps: list[list[Step]]) -> None:
    asyncio.run(scenario(steps))


@settings(
    max_examples=EXAMPLES // 5 or 1, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(actions)
def test_hostile_input_small_profile(steps: list[list[Step]]) -> None:
    asyncio.run(scenario(steps))
