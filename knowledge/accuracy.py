"""``python -m knowledge.accuracy``: how often the Q&A answers right.

The old test questions (qa_cases.toml, top-1 and top-3 of the search) and four evaluation sets
written before tuning to them (qa_eval_*.toml, then qa_eval_fresh_*.toml, qa_eval_fresh2_*.toml
and qa_eval_fresh3_*.toml, one per later round), each split into a tuned and a held-out part: per
language and per topic, with refusal precision and recall. A question is right when the bot's
topic (or its refusal) is the expected one and, for a situational question, the situational
outcome is too.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from knowledge import qa
from knowledge.answers import has_topic, search
from knowledge.l10n import LANGS, Lang

TESTS = Path(__file__).resolve().parents[1] / "tests" / "knowledge"
CASES = TESTS / "qa_cases.toml"
# Four sets written before tuning to them ("fresh" before the second round, "fresh2" before the
# third, "fresh3" before the fourth), each split once into a part tuned on and a held-out part
# only measured.
EVAL_PARTS = {
    "holdout": TESTS / "qa_eval_holdout.toml",
    "fresh holdout": TESTS / "qa_eval_fresh_holdout.toml",
    "fresh2 holdout": TESTS / "qa_eval_fresh2_holdout.toml",
    "fresh3 holdout": TESTS / "qa_eval_fresh3_holdout.toml",
    "tune": TESTS / "qa_eval_tune.toml",
    "fresh tune": TESTS / "qa_eval_fresh_tune.toml",
    "fresh2 tune": TESTS / "qa_eval_fresh2_tune.toml",
    "fresh3 tune": TESTS / "qa_eval_fresh3_tune.toml",
}
REFUSE = "refuse"
EVAL_DAY = dt.date(2026, 6, 15)  # the evaluation's fixed "today"


@dataclass(frozen=True)
class Case:
    lang: Lang
    question: str
    expected: str  # topic id or REFUSE
    situation: str | None = None


@dataclass
class Score:
    """Counts of one part of the evaluation set."""

    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    topic_right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    topic_total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    refused_right = refused_wrong = out_of_scope = answerable = 0
    misses: list[str] = field(default_factory=list)

    def share(self, lang: str) -> float:
        return self.right[lang] / self.total[lang] if self.total[lang] else 0.0

    @property
    def refusal_precision(self) -> float:
        refused = self.refused_right + self.refused_wrong
        return self.refused_right / refused if refused else 1.0

    @property
    def refusal_recall(self) -> float:
        return self.refused_right / self.out_of_scope if self.out_of_scope else 1.0

    @property
    def answerable_refused(self) -> float:
        return self.refused_wrong / self.answerable if self.answerable else 0.0


def load_cases(path: Path = CASES) -> dict[str, list[tuple[str, str]]]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {lang: [(q, topic) for q, topic in raw[lang]] for lang in LANGS}


def load_eval(part: str) -> list[Case]:
    raw = tomllib.loads(EVAL_PARTS[part].read_text(encoding="utf-8"))
    return [Case(lang, *row) for lang in LANGS for row in raw[lang]]


def accuracy(lang: str, cases: list[tuple[str, str]]) -> tuple[float, float, list[str]]:
    top1 = top3 = 0
    misses = []
    for question, expected in cases:
        found = [hit.topic_id for hit in search(question, "en", limit=3)]
        top1 += bool(found) and found[0] == expected
        top3 += expected in found
        if not found or found[0] != expected:
            misses.append(f"  {lang}: {question!r} -> {found[:1] or 'nothing'} (want {expected})")
    return top1 / len(cases), top3 / len(cases), misses


def verdict(case: Case) -> tuple[str, str | None]:
    """The bot's topic (or REFUSE) and situational outcome key for a case."""
    reply = qa.ask(case.question, case.lang, EVAL_DAY)
    return reply.topic_id or REFUSE, reply.situation


def pending(cases: list[Case]) -> list[Case]:
    """Cases whose expected topic is not in the knowledge base yet (added by another change)."""
    return [c for c in cases if c.expected != REFUSE and not has_topic(c.expected)]


def evaluate(cases: list[Case]) -> Score:
    score = Score()
    for case in cases:
        if case.expected != REFUSE and not has_topic(case.expected):
            continue
        got, situation = verdict(case)
        right = got == case.expected and (case.situation is None or situation == case.situation)
        score.total[case.lang] += 1
        score.topic_total[case.expected] += 1
        score.right[case.lang] += right
        score.topic_right[case.expected] += right
        if case.expected == REFUSE:
            score.out_of_scope += 1
            score.refused_right += got == REFUSE
        else:
            score.answerable += 1
            score.refused_wrong += got == REFUSE
        if not right:
            want = f"{case.expected} {case.situation or ''}".strip()
            score.misses.append(
                f"  {case.lang}: {case.question!r} -> {got} {situation or ''}(want {want})"
            )
    return score


def report(part: str, score: Score, verbose: bool) -> None:
    langs = ", ".join(f"{lang} {score.share(lang):.0%}" for lang in LANGS)
    total = sum(score.right.values()) / max(1, sum(score.total.values()))
    print(f"{part}: {sum(score.total.values())} questions, right {total:.1%} ({langs})")
    print(
        f"  out of scope refused (recall) {score.refusal_recall:.0%}, refusal precision "
        f"{score.refusal_precision:.0%}, answerable refused {score.answerable_refused:.1%}"
    )
    topics = sorted(score.topic_total)
    print(
        "  per topic: "
        + ", ".join(f"{t} {score.topic_right[t]}/{score.topic_total[t]}" for t in topics)
    )
    if verbose:
        print("\n".join(score.misses))


def main() -> None:
    for lang, old in load_cases().items():
        top1, top3, _misses = accuracy(lang, old)
        print(f"old set {lang}: {len(old)} questions, top-1 {top1:.1%}, top-3 {top3:.1%}")
    for part in EVAL_PARTS:
        cases = load_eval(part)
        report(part, evaluate(cases), verbose=part.endswith("tune"))
        if waiting := sorted({case.expected for case in pending(cases)}):
            print(
                f"  not scored: {len(pending(cases))} questions on topics not in the index yet: "
                + ", ".join(waiting)
            )


if __name__ == "__main__":
    main()
