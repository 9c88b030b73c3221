"""A local Telegram Bot API server for end-to-end tests (aiohttp on 127.0.0.1, a free port).

It answers the methods the bot uses in Telegram's format, validates requests the way Telegram
does (HTML entities, length, callback data, "message is not modified", callback answered twice),
and lets a test act as users: send a message, press a button by its label, read what they got.
Every rejected request is recorded in ``violations``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.support.telegram_html import html_problem

BOT = {
    "id": 777000,
    "is_bot": True,
    "first_name": "PermitBot",
    "username": "permit_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


@dataclass
class Sent:
    chat_id: int
    message_id: int
    text: str
    markup: dict[str, Any] | None
    edits: list[str] = field(default_factory=list)

    def labels(self) -> list[str]:
        rows = (self.markup or {}).get("inline_keyboard", [])
        return [button["text"] for row in rows for button in row]


@dataclass
class Violation:
    method: str
    description: str


class FakeBotApi:
    def __init__(
        self,
        token: str = "123456:TEST-token-for-e2e",
        per_second: int | None = None,
        per_chat_interval: float | None = None,
    ) -> None:
        self.token = token
        # Telegram's limits, when asked for: messages per second overall, seconds between two
        # messages to one chat (with 5 % tolerance for timing jitter). Excess gets a 429.
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.rate_limited = 0
        self._recent: deque[float] = deque()
        self._chat_last: dict[int, float] = {}
        self.updates: list[dict[str, Any]] = []
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1)
        self.sent: list[Sent] = []
        self.changes = 0  # messages sent or edited so far (to wait for the bot's answer)
        self.violations: list[Violation] = []
        self.requests: list[tuple[float, str, dict[str, Any]]] = []
        self.answered: set[str] = set()
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.blocked: set[int] = set()
        self.fail_next: int = 0  # answer 5xx to the next N sending requests
        self.flood_next: int = 0  # answer 429 (retry after 1 s) to the next N sending requests
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ------------------------------------------------------------------ server
    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = request.match_info["method"]
        params = await _params(request)
        self.requests.append((time.monotonic(), method, params))
        handler = getattr(self, f"m_{method.lower()}", None)
        if handler is None:
            return _reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        try:
            result = await handler(params)
        except ApiError as exc:
            if exc.code not in (429, 500, 502) and not (exc.code == 403 and method != "getMe"):
                self.violations.append(Violation(method, exc.description))
            body: dict[str, Any] = {
                "ok": False,
                "error_code": exc.code,
                "description": exc.description,
            }
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            return _reply(exc.code if exc.code < 500 else 500, body)
        return _reply(200, {"ok": True, "result": result})

    # ------------------------------------------------------------------ methods
    async def m_getme(self, _: dict[str, Any]) -> dict[str, Any]:
        return BOT

    async def m_deletewebhook(self, _: dict[str, Any]) -> bool:
        return True

    async def m_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = _json(params.get("commands", "[]"))
        for command in commands:
            if not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: command description is too long or empty")
        self.commands[params.get("language_code", "")] = commands
        return True

    async def m_deletemycommands(self, _: dict[str, Any]) -> bool:
        return True

    async def m_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0) or 0)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout", 0) or 0)
        if not self.updates and timeout:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout=min(timeout, 2.0))
        limit = int(params.get("limit", 100) or 100)
        return self.updates[:limit]

    async def m_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        self._gate(chat_id)
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        text = params.get("text", "")
        markup = self._check(text, params)
        sent = Sent(chat_id, next(self.message_ids), text, markup)
        self.sent.append(sent)
        self.changes += 1
        return self._message(sent)

    async def m_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        self._gate()
        sent = self._find(params)
        text = params.get("text", "")
        markup = self._check(text, params)
        if text == sent.text and markup == sent.markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same",
            )
        sent.edits.append(sent.text)
        sent.text, sent.markup = text, markup
        self.changes += 1
        return self._message(sent)

    async def m_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        self._gate()
        sent = self._find(params)
        markup = self._markup(params)
        if markup == sent.markup:
            raise ApiError(400, "Bad Request: message is not modified")
        sent.markup = markup
        self.changes += 1
        return self._message(sent)

    async def m_answercallbackquery(self, params: dict[str, Any]) -> bool:
        query_id = params["callback_query_id"]
        if query_id in self.answered:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.answered.add(query_id)
        return True

    async def m_sendchataction(self, _: dict[str, Any]) -> bool:
        return True

    # ------------------------------------------------------------------ validation
    def _gate(self, chat_id: int | None = None) -> None:
        if self.fail_next > 0:
            self.fail_next -= 1
            raise ApiError(500, "Internal Server Error")
        now = time.monotonic()
        if self.flood_next > 0:
            self.flood_next -= 1
            self.rate_limited += 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        if self.per_second is not None:
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            if len(self._recent) >= self.per_second:
                self.rate_limited += 1
                raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        if self.per_chat_interval is not None and chat_id is not None:
            last = self._chat_last.get(chat_id)
            if last is not None and now - last < self.per_chat_interval * 0.95:
                self.rate_limited += 1
                raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
            self._chat_last[chat_id] = now
        self._recent.append(now)

    def _check(self, text: str, params: dict[str, Any]) -> dict[str, Any] | None:
        if params.get("parse_mode") == "HTML":
            problem = html_problem(text)
            if problem:
                raise ApiError(400, f"Bad Request: {problem}")
        elif not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        return self._markup(params)

    def _markup(self, params: dict[str, Any]) -> dict[str, Any] | None:
        markup = _json(params["reply_markup"]) if params.get("reply_markup") else None
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                kinds = {
                    "url",
                    "callback_data",
                    "switch_inline_query",
                    "switch_inline_query_current_chat",
                } & set(button)
                if len(kinds) != 1 or not button.get("text"):
                    raise ApiError(400, "Bad Request: can't parse inline keyboard button")
        return markup

    def _find(self, params: dict[str, Any]) -> Sent:
        chat_id, message_id = int(params.get("chat_id", 0)), int(params.get("message_id", 0))
        for sent in self.sent:
            if sent.chat_id == chat_id and sent.message_id == message_id:
                return sent
        raise ApiError(400, "Bad Request: message to edit not found")

    def _message(self, sent: Sent) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "text": sent.text,
            "chat": {"id": sent.chat_id, "type": "private", "first_name": "User"},
            "from": BOT,
        }
        if sent.markup:
            message["reply_markup"] = sent.markup
        return message

    # ------------------------------------------------------------------ acting as users
    def _push(self, update: dict[str, Any]) -> None:
        update["update_id"] = next(self.update_ids)
        self.updates.append(update)
        self._new_update.set()

    def send_message(self, user_id: int, text: str, language_code: str = "en") -> None:
        user = {
            "id": user_id,
            "is_bot": False,
            "first_name": "User",
            "language_code": language_code,
        }
        message: dict[str, Any] = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "text": text,
            "chat": {"id": user_id, "type": "private", "first_name": "User"},
            "from": user,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        self._push({"message": message})

    def press(self, user_id: int, label: str, language_code: str = "en") -> str:
        for sent in reversed(self.messages(user_id)):
            for row in (sent.markup or {}).get("inline_keyboard", []):
                for button in row:
                    if label in button["text"] and "callback_data" in button:
                        query_id = f"cq{next(self.update_ids)}"
                        user = {
                            "id": user_id,
                            "is_bot": False,
                            "first_name": "User",
                            "language_code": language_code,
                        }
                        self._push(
                            {
                                "callback_query": {
                                    "id": query_id,
                                    "from": user,
                                    "chat_instance": "ci",
                                    "message": self._message(sent),
                                    "data": button["callback_data"],
                                }
                            }
                        )
                        return query_id
        labels = [label for sent in self.messages(user_id) for label in sent.labels()]
        raise AssertionError(f"no button {label!r}; buttons: {labels}")

    async def wait_answer(self, before: int, timeout: float = 15, quiet: float = 0.2) -> None:
        """Wait until the bot has sent or edited something since ``before``, then fell quiet."""
        deadline = time.monotonic() + timeout
        while self.changes == before:
            assert time.monotonic() < deadline, "the bot did not answer"
            await asyncio.sleep(0.02)
        seen = -1
        while seen != self.changes:
            seen = self.changes
            await asyncio.sleep(quiet)

    def messages(self, user_id: int) -> list[Sent]:
        return [sent for sent in self.sent if sent.chat_id == user_id]

    async def wait_for_message(self, user_id: int, contains: str, timeout: float = 10) -> Sent:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for sent in reversed(self.messages(user_id)):
                if contains in sent.text:
                    return sent
            await asyncio.sleep(0.05)
        texts = [sent.text[:80] for sent in self.messages(user_id)]
        raise AssertionError(f"no message with {contains!r} for {user_id}; got {texts}")


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        return dict(await request.json())
    form = await request.post()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _reply(status: int, body: dict[str, Any]) -> web.Response:
    return web.json_response(body, status=status)
