"""Every count-bearing Russian message agrees its noun with the number (one/few/many)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from bot.i18n import Translator
from knowledge.l10n import Lang

# n -> the ru plural category: 1, 21 one; 2, 22 few; 5, 11 many
NUMBERS = {1: "one", 21: "one", 2: "few", 22: "few", 5: "many", 11: "many"}

# key, the counted argument, other arguments, expected text per category
CASES: list[tuple[str, str, Mapping[str, object], dict[str, str]]] = [
    (
        "elig-ratio-more",
        "count",
        {"group": "1–2"},
        {
            "one": "ещё {n} иностранного работника",
            "few": "ещё {n} иностранных работника",
            "many": "ещё {n} иностранных работников",
        },
    ),
    (
        "rem-summary",
        "count",
        {},
        {
            "one": "наступил срок {n} напоминания",
            "few": "наступили сроки {n} напоминаний",
            "many": "наступили сроки {n} напоминаний",
        },
    ),
    ("dl-term-days", "count", {}, {"one": "{n} день", "few": "{n} дня", "many": "{n} дней"}),
    (
        "elig-step-wait",
        "days",
        {},
        {
            "one": "{n} календарный день",
            "few": "{n} календарных дня",
            "many": "{n} календарных дней",
        },
    ),
    (
        "elig-filing-unknown",
        "days",
        {},
        {
            "one": "через {n} календарный день",
            "few": "через {n} календарных дня",
            "many": "через {n} календарных дней",
        },
    ),
    *[
        (
            key,
            arg,
            {},
            {
                "one": "{n} рабочего дня",
                "few": "{n} рабочих дней",
                "many": "{n} рабочих дней",
            },
        )
        for key, arg in (
            ("elig-step-fee", "fee_days"),
            ("elig-step-esutd", "esutd_days"),
            ("elig-step-arrival", "arrival_days"),
        )
    ],
    *[
        (
            key,
            "days",
            {"mci": 10, "amount": "1", "year": 2026, "rate": 1},
            {"one": "{n} дня:", "few": "{n} дней:", "many": "{n} дней:"},
        )
        for key in (
            "elig-fee-seasonal",
            "elig-fee-seasonal-nomci",
            "fee-seasonal-line",
            "fee-seasonal-line-nomci",
        )
    ],
    *[
        (
            key,
            "staff",
            {"total": 1, "limit": 1},
            {"one": "{n} работник ", "few": "{n} работника ", "many": "{n} работников "},
        )
        for key in (
            "elig-number-over-headcount",
            "status-profile-over-headcount",
            "trace-ratio-small-over",
        )
    ],
    *[
        (
            key,
            "staff",
            {"limit": 1},
            {"one": "{n} работником ", "few": "{n} работниками ", "many": "{n} работниками "},
        )
        for key in ("trace-ratio-small", "trace-ratio-branch")
    ],
    # the invite's lifetime, the escalation lead on the settings button and in the admins' alert
    (
        "ws-invite-link",
        "days",
        {"name": "X", "role": "R", "link": "L"},
        {"one": "{n} день", "few": "{n} дня", "many": "{n} дней"},
    ),
    (
        "settings-btn-escalate",
        "days",
        {},
        {"one": "за {n} день ", "few": "за {n} дня ", "many": "за {n} дней "},
    ),
    (
        "esc-admins",
        "days",
        {"company": "C", "title": "T", "date": "D", "label": "L", "who": "W"},
        {"one": "За {n} день ", "few": "За {n} дня ", "many": "За {n} дней "},
    ),
]


@pytest.mark.parametrize("n", sorted(NUMBERS))
@pytest.mark.parametrize(("key", "arg", "extra", "forms"), CASES, ids=[c[0] for c in CASES])
def test_russian_counts_agree_with_their_noun(
    key: str, arg: str, extra: Mapping[str, object], forms: dict[str, str], n: int
) -> None:
    text = Translator("ru")(key, **{arg: n, **extra})
    assert forms[NUMBERS[n]].format(n=n) in text, text


@pytest.mark.parametrize(
    ("key", "arg", "extra", "one", "other"),
    [
        ("dl-term-days", "count", {}, "1 day", "5 days"),
        ("elig-number-over-headcount", "staff", {"total": 1}, "1 worker ", "5 workers "),
        ("trace-ratio-small", "staff", {"limit": 1}, "1 employee ", "5 employees "),
    ],
)
def test_english_counts_agree_with_their_noun(
    key: str, arg: str, extra: dict[str, object], one: str, other: str
) -> None:
    t = Translator("en")
    assert one in t(key, **{arg: 1, **extra})
    assert other in t(key, **{arg: 5, **extra})


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_help_descriptions_all_start_lowercase(lang: Lang) -> None:
    from handlers.start import help_text

    for line in help_text(Translator(lang), may_write=True).splitlines():
        if line.startswith("/"):
            description = line.split(" — ", 1)[1]
            assert description[0] == description[0].lower(), line


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_calculator_sources_line_is_labelled(lang: Lang) -> None:
    import datetime as dt

    from handlers.deadlines.views import result_text

    t = Translator(lang)
    text = result_text(t, [], dt.date(2026, 3, 2))
    assert t("status-sources", links="").strip() in text


def test_english_role_change_reads_as_a_sentence() -> None:
    """It read "Bolat is now viewer." (no article); the role is named as a role."""
    t = Translator("en")
    text = t("ws-role-changed", name="Bolat", role=t("ws-role-viewer"))
    assert text == "Bolat's role is now viewer."


def test_kazakh_overdue_group_alert_declines_the_date() -> None:
    """It read "мерзімі өтті: 1 қыркүйек"; "бері" (since) takes the ablative, as CASE() gives."""
    import datetime as dt

    from knowledge.l10n import format_date

    text = Translator("kk")(
        "esc-group-overdue",
        company="C",
        title="T",
        date=format_date(dt.date(2025, 9, 1), "kk"),
        label="L",
    )
    assert "2025 жылғы 1 қыркүйектен бері" in text, text
