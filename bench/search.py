"""Knowledge search: lookup latency over the test questions. Target: p99 ≤ 10 ms per question.

The search caches results and stems of repeated questions; both are cleared before every lookup,
so the figure is the cost of an unseen question.
"""

from __future__ import annotations

import time

from bench.report import Figure, median, percentile, record
from knowledge import answers
from knowledge.accuracy import load_cases
from knowledge.textnorm import terms

ROUNDS = 20


def main() -> None:
    questions = [q for cases in load_cases().values() for q, _topic in cases]
    answers.search("warm up the index", "en")
    samples = []
    for _ in range(ROUNDS):
        for question in questions:
            answers.search_cached.cache_clear()
            terms.cache_clear()
            started = time.perf_counter()
            answers.search(question, "ru")
            samples.append((time.perf_counter() - started) * 1000)
    p99 = percentile(samples, 99)
    record(
        "search",
        [
            Figure("Q&A lookup p50 (uncached)", median(samples), "ms", "reported", None),
            Figure("Q&A lookup p99 (uncached)", p99, "ms", "<= 10 ms", p99 <= 10),
        ],
        {"questions": len(questions), "lookups": len(samples)},
    )


if __name__ == "__main__":
    main()
