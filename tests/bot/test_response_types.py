import gc

from aiogram.methods import SendMessage
from aiogram.methods.base import Response

from bot.response_types import USED, keep_response_types


def test_response_models_survive_a_garbage_collection() -> None:
    assert keep_response_types() == len(USED)
    before = Response[SendMessage.__returning__]  # type: ignore[valid-type]
    before_id = id(before)
    del before
    gc.collect()
    assert id(Response[SendMessage.__returning__]) == before_id  # type: ignore[valid-type]
