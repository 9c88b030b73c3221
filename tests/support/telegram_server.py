"""A local Telegram Bot API server for tests: aiohttp on 127.0.0.1, on a free port.

It answers the methods aiogram calls, in Telegram's format, and refuses what Telegram refuses
(HTML parse errors, text length, button data, "message is not modified", late or repeated query
answers, unknown chats). Every refused request is a ``Violation``; the server's own rate limiter
answers 429 like Telegram and logs those in ``rate_limited`` instead. A test can inject faults
(5xx, stalls, blocked users, forced 429) and act as users: send text, press buttons, query inline.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import math
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from tests.support.telegram_html import TEXT_LIMIT, EntityError, parse_html, utf16_len

T = TypeVar("T")
Json = dict[str, Any]

DEFAULT_TOKEN = "123456:TEST-token-ABCdef0123456789ghijklmnopqrstu"
CAPTION_LIMIT = 1024
CALLBACK_TEXT_LIMIT = 200
CALLBACK_DATA_LIMIT = 64
INLINE_RESULTS_LIMIT = 50
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
# Methods that put a message into a chat: Telegram's flood limits count these.
COUNTED = {"sendmessage", "senddocument", "editmessagetext", "editmessagereplymarkup"}
BUTTON_KINDS = {
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
}
RESULT_TYPES = {
    "article",
    "photo",
    "gif",
    "mpeg4_gif",
    "video",
    "audio",
    "voice",
    "document",
    "location",
    "venue",
    "contact",
    "game",
    "sticker",
}
BOT_USER: Json = {
    "id": 123456,
    "is_bot": True,
    "first_name": "PermitBot",
    "username": "permit_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


class ApiError(Exception):
    """A refusal in Telegram's format. ``kind`` says whose doing it is: the bot's ("violation"),
    an injected fault ("fault"), the rate limiter ("limit") or the user's state ("user")."""

    def __init__(
        self, code: int, description: str, kind: str = "violation", retry_after: int | None = None
    ) -> None:
        super().__init__(description)
        self.code, self.description, self.kind, self.retry_after = (
            code,
            description,
            kind,
            retry_after,
        )

    def body(self) -> Json:
        body: Json = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


# ---------------------------------------------------------------------------------- records


@dataclass
class Violation:
    """A request Telegram would have refused."""

    method: str
    error: str
    payload: str
    at: float


@dataclass
class RateLimit:
    """A 429 answer. ``scope``: "chat", "global" or "forced" (injected); ``early``: the request
    came before an earlier retry_after had passed."""

    at: float
    method: str
    chat_id: int | None
    retry_after: int
    scope: str
    early: bool


@dataclass
class Request:
    at: float
    method: str
    params: dict[str, str]
    chat_id: int | None
    status: int = 0


@dataclass
class User:
    id: int
    language_code: str
    first_name: str = "User"

    def as_dict(self) -> Json:
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "username": f"user{self.id}",
            "language_code": self.language_code,
        }


@dataclass
class Document:
    file_id: str
    file_name: str
    mime_type: str
    data: bytes
    chat_id: int
    message_id: int

    def text(self, encoding: str = "utf-8") -> str:
        return self.data.decode(encoding)

    def as_dict(self) -> Json:
        return {
            "file_id": self.file_id,
            "file_unique_id": f"u{self.file_id}",
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.data),
        }


@dataclass
class Revision:
    text: str
    source: str
    parse_mode: str | None
    entities: list[Json]
    reply_markup: Json | None
    at: float


@dataclass
class SentMessage:
    """A message the bot sent: ``text`` is what the user sees (Telegram's parsed text), ``source``
    what the bot sent; edits replace the content and push the old one onto ``history``."""

    chat_id: int
    message_id: int
    text: str
    source: str
    parse_mode: str | None
    entities: list[Json]
    reply_markup: Json | None
    sent_at: float
    date: int
    document: Document | None = None
    history: list[Revision] = field(default_factory=list)
    deleted: bool = False

    def buttons(self) -> list[Json]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def labels(self) -> list[str]:
        return [button["text"] for button in self.buttons()]

    def revision(self) -> Revision:
        return Revision(
            self.text, self.source, self.parse_mode, self.entities, self.reply_markup, self.sent_at
        )

    def as_dict(self, user: User) -> Json:
        chat = {"id": self.chat_id, "type": "private", "first_name": user.first_name}
        message: Json = {
            "message_id": self.message_id,
            "from": BOT_USER,
            "chat": chat,
            "date": self.date,
        }
        prefix = "caption_" if self.document else ""
        if self.document:
            message["document"] = self.document.as_dict()
            if self.text:
                message["caption"] = self.text
        else:
            message["text"] = self.text
        if self.entities:
            message[f"{prefix}entities"] = self.entities
        if self.history:
            message["edit_date"] = self.date + len(self.history)
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass
class Output:
    """A text the bot put in front of a user (a message, an edit, a caption, its buttons, an
    inline result), as sent, with ``cause``: the callback data of the chat's latest update when
    that was a press (None after a typed message, and for inline results)."""

    kind: str
    chat_id: int | None
    source: str
    parse_mode: str | None
    reply_markup: Json | None
    cause: str | None


@dataclass
class CallbackAnswer:
    query_id: str
    user_id: int
    data: str
    text: str | None
    show_alert: bool
    url: str | None
    at: float


@dataclass
class InlineAnswer:
    query_id: str
    user_id: int
    query: str
    results: list[Json]
    params: dict[str, str]
    at: float


@dataclass
class _Query:
    kind: str  # "callback" or "inline"
    user_id: int
    payload: str  # callback data or inline query text
    created: float
    answered: bool = False


@dataclass
class _Chat:
    user: User
    sent: list[SentMessage] = field(default_factory=list)
    incoming: list[Json] = field(default_factory=list)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    cause: str | None = None  # the data of the latest press in this chat; None after a message


@dataclass
class _Fault:
    method: str | None  # lower-case method name, None for every method
    remaining: float  # requests left (math.inf: until cleared)
    delay: float = 0.0
    status: int = 0
    description: str = ""
    retry_after: int | None = None

    def applies(self, method: str) -> bool:
        return self.remaining > 0 and self.method in (None, method.lower())


# ---------------------------------------------------------------------------------- limits


@dataclass(frozen=True)
class Limits:
    """Telegram's flood limits (documented as "about"): messages a second to all chats, a
    sustained rate to one chat with a small burst, and timing slack for calling a retry early."""

    per_second: int = 30
    chat_rate: float = 1.0
    chat_burst: int = 3
    tolerance: float = 0.05


TELEGRAM_LIMITS = Limits()


class _Limiter:
    def __init__(self, limits: Limits | None) -> None:
        self.limits = limits
        self.recent: deque[float] = deque()
        self.buckets: dict[int, tuple[float, float]] = {}  # chat -> (tokens, when)
        self.until: dict[int | None, float] = {}  # chat (None: all) -> end of its retry_after

    def penalize(self, chat_id: int | None, retry_after: int, now: float) -> None:
        self.until[chat_id] = max(self.until.get(chat_id, 0.0), now + retry_after)

    def refusal(self, chat_id: int | None, now: float) -> tuple[int, str, bool] | None:
        """(retry_after, scope, early) when this message must wait, else None (and counts it)."""
        slack = self.limits.tolerance if self.limits else 0.05
        for key in (None, chat_id):
            end = self.until.get(key, 0.0)
            if now < end - slack:
                return math.ceil(end - now), "global" if key is None else "chat", True
        if self.limits is None:
            return None
        while self.recent and now - self.recent[0] >= 1.0:
            self.recent.popleft()
        if len(self.recent) >= self.limits.per_second:
            self.penalize(chat_id, 1, now)  # only this sender was told to wait
            return 1, "global", False
        if chat_id is not None:
            burst = float(self.limits.chat_burst)
            left, when = self.buckets.get(chat_id, (burst, now))
            tokens = min(burst, left + (now - when) * self.limits.chat_rate)
            if tokens < 1:
                retry_after = max(1, math.ceil((1 - tokens) / self.limits.chat_rate))
                self.penalize(chat_id, retry_after, now)
                return retry_after, "chat", False
            self.buckets[chat_id] = (tokens - 1, now)
        self.recent.append(now)
        return None


# ---------------------------------------------------------------------------------- server

# Telegram stamps a request when it arrives. This server stamps it when its loop gets to it, so a
# pause of its own loop would stamp the requests queued behind it at once, a burst the bot never
# sent: a full collection of this (test) process took 210 ms with 10,000 chats held, and the
# flood limit then answered 429. The cycle collector is off while a server runs.
_servers_up = 0


def _collector_off() -> None:
    global _servers_up
    if _servers_up == 0:
        gc.disable()
    _servers_up += 1


def _collector_on() -> None:
    global _servers_up
    _servers_up -= 1
    if _servers_up == 0:
        gc.enable()


Handler = Callable[["_Call"], Awaitable[Any]]


@dataclass
class _Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, str, bytes]]  # field -> (file name, content type, bytes)
    request: Request


class TelegramServer:
    """The fake Bot API. ``await start()`` then point aiogram at ``url`` with ``token``."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        limits: Limits | None = TELEGRAM_LIMITS,
        query_timeout: float = 15.0,
    ) -> None:
        self.token = token
        self.url = ""
        self.query_timeout = query_timeout  # seconds to answer a callback or inline query
        self.violations: list[Violation] = []
        self.rate_limited: list[RateLimit] = []
        self.requests: list[Request] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.inline_answers: list[InlineAnswer] = []
        self.outputs: list[Output] = []  # what users were shown, for the phone budget
        self.commands: dict[tuple[str, str], list[Json]] = {}  # (scope, language) -> commands
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.group_admins: dict[int, set[int]] = {}  # group chat id -> administrators' ids
        self.updates: list[Json] = []
        self.allowed_updates: list[str] = []
        self._limiter = _Limiter(limits)  # None: no flood limits, only forced 429s
        self._faults: list[_Fault] = []
        self._chats: dict[int, _Chat] = {}
        self.sent_count = 0  # messages stored in all chats: a progress check costing nothing
        self._queries: dict[str, _Query] = {}
        self._files: dict[str, Document] = {}
        self._update_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._poll_generation = 0
        self._changed = asyncio.Event()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        # Webhook mode (setWebhook): updates are POSTed to the bot instead of queued for polls.
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_posts: list[tuple[int, int]] = []  # (update_id, HTTP status or 0: no answer)
        self._webhook_task: asyncio.Task[None] | None = None
        self._methods: dict[str, Handler] = {
            name[3:].lower(): getattr(self, name) for name in dir(self) if name.startswith("on_")
        }

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        _collector_off()
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        self._closing.set()  # releases long polls and stalls so shutdown does not wait
        if self._webhook_task is not None:
            self._webhook_task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            _collector_on()

    async def __aenter__(self) -> TelegramServer:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ HTTP plumbing
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, files = await _read_params(request)
        entry = Request(time.monotonic(), method, _summary(params, files), _chat_id_of(params))
        self.requests.append(entry)
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            handler = self._methods.get(method.lower())
            if handler is None:
                raise ApiError(404, "Not Found")
            await self._apply_faults(entry)
            if _client_gone(request):  # it gave up during a stall: the request never arrived
                raise ApiError(499, "Client Closed Request", "fault")
            result = await handler(_Call(method, params, files, entry))
        except ApiError as error:
            entry.status = error.code
            if error.kind == "violation" and not _client_gone(request):
                summary = json.dumps(entry.params, ensure_ascii=False)[:300]
                self.violations.append(Violation(method, error.description, summary, entry.at))
            self._notify()
            return web.json_response(error.body(), status=error.code)
        entry.status = 200
        self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        document = self._files.get(request.match_info["path"].rsplit("/", 1)[-1])
        if request.match_info["token"] != self.token or document is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(body=document.data, content_type="application/octet-stream")

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _pause(self, seconds: float) -> bool:
        """Sleep up to ``seconds`` (math.inf: until stop); False when the server is stopping."""
        try:
            await asyncio.wait_for(self._closing.wait(), None if seconds == math.inf else seconds)
        except TimeoutError:
            return True
        return False

    # ------------------------------------------------------------------ fault injection
    def fail_next(
        self,
        count: int = 1,
        *,
        method: str | None = None,
        status: int = 500,
        description: str = "Internal Server Error",
    ) -> None:
        """Answer ``status`` to the next ``count`` requests (of ``method`` if given)."""
        self._faults.append(_Fault(_lower(method), count, status=status, description=description))

    def stall(self, seconds: float, *, method: str | None = None, count: float = math.inf) -> None:
        """Delay responses by ``seconds`` before handling them (math.inf: hang until stop)."""
        self._faults.append(_Fault(_lower(method), count, delay=seconds))

    def hang(self, *, method: str | None = None, count: float = math.inf) -> None:
        self.stall(math.inf, method=method, count=count)

    def force_retry_after(
        self, retry_after: int, *, count: int = 1, method: str | None = None
    ) -> None:
        """Answer 429 with ``retry_after`` to the next ``count`` requests; later requests to the
        same chat (or any, for requests without a chat) before it passes are early retries."""
        self._faults.append(
            _Fault(
                _lower(method),
                count,
                status=429,
                description=f"Too Many Requests: retry after {retry_after}",
                retry_after=retry_after,
            )
        )

    def set_limits(self, limits: Limits | None) -> None:
        """Replace the flood limits (None: none, only forced 429s); counting starts afresh."""
        self._limiter = _Limiter(limits)

    def clear_faults(self) -> None:
        self._faults.clear()

    def block(self, user_id: int) -> None:
        self.blocked.add(user_id)

    def deactivate(self, user_id: int) -> None:
        self.deactivated.add(user_id)

    async def _apply_faults(self, entry: Request) -> None:
        for fault in list(self._faults):
            if not fault.applies(entry.method):
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._faults.remove(fault)
            if fault.delay and not await self._pause(fault.delay):
                raise ApiError(500, "Internal Server Error: server stopping", "fault")
            if fault.status == 429:
                self._limit(entry, fault.retry_after or 1, "forced", early=False)
            if fault.status:
                raise ApiError(fault.status, fault.description, "fault", fault.retry_after)

    def _limit(self, entry: Request, retry_after: int, scope: str, *, early: bool) -> None:
        now = time.monotonic()
        if scope == "forced":
            self._limiter.penalize(entry.chat_id, retry_after, now)
        record = RateLimit(now, entry.method, entry.chat_id, retry_after, scope, early)
        self.rate_limited.append(record)

    def _rate_gate(self, call: _Call, chat_id: int) -> None:
        refusal = self._limiter.refusal(chat_id, time.monotonic())
        if refusal is not None:
            retry_after, scope, early = refusal
            self._limit(call.request, retry_after, scope, early=early)
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", "limit", retry_after
            )

    @property
    def early_retries(self) -> list[RateLimit]:
        """429s for requests sent before an earlier retry_after had passed."""
        return [record for record in self.rate_limited if record.early]

    # ------------------------------------------------------------------ methods: service
    async def on_getMe(self, call: _Call) -> Json:
        return BOT_USER

    async def on_getChatMember(self, call: _Call) -> Json:
        """A group's member: "administrator" if listed in ``group_admins``, else "member"."""
        chat, user = int(call.params["chat_id"]), int(call.params["user_id"])
        status = "administrator" if user in self.group_admins.get(chat, set()) else "member"
        member: Json = {"status": status, "user": {"id": user, "is_bot": False, "first_name": "u"}}
        if status == "administrator":
            member.update(
                {
                    key: False
                    for key in (
                        "can_be_edited",
                        "is_anonymous",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_promote_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_send_welcome_messages",
                        "can_delete_stories",
                    )
                }
            )
            member["can_manage_chat"] = True
        return member

    async def on_deleteWebhook(self, call: _Call) -> bool:
        if call.params.get("drop_pending_updates") in (True, "true", "True"):
            self.updates.clear()
        self.webhook_url, self.webhook_secret = "", None
        return True

    async def on_setWebhook(self, call: _Call) -> bool:
        url = str(call.params.get("url") or "")
        if not url:
            return await self.on_deleteWebhook(call)
        if call.params.get("drop_pending_updates") in (True, "true", "True"):
            self.updates.clear()
        allowed = _json_field(call.params, "allowed_updates")
        if allowed:
            self.allowed_updates = list(allowed)
        self.webhook_url = url
        self.webhook_secret = call.params.get("secret_token") or None
        self._poll_generation += 1  # a poll still waiting ends, as Telegram ends it
        self._notify()
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_webhook())
        return True

    async def on_getWebhookInfo(self, call: _Call) -> Json:
        return {"url": self.webhook_url, "pending_update_count": len(self._deliverable())}

    async def _deliver_webhook(self) -> None:
        """POST each update in order, as Telegram does, until it is answered with 200; retry
        after a short pause otherwise. Stops when the webhook is deleted."""
        async with aiohttp.ClientSession() as session:
            while self.webhook_url and not self._closing.is_set():
                pending = self._deliverable()
                if not pending:
                    await self._wait_change(1.0)
                    continue
                update = pending[0]
                status = await self._post_update(session, update)
                self.webhook_posts.append((update["update_id"], status))
                if status == 200:
                    self._confirm(update["update_id"] + 1)
                    self._notify()
                else:
                    await asyncio.sleep(0.2)

    async def _post_update(self, session: aiohttp.ClientSession, update: Json) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook_secret or ""}
        if not self.webhook_secret:
            headers = {}
        try:
            async with session.post(
                self.webhook_url, json=update, headers=headers, timeout=aiohttp.ClientTimeout(10)
            ) as response:
                return response.status
        except (aiohttp.ClientError, TimeoutError):
            return 0

    async def on_close(self, call: _Call) -> bool:
        return True

    async def on_logOut(self, call: _Call) -> bool:
        return True

    async def on_getUpdates(self, call: _Call) -> list[Json]:
        if self.webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT, "violation")
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # a poll still waiting is terminated, as Telegram does
        self._confirm(_int(call.params.get("offset"), 0))
        allowed = _json_field(call.params, "allowed_updates")
        if allowed:
            self.allowed_updates = list(allowed)
        limit = min(max(_int(call.params.get("limit"), 100), 1), 100)
        deadline = time.monotonic() + max(_float(call.params.get("timeout"), 0.0), 0.0)
        while not self._deliverable() and not self._closing.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            await self._wait_change(remaining)
            if generation != self._poll_generation:
                # A bot that cancelled this poll has dropped the connection; give the close a
                # moment to arrive so only a live second poller counts as a violation.
                await asyncio.sleep(0.1)
                raise ApiError(409, CONFLICT)
        return self._deliverable()[:limit]

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self.updates = [update for update in self.updates if update["update_id"] >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]

    def _deliverable(self) -> list[Json]:
        if self.allowed_updates:  # Telegram never queues the kinds the bot did not ask for
            self.updates = [u for u in self.updates if _update_kind(u) in self.allowed_updates]
        return self.updates

    async def _wait_change(self, timeout: float) -> None:
        changed, closing = self._changed, self._closing
        waiters = [asyncio.ensure_future(changed.wait()), asyncio.ensure_future(closing.wait())]
        _done, pending = await asyncio.wait(
            waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        for waiter in pending:
            waiter.cancel()

    async def on_setMyCommands(self, call: _Call) -> bool:
        commands = _json_field(call.params, "commands") or []
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad("commands must be a list of at most 100 commands")
        for command in commands:
            name, description = command.get("command", ""), command.get("description", "")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad("command description is too long or empty")
        self.commands[self._commands_key(call)] = commands
        return True

    async def on_getMyCommands(self, call: _Call) -> list[Json]:
        return self.commands.get(self._commands_key(call), [])

    async def on_deleteMyCommands(self, call: _Call) -> bool:
        self.commands.pop(self._commands_key(call), None)
        return True

    def _commands_key(self, call: _Call) -> tuple[str, str]:
        scope = _json_field(call.params, "scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(call.params.get("language_code", ""))

    def my_commands(self, language_code: str = "", scope: Json | None = None) -> list[Json]:
        """The command menu set for ``scope`` (default scope if None) and ``language_code``."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return self.commands.get((key, language_code), [])

    # ------------------------------------------------------------------ methods: messages
    async def on_sendChatAction(self, call: _Call) -> bool:
        self._chat_for(call)
        return True

    async def on_sendMessage(self, call: _Call) -> Json:
        chat = self._chat_for(call)
        source = str(call.params.get("text", ""))
        parse_mode = call.params.get("parse_mode")
        text, entities = _formatted(source, parse_mode, TEXT_LIMIT, required=True)
        markup = _markup(call.params)
        self._rate_gate(call, chat.user.id)
        self._output("message", chat, source, parse_mode, markup)
        return self._store(chat, source, parse_mode, text, entities, markup).as_dict(chat.user)

    async def on_sendDocument(self, call: _Call) -> Json:
        chat = self._chat_for(call)
        source = str(call.params.get("caption", ""))
        parse_mode = call.params.get("parse_mode")
        text, entities = _formatted(source, parse_mode, CAPTION_LIMIT, required=False)
        markup = _markup(call.params)
        name, mime, data = self._upload(call)
        self._rate_gate(call, chat.user.id)
        if source:
            self._output("caption", chat, source, parse_mode, markup)
        sent = self._store(chat, source, parse_mode, text, entities, markup)
        document = Document(
            f"DOC{next(self._ids)}", name, mime, data, chat.user.id, sent.message_id
        )
        sent.document = self._files[document.file_id] = document
        return sent.as_dict(chat.user)

    def _upload(self, call: _Call) -> tuple[str, str, bytes]:
        value = call.params.get("document", "")
        key = value[len("attach://") :] if str(value).startswith("attach://") else "document"
        if key in call.files:
            name, mime, data = call.files[key]
            if not data:
                raise bad("file must be non-empty")
            return name, mime, data
        if value in self._files:
            known = self._files[value]
            return known.file_name, known.mime_type, known.data
        raise bad("wrong file identifier/HTTP URL specified")

    async def on_getFile(self, call: _Call) -> Json:
        document = self._files.get(str(call.params.get("file_id", "")))
        if document is None:
            raise bad("invalid file_id")
        return {**document.as_dict(), "file_path": f"documents/{document.file_id}"}

    async def on_editMessageText(self, call: _Call) -> Json:
        chat, sent = self._editable(call)
        if sent.document is not None:
            raise bad("there is no text in the message to edit")
        source = str(call.params.get("text", ""))
        parse_mode = call.params.get("parse_mode")
        text, entities = _formatted(source, parse_mode, TEXT_LIMIT, required=True)
        markup = _markup(call.params)  # an edit without a keyboard removes it, as in Telegram
        if (text, entities, markup) == (sent.text, sent.entities, sent.reply_markup):
            raise bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        self._rate_gate(call, chat.user.id)
        self._output("edit", chat, source, parse_mode, markup)
        sent.history.append(sent.revision())
        sent.text, sent.source, sent.parse_mode, sent.entities = text, source, parse_mode, entities
        sent.reply_markup, sent.sent_at = markup, time.monotonic()
        return sent.as_dict(chat.user)

    async def on_editMessageReplyMarkup(self, call: _Call) -> Json:
        chat, sent = self._editable(call)
        markup = _markup(call.params)
        if markup == sent.reply_markup:
            raise bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        self._rate_gate(call, chat.user.id)
        self._output("keyboard edit", chat, "", None, markup)
        sent.history.append(sent.revision())
        sent.reply_markup, sent.sent_at = markup, time.monotonic()
        return sent.as_dict(chat.user)

    async def on_deleteMessage(self, call: _Call) -> bool:
        chat = self._chat_for(call)
        message_id = _int(call.params.get("message_id"), 0)
        for sent in chat.sent:
            if sent.message_id == message_id and not sent.deleted:
                sent.deleted = True
                return True
        for incoming in chat.incoming:
            if incoming["message_id"] == message_id and not incoming.get("deleted"):
                incoming["deleted"] = True
                return True
        raise bad("message to delete not found")

    # ------------------------------------------------------------------ methods: queries
    async def on_answerCallbackQuery(self, call: _Call) -> bool:
        query = self._query(call, "callback_query_id", "callback")
        text = call.params.get("text")
        if text is not None and len(str(text)) > CALLBACK_TEXT_LIMIT:
            raise bad("MESSAGE_TOO_LONG")
        query.answered = True
        self.callback_answers.append(
            CallbackAnswer(
                str(call.params["callback_query_id"]),
                query.user_id,
                query.payload,
                None if text is None else str(text),
                str(call.params.get("show_alert", "")).lower() == "true",
                call.params.get("url"),
                time.monotonic(),
            )
        )
        return True

    async def on_answerInlineQuery(self, call: _Call) -> bool:
        query = self._query(call, "inline_query_id", "inline")
        results = _json_field(call.params, "results")
        if not isinstance(results, list):
            raise bad("results must be a JSON array")
        if len(results) > INLINE_RESULTS_LIMIT:
            raise bad("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            _check_result(result, seen)
        query.answered = True
        answer = InlineAnswer(
            str(call.params["inline_query_id"]),
            query.user_id,
            query.payload,
            results,
            call.request.params,
            time.monotonic(),
        )
        self.inline_answers.append(answer)
        for result in results:
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                markup = result.get("reply_markup")
                mode = content.get("parse_mode")
                self.outputs.append(
                    Output("inline result", None, content["message_text"], mode, markup, None)
                )
        return True

    def _query(self, call: _Call, key: str, kind: str) -> _Query:
        query = self._queries.get(str(call.params.get(key, "")))
        if query is None or query.kind != kind or query.answered:
            raise ApiError(400, QUERY_TOO_OLD)
        if time.monotonic() - query.created > self.query_timeout:
            raise ApiError(400, QUERY_TOO_OLD)
        return query

    def _output(
        self, kind: str, chat: _Chat, source: str, parse_mode: str | None, markup: Json | None
    ) -> None:
        self.outputs.append(Output(kind, chat.user.id, source, parse_mode, markup, chat.cause))

    # ------------------------------------------------------------------ chats and messages
    def _chat_for(self, call: _Call) -> _Chat:
        raw = call.params.get("chat_id")
        if raw in (None, ""):
            raise bad("chat_id is empty")
        chat = self._chats.get(_int(raw, 0))
        if chat is None:
            raise bad("chat not found")
        if chat.user.id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user", "user")
        if chat.user.id in self.deactivated:
            raise ApiError(403, "Forbidden: user is deactivated", "user")
        return chat

    def _editable(self, call: _Call) -> tuple[_Chat, SentMessage]:
        if call.params.get("inline_message_id"):
            raise bad("MESSAGE_ID_INVALID")
        chat = self._chat_for(call)
        message_id = _int(call.params.get("message_id"), 0)
        if any(incoming["message_id"] == message_id for incoming in chat.incoming):
            raise bad("message can't be edited")
        for sent in chat.sent:
            if sent.message_id == message_id and not sent.deleted:
                return chat, sent
        raise bad("message to edit not found")

    def _store(
        self,
        chat: _Chat,
        source: str,
        parse_mode: str | None,
        text: str,
        entities: list[Json],
        markup: Json | None,
    ) -> SentMessage:
        sent = SentMessage(
            chat.user.id,
            next(chat.ids),
            text,
            source,
            parse_mode,
            entities,
            markup,
            time.monotonic(),
            int(time.time()),
        )
        chat.sent.append(sent)
        self.sent_count += 1
        return sent

    # ------------------------------------------------------------------ acting as users
    def user(self, user_id: int, language_code: str | None = None) -> User:
        """The user (and their private chat with the bot), created on first use."""
        chat = self._chats.get(user_id)
        if chat is None:
            chat = self._chats[user_id] = _Chat(User(user_id, language_code or "ru"))
        elif language_code is not None:
            chat.user.language_code = language_code
        return chat.user

    def send_message(self, user_id: int, text: str, language_code: str = "ru") -> Json:
        """The user writes ``text`` to the bot; returns the message as the bot will get it."""
        user = self.user(user_id, language_code)
        chat = self._chats[user_id]
        message: Json = {
            "message_id": next(chat.ids),
            "from": user.as_dict(),
            "chat": {"id": user_id, "type": "private", "first_name": user.first_name},
            "date": int(time.time()),
            "text": text,
        }
        entities = _command_entities(text)
        if entities:
            message["entities"] = entities
        chat.incoming.append(message)
        chat.cause = None
        self._push({"message": message})
        return message

    def send_document(
        self,
        user_id: int,
        file_name: str,
        data: bytes,
        language_code: str = "ru",
        mime_type: str = "application/octet-stream",
    ) -> Json:
        """The user sends a file; the bot can fetch it with getFile and the file URL."""
        user = self.user(user_id, language_code)
        chat = self._chats[user_id]
        message_id = next(chat.ids)
        document = Document(f"UP{next(self._ids)}", file_name, mime_type, data, user_id, message_id)
        self._files[document.file_id] = document
        message: Json = {
            "message_id": message_id,
            "from": user.as_dict(),
            "chat": {"id": user_id, "type": "private", "first_name": user.first_name},
            "date": int(time.time()),
            "document": document.as_dict(),
        }
        chat.incoming.append(message)
        chat.cause = None
        self._push({"message": message})
        return message

    async def upload(
        self, user_id: int, file_name: str, data: bytes, language_code: str = "ru"
    ) -> SentMessage:
        """The user sends a file; the bot's newest message once it has answered."""
        return await self.exchange(
            user_id, lambda: self.send_document(user_id, file_name, data, language_code)
        )

    def press(self, user_id: int, label: str) -> str:
        """Press the inline button labelled ``label`` (or containing it) on the newest message
        that has one; returns the callback query id."""
        for sent in reversed(self.messages(user_id)):
            buttons = sent.buttons()
            exact = [button for button in buttons if button["text"] == label]
            loose = [button for button in buttons if label in button["text"]]
            for button in exact or loose:
                if "callback_data" not in button:
                    raise AssertionError(f"button {button['text']!r} has no callback_data")
                return self._callback(user_id, sent, button["callback_data"])
        available = [f"#{m.message_id}: {m.labels()}" for m in self.messages(user_id) if m.labels()]
        raise AssertionError(
            f"no inline button {label!r} in chat {user_id}; buttons: {available or 'none'}"
        )

    def press_data(self, user_id: int, message_id: int, data: str) -> str:
        """A callback query with any ``data`` (as a forged client would send) on a message."""
        for sent in self.messages(user_id):
            if sent.message_id == message_id:
                return self._callback(user_id, sent, data)
        raise AssertionError(f"no message #{message_id} from the bot in chat {user_id}")

    def inline_query(self, user_id: int, query: str, offset: str = "") -> str:
        user = self.user(user_id)
        query_id = self._new_query("inline", user_id, query)
        self._push(
            {
                "inline_query": {
                    "id": query_id,
                    "from": user.as_dict(),
                    "query": query,
                    "offset": offset,
                    "chat_type": "sender",
                }
            }
        )
        return query_id

    def _callback(self, user_id: int, sent: SentMessage, data: str) -> str:
        user = self.user(user_id)
        query_id = self._new_query("callback", user_id, data)
        self._chats[user_id].cause = data
        callback = {
            "id": query_id,
            "from": user.as_dict(),
            "message": sent.as_dict(user),
            "chat_instance": f"ci{user_id}",
            "data": data,
        }
        self._push({"callback_query": callback})
        return query_id

    def _new_query(self, kind: str, user_id: int, payload: str) -> str:
        query_id = str(4_000_000_000 + next(self._ids))
        self._queries[query_id] = _Query(kind, user_id, payload, time.monotonic())
        return query_id

    def _push(self, update: Json) -> None:
        self.updates.append({"update_id": next(self._update_ids), **update})
        self._notify()

    # ------------------------------------------------------------------ readers
    def messages(self, user_id: int, *, include_deleted: bool = False) -> list[SentMessage]:
        """What the bot sent this user, oldest first, with edits applied."""
        chat = self._chats.get(user_id)
        sent = chat.sent if chat else []
        return [message for message in sent if include_deleted or not message.deleted]

    def last(self, user_id: int) -> SentMessage:
        messages = self.messages(user_id)
        if not messages:
            raise AssertionError(f"the bot sent nothing to {user_id}")
        return messages[-1]

    def calls(self, method: str, chat_id: int | None = None) -> list[Request]:
        """The requests to ``method`` (to ``chat_id`` if given), oldest first."""
        return [
            request
            for request in self.requests
            if request.method == method and chat_id in (None, request.chat_id)
        ]

    def all_messages(self) -> list[SentMessage]:
        """Every message the bot sent, in every chat."""
        return [message for chat in self._chats.values() for message in chat.sent]

    def unanswered(self) -> list[str]:
        """Payloads of the callback and inline queries the bot never answered."""
        return [q.payload for q in self._queries.values() if not q.answered]

    def documents(self, user_id: int) -> list[Document]:
        return [m.document for m in self.messages(user_id) if m.document is not None]

    def assert_no_violations(self) -> None:
        if self.violations:
            lines = "\n".join(f"  {v.method}: {v.error} ({v.payload})" for v in self.violations)
            raise AssertionError(f"requests Telegram would refuse:\n{lines}")

    def assert_clean(self) -> None:
        """Nothing Telegram would refuse, no retry before its retry_after, every query answered."""
        self.assert_no_violations()
        assert not self.early_retries, f"sent before retry_after passed: {self.early_retries}"
        assert not self.unanswered(), f"queries never answered: {self.unanswered()}"

    def _version(self, user_id: int) -> int:
        return sum(1 + len(m.history) for m in self.messages(user_id, include_deleted=True))

    async def exchange(
        self, user_id: int, action: Callable[[], object], timeout: float = 15.0, quiet: float = 0.3
    ) -> SentMessage:
        """Do ``action`` as the user, wait until the bot has answered in the chat and then been
        quiet for ``quiet`` s; the newest message."""
        before = self._version(user_id)
        action()
        await self.wait_for(lambda: self._version(user_id) != before, timeout)
        seen = self._version(user_id)
        while True:
            await asyncio.sleep(quiet)
            version = self._version(user_id)
            if version == seen and not self._retry_pending(user_id) and not self._pacing(user_id):
                return self.last(user_id)
            seen = version

    async def say(self, user_id: int, text: str, language_code: str = "ru") -> SentMessage:
        """The user writes ``text``; the bot's newest message once it has answered."""
        return await self.exchange(user_id, lambda: self.send_message(user_id, text, language_code))

    async def tap(self, user_id: int, label: str) -> SentMessage:
        """The user presses the button ``label``; the bot's newest message once it has answered."""
        return await self.exchange(user_id, lambda: self.press(user_id, label))

    def _pacing(self, chat_id: int) -> bool:
        """The chat's burst is used up: a bot keeping to the pace may be waiting for its next
        slot (unseen here), so its answer may still come."""
        limits = self._limiter.limits
        if limits is None:
            return False
        burst = float(limits.chat_burst)
        left, when = self._limiter.buckets.get(chat_id, (burst, 0.0))
        return left + (time.monotonic() - when) * limits.chat_rate < 1

    def _retry_pending(self, chat_id: int) -> bool:
        """The newest request to this chat is unfinished or was refused with 429 or 5xx."""
        for request in reversed(self.requests):
            if request.chat_id == chat_id:
                return request.status == 0 or request.status == 429 or request.status >= 499
        return False

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:
        """The first truthy value of ``predicate``, re-checked after every request and update."""
        deadline = time.monotonic() + timeout
        while not (value := predicate()):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"condition not met within {timeout} s")
            await self._wait_change(min(remaining, 0.1))  # state outside the server changes too
        return value

    async def wait_for_message(
        self, user_id: int, contains: str = "", timeout: float = 5.0, *, after: int = 0
    ) -> SentMessage:
        """The newest message to ``user_id`` whose text contains ``contains``, among those after
        the first ``after`` messages (pass ``len(server.messages(user_id))`` for a new one)."""

        def find() -> SentMessage | None:
            found = [m for m in self.messages(user_id)[after:] if contains in m.text]
            return found[-1] if found else None

        try:
            return await self.wait_for(find, timeout)
        except AssertionError:
            texts = [m.text[:100] for m in self.messages(user_id)]
            raise AssertionError(
                f"no message containing {contains!r} for {user_id} in {timeout} s; got {texts}"
            ) from None


# ---------------------------------------------------------------------------------- helpers


def _formatted(
    source: str, parse_mode: str | None, limit: int, *, required: bool
) -> tuple[str, list[Json]]:
    """Telegram's text after parsing, or its refusal: parse errors, empty, too long."""
    if (parse_mode or "").upper() == "HTML":
        try:
            text, entities = parse_html(source)
        except EntityError as error:
            raise bad(f"can't parse entities: {error}") from None
    else:
        text, entities = source.strip(), []
    if required and not text:
        raise bad("message text is empty")
    if utf16_len(text) > limit:
        raise bad("message is too long" if required else "message caption is too long")
    return text, entities


def _markup(params: dict[str, Any]) -> Json | None:
    markup = _json_field(params, "reply_markup")
    if not markup:
        return None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup  # reply keyboards, keyboard removal and force reply pass as they are
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: Json) -> None:
    if not button.get("text"):
        raise bad("BUTTON_TEXT_INVALID")
    kinds = BUTTON_KINDS & set(button)
    if not kinds:
        raise bad("text buttons are unallowed in the inline keyboard")
    if len(kinds) > 1:
        raise bad(f"can't parse inline keyboard button: more than one of {sorted(kinds)}")
    data = button.get("callback_data")
    if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
        raise bad("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not re.match(r"(https?|tg)://\S+$", str(url)):
        raise bad("BUTTON_URL_INVALID")


def _check_result(result: Any, seen: set[str]) -> None:
    if not isinstance(result, dict) or result.get("type") not in RESULT_TYPES:
        raise bad("RESULT_TYPE_INVALID")
    result_id = str(result.get("id", ""))
    if not 1 <= len(result_id.encode()) <= 64:
        raise bad("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    if result["type"] == "article":
        if not result.get("title"):
            raise bad("RESULT_TITLE_EMPTY")
        content = result.get("input_message_content")
        if not isinstance(content, dict) or "message_text" not in content:
            raise bad("MESSAGE_EMPTY")
        _formatted(
            str(content["message_text"]), content.get("parse_mode"), TEXT_LIMIT, required=True
        )
    if "reply_markup" in result:
        _markup({"reply_markup": result["reply_markup"]})


def _command_entities(text: str) -> list[Json]:
    entities = []
    for match in re.finditer(r"(?<!\S)/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]+)?", text):
        offset = utf16_len(text[: match.start()])
        entities.append({"type": "bot_command", "offset": offset, "length": utf16_len(match[0])})
    return entities


def _update_kind(update: Json) -> str:
    return next(key for key in update if key != "update_id")


async def _read_params(
    request: web.Request,
) -> tuple[dict[str, Any], dict[str, tuple[str, str, bytes]]]:
    params: dict[str, Any] = dict(request.query)
    files: dict[str, tuple[str, str, bytes]] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
        return params, files
    if request.method != "POST" or not request.can_read_body:
        return params, files
    for key, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            files[key] = (value.filename, value.content_type, value.file.read())
        else:
            params[key] = value
    return params, files


def _summary(params: dict[str, Any], files: dict[str, tuple[str, str, bytes]]) -> dict[str, str]:
    summary = {key: str(value) for key, value in params.items()}
    for key, (name, _mime, data) in files.items():
        summary[key] = f"<file {name!r}, {len(data)} bytes>"
    return summary


def _chat_id_of(params: dict[str, Any]) -> int | None:
    chat_id = _int(params.get("chat_id"), 0)
    return chat_id or None


def _json_field(params: dict[str, Any], key: str) -> Any:
    value = params.get(key)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise bad(f"can't parse {key} JSON object") from None
    return value


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _float(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _lower(method: str | None) -> str | None:
    return method.lower() if method else None


def _client_gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()
