from __future__ import annotations

import ast
import re
from pathlib import Path

from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast

from bot.i18n import BOT_LOCALES, catalog
from knowledge.l10n import KNOWLEDGE_LOCALES, LANGS

ROOT = Path(__file__).resolve().parents[2]


def message_ids(path: Path) -> list[str]:
    resource = FluentParser().parse(path.read_text(encoding="utf-8"))
    junk = [entry for entry in resource.body if isinstance(entry, fluent_ast.Junk)]
    assert not junk, f"{path}: syntax error {junk[0].annotations}"
    return [entry.id.name for entry in resource.body if isinstance(entry, fluent_ast.Message)]


def test_every_catalog_file_has_the_same_keys_in_every_language() -> None:
    for root in (BOT_LOCALES, KNOWLEDGE_LOCALES):
        names = {p.name for lang in LANGS for p in (root / lang).glob("*.ftl")}
        for name in names:
            keys = {lang: set(message_ids(root / lang / name)) for lang in LANGS}
            for lang in LANGS:
                missing = keys["en"] ^ keys[lang]
                assert not missing, f"{lang}/{name}: keys differ from en: {sorted(missing)}"


def test_no_key_is_defined_twice() -> None:
    for lang in LANGS:
        seen: dict[str, Path] = {}
        for root in (BOT_LOCALES, KNOWLEDGE_LOCALES):
            for path in sorted((root / lang).glob("*.ftl")):
                for key in message_ids(path):
                    assert key not in seen, f"{key} in {path} and {seen[key]}"
                    seen[key] = path


def literal_keys() -> set[str]:
    """Literal first arguments of ``t("...")`` calls in the bot and handlers."""
    keys = set()
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in {"t", "translator"}
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    keys.add(node.args[0].value)
    return keys


def test_every_key_used_in_code_exists() -> None:
    keys = literal_keys()
    assert "welcome" in keys, "the scan finds calls"
    for lang in LANGS:
        missing = {key for key in keys if not catalog().has(lang, key)}
        assert not missing, f"{lang}: {sorted(missing)}"


def test_html_in_catalogs_uses_only_telegram_tags() -> None:
    allowed = {"b", "i", "u", "s", "a", "code", "pre", "blockquote"}
    for root in (BOT_LOCALES, KNOWLEDGE_LOCALES):
        for path in root.rglob("*.ftl"):
            for tag in re.findall(r"</?([a-zA-Z-]+)", path.read_text(encoding="utf-8")):
                assert tag in allowed, f"{path}: <{tag}>"


def test_strict_catalogs_refuse_a_missing_key_in_any_language() -> None:
    import pytest

    from bot.i18n import Translator
    from knowledge.l10n import MissingMessage

    for lang in LANGS:
        with pytest.raises(MissingMessage):
            Translator(lang)("rem-title-no_such_kind")  # as a key built at run time would be
        with pytest.raises(MissingMessage):
            Translator(lang)("rem-contract")  # its variables missing: a formatting error
