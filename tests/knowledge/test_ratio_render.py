from __future__ import annotations

import datetime as dt
import logging
from fractions import Fraction
from pathlib import Path

import pytest
from fluent.runtime import FluentResource
from hypothesis import given
from hypothesis import strategies as st

from knowledge import deadlines as dl
from knowledge.l10n import LANGS, knowledge_catalog
from knowledge.ratio import check_ratio
from knowledge.render import render_result, render_status, render_trace

ON = dt.date(2026, 1, 15)
LOCALES = Path(__file__).resolve().parents[2] / "knowledge" / "locales"


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
    old_branch = check_ratio(dt.date(2023, 6, 30), 30, False, True, 0, 3, 0, 3)
    assert old_branch.exempt == "branch", "before 1 July 2023 branches of up to 30 were exempt"
    assert old_branch.trace[0].args["limit"] == 30
    assert check_ratio(dt.date(2023, 7, 1), 30, False, True, 0, 3, 0, 3).exempt is None
    with pytest.raises(ValueError):
        check_ratio(ON, -1, False, False, 0, 0, 0, 0)


def test_ratio_trace_names_the_exemption_and_the_eaeu_rule() -> None:
    exempt = check_ratio(ON, 15, True, False, 0, 5, 0, 5)
    assert [step.key for step in exempt.trace] == ["trace-ratio-small", "trace-ratio-eaeu"]
    assert exempt.fact_ids[0] == "ratio.exempt.small_business"
    assert exempt.status == "practice", "the EAEU rule is practice"
    plain = check_ratio(ON, 500, False, False, 7, 3, 9, 2)
    assert [step.key for step in plain.trace] == [
        "trace-ratio-eaeu",
        "trace-ratio-group-ok",
        "trace-ratio-group-fail",
    ]
    assert "ratio.exempt.small_business" not in plain.fact_ids


@pytest.mark.parametrize(
    ("locals_", "foreign", "lang", "shown"),
    [
        (7, 3, "en", "70 %"),
        (6996, 3004, "en", "69.9 %"),  # rounded down: a failing share never shows as 70
        (2, 1, "ru", "66,6 %"),  # the decimal comma in Russian and Kazakh
        (2, 1, "kk", "66,6 %"),
    ],
)
def test_the_share_is_shown_rounded_down(locals_: int, foreign: int, lang: str, shown: str) -> None:
    result = check_ratio(ON, 20_000, False, False, locals_, foreign, 0, 0)
    assert shown in render_trace(result.trace, lang)[1]  # type: ignore[arg-type]


@given(st.integers(0, 500), st.integers(0, 500), st.sampled_from([70, 90]))
def test_more_allowed_is_exactly_the_headroom(locals_: int, foreign: int, threshold: int) -> None:
    group = check_ratio(
        ON,
        1000,
        False,
        False,
        *((locals_, foreign, 0, 0) if threshold == 70 else (0, 0, locals_, foreign)),
    ).groups[0 if threshold == 70 else 1]
    more = group.more_allowed
    needed = Fraction(threshold, 100)
    assert more >= 0
    if more:
        assert Fraction(locals_, locals_ + foreign + more) >= needed, "the allowed ones fit"
    assert Fraction(locals_, locals_ + foreign + more + 1) < needed, "one more would break it"
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
        dl.esutd_registration(d),
        dl.esutd_termination(d),
        dl.permit_end(dt.date(2024, 2, 29), "cat3", 12),
        dl.permit_end(d, "ict", 7),
        dl.esutd_change(dt.date(2026, 3, 6)),
        dl.fee_payment(dt.date(2026, 5, 20)),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_result_renders_in_every_language(
    lang: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="knowledge.l10n")
    for result in results():
        lines = render_result(result, lang)  # type: ignore[arg-type]
        assert lines and all(line and "{" not in line and "trace-" not in line for line in lines)
    ratio = check_ratio(ON, 21, True, False, 7, 4, 90, 10)
    assert len(render_trace(ratio.trace, lang)) == 4  # type: ignore[arg-type]
    for count in (renewals := [dl.renewals_left("cat1", 1), dl.renewals_left("cat3", 1)]):
        assert render_trace(count.trace, lang)  # type: ignore[arg-type]
    assert renewals
    assert render_status(ratio.status, lang)  # type: ignore[arg-type]
    assert caplog.records == [], "a Fluent error (missing argument or key) was logged"


def test_rules_catalogs_have_the_same_keys() -> None:
    keys = {lang: ftl_keys(LOCALES / lang / "rules.ftl") for lang in LANGS}
    assert keys["ru"] == keys["kk"] == keys["en"]
    used = {step.key for result in results() for step in (*result.trace, *result.notes)}
    assert used <= keys["en"]
    assert {f"status-{status}" for status in ("confirmed", "practice", "derived")} <= keys["en"]


def ftl_keys(path: Path) -> set[str]:
    resource = FluentResource(path.read_text(encoding="utf-8"))
    return {entry.id.name for entry in resource.body if hasattr(entry, "id")}


def test_rendered_dates_are_in_the_users_language() -> None:
    result = dl.arrival_notification(dt.date(2025, 12, 12))
    assert "18 декабря 2025" in render_result(result, "ru")[0]
    assert "2025 жылғы 18 желтоқсанда аяқталады" in render_result(result, "kk")[0]
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
