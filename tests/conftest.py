"""Shared fixtures: a fresh application per test on a temporary database and a frozen clock.

Every test that talks to the bot through a ``Dialog`` is on the phone budget
(tests/support/budget.py): a message it makes the bot send that breaks the budget fails the
test, with the rule and the text. ``BUDGET_TALLY=file`` appends the violations to ``file``
instead of failing (a survey)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bot.app import App, create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.local_session import LocalSession
from knowledge.l10n import Catalog
from tests.support import budget
from tests.support.dialog import Dialog

pytest_plugins = [
    "tests.support.server_plugin",
    "tests.support.redis_server",
    "tests.support.postgres_plugin",
]

# Every message a test makes the bot say must exist in the user's language and format cleanly,
# keys built at run time included (production falls back to English instead).
Catalog.strict = True

hypothesis_settings.register_profile("default", max_examples=100, deadline=None)
hypothesis_settings.register_profile("fuzz", max_examples=2000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# 2026-11-25 09:00 in Almaty (UTC+5) is 04:00 UTC.
DEFAULT_NOW = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(DEFAULT_NOW)


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    """SQLite in ``tmp_path``, or (``TEST_DATABASE=postgres``) this test's PostgreSQL database."""
    return Settings(
        _env_file=None, data_dir=tmp_path / "data", bot_token=None, database_url=database_url
    )


@pytest.fixture
async def app(settings: Settings, clock: FrozenClock) -> AsyncIterator[App]:
    session = LocalSession()
    application = await create_app(settings, session=session, clock=clock)
    dp = application.dp
    await dp.emit_startup(bot=application.bot, **dp.workflow_data)
    yield application
    await dp.emit_shutdown(bot=application.bot, **dp.workflow_data)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    budget.reset()  # before the fixtures: sessions a Dialog fixture watches belong to this test
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    result = yield  # a test that failed on its own reports that, not the budget
    found = budget.violations()
    budget.reset()
    if found and (tally := os.environ.get("BUDGET_TALLY")):
        with open(tally, "a", encoding="utf-8") as file:
            file.writelines(f"{item.nodeid}\t{v.rule}\t{v.detail}\n" for v in found)
        return result
    if found:
        pytest.fail(budget.report(found), pytrace=False)
    return result


DialogFactory = Callable[..., Dialog]


@pytest.fixture
def dialog(app: App) -> DialogFactory:
    """``dialog(user_id=1, lang="ru")``: a user talking to the app under test."""

    def make(user_id: int = 1001, lang: str = "en") -> Dialog:
        assert isinstance(app.bot.session, LocalSession)
        return Dialog(app, app.bot.session, user_id, lang)

    return make


AppFactory = Callable[[], Awaitable[App]]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Report how many generated inputs the fuzz tests fed through the Dispatcher."""
    import sys

    fuzz = sys.modules.get("tests.dialogs.test_fuzz")
    inputs = int(vars(fuzz).get("INPUTS", 0)) if fuzz is not None else 0
    if inputs:
        terminalreporter.write_line(f"fuzz: {inputs} generated inputs through the Dispatcher")
        tally = ", ".join(f"{k} {v}" for k, v in vars(fuzz)["TALLY"].items())
        terminalreporter.write_line(f"fuzz: {tally}")
        for kind, count in vars(fuzz)["KINDS"].most_common(10):
            terminalreporter.write_line(f"fuzz:   {count} × {kind}")
