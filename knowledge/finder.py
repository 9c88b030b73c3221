"""Category finder: a job title and a few answers → a suggested category with why, or "cannot tell".

Our reading (``derived``) of the category definitions (facts ``route.catN.definition``): the
local executive body decides, against the qualification directories. Title hints are data
(``data/finder.toml``); answers outrank the title, and a "no" removes a category. A title is read
as people type it: a word meets a hint's stem in any script (``textnorm.skeleton``: "svarshik",
Kazakh without its letters, a doubled letter dropped), or with one letter wrong in a stem of six
letters or more ("electrican").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rapidfuzz.distance import Levenshtein

from knowledge.deadlines import TraceStep
from knowledge.loader import DATA_DIR
from knowledge.textnorm import skeleton

Question = Literal["heads_organisation", "heads_division", "specialist", "skilled_worker"]
# The question whose "yes" means each category (1: heads and deputies, 2: heads of divisions...).
QUESTIONS: dict[int, Question] = {
    1: "heads_organisation",
    2: "heads_division",
    3: "specialist",
    4: "skilled_worker",
}
ALL = frozenset(QUESTIONS)
WORD = re.compile(r"[^\W\d_]+")
Hint = tuple[tuple[str, ...], frozenset[int]]


@dataclass(frozen=True)
class Suggestion:
    category: int | None  # None: cannot tell
    candidates: tuple[int, ...]
    why: TraceStep
    ask: Question | None = None  # the next question that would settle it
    fact_ids: tuple[str, ...] = field(default=())


@cache
def hints() -> tuple[Hint, ...]:
    with (DATA_DIR / "finder.toml").open("rb") as handle:
        raw = tomllib.load(handle)["hints"]
    return tuple((tuple(stems), frozenset(categories)) for stems, categories in raw)


def words(title: str) -> list[str]:
    return WORD.findall(title.lower().replace("ё", "е"))


FUZZY_FROM = 6  # a stem's skeleton this long may meet a word with one letter wrong


def _fits(word: str, stem: str) -> bool:
    """``word`` starts with ``stem``: as typed, in any script, or with one letter wrong."""
    if word.startswith(stem):
        return True
    typed, known = skeleton(word), skeleton(stem)
    if typed.startswith(known):
        return True
    size = len(known)
    if size < FUZZY_FROM or typed[:1] != known[:1]:  # a slip is seldom in the first letter
        return False
    # The stem's length of the word, one more (a letter added), or the whole word one shorter.
    cuts = {size, size + 1} | ({size - 1} if len(typed) == size - 1 else set())
    return any(
        Levenshtein.distance(typed[:cut], known, score_cutoff=1) <= 1
        for cut in cuts
        if cut <= len(typed)
    )


def _matches(stems: tuple[str, ...], title: list[str]) -> bool:
    size = len(stems)
    return any(
        all(_fits(word, stem) for word, stem in zip(title[i : i + size], stems, strict=True))
        for i in range(len(title) - size + 1)
    )


def title_candidates(title: str) -> frozenset[int]:
    """The categories the title points to (empty: no hint matched)."""
    found = [(len(stems), cats) for stems, cats in hints() if _matches(stems, words(title))]
    if not found:
        return frozenset()
    longest = max(size for size, _ in found)
    best = [cats for size, cats in found if size == longest]
    common = frozenset.intersection(*best)
    return common or frozenset.union(*best)


def suggest(title: str, answers: dict[Question, bool] | None = None) -> Suggestion:
    """The category for ``title`` given the ``answers`` so far (yes/no per question)."""
    answers = answers or {}
    shown = title.strip()[:100]
    yes = sorted(number for number, question in QUESTIONS.items() if answers.get(question))
    if yes:
        return _from_answers(yes, shown)
    from_title = title_candidates(title)
    candidates = (from_title or ALL) - {n for n, q in QUESTIONS.items() if answers.get(q) is False}
    if len(candidates) == 1 and from_title:  # never by elimination alone: "none of these" ≠ 4
        (number,) = candidates
        key = "finder-why-title" if len(from_title) == 1 else "finder-why-left"
        return _found(number, TraceStep(key, {"title": shown, "category": number}))
    if not candidates:
        return _cannot(TraceStep("finder-cannot-tell-conflict"), (), None)
    step = TraceStep("finder-cannot-tell", {"title": shown, "candidates": _listed(candidates)})
    if not from_title:
        step = TraceStep("finder-cannot-tell-none", {"title": shown})
    unanswered = [n for n in sorted(candidates) if QUESTIONS[n] not in answers]
    return _cannot(
        step, tuple(sorted(candidates)), QUESTIONS[unanswered[0]] if unanswered else None
    )


def _from_answers(yes: list[int], title: str) -> Suggestion:
    # A head outranks the rest (a head of a division is category 2 whatever their profession);
    # "specialist" and "skilled worker" together do not fit one category.
    if yes[0] in (1, 2) or len(yes) == 1:
        number = yes[0]
        return _found(number, TraceStep(f"finder-why-{QUESTIONS[number]}", {"category": number}))
    return _cannot(TraceStep("finder-cannot-tell-conflict"), tuple(yes), None)


def _found(number: int, why: TraceStep) -> Suggestion:
    return Suggestion(number, (number,), why, None, (f"route.cat{number}.definition",))


def _cannot(why: TraceStep, candidates: tuple[int, ...], ask: Question | None) -> Suggestion:
    facts = tuple(f"route.cat{n}.definition" for n in candidates or sorted(ALL))
    return Suggestion(None, candidates, why, ask, facts)


def _listed(candidates: frozenset[int]) -> str:
    return ", ".join(str(number) for number in sorted(candidates))
