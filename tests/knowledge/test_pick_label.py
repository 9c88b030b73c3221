"""A button label typed instead of pressed is read as that button (knowledge.textnorm)."""

from __future__ import annotations

import pytest

from knowledge.textnorm import pick_label

EVENTS = {
    "permit": "📄 Разрешение истекает",
    "vacancy": "📢 Вакансия на enbek.kz",
    "contract": "📝 Трудовой договор",
}


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Разрешение истекает", "permit"),
        ("разрешение  ИСТЕКАЕТ!", "permit"),
        ("вакансия на enbek kz", "vacancy"),
        ("трудовой", "contract"),
        ("Трудовой договор.", "contract"),
    ],
)
def test_typed_label_is_the_button(typed: str, value: str) -> None:
    assert pick_label(typed, EVENTS) == value


@pytest.mark.parametrize(
    "typed", ["", "тр", "договор", "что-то другое", "📄", "разрешение на работу"]
)
def test_other_text_is_not_a_button(typed: str) -> None:
    assert pick_label(typed, EVENTS) is None


def test_a_prefix_of_two_labels_is_not_guessed() -> None:
    labels = {"yes": "Да, есть", "yes2": "Да, нет"}
    assert pick_label("Да", labels) is None
    assert pick_label("да есть", labels) == "yes"


def test_equal_labels_pick_nothing() -> None:
    assert pick_label("Same", {"a": "Same", "b": "same"}) is None
