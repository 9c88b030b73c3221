"""Telegram's HTML parse mode rules, for checking what the bot sends.

Only Telegram's tags, properly nested; every ``<`` starts a tag and every ``&`` an entity; the text
after parsing is 1–4096 characters (counted in UTF-16 code units, as Telegram does).
"""

from __future__ import annotations

import html
import re

ALLOWED = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
}
LIMIT = 4096
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=\"[^\"<>]*\"|='[^'<>]*')?)*)\s*>"
)
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


def parse(text: str) -> tuple[str | None, str]:
    """(problem or None, the visible text)."""
    stack: list[str] = []
    visible: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            if not match:
                return f"can't parse entities: unexpected '<' at {i}", ""
            closing, name = match.group(1) == "/", match.group(2).lower()
            if name not in ALLOWED:
                return f'can\'t parse entities: unsupported start tag "{name}" at {i}', ""
            if closing:
                if not stack or stack[-1] != name:
                    return f"can't parse entities: can't find end tag corresponding to {name}", ""
                stack.pop()
            else:
                if name == "span" and 'class="tg-spoiler"' not in match.group(3):
                    return "can't parse entities: span without tg-spoiler class", ""
                stack.append(name)
            i = match.end()
        elif char == "&":
            match = _ENTITY.match(text, i)
            if not match:
                return f"can't parse entities: unexpected '&' at {i}", ""
            visible.append(html.unescape(match.group(0)))
            i = match.end()
        elif char == ">":
            return f"can't parse entities: unexpected '>' at {i}", ""
        else:
            visible.append(char)
            i += 1
    if stack:
        return f"can't parse entities: unclosed tag {stack[-1]}", ""
    return None, "".join(visible)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def html_problem(text: str) -> str | None:
    """What Telegram would refuse in ``text`` sent with parse_mode=HTML, or None."""
    problem, visible = parse(text)
    if problem:
        return problem
    if not visible.strip():
        return "message text is empty"
    if utf16_length(visible) > LIMIT:
        return "message is too long"
    return None
