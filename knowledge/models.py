"""Pydantic models of the rules data. Every fact carries its sources, status and dates in force."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from knowledge.l10n import Lang

Status = Literal["confirmed", "practice", "derived"]
# confirmed: stated by the amendment itself or by two independent sources;
# practice: one consultancy or an older text; derived: our own computation.
STATUS_STRENGTH: dict[Status, int] = {"confirmed": 2, "practice": 1, "derived": 0}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(Model):
    ru: str = Field(min_length=1)
    kk: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return str(getattr(self, lang))


class Fact(Model):
    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
    topic: str
    status: Status
    clause: str | None = None  # only when confirmed in the current Rules text
    sources: list[str] = Field(min_length=1)
    # The earliest date the fact is known to apply (the act's date where entry into force was not
    # retrieved), and the last day, if it has ended.
    effective_from: dt.date
    effective_to: dt.date | None = None
    verified: dt.date
    text: LocalText
    value: int | float | str | list[int] | None = None
    uncertain: LocalText | None = None

    @field_validator("sources")
    @classmethod
    def _urls(cls, sources: list[str]) -> list[str]:
        for url in sources:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"not a URL: {url!r}")
        return sources

    @model_validator(mode="after")
    def _range(self) -> Fact:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        return self

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


RouteId = Literal["cat1", "cat2", "cat3", "cat4", "seasonal", "ict"]


class Route(Model):
    id: RouteId
    name: LocalText
    explain: LocalText
    term_months: list[int] = []  # the terms a permit may be issued for
    term_days: list[int] = []  # seasonal permits are counted in days
    max_term_months: int | None = None  # ICT: "up to" rather than fixed terms
    renewable: bool
    max_renewals: int | None = None  # None: not limited
    renewal_term_months: list[int] = []
    renewal_same_term: bool = False  # category 1: renewed for the same period as issued
    max_renewal_months: int | None = None
    ratio_group: Literal["12", "34"] | None = None
    fact_ids: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _terms(self) -> Route:
        if not (self.term_months or self.term_days or self.max_term_months):
            raise ValueError("a route needs term_months, term_days or max_term_months")
        if not self.renewable and self.max_renewals not in (0, None):
            raise ValueError("a route that is not renewable has max_renewals = 0")
        return self
