"""Kazakh dates: the official "2026 жылғы 2 желтоқсан", declined where a postposition needs it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from knowledge.l10n import LANGS, Catalog, format_date, format_day_month, kk_case
from knowledge.userdates import parse_user_date

# month → nominative, dative (дейін), accusative (қоса алғанда), locative (on), ablative (бастап)
MONTHS = [
    ("қаңтар", "қаңтарға", "қаңтарды", "қаңтарда", "қаңтардан"),
    ("ақпан", "ақпанға", "ақпанды", "ақпанда", "ақпаннан"),
    ("наурыз", "наурызға", "наурызды", "наурызда", "наурыздан"),
    ("сәуір", "сәуірге", "сәуірді", "сәуірде", "сәуірден"),
    ("мамыр", "мамырға", "мамырды", "мамырда", "мамырдан"),
    ("маусым", "маусымға", "маусымды", "маусымда", "маусымнан"),
    ("шілде", "шілдеге", "шілдені", "шілдеде", "шілдеден"),
    ("тамыз", "тамызға", "тамызды", "тамызда", "тамыздан"),
    ("қыркүйек", "қыркүйекке", "қыркүйекті", "қыркүйекте", "қыркүйектен"),
    ("қазан", "қазанға", "қазанды", "қазанда", "қазаннан"),
    ("қараша", "қарашаға", "қарашаны", "қарашада", "қарашадан"),
    ("желтоқсан", "желтоқсанға", "желтоқсанды", "желтоқсанда", "желтоқсаннан"),
]


@pytest.mark.parametrize(("month", "forms"), [(i + 1, row) for i, row in enumerate(MONTHS)])
def test_every_month_spelled_and_declined(month: int, forms: tuple[str, ...]) -> None:
    day = dt.date(2026, month, 2)
    text = format_date(day, "kk")
    assert text == f"2026 жылғы 2 {forms[0]}"
    assert format_day_month(day, "kk") == f"2 {forms[0]}"
    declined = [kk_case(text, case) for case in ("dat", "acc", "loc", "abl")]
    assert declined == [f"2026 жылғы 2 {form}" for form in forms[1:]]


def test_ru_and_en_keep_their_forms_and_are_never_declined() -> None:
    day = dt.date(2026, 12, 2)
    assert format_date(day, "ru") == "2 декабря 2026"
    assert format_date(day, "en") == "2 December 2026"
    for lang in ("ru", "en"):
        assert kk_case(format_date(day, lang), "dat") == format_date(day, lang)


def test_only_the_month_is_declined_and_a_marker_after_it_stays() -> None:
    assert kk_case("2026 жылғы 2 желтоқсан (өтті)", "dat") == "2026 жылғы 2 желтоқсанға (өтті)"
    assert kk_case("—", "abl") == "—"
    with pytest.raises(ValueError):
        kk_case("2026 жылғы 2 желтоқсан", "gen")


def test_catalog_case_function_in_a_message(tmp_path: Path) -> None:
    root = tmp_path
    for lang in LANGS:
        (root / lang).mkdir()
        (root / lang / "x.ftl").write_text(
            'until = { CASE($date, "dat") } дейін\nbad = { CASE($date, "xx") }\n', encoding="utf-8"
        )
    catalog = Catalog([root])
    date = format_date(dt.date(2027, 9, 1), "kk")
    assert catalog.get("kk", "until", {"date": date}) == "2027 жылғы 1 қыркүйекке дейін"
    catalog.strict = True
    with pytest.raises(KeyError):
        catalog.get("kk", "bad", {"date": date})


@pytest.mark.parametrize("month", range(1, 13))
def test_a_shown_kazakh_date_typed_back_reads_as_that_date(month: int) -> None:
    day = dt.date(2026, month, 28)
    assert parse_user_date(format_date(day, "kk"), dt.date(2026, 11, 25)).value == day


# A bare placeholder right before a postposition or verb that governs a case: in kk catalogs the
# date must go through CASE() ("2026 жылғы 2 желтоқсанға дейін", not "… желтоқсан дейін").
_BARE_DATE = re.compile(
    r"\{ \$\w+ \}(?:</b>)?(?: \(\{ \$when \}\))? "
    r"(дейін|бастап|қоса алғанда|жабылды|аяқталады|аяқталды|бітті|берілді|анықталды|"
    r"орналастырылды|еске саламын|ауысуы)"
)


def test_kazakh_catalogs_decline_every_date_before_a_postposition() -> None:
    roots = [Path("bot/i18n/locales/kk"), Path("knowledge/locales/kk")]
    found = [
        f"{path.name}: {match.group(0)}"
        for root in roots
        for path in sorted(root.glob("*.ftl"))
        for match in _BARE_DATE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found
