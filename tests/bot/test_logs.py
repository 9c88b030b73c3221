from __future__ import annotations

import logging

import pytest

from bot.logs import RedactFilter, setup_logging

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


def test_scheduler_ticks_stay_out_of_the_log_but_warnings_do_not() -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging("INFO", [TOKEN])
        runs = logging.getLogger("apscheduler.executors.default")
        assert not runs.isEnabledFor(logging.INFO)  # "Running job ..." twice every 30 s
        assert runs.isEnabledFor(logging.WARNING)  # a job that failed or was missed still shows
        assert logging.getLogger("bot").isEnabledFor(logging.INFO)
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
        logging.getLogger("apscheduler.executors").setLevel(logging.NOTSET)
