"""Knowledge Q&A: latency of one answer over the test and evaluation questions.

Targets: the search p99 ≤ 10 ms, a whole answer (out-of-scope check, search, situation) p99 ≤ 50 ms.
Every cache is cleared before every lookup, so the figures are the cost of an unseen question.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from bench.report import Figure, median, percentile, record
from knowledge import answers, qa, scope, situation, textnorm
from knowledge.accuracy import EVAL_PARTS, load_cases, load_eval

ROUNDS = 10
TODAY = dt.date(2026, 6, 15)
CACHES: tuple[Callable[[], None], ...] = (
    answers.search_cached.cache_clear,
    textnorm.terms.cache_clear,
    textnorm.words.cache_clear,
    textnorm.skeleton.cache_clear,
    scope.out_of_scope.cache_clear,
    situation.extract.cache_clear,
)


def _timed(questions: list[str], run: Callable[[str], object]) -> list[float]:
    samples = []
    for _ in range(ROUNDS):
        for question in questions:
            for clear in CACHES:
                clear()
            started = time.perf_counter()
            run(question)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    questions = [q for cases in load_cases().values() for q, _topic in cases]
    questions += [case.question for part in EVAL_PARTS for case in load_eval(part)]
    qa.ask("warm up the index", "en", TODAY)
    search = _timed(questions, lambda q: answers.search(q, "ru"))
    whole = _timed(questions, lambda q: qa.ask(q, "ru", TODAY))
    p99_search, p99_whole = percentile(search, 99), percentile(whole, 99)
    record(
        "search",
        [
            Figure("Q&A lookup p50 (uncached)", median(search), "ms", "reported", None),
            Figure("Q&A lookup p99 (uncached)", p99_search, "ms", "<= 10 ms", p99_search <= 10),
            Figure("Q&A answer p50 (uncached)", median(whole), "ms", "reported", None),
            Figure("Q&A answer p99 (uncached)", p99_whole, "ms", "<= 50 ms", p99_whole <= 50),
        ],
        {"questions": len(questions), "lookups": len(search) + len(whole)},
    )


if __name__ == "__main__":
    main()
