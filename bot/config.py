"""Settings from the environment and an optional ``.env`` file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aiogram.utils.token import TokenValidationError, validate_token
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConfigError(Exception):
    """A setting that prevents start-up; printed as one line, exit code 2."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    telegram_api_url: str | None = None
    data_dir: Path = Path("data")
    default_timezone: str = "Asia/Almaty"
    log_level: str = "INFO"
    reminder_tick_seconds: float = Field(default=30.0, gt=0)
    # Telegram's limits: about 30 messages a second overall, about one a second per chat.
    send_rate_per_second: float = Field(default=29.0, gt=0)
    send_chat_interval: float = Field(default=1.0, ge=0)
    send_chat_burst: int = Field(default=3, ge=1)  # quick messages to one chat before the pace
    # Seconds a reply is retried through 5xx, timeouts and 429s before it is kept for later.
    reply_retry_seconds: float = Field(default=60.0, ge=0)
    # Seconds before a Bot API request counts as lost and is retried (aiogram's default is 60).
    request_timeout: float = Field(default=15.0, gt=0)
    local_lang: str | None = None
    # Test-only: the bot's clock starts at this instant (ISO 8601 with an offset) and runs on.
    clock_start: dt.datetime | None = None
    # The rules data (facts.toml, routes.toml): None is the package's own; a test points it at an
    # edited copy to see what a release that changes a fact does.
    knowledge_dir: Path | None = None

    @field_validator("bot_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("telegram_api_url", mode="before")
    @classmethod
    def _api_url(cls, value: object) -> object:
        if value in ("", None):
            return None
        text = str(value).rstrip("/")
        if not text.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return text

    @field_validator("clock_start", mode="before")
    @classmethod
    def _empty_start_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("clock_start")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("needs a UTC offset, e.g. 2028-02-29T07:00:00+00:00")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def database_path(self) -> Path:
        return self.data_dir / "permitbot.sqlite3"

    def token(self) -> str | None:
        """The token, checked for the ``<digits>:<secret>`` shape; never logged."""
        if self.bot_token is None:
            return None
        raw = self.bot_token.get_secret_value().strip()
        try:
            validate_token(raw)
        except TokenValidationError:
            raise ConfigError(
                "BOT_TOKEN is malformed: expected <digits>:<secret> as given by @BotFather"
            ) from None
        return raw


def check_data_dir(path: Path) -> None:
    """Create DATA_DIR if needed and prove it is writable, or raise ConfigError."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"DATA_DIR {str(path)!r} is not usable: {exc.strerror}") from None
