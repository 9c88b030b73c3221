from __future__ import annotations

import logging

import pytest

from bot.logs import RedactFilter

TOKEN = "123456:SECRET-token-value"


def test_token_is_redacted_from_messages_args_and_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactFilter([TOKEN]))
    with caplog.at_level(logging.INFO, logger="test.redact"):
        logger.info("url https://api/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed for {TOKEN}")
        except RuntimeError:
            logger.exception("boom")
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert TOKEN not in text
    assert "<token>" in text
