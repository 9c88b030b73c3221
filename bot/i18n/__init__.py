"""The bot's Fluent catalogs (plus the rules core's) and a per-user translator."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from knowledge.l10n import KNOWLEDGE_LOCALES, LANGS, Catalog, Lang

BOT_LOCALES = Path(__file__).parent / "locales"


@cache
def catalog() -> Catalog:
    return Catalog([BOT_LOCALES, KNOWLEDGE_LOCALES])


class Translator:
    """``t("key", name=...)`` in one language; passed to handlers as the ``t`` argument."""

    def __init__(self, lang: Lang, source: Catalog | None = None) -> None:
        self.lang: Lang = lang
        self._catalog = source or catalog()

    def __call__(self, key: str, **args: object) -> str:
        return self._catalog.get(self.lang, key, args)


def translators() -> dict[Lang, Translator]:
    return {lang: Translator(lang) for lang in LANGS}
