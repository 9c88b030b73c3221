"""The single composition root: production, the local chat and tests build the bot here."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation

from bot.access import WorkspaceRole
from bot.clock import Clock, clock_for
from bot.config import Settings, check_data_dir
from bot.db import Database, open_database
from bot.db.fsm import FlushState, SQLiteStorage
from bot.errors import on_error
from bot.gate import OutgoingGate
from bot.metrics import ApiWatch, Metrics, UpdateMetrics
from bot.middlewares import (
    AnswerEveryCallback,
    CallbackAnswerWatcher,
    InFlight,
    ResetOnError,
    UserContext,
)
from bot.notify import Limiter, Notifier
from bot.outbox import KeepReplies, ReplyOutbox
from bot.records import impact
from bot.reminders.engine import Engine
from bot.response_types import keep_response_types
from bot.retry import RetryRequests
from bot.routing import RoutingDispatcher
from bot.scheduler import TickScheduler, add_tick, create_scheduler
from bot.shown import ShownMessages
from handlers import build_routers
from handlers.commands import register_commands
from handlers.escape import LeaveFlowOnCommand
from handlers.tracking.reminder_view import render as render_reminder
from knowledge.loader import load_knowledge, use_data_dir

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)
LOCAL_TOKEN = "1000000:local-chat-no-telegram"
DRAIN_SECONDS = 10.0


@dataclass
class App:
    settings: Settings
    db: Database
    bot: Bot
    dp: Dispatcher
    scheduler: TickScheduler
    clock: Clock
    limiter: Limiter
    engine: Engine
    outbox: ReplyOutbox
    in_flight: InFlight = field(default_factory=InFlight)
    metrics: Metrics = field(default_factory=Metrics)
    alerts_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    redis: Redis | None = None  # REDIS_URL: what the replicas share (bot.replicas)

    async def deliver_alerts(self) -> int:
        """Send the queued "your dates moved" messages (``bot.records.impact``), one run at a
        time: two runs reading the same queue would send a message twice."""
        async with self.alerts_lock, self.db.exclusive("impact-alerts") as ours:
            # (replicas: the one that holds the turn sends, the others skip this tick)
            return await impact.deliver(self.db, self.engine.notifier, self.clock) if ours else 0


def create_bot(
    settings: Settings,
    session: BaseSession | None = None,
    limiter: Limiter | None = None,
    outbox: ReplyOutbox | None = None,
    metrics: Metrics | None = None,
) -> Bot:
    token = settings.token() or LOCAL_TOKEN
    keep_response_types()
    if session is None:
        api = settings.telegram_api_url
        server = TelegramAPIServer.from_base(api) if api else PRODUCTION
        session = AiohttpSession(api=server, timeout=settings.request_timeout)
    bot = Bot(
        token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    # Outermost first: keep what still fails, retry, pace every attempt, watch callback answers.
    if outbox is not None:
        bot.session.middleware(KeepReplies(outbox))
    bot.session.middleware(RetryRequests(budget=settings.reply_retry_seconds))
    bot.session.middleware(OutgoingGate(limiter or Limiter()))
    if metrics is not None:  # each attempt: 429s, and when Telegram last answered (/readyz)
        bot.session.middleware(ApiWatch(metrics))
    bot.session.middleware(CallbackAnswerWatcher())
    bot.session.middleware(ShownMessages())  # innermost: records what a request really changed
    return bot


def create_dispatcher(
    settings: Settings,
    db: Database,
    clock: Clock,
    in_flight: InFlight,
    metrics: Metrics | None = None,
    redis: Redis | None = None,
) -> Dispatcher:
    # One user's updates run one at a time: aiogram's FSM middleware holds a lock per user and
    # chat around everything registered below, so a conversation step (and its FlushState write,
    # and the reset after a failure) never interleaves with the next message or tap. With Redis
    # the state and that lock are shared by every replica (bot.replicas).
    storage: BaseStorage
    isolation: BaseEventIsolation
    if redis is None:
        storage = sqlite = SQLiteStorage(db, clock)
        isolation = SimpleEventIsolation()
    else:
        from bot import replicas

        sqlite = None
        storage, isolation = replicas.shared_fsm(redis, settings)
    dp = RoutingDispatcher(storage=storage, events_isolation=isolation)
    dp["db"] = db
    dp["clock"] = clock
    dp["settings"] = settings
    if metrics is not None:  # outermost of ours: times everything, sees every failure
        dp.update.outer_middleware(UpdateMetrics(metrics))
    dp.update.outer_middleware(in_flight)
    if sqlite is not None:  # (Redis writes each change at once)
        dp.update.outer_middleware(FlushState(sqlite))
    dp.update.outer_middleware(ResetOnError())  # inside FlushState: the reset is written too
    user_context = UserContext(db, clock, settings.default_timezone)
    for observer in (
        dp.message,
        dp.edited_message,
        dp.callback_query,
        dp.inline_query,
        dp.my_chat_member,  # the adder's language greets a group (handlers/group)
    ):
        observer.outer_middleware(user_context)
    workspace_role = WorkspaceRole(db, clock)  # inner: sees the handler's "role" flag
    for observer in (dp.message, dp.edited_message, dp.callback_query):
        observer.middleware(workspace_role)
    dp.message.outer_middleware(LeaveFlowOnCommand())
    dp.callback_query.outer_middleware(AnswerEveryCallback())
    dp.errors.register(on_error)
    dp.include_routers(*build_routers())
    return dp


async def create_app(
    settings: Settings, *, session: BaseSession | None = None, clock: Clock | None = None
) -> App:
    """Open the database (migrating it) and build bot, dispatcher and scheduler."""
    check_data_dir(settings.data_dir)
    use_data_dir(settings.knowledge_dir)
    load_knowledge()  # invalid rules data stops the start here, naming the file and field
    clock = clock or clock_for(settings.clock_start)
    db = await open_database(settings)
    in_flight = InFlight()
    redis = shared_redis(settings)
    limiter = create_limiter(settings, redis)
    outbox = ReplyOutbox(db)
    await outbox.load()
    metrics = Metrics()
    bot = create_bot(settings, session, limiter, outbox, metrics)
    engine = Engine(
        db, Notifier(bot, db, clock), clock, render_reminder, lease=settings.claim_lease_seconds
    )
    engine.observe = metrics.observe_reminder
    app = App(
        settings=settings,
        db=db,
        bot=bot,
        dp=create_dispatcher(settings, db, clock, in_flight, metrics, redis),
        scheduler=create_scheduler(),
        clock=clock,
        limiter=limiter,
        engine=engine,
        outbox=outbox,
        in_flight=in_flight,
        metrics=metrics,
        redis=redis,
    )
    app.dp["app"] = app
    app.dp.startup.register(on_startup)
    app.dp.shutdown.register(on_shutdown)
    return app


def shared_redis(settings: Settings) -> Redis | None:
    url = settings.redis()
    if url is None:
        return None
    from bot import replicas  # (the redis client is imported only when it is used)

    return replicas.connect(url)


def create_limiter(settings: Settings, redis: Redis | None) -> Limiter:
    token = settings.token()
    # Without a token there is no Telegram to keep under the limits of (the local chat, tests).
    if token is None:
        return Limiter.unlimited()
    if redis is None:
        return Limiter(
            settings.send_rate_per_second,
            settings.send_chat_interval,
            chat_burst=settings.send_chat_burst,
        )
    from bot.replicas import SharedLimiter  # one token, one budget: shared by the replicas

    return SharedLimiter(
        redis,
        int(token.split(":")[0]),
        settings.send_rate_per_second,
        settings.send_chat_interval,
        chat_burst=settings.send_chat_burst,
    )


async def on_startup(app: App) -> None:
    try:
        await register_commands(app.bot)
    except Exception as exc:  # the menu is a convenience; never block start-up on it
        log.warning("could not register commands: %s", type(exc).__name__)
    # Before the first reminder goes out: records a changed rule affects are planned anew.
    async with app.db.exclusive("impact-check", wait=True):  # replicas starting together: once
        await impact.check(app.db, app.clock)
    await app.engine.start()
    add_tick(app.scheduler, "reminders", app.settings.reminder_tick_seconds, app.engine.run_once)

    async def send_kept_replies() -> None:  # (a coroutine function: APScheduler awaits it)
        await app.outbox.drain(app.bot)

    add_tick(app.scheduler, "replies", app.settings.reminder_tick_seconds, send_kept_replies)
    add_tick(app.scheduler, "impact", app.settings.reminder_tick_seconds, app.deliver_alerts)
    app.scheduler.start()
    # Catch up now. A timer, so the real instant: APScheduler waits on the machine's clock, and
    # a clock started elsewhere (CLOCK_START) would make it wait for, or skip, that instant.
    for job in ("reminders", "impact"):
        app.scheduler.get_job(job).modify(next_run_time=dt.datetime.now(dt.UTC))


async def on_shutdown(app: App) -> None:
    """Stop ticking, let in-flight updates finish, confirm the last update, close the database."""
    # The engine first: a delivery in progress finishes and records what it sent. (Shutting the
    # scheduler down first would cancel that job mid-send and risk repeats after the restart.)
    await app.engine.stop()
    await app.outbox.stop()
    await app.scheduler.stop(DRAIN_SECONDS)  # a running tick finishes; none starts after
    left = await app.in_flight.drain(DRAIN_SECONDS)
    if left:
        log.warning("%d updates still running at shutdown", left)
    await confirm_updates(app)
    await app.db.close()
    if app.redis is not None:  # last: the updates drained above still used it
        await app.redis.aclose()


async def confirm_updates(app: App) -> None:
    """Tell Telegram the handled updates are done, so a restart does not handle them again."""
    last = app.in_flight.last_update_id
    # With a webhook, Telegram already has its answer (the HTTP 200); getUpdates would conflict.
    if last is None or app.settings.bot_token is None or app.settings.webhook_url is not None:
        return
    try:
        await app.bot.get_updates(offset=last + 1, limit=1, timeout=0)
    except Exception as exc:
        log.warning("could not confirm the last update: %s", type(exc).__name__)
