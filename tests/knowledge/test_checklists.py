from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.checklists import CHECKLISTS, ChecklistId, checklist, for_permit, items, progress
from knowledge.l10n import LANGS
from knowledge.loader import KnowledgeDataError, load_knowledge


def test_every_item_is_sourced_and_in_three_languages() -> None:
    kb = load_knowledge()
    for item in items():
        assert item.fact_ids and all(kb.has(fact_id) for fact_id in item.fact_ids)
        for lang in LANGS:
            assert item.name.get(lang).strip() and item.why.get(lang).strip()


@pytest.mark.parametrize("route", CHECKLISTS)
def test_each_route_has_a_checklist_with_needed_items(route: ChecklistId) -> None:
    entries = checklist(route)
    assert any(entry.need == "needed" for entry in entries)


def test_renewal_needs_no_qualification_letter_and_leaves_the_vacancy_code_open() -> None:
    needs = {entry.item.id: entry.need for entry in checklist("renewal")}
    assert needs["qualification_letter"] == "not_needed"
    assert needs["vacancy_code"] == "unclear", "the reference does not say renewals need it"


def test_category_4_carries_the_replacement_commitment_confirmed() -> None:
    entries = {entry.item.id: entry for entry in checklist("cat4")}
    assert entries["cat4_commitment"].status == "confirmed"
    assert "cat4_commitment" not in {entry.item.id for entry in checklist("new")}


def test_education_documents_cite_the_apostille_and_the_mfa_check() -> None:
    item = next(item for item in items() if item.id == "education")
    assert {"education.apostille", "education.mfa_check"} <= set(item.fact_ids)
    assert next(e for e in checklist("ict") if e.item.id == "education").need == "not_needed"


def test_statuses_are_never_stronger_than_the_facts() -> None:
    assert {entry.status for entry in checklist("ict")} == {"practice"}, "2017 ICT practice"


def test_progress_counts_only_needed_items() -> None:
    assert progress("cat4", set()).total == 7
    done = progress("cat4", {"application", "passport", "education", "unknown", "vacancy_code"})
    assert (done.collected, done.total) == (4, 7)
    renewal = progress("renewal", {"qualification_letter", "application"})
    assert (renewal.collected, renewal.total) == (1, 3), "a not-needed item does not count"


@pytest.mark.parametrize(
    ("route", "renewal", "expected"),
    [
        ("cat2", False, "new"),
        ("cat1", True, "renewal"),
        ("cat4", False, "cat4"),
        ("ict", False, "ict"),
    ],
)
def test_for_permit(route: str, renewal: bool, expected: str) -> None:
    assert for_permit(route, renewal) == expected


def test_an_item_citing_an_unknown_fact_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "checklists.toml"
    path.write_text(
        '[[item]]\nid = "x"\nfact_ids = ["no.such"]\nroutes = { new = "needed" }\n'
        'name = { ru = "a", kk = "b", en = "c" }\nwhy = { ru = "a", kk = "b", en = "c" }\n',
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeDataError, match=r"no\.such"):
        items(path)
