"""Two replicas on one Redis (a real ``redis-server``, tests/support/redis_server.py): a
conversation started on one continues on the other, one user's updates never run at once across
them, and they keep one send budget and one 429 pause between them."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.types import Chat, Message, Update, User
from redis.asyncio import Redis

from bot import replicas
from bot.app import App, create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.db.fsm import SQLiteStorage
from bot.local_session import LocalSession
from bot.notify import Limiter
from bot.replicas import SharedLimiter
from handlers.states import Deadlines
from knowledge.l10n import format_date
from tests.conftest import DEFAULT_NOW
from tests.support.dialog import Dialog

BOT_ID = 4242


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = replicas.connect(redis_url)
    yield client
    await client.aclose()


async def two_apps(tmp_path: Path, redis_url: str) -> tuple[App, App]:
    """Two replicas: one database folder (SQLite in WAL mode) and one Redis."""
    apps = []
    for _ in range(2):
        settings = Settings(
            _env_file=None, data_dir=tmp_path / "data", bot_token=None, redis_url=redis_url
        )
        app = await create_app(settings, session=LocalSession(), clock=FrozenClock(DEFAULT_NOW))
        await app.dp.emit_startup(bot=app.bot, **app.dp.workflow_data)
        apps.append(app)
    return apps[0], apps[1]


async def stop(*apps: App) -> None:
    for app in apps:
        await app.dp.emit_shutdown(bot=app.bot, **app.dp.workflow_data)


def session(app: App) -> LocalSession:
    assert isinstance(app.bot.session, LocalSession)
    return app.bot.session


async def test_without_redis_url_state_stays_in_sqlite(app: App) -> None:
    assert isinstance(app.dp.storage, SQLiteStorage)
    assert isinstance(app.dp.fsm.events_isolation, SimpleEventIsolation)
    assert app.redis is None


def test_redis_url_must_name_redis() -> None:
    with pytest.raises(ValueError, match="redis://"):
        Settings(_env_file=None, redis_url="http://localhost:6379")
    assert Settings(_env_file=None, redis_url="").redis() is None
    assert Settings(_env_file=None, redis_url="redis://:pw@h:1/0").redis() == "redis://:pw@h:1/0"
    assert "pw" not in repr(Settings(_env_file=None, redis_url="redis://:pw@h:1/0"))


def test_the_redis_password_is_redacted_from_the_logs() -> None:
    settings = Settings(_env_file=None, redis_url="redis://:s3cret-pw@cache:6379/0")
    assert settings.redis_password() == "s3cret-pw"
    assert Settings(_env_file=None, redis_url="redis://cache:6379/0").redis_password() == ""


def test_keys_keep_bots_chats_and_users_apart() -> None:
    builder = replicas.key_builder()
    key = StorageKey(bot_id=1, chat_id=-100, user_id=7)
    assert builder.build(key, "state") == "permitbot:fsm:1:-100:7:default:state"
    other_bot = StorageKey(bot_id=2, chat_id=-100, user_id=7)
    private = StorageKey(bot_id=1, chat_id=7, user_id=7)
    built = {builder.build(k, "state") for k in (key, other_bot, private)}
    assert len(built) == 3
    assert builder.build(key, "lock") != builder.build(key, "data")


async def test_a_conversation_started_on_one_replica_continues_on_the_other(
    tmp_path: Path, redis_url: str, redis: Redis
) -> None:
    first, second = await two_apps(tmp_path, redis_url)
    try:
        assert isinstance(first.dp.storage, RedisStorage)
        assert isinstance(first.dp.fsm.events_isolation, RedisEventIsolation)
        on_first = Dialog(first, session(first), 77, "en")
        await on_first.send("/deadlines")
        vacancy = next(d for label, d in on_first.last_message().buttons() if "Vacancy" in label)
        # The chat lives at Telegram: the second replica edits the messages the first sent.
        session(second).messages.update(session(first).messages)
        on_second = Dialog(second, session(second), 77, "en")
        await on_second.click_data(vacancy, on_first.last_message())
        key = StorageKey(bot_id=second.bot.id, chat_id=77, user_id=77)
        assert await first.dp.storage.get_state(key) == Deadlines.date.state, "shared state"
        assert await redis.exists(f"permitbot:fsm:{first.bot.id}:77:77:default:state")
        await on_second.send("01.09.2025")
        result = "\n".join(on_second.replies())
        assert format_date(dt.date(2025, 9, 17), "en") in result, "the second replica finished it"
        rows = await first.db.fetchall("SELECT key FROM fsm_state")
        assert rows == [], "the state lived in Redis, not in the shared SQLite file"
    finally:
        await stop(first, second)


def isolated_dispatcher(
    redis: Redis, log: list[str], started: asyncio.Event, release: asyncio.Event
) -> Dispatcher:
    storage = replicas.fsm_storage(redis)
    dp = Dispatcher(storage=storage, events_isolation=replicas.event_isolation(storage))
    router = Router()

    async def slow(message: Message) -> None:
        log.append(f"start {message.text}")
        started.set()
        if message.text == "first":
            await release.wait()
        log.append(f"end {message.text}")

    router.message.register(slow)
    dp.include_router(router)
    return dp


def update(user_id: int, text: str, update_id: int) -> Update:
    chat = Chat(id=user_id, type="private")
    sender = User(id=user_id, is_bot=False, first_name="U")
    message = Message(
        message_id=update_id, date=DEFAULT_NOW, chat=chat, from_user=sender, text=text
    )
    return Update(update_id=update_id, message=message)


async def test_one_users_updates_never_run_at_once_across_two_dispatchers(redis: Redis) -> None:
    log: list[str] = []
    started, release = asyncio.Event(), asyncio.Event()
    replica_a = isolated_dispatcher(redis, log, started, release)
    replica_b = isolated_dispatcher(redis, log, started, release)
    bot = Bot(f"{BOT_ID}:TEST", session=LocalSession())
    first = asyncio.create_task(replica_a.feed_update(bot, update(5, "first", 1)))
    await started.wait()
    second = asyncio.create_task(replica_b.feed_update(bot, update(5, "second", 2)))
    other_user = asyncio.create_task(replica_b.feed_update(bot, update(6, "other", 3)))
    await other_user  # another user is not held by the first user's lock
    await asyncio.sleep(0.5)  # (time for the second replica to run it, were it not locked)
    assert log == ["start first", "start other", "end other"], "the second update waits"
    release.set()
    await asyncio.gather(first, second)
    assert log[3:] == ["end first", "start second", "end second"]
    await bot.session.close()


Sleep = Callable[[float], Awaitable[None]]


def recorder() -> tuple[list[float], Sleep]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:  # the schedule is checked, not the clock
        waits.append(seconds)

    return waits, sleep


def slots_of(limiter: SharedLimiter, into: list[tuple[int, int]]) -> None:
    """Record every reservation the limiter makes: (reserved, slot in µs on Redis's clock)."""
    reserve = limiter._reserve

    async def recording(keys: list[str], args: list[int]) -> list[int]:
        result = await reserve(keys=keys, args=args)
        if keys[0].endswith(":rate"):
            into.append((int(result[0]), int(result[2])))
        return list(result)

    limiter._reserve = recording  # type: ignore[assignment]


async def test_two_senders_share_one_budget(redis: Redis) -> None:
    slots: list[tuple[int, int]] = []
    senders = []
    for _ in range(2):
        _, sleep = recorder()
        limiter = SharedLimiter(redis, BOT_ID, per_second=20, chat_interval=1.0, sleep=sleep)
        slots_of(limiter, slots)
        senders.append(limiter)
    await asyncio.gather(
        *(senders[n % 2].acquire(1000 + n) for n in range(40)),  # 40 chats, two replicas
    )
    taken = sorted(slot for reserved, slot in slots if reserved)
    assert len(taken) == 40
    gaps = [b - a for a, b in itertools.pairwise(taken)]
    assert min(gaps) >= 1_000_000 // 20, "no two messages of the bot closer than 1/rate"
    waits, other_sleep = recorder()
    await SharedLimiter(redis, BOT_ID + 1, per_second=20, sleep=other_sleep).acquire(1)
    assert waits == [], "another token has its own budget"


async def test_one_chats_pace_is_shared(redis: Redis) -> None:
    waits: list[list[float]] = []
    senders = []
    for _ in range(2):
        seen, sleep = recorder()
        waits.append(seen)
        senders.append(SharedLimiter(redis, BOT_ID, chat_interval=1.0, chat_burst=3, sleep=sleep))
    for n in range(6):  # one chat, alternating replicas: the burst of 3, then one a second
        await senders[n % 2].acquire(55)
    paced = sorted(w for seen in waits for w in seen if w > 0.5)  # (the global slots: 1/29 s)
    assert len(paced) == 3, "three quick messages, then the pace applies across replicas"
    assert paced[-1] > 2.5, "the sixth message waits about three intervals"


class Slept(Exception):
    """Raised by ``stopper``'s sleep: the wait it was asked for is the result."""


def stopper() -> tuple[list[float], Sleep]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        raise Slept

    return waits, sleep


async def test_a_429_on_one_replica_pauses_the_other(redis: Redis) -> None:
    waits, sleep = stopper()
    first = SharedLimiter(redis, BOT_ID)
    second = SharedLimiter(redis, BOT_ID, sleep=sleep)
    await first.on_429(5)
    assert first.paused_until > 0, "the replica that got the 429 pauses at once"
    with pytest.raises(Slept):
        await second.wait_pause()
    assert 4.0 < waits[-1] <= 5.0, waits
    with pytest.raises(Slept):
        await second.acquire(9)
    assert 4.0 < waits[-1] <= 5.0, "a message waits for the pause too"
    answers, answer_sleep = recorder()
    await SharedLimiter(redis, BOT_ID, sleep=answer_sleep).wait_pause(answer=True)
    assert answers == [], "a 429 on a message does not hold callback answers"
    await first.on_429(2, answers=True)
    with pytest.raises(Slept):
        await second.wait_pause(answer=True)
    assert 1.0 < waits[-1] <= 2.0


async def test_a_429_while_a_message_waits_for_its_slot_holds_it(redis: Redis) -> None:
    first = SharedLimiter(redis, BOT_ID, sleep=recorder()[1])
    for chat in range(3):  # the schedule is taken for the next three slots
        await first.acquire(100 + chat)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 1:  # waiting for its slot, another replica gets a 429
            await first.on_429(3)
        else:
            raise Slept

    with pytest.raises(Slept):
        await SharedLimiter(redis, BOT_ID, sleep=sleep).acquire(200)
    assert waits[0] < 0.5 and 2.0 < waits[1] <= 3.0, "the message waits out the pause, then"


async def test_unreachable_redis_falls_back_to_the_process(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = replicas.connect("redis://127.0.0.1:9/0")  # nothing listens on the discard port
    limiter = SharedLimiter(client, BOT_ID)
    await limiter.acquire(1)
    await limiter.on_429(0.01)
    await limiter.wait_pause()
    assert isinstance(limiter, Limiter)
    assert "Redis unreachable" in caplog.text
    await client.aclose()


def oversleeper(late: float, times: int) -> Sleep:
    """A sleep that wakes ``late`` seconds after the time asked, the first ``times`` times."""
    left = [times]

    async def sleep(seconds: float) -> None:
        extra = late if left[0] > 0 else 0.0
        left[0] -= 1
        await asyncio.sleep(seconds + extra)

    return sleep


@pytest.mark.parametrize(("late", "reservations"), [(0.0, 1), (0.3, 2)])
async def test_a_sender_that_wakes_late_takes_a_fresh_slot(
    redis: Redis, late: float, reservations: int
) -> None:
    """Sending on a slot long past would bunch with the next replicas' slots (Telegram counts
    arrivals): a sender woken more than one interval late gives its slot up and takes another."""
    first = SharedLimiter(redis, BOT_ID, per_second=10, chat_interval=0.0, sleep=recorder()[1])
    await first.acquire(None)  # the slot now is taken: the next one is 0.1 s away
    late_one = SharedLimiter(redis, BOT_ID, per_second=10, chat_interval=0.0)
    late_one._sleep = oversleeper(late, times=1)
    slots: list[tuple[int, int]] = []
    slots_of(late_one, slots)
    await late_one.acquire(None)
    assert [reserved for reserved, _ in slots] == [1] * reservations
