"""Filters never leave the event loop: no worker-thread hop per update (issue 16)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import DialogFactory

VACANCY = "Vacancy"


async def test_a_conversation_makes_no_thread_hops(
    dialog: DialogFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    hops: list[str] = []
    real = asyncio.to_thread

    async def counting(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        hops.append(getattr(func, "__qualname__", repr(func)))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", counting)
    d = dialog(user_id=111, lang="en")
    for step in ("/start", "/help", "how many days must a vacancy be posted", "/status"):
        await d.send(step)
    await d.send("/track")
    await d.click(VACANCY)
    await d.send("25.11.2026")
    await d.click("Track this")
    await d.send("Welder")
    await d.click("Save")
    await d.send("/eligibility")
    await d.click("No")
    assert hops == [], f"{len(hops)} thread hops: {sorted(set(hops))[:5]}"
