from __future__ import annotations

import pytest

from tests.support.telegram_html import html_problem


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "<b>bold</b> &amp; <i>x</i>",
        '<a href="https://enbek.kz">link</a>',
        "&lt;b&gt;",
        "&#128512; &#x1F600;",
        '<span class="tg-spoiler">s</span>',
        "<b><i>n</i></b>",
        "x" * 4096,
        "a > b",  # Telegram reads a bare ">" as text
    ],
)
def test_valid(text: str) -> None:
    assert html_problem(text) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<b>open", "can't find end tag"),
        ("</b>", "unexpected end tag"),
        ("<div>x</div>", "unsupported start tag"),
        ("a < b", "unexpected '<'"),
        ("R&D", "unexpected '&'"),
        ("<b><i>x</b></i>", "end tag"),
        ("", "empty"),
        ("<b> </b>", "empty"),
        ("x" * 4097, "too long"),
        ("🙂" * 2049, "too long"),
    ],
)
def test_refused(text: str, problem: str) -> None:
    found = html_problem(text)
    assert found is not None and problem in found.lower()
