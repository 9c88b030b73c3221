from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.changes import EY_ALERT
from knowledge.l10n import LANGS
from knowledge.loader import KnowledgeDataError, load_knowledge

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
REQUIRED = [
    "route.cat1.definition",
    "route.cat2.definition",
    "route.cat3.definition",
    "route.cat4.definition",
    "route.seasonal.definition",
    "route.ict.definition",
    "route.cat1.term",
    "route.cat23.term",
    "route.cat4.term",
    "route.seasonal.term",
    "route.ict.term",
    "renewal.window",
    "vacancy.posting_period",
    "vacancy.publication_code",
    "ratio.local_share",
    "ratio.exempt.small_business",
    "ratio.exempt.branch",
    "ban.twelve_months",
    "obligation.esutd.register",
    "obligation.esutd.change",
    "obligation.esutd.terminate",
    "obligation.arrival_notice",
    "obligation.fee_payment",
    "obligation.iin",
    "obligation.reporting",
    "cat4.replacement",
    "mci.2025",
    "mci.2026",
    "fee.seasonal",
    "eaeu.exempt",
    "changes.2025_09",
    "portal.migration_enbek",
    "commission.abolished",
]


def test_required_facts_exist() -> None:
    kb = load_knowledge()
    assert [fact_id for fact_id in REQUIRED if not kb.has(fact_id)] == []


def test_every_fact_is_sourced_and_in_three_languages() -> None:
    for fact_id in load_knowledge().fact_ids:
        for fact in load_knowledge().versions(fact_id):
            assert fact.sources and all(url.startswith("http") for url in fact.sources)
            assert fact.status in {"confirmed", "practice", "derived"}
            # EY names clause 19 (the ratio); no other clause number of the current text is known
            assert fact.clause in (None, "19"), fact_id
            if fact.clause:
                assert fact_id.startswith("ratio.") and EY_ALERT in fact.sources
            for lang in LANGS:
                assert fact.text.get(lang).strip()
                if fact.uncertain:
                    assert fact.uncertain.get(lang).strip()
            if fact.status == "confirmed":
                # the amendment itself (EY's summary of it, or the official text) or two sources
                primary = EY_ALERT in fact.sources or fact_id == "rules.official_text"
                assert primary or len(set(fact.sources)) >= 2, f"{fact_id}: needs two sources"


def test_version_in_force_depends_on_the_date() -> None:
    kb = load_knowledge()
    before = kb.fact("ratio.exempt.small_business", dt.date(2025, 8, 31))
    after = kb.fact("ratio.exempt.small_business", dt.date(2025, 9, 1))
    assert before.value is None and after.value == 20
    assert kb.fact("ratio.exempt.branch", dt.date(2023, 6, 30)).value == 30
    assert kb.fact("ratio.exempt.branch", dt.date(2023, 7, 1)).value == 10
    assert kb.fact("ratio.exempt.branch").value == 10, "no date: the newest version"
    assert kb.fact("mci.2025", dt.date(2026, 5, 1)).value == 3932, "out of range: still citable"


def test_mci_and_seasonal_fees() -> None:
    kb = load_knowledge()
    assert (kb.mci(2025), kb.mci(2026), kb.mci(2027)) == (3932, 4325, None)
    amounts = [kb.seasonal_fee(days, 2026).amount_kzt for days in (90, 180, 270, 365)]
    assert amounts == [51_900, 103_800, 155_700, 207_600]
    unknown = kb.seasonal_fee(90, 2027)
    assert unknown.mci_count == 12 and unknown.amount_kzt is None, "never guess an MCI"
    with pytest.raises(ValueError):
        kb.seasonal_fee(100, 2026)
    with pytest.raises(ValueError, match="before 2026"):
        kb.seasonal_fee(90, 2025)  # Decree 819's rates are not applied to the 2025 MCI


def test_routes() -> None:
    kb = load_knowledge()
    assert {route.id for route in kb.routes} == {"cat1", "cat2", "cat3", "cat4", "seasonal", "ict"}
    assert kb.route("cat1").max_renewals is None and kb.route("cat2").max_renewals == 3
    assert not kb.route("cat4").renewable and kb.route("seasonal").term_days == [90, 180, 270, 365]


BAD_ROUTE = """
[[route]]
id = "cat4"
name = {ru = "a", kk = "b", en = "c"}
explain = {ru = "a", kk = "b", en = "c"}
term_months = [12]
renewable = false
max_renewals = 0
fact_ids = ["no.such"]
"""


def write(folder: Path, facts: str, routes: str | None = None) -> Path:
    (folder / "facts.toml").write_text(facts, encoding="utf-8")
    real_routes = (KNOWLEDGE / "data" / "routes.toml").read_text(encoding="utf-8")
    (folder / "routes.toml").write_text(
        routes if routes is not None else real_routes, encoding="utf-8"
    )
    return folder


def test_broken_data_fails_loudly_naming_file_and_field(tmp_path: Path) -> None:
    good = (KNOWLEDGE / "data" / "facts.toml").read_text(encoding="utf-8")
    broken = good.replace('status = "confirmed"', 'status = "rumour"', 1)
    with pytest.raises(
        KnowledgeDataError, match=r"facts\.toml: fact\[\d+\] \(id '[a-z0-9_.]+'\)\.status"
    ):
        load_knowledge(write(tmp_path, broken))
    no_source = good.replace("sources = [", "sourcez = [", 1)
    with pytest.raises(KnowledgeDataError, match=r"facts\.toml"):
        load_knowledge(write(tmp_path, no_source))
    with pytest.raises(KnowledgeDataError, match="not valid TOML"):
        load_knowledge(write(tmp_path, good + "\n[[fact]\n"))
    with pytest.raises(KnowledgeDataError, match="unknown fact"):
        load_knowledge(
            write(
                tmp_path,
                good,
                routes=BAD_ROUTE,
            )
        )
    with pytest.raises(KnowledgeDataError, match="file not found"):
        load_knowledge(tmp_path / "missing")
