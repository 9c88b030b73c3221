"""The nine points of EY's alert on Order No. 93 (in force 1 September 2025), as data.

Each point names the topic that answers it (for a "more" button) and the facts that state it;
every one of those facts is ``confirmed`` and cites the alert (tests/knowledge/test_law.py).
"""

from __future__ import annotations

from dataclasses import dataclass

EY_ALERT = (
    "https://www.ey.com/en_kz/technical/tax-alerts/2025/09/"
    "foreign-labor-permits-new-employer-rules-kazakhstan-2025"
)
CHANGES_FACT = "changes.2025_09"  # its text lists the nine points, one numbered line each


@dataclass(frozen=True)
class Point:
    number: int
    topic_id: str
    fact_ids: tuple[str, ...]


NINE_POINTS: tuple[Point, ...] = (
    Point(1, "vacancy", ("vacancy.posting_period", "vacancy.publication_code")),
    Point(2, "portals", ("portal.migration_enbek",)),
    Point(3, "commission", ("commission.abolished",)),
    Point(4, "esutd", ("obligation.esutd.required", "obligation.iin", "obligation.reporting")),
    Point(5, "mfa_check", ("education.mfa_check",)),
    Point(6, "cat4.replacement", ("cat4.replacement",)),
    Point(
        7,
        "renewal.count",
        ("route.cat1.term", "route.cat23.term", "route.cat4.term", "route.seasonal.term"),
    ),
    Point(8, "refusal", ("refusal.grounds_2025", "ban.twelve_months")),
    Point(9, "ratio.exemptions", ("ratio.exempt.small_business",)),
)
