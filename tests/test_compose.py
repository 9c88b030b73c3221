"""docker-compose.yml's structure (Docker is not run here): the bot, PostgreSQL and Redis with
volumes and health checks, the bot waiting for both and pointed at them, every variable it sets
one the bot reads, and images pinned by version."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[1]
# Read by the PostgreSQL backend (its own branch); the bot ignores it until that lands.
ELSEWHERE = {"DATABASE_URL"}


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def substituted(value: str) -> str:
    """``${NAME:-default}`` and ``${NAME:?message}`` as Compose fills them with NAME unset."""
    value = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)
    return re.sub(r"\$\{[A-Z_]+:\?[^}]*\}", "123456:set-at-run-time", value)


def test_services_volumes_and_health_checks() -> None:
    spec = compose()
    services = spec["services"]
    assert set(services) == {"bot", "postgres", "redis"}
    for name, service in services.items():
        check = service["healthcheck"]["test"]
        assert check and check[0] in ("CMD", "CMD-SHELL"), name
        assert service.get("restart") == "unless-stopped", name
        for mount in service["volumes"]:
            volume = mount.split(":")[0]
            assert volume in spec["volumes"], f"{name}: the named volume {volume} is declared"
    assert services["bot"]["healthcheck"]["test"] == ["CMD", "python", "-m", "bot.healthcheck"]
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"][1]
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    depends = services["bot"]["depends_on"]
    assert depends == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_images_are_pinned_by_version() -> None:
    for name in ("postgres", "redis"):
        image = compose()["services"][name]["image"]
        assert re.fullmatch(rf"{name}:\d+\.\d+(\.\d+)?-[a-z]+", image), image


def test_the_bot_points_at_postgres_and_redis_and_reads_every_variable_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = compose()["services"]["bot"]["environment"]
    env = {key: substituted(str(value)) for key, value in given.items()}
    assert env["DATABASE_URL"].startswith("postgresql://permitbot:")
    assert env["DATABASE_URL"].endswith("@postgres:5432/permitbot")
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    fields = {name.upper() for name in Settings.model_fields}
    unknown = set(env) - fields - ELSEWHERE
    assert not unknown, f"variables the bot does not read: {unknown}"
    for key, value in env.items():  # as the container's environment
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)
    assert settings.redis() == "redis://redis:6379/0"
    assert settings.webhook() is None, "polling unless WEBHOOK_URL is set"
    assert settings.health_port == 8081, "the HEALTHCHECK asks /healthz on this port"


def test_the_webhook_port_is_the_bots() -> None:
    bot = compose()["services"]["bot"]
    assert [substituted(port).rsplit(":", 1)[-1] for port in bot["ports"]] == ["8080"]
    assert Settings(_env_file=None).webhook_port == 8080
