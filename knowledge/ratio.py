"""The local-content ratio: at least 70 % Kazakh citizens in categories 1–2, 90 % in 3–4.

Exact arithmetic with fractions, so 7 of 10 is exactly 70 % and "how many more" never rounds up.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from knowledge.deadlines import Arg, TraceStep, pair
from knowledge.loader import load_knowledge
from knowledge.models import Status


@dataclass(frozen=True)
class GroupCheck:
    group: str  # "12" or "34"
    locals: int
    foreign: int
    threshold: int  # percent
    share: Fraction | None  # None with no staff at all
    ok: bool
    more_allowed: int  # more foreign workers of this group the ratio allows now


@dataclass(frozen=True)
class RatioResult:
    exempt: str | None  # "small_business", "branch" or None
    groups: tuple[GroupCheck, ...]
    trace: tuple[TraceStep, ...]
    fact_ids: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.exempt is not None or all(group.ok for group in self.groups)

    @property
    def status(self) -> Status:
        """The weakest status among the facts the check rests on (see ``render_status``)."""
        return load_knowledge().status(list(self.fact_ids))


def _group(group: str, locals_: int, foreign: int, threshold: int) -> GroupCheck:
    if locals_ < 0 or foreign < 0:
        raise ValueError("staff counts cannot be negative")
    needed = Fraction(threshold, 100)
    total = locals_ + foreign
    share = Fraction(locals_, total) if total else None
    ok = share is None or share >= needed
    # locals / (total + k) >= needed  <=>  k <= locals / needed - total
    more = max(0, math.floor(Fraction(locals_) / needed - total))
    return GroupCheck(group, locals_, foreign, threshold, share, ok, more)


def check_ratio(
    on: dt.date,
    total_staff: int,
    is_small_business: bool,
    is_branch_of_foreign_entity: bool,
    locals_12: int,
    foreign_12: int,
    locals_34: int,
    foreign_34: int,
) -> RatioResult:
    """The ratio on ``on``: exemptions first, then each category group's share and headroom."""
    if total_staff < 0:
        raise ValueError("staff counts cannot be negative")
    low, high = pair("ratio.local_share")
    groups = (_group("12", locals_12, foreign_12, low), _group("34", locals_34, foreign_34, high))
    exempt, step, exemption_facts = _exemption(
        on, total_staff, is_small_business, is_branch_of_foreign_entity
    )
    trace = [step] if step else []
    trace.append(TraceStep("trace-ratio-eaeu"))
    if exempt is None:
        trace += [_group_step(group) for group in groups]
    facts = (*exemption_facts, "ratio.local_share", "ratio.eaeu_not_counted", "ratio.outstaffing")
    return RatioResult(exempt, groups, tuple(trace), facts)


def _exemption(
    on: dt.date, staff: int, small_business: bool, branch: bool
) -> tuple[str | None, TraceStep | None, tuple[str, ...]]:
    """Which exemption applies on ``on`` (if any), the trace step saying why, and its fact."""
    kb = load_knowledge()
    small = kb.fact("ratio.exempt.small_business", on)
    small_limit = small.value if isinstance(small.value, int) else None  # None: any size
    args: dict[str, Arg] = {"staff": staff}
    if small_business and small_limit is None:
        return "small_business", TraceStep("trace-ratio-small-any", args), (small.id,)
    if small_business and staff <= (small_limit or 0):
        step = TraceStep("trace-ratio-small", {**args, "limit": small_limit or 0})
        return "small_business", step, (small.id,)
    branch_limit = int(str(kb.fact("ratio.exempt.branch", on).value))
    if branch and staff <= branch_limit:
        step = TraceStep("trace-ratio-branch", {**args, "limit": branch_limit})
        return "branch", step, ("ratio.exempt.branch",)
    if small_business:
        step = TraceStep("trace-ratio-small-over", {**args, "limit": small_limit or 0})
        return None, step, (small.id,)
    return None, None, ()


def _group_step(group: GroupCheck) -> TraceStep:
    percent = "—" if group.share is None else _percent(group.share)
    return TraceStep(
        "trace-ratio-group-ok" if group.ok else "trace-ratio-group-fail",
        {
            "group": "1–2" if group.group == "12" else "3–4",
            "locals": group.locals,
            "foreign": group.foreign,
            "percent": percent,
            "threshold": group.threshold,
            "more": group.more_allowed,
        },
    )


def _percent(share: Fraction) -> str:
    """The share in percent, rounded DOWN to a tenth, so a failing 69.96 % never shows as 70:
    "70", "66.6"."""
    tenths = math.floor(share * 1000)
    return f"{tenths // 10}.{tenths % 10}".removesuffix(".0")
