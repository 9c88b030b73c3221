"""The local-content ratio: at least 70 % Kazakh citizens in categories 1–2, 90 % in 3–4.

Exact arithmetic with fractions, so 7 of 10 is exactly 70 % and "how many more" never rounds up.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from knowledge.deadlines import TraceStep, pair
from knowledge.loader import load_knowledge


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
    is_branch: bool,
    locals_12: int,
    foreign_12: int,
    locals_34: int,
    foreign_34: int,
) -> RatioResult:
    kb = load_knowledge()
    low, high = pair("ratio.local_share")
    groups = (_group("12", locals_12, foreign_12, low), _group("34", locals_34, foreign_34, high))
    trace = [TraceStep("trace-ratio-eaeu")]
    facts = ["ratio.local_share", "ratio.eaeu_not_counted", "ratio.outstaffing"]
    exempt = None
    small = kb.fact("ratio.exempt.small_business", on)
    small_limit = small.value if isinstance(small.value, int) else None
    if is_small_business and (small_limit is None or total_staff <= small_limit):
        exempt = "small_business"
        key = "trace-ratio-small-any" if small_limit is None else "trace-ratio-small"
        trace.insert(0, TraceStep(key, {"staff": total_staff, "limit": small_limit or 0}))
        facts.insert(0, "ratio.exempt.small_business")
    elif is_branch and total_staff <= (
        branch_limit := int(str(kb.fact("ratio.exempt.branch").value))
    ):
        exempt = "branch"
        trace.insert(
            0, TraceStep("trace-ratio-branch", {"staff": total_staff, "limit": branch_limit})
        )
        facts.insert(0, "ratio.exempt.branch")
    else:
        if is_small_business and small_limit is not None:
            trace.insert(
                0, TraceStep("trace-ratio-small-over", {"staff": total_staff, "limit": small_limit})
            )
            facts.append("ratio.exempt.small_business")
        for group in groups:
            percent = "—" if group.share is None else f"{float(group.share) * 100:.1f}"
            trace.append(
                TraceStep(
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
            )
    return RatioResult(exempt, groups, tuple(trace), tuple(facts))
