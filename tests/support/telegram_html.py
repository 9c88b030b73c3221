"""Telegram's HTML parse mode, as tdlib reads it: the visible text and its entities, or why
Telegram would refuse the text ("can't parse entities", empty, too long).

One parser serves the local Bot API server and the dialog tests.
"""

from __future__ import annotations

import html
import re
from typing import Any

Json = dict[str, Any]
TEXT_LIMIT = 4096  # characters after parsing, counted in UTF-16 code units

ENTITY_KINDS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_CHAR_REF = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_ATTRIBUTE = re.compile(r"([a-zA-Z][a-zA-Z0-9-]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")


class EntityError(ValueError):
    pass


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _HtmlParser:
    """Telegram's HTML parse mode (as tdlib reads it): visible text plus entities."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.length = 0  # UTF-16 units of visible text so far, as Telegram counts offsets
        self.open: list[tuple[str, int, dict[str, str]]] = []
        self.entities: list[Json] = []

    def byte(self, index: int) -> int:
        return len(self.source[:index].encode())

    def parse(self) -> tuple[str, list[Json]]:
        i = 0
        while i < len(self.source):
            char = self.source[i]
            if char == "<":
                i = self.tag(i)
                continue
            if char == "&":
                char, i = self.char_ref(i)
            else:
                i += 1
            self.out.append(char)
            self.length += utf16_len(char)
        if self.open:
            name = self.open[-1][0]
            raise EntityError(f'Can\'t find end tag corresponding to start tag "{name}"')
        return "".join(self.out), self.entities

    def char_ref(self, i: int) -> tuple[str, int]:
        match = _CHAR_REF.match(self.source, i)
        if match is None:
            raise EntityError(f"Unexpected '&' at byte offset {self.byte(i)}: escape it as &amp;")
        named, decimal, hexadecimal = match.groups()
        if named:
            return _NAMED[named], match.end()
        code = int(decimal) if decimal else int(hexadecimal, 16)
        if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise EntityError(f"Invalid character reference at byte offset {self.byte(i)}")
        return chr(code), match.end()

    def tag(self, start: int) -> int:
        closing = self.source.startswith("</", start)
        name_match = _TAG_NAME.match(self.source, start + (2 if closing else 1))
        if name_match is None:
            raise EntityError(
                f"Unexpected '<' at byte offset {self.byte(start)}: escape it as &lt;"
            )
        name, i = name_match.group().lower(), name_match.end()
        if closing:
            return self.end_tag(name, start, i)
        if name not in ENTITY_KINDS:
            raise EntityError(f'Unsupported start tag "{name}" at byte offset {self.byte(start)}')
        attributes: dict[str, str] = {}
        while True:
            while i < len(self.source) and self.source[i].isspace():
                i += 1
            if i >= len(self.source):
                raise EntityError(f"Unclosed start tag at byte offset {self.byte(start)}")
            if self.source[i] == ">":
                break
            match = _ATTRIBUTE.match(self.source, i)
            if match is None:
                raise EntityError(
                    f'Unexpected character in tag "{name}" at byte offset {self.byte(i)}'
                )
            value = match.group(2) or ""
            if value and value[0] in "\"'":
                value = value[1:-1]
            attributes[match.group(1).lower()] = html.unescape(value)
            i = match.end()
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise EntityError(f'Tag "span" must have class "tg-spoiler" at byte {self.byte(start)}')
        if name == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
            raise EntityError(
                f'Tag "tg-emoji" needs a numeric "emoji-id" at byte {self.byte(start)}'
            )
        self.open.append((name, self.length, attributes))
        return i + 1

    def end_tag(self, name: str, start: int, i: int) -> int:
        while i < len(self.source) and self.source[i].isspace():
            i += 1
        if i >= len(self.source) or self.source[i] != ">":
            raise EntityError(f"Unclosed end tag at byte offset {self.byte(start)}")
        if not self.open:
            raise EntityError(f'Unexpected end tag "{name}" at byte offset {self.byte(start)}')
        expected, offset, attributes = self.open.pop()
        if name != expected:
            raise EntityError(
                f"Unmatched end tag at byte offset {self.byte(start)}, "
                f'expected "</{expected}>", found "</{name}>"'
            )
        self.add_entity(expected, offset, attributes)
        return i + 1

    def add_entity(self, name: str, offset: int, attributes: dict[str, str]) -> None:
        entity: Json = {"type": ENTITY_KINDS[name], "offset": offset}
        if name == "a":
            if not attributes.get("href"):
                return  # Telegram keeps the text and drops a link without an address
            entity["url"] = attributes["href"]
        if name == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        if name == "tg-emoji":
            entity["custom_emoji_id"] = attributes["emoji-id"]
        entity["length"] = self.length - offset
        if entity["length"] > 0:
            self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[Json]]:
    """The visible text and entities of ``source`` in HTML parse mode, trimmed like Telegram."""
    text, entities = _HtmlParser(source).parse()
    return _trim(text, entities)


def _trim(text: str, entities: list[Json]) -> tuple[str, list[Json]]:
    stripped = text.strip()
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    end = utf16_len(stripped)
    kept: list[Json] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    kept.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return stripped, kept


def html_problem(text: str) -> str | None:
    """What Telegram would refuse in ``text`` sent with parse_mode=HTML, or None."""
    try:
        visible, _entities = parse_html(text)
    except EntityError as error:
        return f"can't parse entities: {error}"
    if not visible:
        return "message text is empty"
    if utf16_len(visible) > TEXT_LIMIT:
        return "message is too long"
    return None
