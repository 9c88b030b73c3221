from __future__ import annotations

import datetime as dt

import pytest

from knowledge.timeline import PermitFacts, Planned, plan, renewal_possible, upcoming

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
                "cat4_permit_ends": d(2026, 10, 17),  # the replacement duty, not "a new permit"
                "permit_expires_soon": d(2026, 12, 24),
                "permit_expired": d(2027, 1, 1),
                "cat4_replace_from": d(2026, 6, 30),  # 6 months, safe reading
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
    # Tracked after the filing day: "you may file (since 17 Sep)" today, then the nudge.
    ahead = upcoming(items, d(2025, 9, 20))
    assert [(i.kind, i.due, i.subject) for i in ahead] == [
        ("vacancy_can_file", d(2025, 9, 20), d(2025, 9, 17)),
        ("vacancy_nudge", d(2025, 9, 24), d(2025, 9, 17)),
    ]
    assert upcoming(items, d(2025, 9, 25)) == [], "nothing repeats once the nudge has passed"
    with pytest.raises(ValueError):
        plan("nonsense", d(2025, 9, 1))


@pytest.mark.parametrize(
    ("route", "used", "possible"),
    [
        ("cat1", 0, True),
        ("cat1", 12, True),  # category 1: renewals not limited
        ("cat2", 2, True),
        ("cat2", 3, False),  # categories 2-3: at most 3 renewals
        ("cat3", 3, False),
        ("ict", 0, True),
        ("ict", 1, False),
        ("cat4", 0, False),  # not renewable at all
        ("seasonal", 0, False),
    ],
)
def test_renewal_possible(route: str, used: int, possible: bool) -> None:
    assert renewal_possible(route, used) is possible


def test_exhausted_renewals_plan_a_replacement_instead() -> None:
    items = kinds(plan("permit", d(2026, 1, 1), "cat2", "m12", permit=PermitFacts(3)))
    # end 31.12.2026; the replacement notice 75 days before the end, as for routes never renewed
    assert items == {
        "plan_replacement": d(2026, 10, 17),
        "permit_expires_soon": d(2026, 12, 24),
        "permit_expired": d(2027, 1, 1),
    }
    still = kinds(plan("permit", d(2026, 1, 1), "cat2", "m12", permit=PermitFacts(2)))
    assert "renewal_last_day" in still and "plan_replacement" not in still


@pytest.mark.parametrize(
    ("printed_end", "expected"),
    [
        (
            d(2027, 2, 28),  # a month end: the window counts back from the printed day
            {
                "renewal_opens": d(2026, 12, 31),
                "renewal_recommended": d(2027, 1, 14),
                "renewal_last_day": d(2027, 1, 29),
                "permit_expires_soon": d(2027, 2, 21),
                "permit_expired": d(2027, 3, 1),
            },
        ),
        (
            d(2026, 12, 30),  # one day earlier than the computed 31.12.2026
            {
                "renewal_opens": d(2026, 11, 1),
                "renewal_recommended": d(2026, 11, 15),
                "renewal_last_day": d(2026, 11, 30),
                "permit_expires_soon": d(2026, 12, 23),
                "permit_expired": d(2026, 12, 31),
            },
        ),
    ],
)
def test_printed_end_date_replaces_the_computed_one(
    printed_end: dt.date, expected: dict[str, dt.date]
) -> None:
    permit = PermitFacts(end=printed_end)
    assert kinds(plan("permit", d(2026, 1, 1), "cat2", "m12", permit=permit)) == expected


def test_cat4_milestones_keep_the_issue_date_when_the_end_is_corrected() -> None:
    computed = kinds(plan("permit", d(2026, 1, 31), "cat4", "m12"))
    corrected = kinds(
        plan("permit", d(2026, 1, 31), "cat4", "m12", permit=PermitFacts(end=d(2027, 1, 29)))
    )
    assert corrected["cat4_replace_from"] == computed["cat4_replace_from"]
    assert corrected["cat4_replace_by"] == computed["cat4_replace_by"]
    assert corrected["permit_expired"] == d(2027, 1, 30)


def test_an_obligation_tracked_late_is_overdue_today() -> None:
    # Signed 10 Nov 2026: registration due 17 Nov (5 working days); tracked on 1 Dec.
    items = upcoming(plan("contract", d(2026, 11, 10)), d(2026, 12, 1))
    assert [(i.kind, i.due, i.subject, i.repeat) for i in items] == [
        ("contract_due", d(2026, 12, 1), d(2026, 11, 17), True)
    ]


def test_a_day_before_reminder_is_about_the_deadline() -> None:
    items = {i.kind: i for i in plan("contract", d(2026, 11, 25))}
    assert items["contract_due_soon"].due == d(2026, 12, 1)
    assert items["contract_due_soon"].subject == d(2026, 12, 2)
    assert items["contract_due"].subject == d(2026, 12, 2)


def test_a_permit_tracked_inside_its_renewal_window() -> None:
    # cat2 issued 1 Jan 2026 for 12 months: valid through 31 Dec 2026, window 2 Nov – 1 Dec.
    items = upcoming(plan("permit", d(2026, 1, 1), "cat2", "m12"), d(2026, 11, 20))
    kinds_now = {i.kind: (i.due, i.subject) for i in items}
    assert kinds_now["renewal_recommended"] == (d(2026, 11, 20), d(2026, 12, 1))
    assert kinds_now["renewal_last_day"] == (d(2026, 12, 1), d(2026, 12, 1))
    assert "renewal_opens" not in kinds_now, "one reminder of the group today, not two"


def test_a_permit_tracked_after_its_renewal_window_closed() -> None:
    items = upcoming(plan("permit", d(2026, 1, 1), "cat2", "m12"), d(2026, 12, 5))
    kinds_now = {i.kind: (i.due, i.subject) for i in items}
    assert kinds_now["renewal_closed"] == (d(2026, 12, 5), d(2026, 12, 31))
    assert not any(kind.startswith("renewal_") and kind != "renewal_closed" for kind in kinds_now)
    assert kinds_now["permit_expired"] == (d(2027, 1, 1), d(2026, 12, 31))


def test_an_expired_permit_is_reported_today_and_repeats() -> None:
    items = upcoming(plan("permit", d(2025, 1, 1), "cat2", "m12"), d(2026, 12, 1))
    assert [(i.kind, i.due, i.subject, i.repeat) for i in items] == [
        ("permit_expired", d(2026, 12, 1), d(2025, 12, 31), True)
    ]
