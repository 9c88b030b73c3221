"""The eligibility interview: questions as data (``data/interview.toml``) and a pure engine.

The conversation is kept as a history of ``(question id, value)`` pairs, in the order asked.
Given that history, ``next_step`` walks the questionnaire from the start and returns the first
question not yet answered (skipping those whose ``skip_if`` predicates hold) or the outcome.
Back is "drop the last answer", so no answer ever outlives the path that asked for it.
Values are JSON-friendly (str or int), so a history can live in the FSM storage as is.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from knowledge.deadlines import DateResult, earliest_filing
from knowledge.loader import load_knowledge
from knowledge.models import Route
from knowledge.ratio import RatioResult, check_ratio
from knowledge.rules import FeeResult
from knowledge.userdates import DateInput, parse_user_date
from knowledge.yesno import parse_yes_no

DATA_FILE = Path(__file__).parent / "data" / "interview.toml"
OUTCOMES = ("eaeu", "result")

Value = str | int
History = list[tuple[str, Value]]
Predicate = Callable[[Mapping[str, Value], dt.date], bool]
NumberProblem = Literal["number", "too_small", "too_large"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Model):
    value: str = Field(pattern=r"^[a-z0-9_]{1,16}$")  # short: it travels in callback data
    label: str  # catalog key
    next: str | None = None  # overrides the question's ``next``


class Question(_Model):
    id: str = Field(pattern=r"^[a-z0-9_]{1,16}$")
    kind: Literal["choice", "route", "number", "date"]
    text: str  # catalog key
    next: str
    options: list[Option] = []
    skip_if: list[str] = []
    min: int = 0
    max: int | None = None
    happened: bool = False  # a date question about an event that has already happened

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if (self.kind == "choice") != bool(self.options):
            raise ValueError(f"{self.id}: options are for (and required by) choice questions")
        if self.kind == "choice" and len({o.value for o in self.options}) != len(self.options):
            raise ValueError(f"{self.id}: duplicate option values")
        if self.kind == "number" and (self.max is None or self.max < self.min):
            raise ValueError(f"{self.id}: a number question needs max >= min")
        return self

    def target(self, value: Value) -> str:
        """Where this answer leads: the option's own ``next`` or the question's."""
        for option in self.options:
            if option.value == value and option.next:
                return option.next
        return self.next

    def targets(self) -> set[str]:
        return {self.next} | {o.next for o in self.options if o.next}


class Questionnaire(_Model):
    start: str
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _links(self) -> Questionnaire:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate question ids")
        known = set(ids) | {f"@{name}" for name in OUTCOMES}
        if self.start not in ids:
            raise ValueError(f"start {self.start!r} is not a question")
        for question in self.questions:
            for target in question.targets():
                if target not in known:
                    raise ValueError(f"{question.id}: unknown next {target!r}")
            # Only forward links: the walk always ends, and Back is a plain pop.
            for target in question.targets() - {f"@{name}" for name in OUTCOMES}:
                if ids.index(target) <= ids.index(question.id):
                    raise ValueError(f"{question.id}: next {target!r} points backwards")
            for name in question.skip_if:
                if name not in PREDICATE_NAMES:
                    raise ValueError(f"{question.id}: unknown predicate {name!r}")
        return self

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: Literal["eaeu", "result"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A typed answer: the value, or why it was refused (a number or a date problem)."""

    value: Value | None
    problem: str | None = None


@cache
def questionnaire(path: Path = DATA_FILE) -> Questionnaire:
    with path.open("rb") as file:
        return Questionnaire.model_validate(tomllib.load(file))


# --- predicates used by ``skip_if`` -------------------------------------------------------------
# They only look at the answers; the rule numbers come from the rules core (see the adapters).


def _no_ratio(answers: Mapping[str, Value], on: dt.date) -> bool:
    route = answers.get("route")
    return not isinstance(route, str) or ratio_group(route) is None


def _no_exemption_possible(answers: Mapping[str, Value], on: dt.date) -> bool:
    return answers.get("employer") not in ("branch", "small")


def _exempt(answers: Mapping[str, Value], on: dt.date) -> bool:
    employer, headcount = answers.get("employer"), answers.get("headcount")
    if not isinstance(employer, str) or not isinstance(headcount, int):
        return False
    return exemption(employer, headcount, on) is not None


PREDICATES: dict[str, Predicate] = {
    "no_ratio": _no_ratio,
    "no_exemption_possible": _no_exemption_possible,
    "exempt": _exempt,
}
PREDICATE_NAMES = frozenset(PREDICATES)


# --- the engine ---------------------------------------------------------------------------------


def skipped(question: Question, answers: Mapping[str, Value], on: dt.date) -> bool:
    return any(PREDICATES[name](answers, on) for name in question.skip_if)


def next_step(
    history: Sequence[tuple[str, Value]], on: dt.date, source: Questionnaire | None = None
) -> Question | Outcome:
    """The first unanswered question on the path the answers take, or the outcome.

    ``on`` is the user's today: the rules in force that day decide exemptions.
    """
    q = source or questionnaire()
    answers = dict(history)
    current = q.start
    while not current.startswith("@"):
        question = q.question(current)
        if skipped(question, answers, on):
            current = question.next
        elif question.id in answers:
            current = question.target(answers[question.id])
        else:
            return question
    return Outcome(kind="eaeu" if current == "@eaeu" else "result")


def current_question(history: Sequence[tuple[str, Value]], on: dt.date) -> Question | None:
    step = next_step(history, on)
    return step if isinstance(step, Question) else None


def answer(
    history: Sequence[tuple[str, Value]], question_id: str, value: Value, on: dt.date
) -> History | None:
    """The history with this answer added, or None if it does not answer the current question
    (a stale or forged button) or is not an acceptable value."""
    question = current_question(history, on)
    if question is None or question.id != question_id or not acceptable(question, value):
        return None
    return [*history, (question_id, value)]


def back(history: Sequence[tuple[str, Value]]) -> History:
    return list(history[:-1])


def acceptable(question: Question, value: Value) -> bool:
    """Whether ``value`` is a valid answer to ``question`` (buttons can be forged)."""
    if question.kind == "choice":
        return any(option.value == value for option in question.options)
    if question.kind == "route":
        return isinstance(value, str) and value in {r.id for r in load_knowledge().routes}
    if question.kind == "number":
        return isinstance(value, int) and parse_number(question, str(value)).problem is None
    return isinstance(value, str) and _iso_date(value) is not None


def typed_choice(question: Question, text: str) -> str | None:
    """A typed yes or no ("да", "жоқ", "yes"...) to a question whose options are yes and no."""
    if {option.value for option in question.options} != {"yes", "no"}:
        return None
    said = parse_yes_no(text)
    return None if said is None else ("yes" if said else "no")


def parse_number(question: Question, text: str) -> Parsed:
    """A count as people type it: "25", "1 200", "1,200"; whole, within the question's range."""
    return parse_count(text, question.min, question.max)


STAFF_COUNTS = ("local", "foreign")  # a ratio group's staff: part of the total headcount


def over_headcount(
    history: Sequence[tuple[str, Value]], question_id: str, value: Value
) -> int | None:
    """The staff counted with ``value`` when it is more than the total headcount answered (the
    Kazakh and foreign workers of a group are among the employees); None when it fits, or when
    no total was asked (no exemption was possible)."""
    answers = dict(history)
    total = answers.get("headcount")
    if question_id not in STAFF_COUNTS:
        return None
    counted = {**{key: answers.get(key) for key in STAFF_COUNTS}, question_id: value}
    return over_total(total, counted.values())


def over_total(total: Value | None, counts: Iterable[Value | None]) -> int | None:
    """The sum of the staff ``counts`` when it is more than the ``total`` headcount, else None
    (also when no total is known)."""
    if not isinstance(total, int):
        return None
    staff = sum(count for count in counts if isinstance(count, int))
    return staff if staff > total else None


_GROUPED = re.compile(r"\d{1,3}(?:[ ,]\d{3})+")


# Nobody, typed as a word: "ноль", "нөл", "zero", "никого", "ешкім".
ZERO_WORDS = frozenset(
    {"ноль", "нуль", "ни одного", "никого", "нөл", "нол", "ешкім", "ешкiм", "zero", "none", "nil"}
)


def parse_count(text: str, minimum: int = 0, maximum: int | None = None) -> Parsed:
    """A whole count as people type it ("25", "1 200", "1,200"), within [minimum, maximum]."""
    stripped = text.strip().replace("\u00a0", " ")
    if stripped.lower().rstrip(".!") in ZERO_WORDS:
        stripped = "0"
    # Separators only between groups of three ("1 200", "1,200"): "1,5" is not fifteen.
    grouped = _GROUPED.fullmatch(stripped.lstrip("-"))
    cleaned = stripped.replace(" ", "").replace(",", "") if grouped else stripped
    if cleaned.startswith("-") and cleaned[1:].isdigit():
        return Parsed(None, "too_small")
    if not (cleaned.isascii() and cleaned.isdigit()):
        return Parsed(None, "number")
    if len(cleaned) > 12:  # no int() of a huge string
        return Parsed(None, "too_large")
    number = int(cleaned)
    if number < minimum:
        return Parsed(None, "too_small")
    if maximum is not None and number > maximum:
        return Parsed(None, "too_large")
    return Parsed(number)


def parse_date(text: str, today: dt.date) -> Parsed:
    """A date answer as an ISO string, or the ``userdates`` problem."""
    result: DateInput = parse_user_date(text, today)
    if result.value is None:
        return Parsed(None, result.problem)
    return Parsed(result.value.isoformat())


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def answered_date(answers: Mapping[str, Value], question_id: str) -> dt.date | None:
    value = answers.get(question_id)
    return _iso_date(value) if isinstance(value, str) else None


# --- adapters to the rules core -----------------------------------------------------------------


def ratio_group(route_id: str) -> str | None:
    """The category pair ("12" or "34") whose local-content ratio applies to the route."""
    try:
        return load_knowledge().route(route_id).ratio_group
    except KeyError:
        return None


def exemption(employer: str, headcount: int, on: dt.date) -> str | None:
    """The ratio exemption ("small_business" / "branch") the employer has on ``on``, or None."""
    if employer not in ("small", "branch"):
        return None
    result = check_ratio(on, headcount, employer == "small", employer == "branch", 0, 0, 0, 0)
    return result.exempt


# --- the outcome --------------------------------------------------------------------------------

# Facts behind the steps every outcome lists (post, wait, file, pay, ESUTD, arrival, IIN, report).
STEP_FACTS = (
    "vacancy.posting_period",
    "vacancy.publication_code",
    "vacancy.scope",
    "portal.migration_enbek",
    "obligation.fee_payment",
    "obligation.esutd.register",
    "obligation.esutd.required",
    "obligation.arrival_notice",
    "obligation.iin",
    "obligation.reporting",
)


@dataclass(frozen=True)
class Verdict:
    """What the answers lead to, as data; the bot turns it into a message."""

    route: Route
    ratio: RatioResult | None  # None: the route has no 70 %/90 % check
    filing: DateResult | None  # None: the vacancy is not posted yet (or no date)
    fees: tuple[FeeResult, ...]  # seasonal fees by term; empty for other routes
    fact_ids: tuple[str, ...]  # every fact the outcome rests on, for its sources


def _count(answers: Mapping[str, Value], key: str) -> int:
    value = answers.get(key, 0)
    return value if isinstance(value, int) else 0


def evaluate(history: Sequence[tuple[str, Value]], on: dt.date) -> Verdict:
    """The outcome of a finished interview (route answered) on the user's today ``on``."""
    kb = load_knowledge()
    answers = dict(history)
    route = kb.route(str(answers["route"]))
    facts = [*route.fact_ids, *STEP_FACTS]
    ratio = None
    if route.ratio_group is not None:
        counts = {"12": (0, 0), "34": (0, 0)}
        counts[route.ratio_group] = (_count(answers, "local"), _count(answers, "foreign"))
        employer = answers.get("employer")
        ratio = check_ratio(
            on,
            _count(answers, "headcount"),
            employer == "small",
            employer == "branch",
            *counts["12"],
            *counts["34"],
        )
        facts += ratio.fact_ids
    posted = answered_date(answers, "vacancy_date")
    filing = earliest_filing(posted) if posted else None
    if filing:
        facts += filing.fact_ids
    fees: tuple[FeeResult, ...] = ()
    if route.term_days:
        fees = tuple(kb.seasonal_fee(days, on.year) for days in route.term_days)
        facts += [fact_id for fee in fees for fact_id in fee.fact_ids]
    elif route.id != "ict":
        facts += ["fee.basis", "fee.decree_819", "fee.general"]
    return Verdict(route, ratio, filing, fees, tuple(dict.fromkeys(facts)))


def route_steps(route_id: str) -> list[str]:
    """The steps of a route, in order, as ids (the bot's catalog says each as ``elig-step-<id>``):
    an intra-corporate transfer pays no fee and registers its agreement instead of a contract;
    category 4 adds the replacement duty."""
    ict = route_id == "ict"
    steps = ["post", "wait", "file", *([] if ict else ["fee"])]
    steps += ["esutd-ict" if ict else "esutd", "arrival", "iin", "report"]
    return [*steps, *(["cat4"] if route_id == "cat4" else [])]


# The facts each step rests on (its period, portal or duty), for the steps' sources and status.
FACTS_OF_STEP: dict[str, tuple[str, ...]] = {
    "post": ("vacancy.publication_code", "vacancy.region"),
    "wait": ("vacancy.posting_period",),
    "file": ("portal.migration_enbek",),
    "fee": ("obligation.fee_payment",),
    "esutd": ("obligation.esutd.register",),
    "esutd-ict": ("obligation.esutd.required",),
    "arrival": ("obligation.arrival_notice",),
    "iin": ("obligation.iin", "obligation.iin.in_person"),
    "report": ("obligation.reporting",),
    "cat4": ("cat4.replacement",),
}


def step_facts(route_id: str) -> list[str]:
    """The facts behind the route's steps, in the steps' order, each once."""
    found: list[str] = []
    for step in route_steps(route_id):
        found += [fact for fact in FACTS_OF_STEP[step] if fact not in found]
    return found


def step_figures(on: dt.date) -> dict[str, int | str]:
    """The numbers the steps quote, from the facts in force ``on`` ("?" where a fact has none)."""
    kb = load_knowledge()

    def number(fact_id: str) -> int:
        value = kb.fact(fact_id, on).value
        return value if isinstance(value, int) else 0

    pair = kb.fact("cat4.replacement", on).value
    low, high = pair if isinstance(pair, list) and len(pair) == 2 else ("?", "?")
    return {
        "days": number("vacancy.posting_period"),
        "fee_days": number("obligation.fee_payment"),
        "esutd_days": number("obligation.esutd.register"),
        "arrival_days": number("obligation.arrival_notice"),
        "low": low,
        "high": high,
    }


def fill(history: Sequence[tuple[str, Value]], known: Mapping[str, Value], on: dt.date) -> History:
    """The history with the answers already known (stated in a question) given as their
    questions come up, while each is acceptable; the first question not known stops it."""
    filled = list(history)
    while (question := current_question(filled, on)) is not None and question.id in known:
        new = answer(filled, question.id, known[question.id], on)
        if new is None:
            break
        filled = new
    return filled
