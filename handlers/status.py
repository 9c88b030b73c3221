"""The company section of /status: the company profile and the local-content ratio on it.

The profile is asked one field at a time (one state; the step index lives in the state data),
with Back and Cancel on every step, and shown with the ratio check before it is saved.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import Field

from bot.clock import Clock
from bot.db import Database
from bot.db.users import User
from bot.i18n import Translator
from bot.records import profile as profile_repo
from bot.records.profile import MAX_COUNT, CompanyProfile
from handlers.callbacks import MenuCb
from handlers.replies import reply, show
from knowledge.interview import parse_count
from knowledge.render import render_status, render_trace, result_status, source_links

# The profile's fields in the order they are asked; the yes/no ones are answered by buttons.
STEPS = (
    "headcount",
    "small_business",
    "branch",
    "locals_12",
    "foreign_12",
    "locals_34",
    "foreign_34",
)
YES_NO = ("small_business", "branch")


class ProfAction(StrEnum):
    OPEN = "open"
    EDIT = "edit"
    ANSWER = "answer"  # value "1" / "0"
    BACK = "back"
    CANCEL = "cancel"
    SAVE = "save"


class ProfCb(CallbackData, prefix="prof"):
    """The company profile's buttons."""

    action: ProfAction
    value: str = Field(default="", max_length=8)


class ProfileSteps(StatesGroup):
    answering = State()
    confirm = State()


def _button(text: str, action: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=ProfCb(action=action, value=value).pack())


def summary(t: Translator, profile: CompanyProfile, on: dt.date) -> str:
    """The stored counts, then the ratio check with its trace, status and sources."""
    yes_no = {True: t("status-profile-yes"), False: t("status-profile-no")}
    result = profile_repo.ratio(profile, on)
    lines = [
        t("status-profile-headcount", count=profile.headcount),
        t("status-profile-small_business", answer=yes_no[profile.small_business]),
        t("status-profile-branch", answer=yes_no[profile.branch]),
        t("status-profile-group-12", locals=profile.locals_12, foreign=profile.foreign_12),
        t("status-profile-group-34", locals=profile.locals_34, foreign=profile.foreign_34),
        "",
        t("status-ratio-ok") if result.ok else t("status-ratio-fail"),
        *(f"• {line}" for line in render_trace(result.trace, t.lang)),
        render_status(result_status(result.fact_ids, on), t.lang),
        t("status-sources", links=source_links(result.fact_ids, on, t.lang)),
    ]
    return "\n".join(lines)


def step_prompt(t: Translator, index: int) -> tuple[str, InlineKeyboardMarkup]:
    field = STEPS[index]
    rows = []
    if field in YES_NO:
        rows.append(
            [
                _button(t("status-profile-yes"), "answer", "1"),
                _button(t("status-profile-no"), "answer", "0"),
            ]
        )
    nav = [_button(t("track-btn-back"), "back")] if index > 0 else []
    rows.append([*nav, _button(t("track-btn-cancel"), "cancel")])
    text = t(
        "status-profile-step", number=index + 1, total=len(STEPS), question=t(f"status-ask-{field}")
    )
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def draft_profile(answers: dict[str, int]) -> CompanyProfile:
    return CompanyProfile(
        headcount=answers["headcount"],
        small_business=bool(answers["small_business"]),
        branch=bool(answers["branch"]),
        locals_12=answers["locals_12"],
        foreign_12=answers["foreign_12"],
        locals_34=answers["locals_34"],
        foreign_34=answers["foreign_34"],
    )


def router() -> Router:
    r = Router(name="status")

    async def overview(
        t: Translator, db: Database, user: User, today: dt.date
    ) -> tuple[str, InlineKeyboardMarkup]:
        profile = await profile_repo.get(db, user.id)
        text = (
            t("status-profile-title")
            + "\n"
            + (summary(t, profile, today) if profile else t("status-profile-none"))
        )
        markup = InlineKeyboardMarkup(
            inline_keyboard=[
                [_button(t("status-btn-profile-edit"), "edit")],
                [
                    InlineKeyboardButton(
                        text=t("track-btn-status"), callback_data=MenuCb(action="status").pack()
                    )
                ],
            ]
        )
        return text, markup

    async def ask(
        target: CallbackQuery | Message,
        t: Translator,
        state: FSMContext,
        index: int,
        answers: dict[str, int],
    ) -> None:
        await state.set_state(ProfileSteps.answering)
        await state.set_data({"step": index, "answers": answers})
        text, markup = step_prompt(t, index)
        await reply(target, text, markup)

    async def answered(
        target: CallbackQuery | Message,
        t: Translator,
        state: FSMContext,
        value: int,
        today: dt.date,
    ) -> None:
        data = await state.get_data()
        index, answers = int(data.get("step", 0)), dict(data.get("answers", {}))
        answers[STEPS[index]] = value
        if index + 1 < len(STEPS):
            await ask(target, t, state, index + 1, answers)
            return
        await state.set_state(ProfileSteps.confirm)
        await state.set_data({"step": index, "answers": answers})
        text = t("status-profile-confirm") + "\n" + summary(t, draft_profile(answers), today)
        markup = InlineKeyboardMarkup(
            inline_keyboard=[
                [_button(t("track-btn-save"), "save")],
                [_button(t("track-btn-back"), "back"), _button(t("track-btn-cancel"), "cancel")],
            ]
        )
        await reply(target, text, markup)

    @r.callback_query(ProfCb.filter(F.action == "open"))
    async def open_profile(
        query: CallbackQuery, t: Translator, db: Database, user: User, clock: Clock
    ) -> None:
        text, markup = await overview(t, db, user, clock.today(user.timezone))
        await show(query, text, markup)

    @r.callback_query(ProfCb.filter(F.action == "edit"))
    async def edit(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await ask(query, t, state, 0, {})

    @r.callback_query(ProfileSteps.answering, ProfCb.filter(F.action == "answer"))
    async def yes_no(
        query: CallbackQuery,
        callback_data: ProfCb,
        t: Translator,
        state: FSMContext,
        user: User,
        clock: Clock,
    ) -> None:
        step = STEPS[int((await state.get_data()).get("step", 0))]
        if step not in YES_NO or callback_data.value not in ("0", "1"):
            await query.answer(t("stale-button"))
            return
        await answered(query, t, state, int(callback_data.value), clock.today(user.timezone))

    @r.message(ProfileSteps.answering, F.text)
    async def number(
        message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        step = STEPS[int((await state.get_data()).get("step", 0))]
        if step in YES_NO:
            await message.answer(t("status-profile-press"))
            return
        count = parse_count(message.text or "", 0, MAX_COUNT).value
        if not isinstance(count, int):
            await message.answer(t("status-profile-invalid"))
            return
        await answered(message, t, state, count, clock.today(user.timezone))

    @r.callback_query(StateFilter(ProfileSteps), ProfCb.filter(F.action == "back"))
    async def back(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        data = await state.get_data()
        index = int(data.get("step", 0))
        if await state.get_state() == ProfileSteps.answering.state:
            index = max(0, index - 1)
        await ask(query, t, state, index, dict(data.get("answers", {})))

    @r.callback_query(StateFilter(ProfileSteps), ProfCb.filter(F.action == "cancel"))
    async def cancel(
        query: CallbackQuery,
        t: Translator,
        state: FSMContext,
        db: Database,
        user: User,
        clock: Clock,
    ) -> None:
        await state.clear()
        text, markup = await overview(t, db, user, clock.today(user.timezone))
        await show(query, t("cancelled") + "\n\n" + text, markup)

    @r.callback_query(ProfileSteps.confirm, ProfCb.filter(F.action == "save"))
    async def save(
        query: CallbackQuery,
        t: Translator,
        state: FSMContext,
        db: Database,
        user: User,
        clock: Clock,
    ) -> None:
        answers = dict((await state.get_data()).get("answers", {}))
        await state.clear()
        if set(answers) != set(STEPS):
            await query.answer(t("stale-button"))
            return
        await profile_repo.save(db, user.id, draft_profile(answers), clock.now())
        text, markup = await overview(t, db, user, clock.today(user.timezone))
        await show(query, t("status-profile-saved") + "\n\n" + text, markup)

    @r.message(StateFilter(ProfileSteps))
    async def not_text(message: Message, t: Translator) -> None:
        await message.answer(t("unexpected-in-flow"))

    return r
