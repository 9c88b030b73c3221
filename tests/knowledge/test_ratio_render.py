from __future__ import annotations

import datetime as dt

import pytest

from knowledge import deadlines as dl
from knowledge.l10n import LANGS, knowledge_catalog
from knowledge.ratio import check_ratio
from knowledge.render import render_result, render_status, render_trace

ON = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("locals_12", "foreign_12", "ok", "more"),
    [
        (7, 3, True, 0),
        (70, 0, True, 30),
        (7, 4, False, 0),
        (0, 0, True, 0),
        (14, 5, True, 1),
        (100, 42, True, 0),
        (100, 43, False, 0),
    ],
)
def test_group_1_2_needs_70_percent(locals_12: int, foreign_12: int, ok: bool, more: int) -> None:
    result = check_ratio(ON, 500, False, False, locals_12, foreign_12, 90, 10)
    group = result.groups[0]
    assert (group.ok, group.more_allowed) == (ok, more)
    assert result.ok == ok


def test_group_3_4_needs_90_percent() -> None:
    assert check_ratio(ON, 500, False, False, 1, 0, 90, 10).groups[1].more_allowed == 0
    assert check_ratio(ON, 500, False, False, 1, 0, 900, 10).groups[1].more_allowed == 90
    assert not check_ratio(ON, 500, False, False, 1, 0, 89, 11).ok


def test_exemptions_depend_on_size_and_date() -> None:
    assert check_ratio(ON, 20, True, False, 0, 5, 0, 5).exempt == "small_business"
    over = check_ratio(ON, 21, True, False, 0, 5, 0, 5)
    assert over.exempt is None and not over.ok
    before = check_ratio(dt.date(2025, 8, 31), 150, True, False, 0, 5, 0, 5)
    assert before.exempt == "small_business", "before 1 Sep 2025 any small business was exempt"
    assert check_ratio(ON, 10, False, True, 0, 3, 0, 3).exempt == "branch"
    assert check_ratio(ON, 11, False, True, 0, 3, 0, 3).exempt is None
    with pytest.raises(ValueError):
        check_ratio(ON, 10, False, False, -1, 0, 0, 0)


def results() -> list[dl.DateResult]:
    d = dt.date(2025, 12, 12)
    return [
        dl.earliest_filing(d),
        dl.permit_end(d, "cat1", 24),
        dl.seasonal_end(d, 90),
        dl.renewal_window(d, "cat2"),
        dl.renewal_window(d, "cat4"),
        dl.cat4_replacement(d),
        dl.ban_end(d),
        dl.arrival_notification(d),
        dl.esutd_change(dt.date(2026, 3, 6)),
        dl.fee_payment(dt.date(2026, 5, 20)),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_result_renders_in_every_language(lang: str) -> None:
    for result in results():
        lines = render_result(result, lang)  # type: ignore[arg-type]
        assert lines and all(line and "{" not in line and "trace-" not in line for line in lines)
    ratio = check_ratio(ON, 21, True, False, 7, 4, 90, 10)
    assert len(render_trace(ratio.trace, lang)) == 4  # type: ignore[arg-type]
    for count in (renewals := [dl.renewals_left("cat1", 1), dl.renewals_left("cat3", 1)]):
        assert render_trace(count.trace, lang)  # type: ignore[arg-type]
    assert renewals


def test_rendered_dates_are_in_the_users_language() -> None:
    result = dl.arrival_notification(dt.date(2025, 12, 12))
    assert "18 декабря 2025" in render_result(result, "ru")[0]
    assert "18.12.2025" in render_result(result, "kk")[0]
    assert "18 December 2025" in render_result(result, "en")[0]
    assert "День Независимости" in render_result(result, "ru")[2]
    assert "Тәуелсіздік күні" in render_result(result, "kk")[2]


def test_status_lines_point_to_the_official_channel() -> None:
    for lang in LANGS:
        assert "migration.enbek.kz" in render_status("practice", lang)
        assert "migration.enbek.kz" in render_status("derived", lang)
    assert (
        knowledge_catalog().keys("ru")
        == knowledge_catalog().keys("en")
        == knowledge_catalog().keys("kk")
    )
