"""The phone budget (issue 11): what a message may cost a user reading it on a phone.

Every text a dialog test makes the bot send (``SendMessage``, ``EditMessageText``, a
``SendDocument`` caption, an ``AnswerInlineQuery`` result's message, the buttons of an
``EditMessageReplyMarkup``) is checked against these
rules; ``Dialog`` watches its session, ``spawn_bot`` (tests/e2e: the real process) the local
Bot API server's record of what it was sent, and ``tests/conftest.py`` fails the test that broke
one, naming the rule and quoting the text.

- ``length``: at most 1,500 visible characters (after HTML parsing), unless the user asked for
  the details: the press of a button listed in ``ASKED_FOR`` (then Telegram's 4,096).
- ``answer-first``: in a message over 600 characters the answer (the first line after a bold
  title) ends within the first 600, so the first screen holds it.
- ``buttons``: a label at most 24 characters when it shares its row, 36 alone.
- ``team-note``: no note written for the team (how our research went: "was not retrieved",
  "the brief"); a user needs what is unconfirmed and where to check, in their words.
- ``sources``: at most three links (unless asked for), each once, named for who published it
  (not its bare domain), the official text (adilet.zan.kz) first.
"""

from __future__ import annotations

import contextvars
import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import (
    AnswerInlineQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    SendDocument,
    SendMessage,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import InlineKeyboardMarkup, InputTextMessageContent

from tests.support.telegram_html import TEXT_LIMIT, EntityError, parse_html
from tests.support.telegram_server import Output as ServerOutput
from tests.support.telegram_server import TelegramServer

MAX_TEXT = 1500
FIRST_SCREEN = 600
MAX_LABEL_SHARED = 24  # two or more buttons in a row
MAX_LABEL_ALONE = 36
MAX_LINKS = 3
OFFICIAL_HOST = "adilet.zan.kz"

# The only presses whose answer may run past MAX_TEXT: the user asked for the long version.
# Keyed by the callback data's prefix (aiogram ``CallbackData``), so it stays narrow and explicit.
ASKED_FOR = {
    "cd": "an answer card's details: what is unconfirmed and every source (ask.CardCb)",
    "dlw": "how a deadline was counted (deadlines.DlWhy)",
    "elm": "an eligibility result's steps or how it was counted (eligibility.ElMore)",
}


# How our research went, not what the user needs (the team's notes stay in the data's comments).
TEAM_NOTES = re.compile(r"retrieved|\bthe brief\b|бриф|не получен|алынбаған", re.IGNORECASE)

# The callback data of the update being fed (None for a typed message or a reminder).
CAUSE: contextvars.ContextVar[str | None] = contextvars.ContextVar("budget_cause", default=None)


@dataclass(frozen=True)
class Output:
    """One text a user would read, with its keyboard and the press it answered."""

    kind: str
    html: str
    markup: InlineKeyboardMarkup | None = None
    cause: str | None = None

    @property
    def asked_for(self) -> bool:
        return self.cause is not None and self.cause.split(":", 1)[0] in ASKED_FOR


@dataclass(frozen=True)
class Violation:
    rule: str
    detail: str
    output: Output

    def __str__(self) -> str:
        return f"[{self.rule}] {self.detail} in a {self.output.kind}:\n{self.output.html}"


def outputs(method: TelegramMethod[Any], cause: str | None = None) -> list[Output]:
    """The texts a request puts in front of a user."""
    if isinstance(method, SendMessage):
        return [Output("message", method.text, _keyboard(method.reply_markup), cause)]
    if isinstance(method, EditMessageText):
        return [Output("edit", method.text or "", _keyboard(method.reply_markup), cause)]
    if isinstance(method, EditMessageReplyMarkup):  # only its buttons are new
        return [Output("keyboard edit", "", _keyboard(method.reply_markup), cause)]
    if isinstance(method, SendDocument) and method.caption:
        return [Output("caption", method.caption, _keyboard(method.reply_markup), cause)]
    if isinstance(method, AnswerInlineQuery):
        found = []
        for result in method.results:
            content = getattr(result, "input_message_content", None)
            if isinstance(content, InputTextMessageContent):
                markup = _keyboard(getattr(result, "reply_markup", None))
                found.append(Output("inline result", content.message_text, markup, cause))
        return found
    return []


def check(output: Output) -> list[Violation]:
    try:
        visible, entities = parse_html(output.html)
    except EntityError as error:
        return [Violation("html", str(error), output)]
    found = _length(output, visible) + _answer_first(output, visible, entities)
    found += _buttons(output) + _sources(output, visible, entities)
    if note := TEAM_NOTES.search(visible):
        found.append(Violation("team-note", f"a note for the team: {note.group()!r}", output))
    return found


def _length(output: Output, visible: str) -> list[Violation]:
    limit = TEXT_LIMIT if output.asked_for else MAX_TEXT
    if len(visible) <= limit:
        return []
    why = " (asked for)" if output.asked_for else ""
    return [Violation("length", f"{len(visible)} characters > {limit}{why}", output)]


def _answer_first(output: Output, visible: str, entities: list[dict[str, Any]]) -> list[Violation]:
    if len(visible) <= FIRST_SCREEN:
        return []
    lines = visible.split("\n")
    start = 0
    if _bold_title(lines[0], entities) and len(lines) > 1:
        start = len(lines[0]) + 1
        while start < len(visible) and visible[start] == "\n":
            start += 1
    end = visible.find("\n", start)
    end = len(visible) if end < 0 else end
    if end <= FIRST_SCREEN:
        return []
    return [
        Violation(
            "answer-first",
            f"the answer line ends at character {end} > {FIRST_SCREEN} (the first screen)",
            output,
        )
    ]


def _bold_title(line: str, entities: list[dict[str, Any]]) -> bool:
    return any(
        e["type"] == "bold" and e["offset"] == 0 and e["length"] >= len(line) for e in entities
    )


def _buttons(output: Output) -> list[Violation]:
    if output.markup is None:
        return []
    found = []
    for row in output.markup.inline_keyboard:
        limit = MAX_LABEL_SHARED if len(row) > 1 else MAX_LABEL_ALONE
        for button in row:
            if len(button.text) > limit:
                where = f"{len(row)} in a row" if len(row) > 1 else "alone"
                detail = (
                    f"button {button.text!r}: {len(button.text)} characters > {limit} ({where})"
                )
                found.append(Violation("buttons", detail, output))
    return found


def _sources(output: Output, visible: str, entities: list[dict[str, Any]]) -> list[Violation]:
    links = [e for e in entities if e["type"] == "text_link"]
    found = []
    if len(links) > MAX_LINKS and not output.asked_for:
        found.append(Violation("sources", f"{len(links)} links > {MAX_LINKS}", output))
    urls = [e["url"] for e in links]
    for url in dict.fromkeys(u for u in urls if urls.count(u) > 1):
        found.append(Violation("sources", f"{url} linked twice", output))
    for entity in links:
        label = _slice(visible, entity)
        if label.removeprefix("www.") == _host(entity["url"]):  # the fallback: nobody named it
            found.append(Violation("sources", f"link named by its domain: {label!r}", output))
    official = [i for i, url in enumerate(urls) if OFFICIAL_HOST in url]
    if official and official[0] != 0:
        found.append(Violation("sources", "the official text is not the first link", output))
    return found


def _host(url: str) -> str:
    return urlparse(url).netloc.lower().removeprefix("www.")


def _slice(visible: str, entity: dict[str, Any]) -> str:
    """An entity's text (offsets are UTF-16 units)."""
    units = visible.encode("utf-16-le")
    start, stop = 2 * entity["offset"], 2 * (entity["offset"] + entity["length"])
    return units[start:stop].decode("utf-16-le", errors="replace")


def _keyboard(markup: object) -> InlineKeyboardMarkup | None:
    return markup if isinstance(markup, InlineKeyboardMarkup) else None


# --- the watch over a test's sessions -------------------------------------------------------------


@dataclass
class BudgetWatch(BaseRequestMiddleware):
    """A session middleware keeping every request with the press that caused it."""

    seen: list[tuple[TelegramMethod[Any], str | None]] = field(default_factory=list)

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        self.seen.append((method, CAUSE.get()))
        return await make_request(bot, method)

    def violations(self) -> list[Violation]:
        return [
            v for method, cause in self.seen for out in outputs(method, cause) for v in check(out)
        ]


# id(session) → the session (kept alive, so its id is not reused) and its watch, for this test
_WATCHES: dict[int, tuple[BaseSession, BudgetWatch]] = {}


def watch(session: BaseSession) -> BudgetWatch:
    """Watch ``session`` from now until ``reset`` (idempotent per session)."""
    key = id(session)
    if key not in _WATCHES:
        _WATCHES[key] = (session, BudgetWatch())
        session.middleware(_WATCHES[key][1])
    return _WATCHES[key][1]


# the local Bot API servers a bot process of this test talks to (tests/e2e)
_SERVERS: dict[int, TelegramServer] = {}


def watch_server(server: TelegramServer) -> None:
    """Check what ``server`` records the bot sending, until ``reset`` (idempotent)."""
    _SERVERS[id(server)] = server


def from_server(sent: ServerOutput) -> Output:
    """A server's record as the budget's ``Output`` (plain text escaped, as Telegram shows it)."""
    html_text = sent.source
    if (sent.parse_mode or "").upper() != "HTML":
        html_text = html.escape(html_text, quote=False)
    markup = sent.reply_markup
    keyboard = None
    if markup and "inline_keyboard" in markup:
        keyboard = InlineKeyboardMarkup.model_validate(markup)
    return Output(sent.kind, html_text, keyboard, sent.cause)


def reset() -> None:
    _WATCHES.clear()
    _SERVERS.clear()


def violations() -> list[Violation]:
    found = [v for _session, w in _WATCHES.values() for v in w.violations()]
    for server in _SERVERS.values():
        found += [v for sent in server.outputs for v in check(from_server(sent))]
    return found


def report(found: list[Violation], shown: int = 5) -> str:
    lines = [f"{len(found)} message(s) over the phone budget (tests/support/budget.py):"]
    lines += [str(v) for v in found[:shown]]
    return "\n\n".join(lines)
