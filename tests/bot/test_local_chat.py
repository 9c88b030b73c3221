from __future__ import annotations

import io
from pathlib import Path

from bot.app import create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.local_session import LocalSession
from bot.localchat import run_local_chat
from tests.support.today import E2E_NOW


async def test_local_chat_prints_replies_and_numbered_buttons(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)
    out = io.StringIO()

    def build(session: LocalSession):  # type: ignore[no-untyped-def]
        return create_app(settings, session=session, clock=FrozenClock(E2E_NOW))

    await run_local_chat(build, "en", io.StringIO("/start\n1\n"), out)
    text = out.getvalue()
    assert "running LOCALLY" in text and "BOT_TOKEN" in text
    assert "bot> Hello! I am PermitBot." in text
    assert "[1] ✅" in text and "❔ Help" in text
    assert "citizen of Russia" in text and "[1] Yes" in text, "typing 1 pressed the first button"
    assert "<b>" not in text, "HTML is shown as plain text"


async def test_a_button_label_is_shown_as_sent(tmp_path: Path) -> None:
    """Telegram shows a button's text as it is (no HTML there): a record named "<b>x</b>"."""
    settings = Settings(_env_file=None, data_dir=tmp_path)
    out = io.StringIO()

    def build(session: LocalSession):  # type: ignore[no-untyped-def]
        return create_app(settings, session=session, clock=FrozenClock(E2E_NOW))

    typed = "/deadlines\n4\ntoday\n1\n<b>Ivan</b> & Co\n1\n/status\n"
    await run_local_chat(build, "en", io.StringIO(typed), out)
    assert "] 🔴 <b>Ivan</b> & Co" in out.getvalue()
