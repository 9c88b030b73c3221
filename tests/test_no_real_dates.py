"""Review rule, enforced: a test never reads the real date or time of day without choosing it.

Tests choose their "today" (``FrozenClock``, ``tests/support/today.py``, ``spawn_bot(now=...)``);
this scan fails on any calendar or wall-clock read in tests/ and bench/ outside the support
helpers allowed below, and on an app built without a chosen clock. Timers are fine:
``time.monotonic()`` and ``time.perf_counter()`` say how long, not what day it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Reads of the calendar or the wall clock, as dotted call names.
_CLASSES = ("date", "datetime", "dt.date", "dt.datetime", "datetime.date", "datetime.datetime")
FORBIDDEN = {f"{cls}.{method}" for cls in _CLASSES for method in ("today", "now", "utcnow")} | {
    "time.time",
    "time.time_ns",
    "time.localtime",
    "time.gmtime",
    "time.ctime",
    "Clock",  # the real clock: tests pass a FrozenClock (or CLOCK_START to a process)
    "bot.clock.Clock",
}
# Support helpers documented as keeping their own clock, and why.
ALLOWED = {
    # The local Bot API server stamps messages with its own clock, as Telegram does; the bot never
    # takes a calendar date from that stamp (tests/e2e/test_telegram_server.py checks the stamp).
    "tests/support/telegram_server.py",
}
PRAGMA = "# real clock:"  # on the line, followed by the reason: a read that is the point


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def real_clock_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for every call that reads the real date, time, or builds an app on it."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func)
        keywords = {keyword.arg for keyword in node.keywords}
        if name in FORBIDDEN:
            what = f"{name}()"
        elif name.endswith("create_app") and "clock" not in keywords:
            what = "create_app() without clock= (the real clock)"
        else:
            continue
        line = lines[node.lineno - 1]
        if PRAGMA in line and line.split(PRAGMA, 1)[1].strip():
            continue
        found.append((node.lineno, what))
    return found


def sources() -> list[Path]:
    files = sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")])
    return [path for path in files if path.relative_to(ROOT).as_posix() not in ALLOWED]


def test_no_test_or_benchmark_reads_the_real_date() -> None:
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sources()
        for line, what in real_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert offences == [], "choose the day (FrozenClock, tests/support/today.py):\n" + "\n".join(
        offences
    )


@pytest.mark.parametrize(
    "code",
    [
        "datetime.date.today()",
        "dt.date.today()",
        "date.today()",
        "dt.datetime.now(dt.UTC)",
        "datetime.now()",
        "dt.datetime.utcnow()",
        "int(time.time()) - 60",
        "time.localtime()",
        "Clock().today('Asia/Almaty')",
        "create_app(settings, session=session)",
        "x = time.time()  # real clock:",  # a pragma needs its reason
    ],
)
def test_the_scan_catches_real_date_reads(code: str) -> None:
    assert len(real_clock_reads(code)) == 1


@pytest.mark.parametrize(
    "code",
    [
        "time.monotonic()",
        "time.perf_counter()",
        "clock.today('Asia/Almaty')",
        "FrozenClock(NOW).now()",
        "bot.now()",
        "create_app(settings, session=session, clock=clock)",
        "dt.date(2026, 6, 15)",
        "time.time()  # real clock: the server's stamp is what this test checks",
    ],
)
def test_the_scan_lets_timers_and_chosen_clocks_pass(code: str) -> None:
    assert real_clock_reads(code) == []
