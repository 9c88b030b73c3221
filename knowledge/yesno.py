"""A typed yes or no ("да", "иә", "yes"...) read as the answer to a yes/no question."""

from __future__ import annotations

import re

# ru, kk (with the common Russian-keyboard spellings) and en; compared lowercased, trimmed.
YES = frozenset(
    {"да", "ага", "конечно", "иә", "ия", "иа", "иэ", "әрине", "yes", "y", "yeah", "yep"}
)
NO = frozenset({"нет", "неа", "не", "жоқ", "жок", "no", "n", "nope"})

_EDGES = re.compile(r"^[\s.,!?;:…«»\"'()]+|[\s.,!?;:…«»\"'()]+$")


def parse_yes_no(text: str) -> bool | None:
    """True for yes, False for no, None for anything else (a sentence is not guessed at)."""
    word = _EDGES.sub("", text).casefold().replace("ё", "е")
    if word in YES:
        return True
    if word in NO:
        return False
    return None
