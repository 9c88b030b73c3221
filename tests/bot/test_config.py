from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.config import ConfigError, Settings, check_data_dir

ROOT = Path(__file__).resolve().parents[2]


def make(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def test_token_shape_is_checked() -> None:
    assert make(bot_token="123456:ABC-def_ghi").token() == "123456:ABC-def_ghi"
    assert make(bot_token="").token() is None
    with pytest.raises(ConfigError, match="malformed"):
        make(bot_token="not a token").token()


def test_timezone_and_api_url() -> None:
    settings = make(telegram_api_url="http://127.0.0.1:8081/")
    assert settings.telegram_api_url == "http://127.0.0.1:8081"
    assert settings.default_timezone == "Asia/Almaty"
    with pytest.raises(ValidationError):
        make(default_timezone="Mars/Olympus")
    with pytest.raises(ValidationError):
        make(telegram_api_url="ftp://x")


def test_token_is_secret_in_repr() -> None:
    settings = make(bot_token="123456:very-secret")
    assert "very-secret" not in repr(settings)


def test_unusable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="DATA_DIR"):
        check_data_dir(blocker / "sub")


def run_bot(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATA_DIR"}}
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env={**clean, **env},
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"BOT_TOKEN": "garbage"}, "BOT_TOKEN is malformed"),
        ({"DEFAULT_TIMEZONE": "Nowhere/City"}, "DEFAULT_TIMEZONE"),
        (
            {"BOT_TOKEN": "123456:ABC-def_ghi", "WEBHOOK_URL": "http://bot.example.com/hook"},
            "https",
        ),
        ({"BOT_TOKEN": "123456:ABC-def_ghi", "LOG_FORMAT": "xml"}, "LOG_FORMAT"),
    ],
)
def test_bad_settings_exit_2_with_one_line(
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    result = run_bot({"DATA_DIR": str(tmp_path), **env})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_data_dir_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_bot({"DATA_DIR": str(blocker / "data")})
    assert result.returncode == 2
    assert "DATA_DIR" in result.stderr and "Traceback" not in result.stderr


def test_webhook_needs_https_except_local_http_when_allowed() -> None:
    assert make().webhook() is None, "polling is the default"
    url, secret = make(webhook_url="https://bot.example.com/tg").webhook() or ("", "")
    assert url == "https://bot.example.com/tg" and len(secret) >= 32, "a generated secret"
    assert (
        make(webhook_url="https://x.example/tg").webhook()
        != make(webhook_url="https://x.example/tg").webhook()
    ), "a fresh secret per start when none is given"
    local = "http://127.0.0.1:8443/tg"
    with pytest.raises(ConfigError, match="https://"):
        make(webhook_url=local).webhook()
    with pytest.raises(ConfigError, match="https://"):  # the test-only switch is for 127.0.0.1
        make(webhook_url="http://bot.example.com/tg", webhook_allow_local_http=True).webhook()
    allowed = make(webhook_url=local, webhook_allow_local_http=True, webhook_secret="s-1_A")
    assert allowed.webhook() == (local, "s-1_A")
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET"):
        make(webhook_url="https://x.example/tg", webhook_secret="has space").webhook()


def test_health_port_is_off_unless_set() -> None:
    assert make().health_port is None
    assert make(health_port="").health_port is None
    assert make(health_port="0").health_port is None
    assert make(health_port="8081").health_port == 8081


def test_no_token_and_no_terminal_exits_2_with_one_line(tmp_path: Path) -> None:
    """A container without BOT_TOKEN must not exit 0 (a restart policy would loop on it)."""
    result = run_bot({"DATA_DIR": str(tmp_path / "data")})  # stdin is a pipe, not a terminal
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "BOT_TOKEN is not set" in lines[0], result.stderr


def test_database_url_is_postgresql_or_unset_and_secret() -> None:
    assert make(database_url="").database_url is None, "unset: SQLite in DATA_DIR"
    settings = make(database_url="postgresql://bot:pa55word@db:5432/permitbot")
    assert "pa55word" not in repr(settings)
    with pytest.raises(ValidationError, match="postgresql://"):
        make(database_url="mysql://bot@db/permitbot")


def test_unreachable_database_exits_2_with_one_line_and_no_password(tmp_path: Path) -> None:
    url = "postgresql://bot:pa55word@127.0.0.1:1/permitbot"  # nothing listens on port 1
    result = run_bot(
        {"DATA_DIR": str(tmp_path), "BOT_TOKEN": "123456:ABC-def_ghi", "DATABASE_URL": url}
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot open the database in DATABASE_URL" in lines[0], lines
    assert "pa55word" not in result.stderr + result.stdout
