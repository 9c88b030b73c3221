"""What several replicas of one bot share through Redis (``REDIS_URL``).

- Conversation state: aiogram's ``RedisStorage``; keys ``permitbot:fsm:<bot>:<chat>:<user>:
  <destiny>:state|data``, so two bots on one Redis, or one user in two chats, never mix.
- One user's updates one at a time across replicas: ``RedisEventIsolation`` (a Redis lock per
  bot, chat and user around the whole update, expiring if its holder died: after ``LOCK_SECONDS``,
  or the longest update's retry budget if that is longer).
- One token, one budget: ``SharedLimiter`` keeps the global send rate, each chat's pace and the
  bot-wide 429 pause in Redis, keyed by the bot's id. Each is a GCRA schedule (the theoretical
  arrival time of the next message) updated by a Lua script on Redis's own clock, so replicas
  whose clocks disagree still share one schedule; a 429's ``retry_after`` sets a "paused until"
  key every replica reads before sending.

Without ``REDIS_URL`` none of this is imported: SQLite state and the in-process limiter.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial

from aiogram.fsm.storage.base import DefaultKeyBuilder
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.config import Settings
from bot.notify import CHAT_MARGIN, Limiter

log = logging.getLogger(__name__)
PREFIX = "permitbot"
LOCK_SECONDS = 120.0  # a replica that dies mid-update frees its users after this
LOCK_POLL = 0.05  # seconds between two tries of a user's lock held by another update
MICRO = 1_000_000
WARN_EVERY = 30.0  # seconds between two "Redis unreachable" warnings

# GCRA on Redis's clock. KEYS[1]: the schedule (µs of the next free slot); KEYS[2], optional:
# the "paused until" key (µs), checked first: while paused nothing is reserved.
# ARGV[1]: the interval (µs); ARGV[2]: the burst. Returns {reserved (1/0), wait in µs, the slot
# (or the pause's end) in µs on Redis's clock}.
RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
if KEYS[2] then
  local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
  if paused > now then return {0, paused - now, paused} end
end
local interval = tonumber(ARGV[1])
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local at = math.max(tat - (tonumber(ARGV[2]) - 1) * interval, now)
local ttl = math.floor((tat + interval - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.0f', tat + interval), 'PX', ttl)
return {1, at - now, at}
"""

# A 429: every key in KEYS is paused until now + ARGV[1] µs (never shortened).
PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local till = now + tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  if till > tonumber(redis.call('GET', key) or '0') then
    redis.call('SET', key, string.format('%.0f', till), 'PX', math.floor(ARGV[1] / 1000) + 1000)
  end
end
return till - now
"""

# µs left of the pause in KEYS[1] (0: not paused).
REMAINING = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > now then return paused - now end
return 0
"""


def connect(url: str) -> Redis:
    """A client for ``REDIS_URL`` (connections are opened on first use)."""
    return Redis.from_url(url, health_check_interval=30, socket_timeout=10)


def key_builder() -> DefaultKeyBuilder:
    return DefaultKeyBuilder(prefix=f"{PREFIX}:fsm", with_bot_id=True, with_destiny=True)


class SharedStorage(RedisStorage):
    """Conversation state in Redis; data is JSON as in SQLite (a value that could not survive
    the round trip fails at once). The application closes the client last (``on_shutdown``):
    aiogram closes its storage before the updates in hand have finished."""

    async def close(self) -> None:
        pass


def fsm_storage(redis: Redis) -> SharedStorage:
    dumps = partial(json.dumps, ensure_ascii=False, allow_nan=False)
    return SharedStorage(redis, key_builder=key_builder(), json_dumps=dumps)


def event_isolation(storage: RedisStorage, hold: float = LOCK_SECONDS) -> RedisEventIsolation:
    """A lock per bot, chat and user around each update. ``hold``: seconds before the lock of a
    replica that died mid-update frees the user; it must outlast the longest update (a reply
    retried through an outage), else a second update could start beside it. An update that did
    outlive it is logged by redis-py, not failed."""
    return storage.create_isolation(
        lock_kwargs={"timeout": hold, "sleep": LOCK_POLL, "raise_on_release_error": False}
    )


def shared_fsm(redis: Redis, settings: Settings) -> tuple[SharedStorage, RedisEventIsolation]:
    """The Dispatcher's storage and isolation; the lock outlasts the longest update (a reply
    retried for its whole ``REPLY_RETRY_SECONDS`` budget, each attempt up to REQUEST_TIMEOUT)."""
    storage = fsm_storage(redis)
    hold = max(LOCK_SECONDS, settings.reply_retry_seconds + 4 * settings.request_timeout)
    return storage, event_isolation(storage, hold)


class SharedLimiter(Limiter):
    """``Limiter`` with its schedules and pause in Redis, shared by every replica of a bot.

    The same limits as in-process (``per_second`` for the bot, ``chat_interval`` and the burst
    per chat, groups slower); a request reserves its slot atomically and sleeps until it.
    If Redis cannot be reached, the in-process limiter takes over (a warning says so), so
    replies and reminders still go out, paced per process, with 429s pausing as before.
    """

    def __init__(
        self,
        redis: Redis,
        bot_id: int,
        per_second: float = 29.0,
        chat_interval: float = 1.0,
        chat_burst: int = 3,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(per_second, chat_interval, chat_burst=chat_burst, sleep=sleep)
        self.redis = redis
        self.prefix = f"{PREFIX}:{{{bot_id}}}"  # a hash tag: one Redis Cluster slot per bot
        self._reserve = redis.register_script(RESERVE)
        self._pause = redis.register_script(PAUSE)
        self._remaining = redis.register_script(REMAINING)
        self._warned = -WARN_EVERY

    def _keys(self, answers: bool) -> str:
        return f"{self.prefix}:pause:answers" if answers else f"{self.prefix}:pause"

    async def on_429(self, seconds: float, *, answers: bool = False) -> None:
        self.pause(seconds, answers=answers)  # this replica at once, the others through Redis
        keys = [self._keys(False), self._keys(True)] if answers else [self._keys(False)]
        try:
            await self._pause(keys=keys, args=[int(seconds * MICRO)])
        except RedisError as exc:
            self._unreachable(exc)

    async def wait_pause(self, *, answer: bool = False) -> None:
        await super().wait_pause(answer=answer)
        while True:
            try:
                left = int(await self._remaining(keys=[self._keys(answer)]))
            except RedisError as exc:
                self._unreachable(exc)
                return
            if left <= 0:
                return
            await self._sleep(left / MICRO)

    async def acquire(self, chat_id: int | str | None, burst: int | None = None) -> None:
        try:
            await self._acquire(chat_id, burst)
        except RedisError as exc:
            self._unreachable(exc)
            await super().acquire(chat_id, burst)

    async def _acquire(self, chat_id: int | str | None, burst: int | None) -> None:
        if chat_id is not None and (self.chat_interval > 0 or self.group_interval > 0):
            wanted = self.chat_burst if burst is None else burst
            interval, chat_burst = self.chat_pace(chat_id, wanted)
            _, wait, _ = await self._reserve(
                keys=[f"{self.prefix}:chat:{chat_id}"], args=[int(interval * MICRO), chat_burst]
            )
            if wait > 0:
                await self._sleep(wait / MICRO + CHAT_MARGIN)
        await super().wait_pause()  # a 429 seen by this replica holds it without a round trip
        keys = [f"{self.prefix}:rate", self._keys(False)]
        interval_us = max(1, int(MICRO / self.rate))
        while True:
            asked = self._clock()
            reserved, wait, _ = await self._reserve(keys=keys, args=[interval_us, 1])
            if wait > 0:
                await self._sleep(wait / MICRO)
            if not reserved:
                continue  # the pause is over: take a slot
            if self._clock() - asked - wait / MICRO > interval_us / MICRO:
                # Woke up later than one interval after the slot (a busy loop, a GC pause):
                # sending now would bunch with the slots after it, which Telegram counts as a
                # burst. The slot is left unused and a fresh one taken, as the in-process
                # limiter takes its token at the moment it sends.
                continue
            if wait <= 0 or await self._pause_left() <= 0:
                return
            await self.wait_pause()  # a 429 came while this waited for its slot: a fresh slot

    async def _pause_left(self) -> float:
        local = self.paused_until - self._clock()
        if local > 0:
            return local
        return int(await self._remaining(keys=[self._keys(False)])) / MICRO

    def _unreachable(self, exc: RedisError) -> None:
        now = time.monotonic()
        if now - self._warned >= WARN_EVERY:
            self._warned = now
            log.warning("Redis unreachable, pacing in this process only: %s", type(exc).__name__)
