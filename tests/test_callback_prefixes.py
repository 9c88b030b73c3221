"""Every button's data class has its own prefix: two with one prefix would route one's presses
to the other's handler (``handlers.routing`` routes by ``prefix:``) or fail to unpack."""

from __future__ import annotations

from collections import Counter

from aiogram.filters.callback_data import CallbackData


def _classes(cls: type[CallbackData]) -> list[type[CallbackData]]:
    found: list[type[CallbackData]] = []
    for sub in cls.__subclasses__():
        found += [sub, *_classes(sub)]
    return found


def test_callback_prefixes_are_unique() -> None:
    import handlers  # noqa: F401  (every router module, so every CallbackData class, is loaded)

    ours = [c for c in _classes(CallbackData) if c.__module__.startswith(("handlers", "bot"))]
    assert len(ours) > 30, "the handlers' button data classes are found"
    counts = Counter(c.__prefix__ for c in ours)
    twice = {
        p: [c.__qualname__ for c in ours if c.__prefix__ == p] for p, n in counts.items() if n > 1
    }
    assert not twice, f"prefixes used twice: {twice}"
