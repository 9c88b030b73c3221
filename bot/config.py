"""Settings from the environment and an optional ``.env`` file."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
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
    # Webhook mode when set (https only); polling otherwise. Docs: README "Deploy".
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None  # checked on every request; generated when unset
    webhook_host: str = "0.0.0.0"  # a container listens on every interface
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Test-only: accept an http:// WEBHOOK_URL to 127.0.0.1 (the local Bot API server).
    webhook_allow_local_http: bool = False
    # /healthz, /readyz and /metrics; off when unset (0 or empty).
    health_port: int | None = Field(default=None, ge=0, le=65535)
    health_host: str = "127.0.0.1"
    # /readyz: the last successful Bot API call must be this recent (else it probes getMe).
    ready_api_seconds: float = Field(default=120.0, gt=0)
    log_format: Literal["text", "json"] = "text"
    # Several replicas: conversation state, per-user isolation, the send rate and the 429 pause
    # in Redis (redis://, rediss:// or unix://). Unset: SQLite state, in-process limits.
    redis_url: SecretStr | None = None
    # postgresql://user:password@host:5432/db for several replicas; unset: SQLite in DATA_DIR.
    database_url: SecretStr | None = None
    database_pool_size: int = Field(default=10, ge=1)
    # PostgreSQL: seconds a replica's reminder claim is its own; then another replica takes it.
    claim_lease_seconds: int = Field(default=120, ge=10)

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

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not value.get_secret_value().startswith(("postgresql://", "postgres://")):
            raise ValueError("must start with postgresql:// (unset: SQLite in DATA_DIR)")
        return value

    @field_validator("webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("redis_url", mode="before")
    @classmethod
    def _redis_url(cls, value: object) -> object:
        if value in ("", None):
            return None
        if not str(value).startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("health_port", mode="before")
    @classmethod
    def _zero_port_is_off(cls, value: object) -> object:
        return None if value in ("", None, "0", 0) else value

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

    def redis(self) -> str | None:
        """REDIS_URL (a SecretStr: it may hold a password; never logged)."""
        return None if self.redis_url is None else self.redis_url.get_secret_value()

    def redis_password(self) -> str:
        """REDIS_URL's password ("" if none), redacted from the logs like the token."""
        url = self.redis()
        return (urlsplit(url).password or "") if url else ""

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

    def webhook(self) -> tuple[str, str] | None:
        """(URL, secret) in webhook mode, None for polling; ConfigError for a URL Telegram would
        refuse. Neither is ever logged: the URL's path often holds a secret too."""
        if self.webhook_url is None:
            return None
        parts = urlsplit(self.webhook_url.strip())
        local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
        if parts.scheme != "https" and not (local and self.webhook_allow_local_http):
            raise ConfigError(
                f"WEBHOOK_URL must start with https:// (Telegram delivers webhooks over TLS only), "
                f"got {parts.scheme or 'no scheme'}://"
            )
        if not parts.hostname:
            raise ConfigError("WEBHOOK_URL has no host name")
        if self.webhook_secret is None:
            return self.webhook_url.strip(), secrets.token_urlsafe(32)
        secret = self.webhook_secret.get_secret_value()
        if not SECRET_SHAPE.fullmatch(secret):
            raise ConfigError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return self.webhook_url.strip(), secret


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token


def check_data_dir(path: Path) -> None:
    """Create DATA_DIR if needed and prove it is writable, or raise ConfigError."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"DATA_DIR {str(path)!r} is not usable: {exc.strerror}") from None
