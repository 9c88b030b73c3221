from __future__ import annotations

import datetime as dt

import pytest

from knowledge.timeline import Planned, plan, upcoming

d = dt.date


def kinds(items: list[Planned]) -> dict[str, dt.date]:
    return {item.kind: item.due for item in items}


def test_vacancy() -> None:
    assert kinds(plan("vacancy", d(2025, 9, 1))) == {
        "vacancy_can_file": d(2025, 9, 17),
        "vacancy_nudge": d(2025, 9, 24),
    }


@pytest.mark.parametrize(
    ("route", "term", "expected"),
    [
        (
            "cat2",
            "m12",
            {
                "renewal_opens": d(2026, 11, 2),
                "renewal_recommended": d(2026, 11, 16),
                "renewal_last_day": d(2026, 12, 1),
                "permit_expires_soon": d(2026, 12, 24),
                "permit_expired": d(2027, 1, 1),
            },
        ),
        (
            "cat1",
            "m36",
            {
                "renewal_opens": d(2028, 11, 2),
                "renewal_recommended": d(2028, 11, 16),
                "renewal_last_day": d(2028, 12, 1),
                "permit_expires_soon": d(2028, 12, 24),
                "permit_expired": d(2029, 1, 1),
            },
        ),
        (
            "cat4",
            "m12",
            {
                "plan_replacement": d(2026, 10, 17),
                "permit_expires_soon": d(2026, 12, 24),
                "permit_expired": d(2027, 1, 1),
                "cat4_replace_from": d(2026, 7, 1),
                "cat4_replace_by": d(2026, 12, 17),
            },
        ),
        (
            "seasonal",
            "d90",
            {
                "plan_replacement": d(2026, 1, 15),
                "permit_expires_soon": d(2026, 3, 24),
                "permit_expired": d(2026, 4, 1),
            },
        ),
        (
            "ict",
            "m12",
            {
                "renewal_opens": d(2026, 11, 2),
                "renewal_recommended": d(2026, 11, 16),
                "renewal_last_day": d(2026, 12, 1),
                "permit_expires_soon": d(2026, 12, 24),
                "permit_expired": d(2027, 1, 1),
            },
        ),
    ],
)
def test_permit_timelines_per_route(route: str, term: str, expected: dict[str, dt.date]) -> None:
    assert kinds(plan("permit", d(2026, 1, 1), route, term)) == expected


@pytest.mark.parametrize(
    ("kind", "event", "due"),
    [
        ("arrival", d(2025, 12, 12), d(2025, 12, 18)),
        ("contract", d(2026, 3, 19), d(2026, 3, 31)),
        ("ended", d(2026, 2, 27), d(2026, 3, 4)),
        ("fee", d(2026, 3, 20), d(2026, 4, 8)),
    ],
)
def test_obligations_remind_the_day_before_and_on_the_day(
    kind: str, event: dt.date, due: dt.date
) -> None:
    items = plan(kind, event)
    assert kinds(items) == {f"{kind}_due_soon": due - dt.timedelta(days=1), f"{kind}_due": due}
    assert [item.repeat for item in items] == [False, True], "an overdue obligation repeats"


def test_ban_and_upcoming_filter() -> None:
    assert kinds(plan("violation", d(2026, 3, 15))) == {"ban_over": d(2027, 3, 16)}
    items = plan("vacancy", d(2025, 9, 1))
    assert [i.kind for i in upcoming(items, d(2025, 9, 20))] == ["vacancy_nudge"]
    with pytest.raises(ValueError):
        plan("nonsense", d(2025, 9, 1))
