"""``python -m bot`` puts what start-up built beyond the cycle collector: a full collection then
scans only what came after (a 150 ms pause of a replica's loop let its queued sends out together,
a burst to Telegram's flood limit)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.__main__ import freeze_start_up


@pytest.fixture
def frozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the suite collects as usual


def test_start_up_objects_are_frozen(frozen: None) -> None:
    made_at_start_up = [[n] for n in range(1000)]  # lists: tracked by the collector
    freeze_start_up()
    assert gc.get_freeze_count() >= len(made_at_start_up)
    tracked = {id(o) for o in gc.get_objects()}
    assert not any(id(o) in tracked for o in made_at_start_up), "a full collection skips them"
