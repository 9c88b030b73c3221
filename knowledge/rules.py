"""The knowledge base: facts by id and date in force, routes, MCI by year, fees."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from knowledge.models import STATUS_STRENGTH, Fact, Route, RouteId, Status


@dataclass(frozen=True)
class FeeResult:
    """A seasonal fee: MCI count always, the KZT amount only when that year's MCI is known."""

    days: int
    mci_count: int
    year: int
    mci_kzt: int | None
    amount_kzt: int | None
    fact_ids: tuple[str, ...]


def weakest(statuses: list[Status]) -> Status:
    """The status of a conclusion is that of its weakest fact."""
    return min(statuses, key=lambda status: STATUS_STRENGTH[status]) if statuses else "derived"


class KnowledgeBase:
    def __init__(self, facts: list[Fact], routes: list[Route]) -> None:
        self._facts: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            versions = self._facts[fact.id]
            for other in versions:
                if _overlap(fact, other):
                    raise ValueError(f"facts.toml: fact {fact.id!r} has overlapping versions")
            versions.append(fact)
        for versions in self._facts.values():
            versions.sort(key=lambda fact: fact.effective_from)
        self._routes = {route.id: route for route in routes}
        for route in routes:
            for fact_id in route.fact_ids:
                if fact_id not in self._facts:
                    raise ValueError(
                        f"routes.toml: route {route.id!r} cites unknown fact {fact_id!r}"
                    )

    @property
    def fact_ids(self) -> list[str]:
        return sorted(self._facts)

    def has(self, fact_id: str) -> bool:
        return fact_id in self._facts

    def versions(self, fact_id: str) -> list[Fact]:
        if fact_id not in self._facts:
            raise KeyError(f"unknown fact {fact_id!r}")
        return list(self._facts[fact_id])

    def fact(self, fact_id: str, on: dt.date | None = None) -> Fact:
        """The version in force on ``on`` (default: the newest one).

        A date before every version gets the earliest; a date no version covers (e.g. after
        ``mci.2025`` ended) gets the newest, so a citation never fails.
        """
        versions = self.versions(fact_id)
        if on is None:
            return versions[-1]
        for fact in reversed(versions):
            if fact.in_force(on):
                return fact
        earliest = versions[0]
        return earliest if on < earliest.effective_from else versions[-1]

    def facts(self, on: dt.date | None = None) -> list[Fact]:
        return [self.fact(fact_id, on) for fact_id in self.fact_ids]

    def status(self, fact_ids: list[str], on: dt.date | None = None) -> Status:
        return weakest([self.fact(fact_id, on).status for fact_id in fact_ids])

    @property
    def routes(self) -> list[Route]:
        return list(self._routes.values())

    def route(self, route_id: RouteId | str) -> Route:
        if route_id not in self._routes:
            raise KeyError(f"unknown route {route_id!r}")
        return self._routes[route_id]

    def mci(self, year: int) -> int | None:
        """The monthly calculation index for ``year`` in KZT, or None when we do not know it."""
        fact_id = f"mci.{year}"
        if fact_id not in self._facts:
            return None
        value = self.fact(fact_id).value
        return value if isinstance(value, int) else None

    def seasonal_fee(self, days: int, year: int) -> FeeResult:
        """The seasonal-worker fee for a permit of up to ``days`` days, paid in ``year``."""
        terms = self.route("seasonal").term_days
        fee = self.fact("fee.seasonal")
        counts = fee.value
        if not isinstance(counts, list) or days not in terms:
            raise ValueError(f"seasonal terms are {terms}, not {days}")
        if year < fee.effective_from.year:
            # Decree No. 819's rates apply from 2026; the earlier rates are not in our data.
            raise ValueError(f"seasonal fee rates before {fee.effective_from.year} are not known")
        mci_count = counts[terms.index(days)]
        mci = self.mci(year)
        return FeeResult(
            days=days,
            mci_count=mci_count,
            year=year,
            mci_kzt=mci,
            amount_kzt=None if mci is None else mci * mci_count,
            fact_ids=("fee.seasonal", f"mci.{year}") if mci else ("fee.seasonal",),
        )


def _overlap(a: Fact, b: Fact) -> bool:
    a_end = a.effective_to or dt.date.max
    b_end = b.effective_to or dt.date.max
    return a.effective_from <= b_end and b.effective_from <= a_end
