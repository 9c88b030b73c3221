"""Texts and keyboards of the interview and its outcome: pure functions of what is shown."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from handlers.callbacks import MenuCb
from handlers.datepick import date_picker
from handlers.eligibility.callbacks import ElCb, ElMore, ElNav, ElNavAction, ElPart
from handlers.finder_cb import FindAction, FindCb
from handlers.keyboards import button
from knowledge import interview, render
from knowledge.deadlines import TraceStep
from knowledge.interview import History, Outcome, Question
from knowledge.l10n import format_date
from knowledge.loader import load_knowledge
from knowledge.render import render_trace

GROUP_LABELS = {"12": "1–2", "34": "3–4"}
View = tuple[str, InlineKeyboardMarkup]

# --- a question ---------------------------------------------------------------------------------


def nav_row(t: Translator, history: History) -> list[InlineKeyboardButton]:
    back = [button("‹ " + t("elig-back"), ElNav(action=ElNavAction.BACK))] if history else []
    return [*back, button("✕ " + t("elig-cancel"), ElNav(action=ElNavAction.CANCEL))]


def question_text(t: Translator, question: Question, history: History) -> str:
    answers = dict(history)
    route = answers.get("route")
    group = interview.ratio_group(route) if isinstance(route, str) else None
    text = t(question.text, group=GROUP_LABELS.get(group or "", ""))
    if question.kind == "route":
        lines = [
            f"• <b>{r.name.get(t.lang)}</b> — {r.explain.get(t.lang)}"
            for r in load_knowledge().routes
        ]
        text += "\n\n" + "\n".join(lines)
    if question.kind == "number" and question.max is not None:
        text += "\n" + t("elig-number-hint", min=question.min, max=question.max)
    return text


def question_markup(
    t: Translator, question: Question, history: History, today: dt.date
) -> InlineKeyboardMarkup:
    nav = nav_row(t, history)
    if question.kind == "date":
        return date_picker(t, today, extra_rows=[nav])
    if question.kind == "route":
        buttons = [
            [button(r.name.get(t.lang), ElCb(q=question.id, v=r.id))]
            for r in load_knowledge().routes
        ]
        buttons.append([button(t("find-btn-open"), FindCb(action=FindAction.FROM_ELIG))])
    else:
        buttons = [[button(t(o.label), ElCb(q=question.id, v=o.value))] for o in question.options]
    return InlineKeyboardMarkup(inline_keyboard=[*buttons, nav])


def step_view(t: Translator, history: History, today: dt.date) -> View:
    """The current question, or the outcome."""
    step = interview.next_step(history, today)
    if isinstance(step, Outcome):
        return outcome_text(t, history, step, today), outcome_markup(t, step)
    return question_text(t, step, history), question_markup(t, step, history, today)


# --- the outcome --------------------------------------------------------------------------------


def _fact_text(fact_id: str, t: Translator, on: dt.date) -> str:
    return html.escape(load_knowledge().fact(fact_id, on).text.get(t.lang))


def _lines(steps: Iterable[TraceStep], t: Translator) -> list[str]:
    return [html.escape(line) for line in render_trace(steps, t.lang)]


def ratio_lines(t: Translator, verdict: interview.Verdict, on: dt.date) -> list[str]:
    route, ratio = verdict.route, verdict.ratio
    if ratio is None:
        return [_fact_text("ratio.ict", t, on) if route.id == "ict" else t("elig-ratio-none")]
    label = GROUP_LABELS[route.ratio_group or ""]
    # Only the route's own category pair was asked about: leave out the other pair's line.
    steps = [s for s in ratio.trace if s.args.get("group", label) == label]
    lines = _lines(steps, t)
    if ratio.exempt is None:
        group = next(g for g in ratio.groups if g.group == route.ratio_group)
        key = "elig-ratio-more" if group.ok else "elig-ratio-fail"
        lines.append(t(key, group=label, count=group.more_allowed))
    return lines


def step_lines(t: Translator, route_id: str, on: dt.date) -> list[str]:
    """The route's steps in order (which steps: ``interview.route_steps``)."""
    figures = interview.step_figures(on)
    steps = interview.route_steps(route_id)
    return [f"{n}. {t(f'elig-step-{step}', **figures)}" for n, step in enumerate(steps, 1)]


def date_lines(t: Translator, verdict: interview.Verdict, on: dt.date) -> list[str]:
    lines = []
    if verdict.filing is None:
        days = interview.step_figures(on)["days"]
        lines.append(t("elig-filing-unknown", days=days))
    else:
        earliest = format_date(verdict.filing.dates["earliest"], t.lang)
        lines.append(t("elig-filing", date=earliest))
        lines += ["  " + line for line in _lines(verdict.filing.trace + verdict.filing.notes, t)]
    if verdict.route.id == "ict":
        lines.append(_fact_text("vacancy.scope", t, on))
    return lines


def fee_lines(t: Translator, verdict: interview.Verdict, on: dt.date) -> list[str]:
    if verdict.route.id == "ict":
        return [_fact_text("route.ict.quota_free", t, on)]
    if not verdict.fees:
        return [t("elig-fee-general"), _fact_text("fee.basis", t, on)]
    lines = []
    for fee in verdict.fees:
        args = {"days": fee.days, "mci": fee.mci_count, "year": str(fee.year)}
        if fee.amount_kzt is None:
            lines.append(t("elig-fee-seasonal-nomci", **args))
        else:
            lines.append(t("elig-fee-seasonal", **args, amount=fee.amount_kzt, rate=fee.mci_kzt))
    return lines


def source_lines(t: Translator, fact_ids: Sequence[str], on: dt.date) -> list[str]:
    status = render.result_status(fact_ids, on)
    return [
        html.escape(render.render_status(status, t.lang)),
        t("status-sources", links=render.source_links(fact_ids, on, t.lang)),
    ]


def outcome_text(t: Translator, history: History, outcome: Outcome, on: dt.date) -> str:
    """The answer on one phone screen: the route, the ratio verdict, the filing date, the fee and
    at most three sources; the steps and how it was counted sit behind buttons."""
    if outcome.kind == "eaeu":
        lines = [t("elig-eaeu-stop"), _fact_text("eaeu.exempt", t, on), ""]
        return "\n".join([*lines, *source_lines(t, ["eaeu.exempt"], on)])
    verdict = interview.evaluate(history, on)
    route = verdict.route
    lines = [
        t("elig-result-title"),
        t("elig-result-route", name=route.name.get(t.lang), explain=route.explain.get(t.lang)),
        "",
        f"• {ratio_lines(t, verdict, on)[-1]}",
        f"• {date_lines(t, verdict, on)[0]}",
        f"• {fee_lines(t, verdict, on)[0]}",
        "",
        *source_lines(t, verdict.fact_ids, on),
    ]
    return "\n".join(lines)


def outcome_details(t: Translator, history: History, part: ElPart, on: dt.date) -> str:
    """Behind the outcome's buttons: the steps in order, or how every figure was found."""
    verdict = interview.evaluate(history, on)
    route = verdict.route
    if part == ElPart.STEPS:
        sources = source_lines(t, interview.step_facts(route.id), on)
        return "\n".join([t("elig-steps-title"), *step_lines(t, route.id, on), "", *sources])
    sections = [
        [t("elig-validity-title")] + [f"• {_fact_text(f, t, on)}" for f in route.fact_ids[1:]],
        [t("elig-ratio-title"), *ratio_lines(t, verdict, on)],
        [t("elig-dates-title"), *date_lines(t, verdict, on)],
        [t("elig-fee-title"), *fee_lines(t, verdict, on)],
    ]
    return "\n\n".join("\n".join(section) for section in sections)


def outcome_markup(t: Translator, outcome: Outcome) -> InlineKeyboardMarkup:
    rows = []
    if outcome.kind != "eaeu":
        steps = button(t("elig-btn-steps"), ElMore(part=ElPart.STEPS))
        rows.append([steps, button(t("elig-btn-why"), ElMore(part=ElPart.WHY))])
    rows.append([button(t("menu-main"), MenuCb(action="main"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)
