"""Cached buttons and packed callback data are what aiogram would build each time (issue 16)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import LangCb, MenuCb
from handlers.keyboards import button, packed
from handlers.tracking.callbacks import DetCb, DetField

SAMPLES: list[CallbackData] = [
    MenuCb(action="status"),
    MenuCb(action="main"),
    LangCb(lang="kk"),
    DetCb(field=DetField.RENEWALS, id=7, value="2"),
    DetCb(field=DetField.RENEWALS, id=8, value="2"),
    DetCb(field=DetField.END, id=7),
]


def test_packed_data_is_what_pack_makes_for_every_value() -> None:
    for _ in range(2):  # the second time from the cache
        assert [packed(data) for data in SAMPLES] == [data.pack() for data in SAMPLES]


def test_the_same_values_in_two_classes_pack_apart() -> None:
    class One(CallbackData, prefix="one"):
        value: str

    class Two(CallbackData, prefix="two"):
        value: str

    assert packed(One(value="x")) == "one:x"
    assert packed(Two(value="x")) == "two:x"


def test_a_button_is_built_once_per_text_and_data() -> None:
    first = button("Save", DetCb(field=DetField.END, id=7))
    assert button("Save", DetCb(field=DetField.END, id=7)) is first
    assert first.callback_data == DetCb(field=DetField.END, id=7).pack()
    other = button("Save", DetCb(field=DetField.END, id=8))
    assert other is not first
    assert other.callback_data == DetCb(field=DetField.END, id=8).pack()
