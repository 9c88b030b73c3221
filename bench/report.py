"""Printing figures beside their targets and keeping them in bench/results/latest.json."""

from __future__ import annotations

import json
import platform
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "latest.json"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str
    met: bool | None  # None: reported only, no target

    def line(self) -> str:
        verdict = {True: "OK  ", False: "MISS", None: "    "}[self.met]
        return f"{verdict} {self.name:<58} {self.value:>12.3f} {self.unit:<8} target {self.target}"


def percentile(samples: list[float], pct: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def record(section: str, figures: list[Figure], extra: dict[str, Any] | None = None) -> None:
    """Print the figures and merge them into latest.json under ``section``."""
    print(f"\n== {section}")
    for figure in figures:
        print(figure.line())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data["machine"] = {"python": platform.python_version(), "cpu": platform.processor() or "?"}
    data[section] = {"figures": [asdict(f) for f in figures], **(extra or {})}
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
