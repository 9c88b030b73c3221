"""The company section of /status: the company profile and the local-content ratio on it.

The profile is asked one field at a time (one state; the step and the answers live in a
``ProfileForm``), with Back and Cancel on every step, and shown with the ratio check before it
is saved. An edited number corrects the answer it gave.
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
from pydantic import BaseModel, Field, ValidationError

from bot.clock import Clock
from bot.db import Database
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import profile as profile_repo
from bot.records.profile import MAX_COUNT, CompanyProfile
from handlers.access import ADMIN, READ
from handlers.callbacks import MenuCb
from handlers.keyboards import button, menu_button
from handlers.replies import reply, show
from knowledge.interview import over_total, parse_count
from knowledge.render import render_status, render_trace, result_status, source_links
from knowledge.teams import Role, allows
from knowledge.yesno import parse_yes_no

# The profile's fields in the order they are asked; the yes/no ones by buttons or a typed yes/no.
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
STAFF = ("locals_12", "foreign_12", "locals_34", "foreign_34")  # part of the headcount


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


class ProfileForm(BaseModel):
    """The step being asked, the answers so far, and which typed message gave which answer."""

    step: int = Field(default=0, ge=0, lt=len(STEPS))
    answers: dict[str, int] = {}
    typed: dict[str, int] = {}  # message id (as text: JSON keys) -> step


async def load_form(state: FSMContext) -> ProfileForm | None:
    try:
        return ProfileForm.model_validate(await state.get_data())
    except ValidationError:
        return None


def _button(text: str, action: str, value: str = "") -> InlineKeyboardButton:
    return button(text, ProfCb(action=action, value=value))


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


def confirm_view(
    t: Translator, answers: dict[str, int], today: dt.date
) -> tuple[str, InlineKeyboardMarkup]:
    text = t("status-profile-confirm") + "\n" + summary(t, draft_profile(answers), today)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("track-btn-save"), ProfAction.SAVE)],
            [
                _button(t("track-btn-back"), ProfAction.BACK),
                _button(t("track-btn-cancel"), ProfAction.CANCEL),
            ],
        ]
    )
    return text, markup


async def overview(
    t: Translator, db: Database, workspace_id: int, today: dt.date, editable: bool = True
) -> tuple[str, InlineKeyboardMarkup]:
    """The current workspace's company profile (it belongs to the workspace, not the user);
    "Fill in / change" only for those who may (admins): a viewer's press was only refused."""
    profile = await profile_repo.get(db, workspace_id)
    body = summary(t, profile, today) if profile else t("status-profile-none")
    status = button(t("track-btn-status"), MenuCb(action="status"))
    rows = [[status]]
    if editable:
        rows.insert(0, [_button(t("status-btn-profile-edit"), ProfAction.EDIT)])
    markup = InlineKeyboardMarkup(inline_keyboard=rows)
    return t("status-profile-title") + "\n" + body, markup


async def start_over(target: CallbackQuery | Message, t: Translator, state: FSMContext) -> None:
    await state.clear()
    await reply(target, t("flow-start-over"), menu_button(t))  # the menu follows the role


async def ask(
    target: CallbackQuery | Message, t: Translator, state: FSMContext, form: ProfileForm
) -> None:
    await state.set_state(ProfileSteps.answering)
    await state.set_data(form.model_dump(mode="json"))
    await reply(target, *step_prompt(t, form.step))


async def answered(
    target: CallbackQuery | Message,
    t: Translator,
    state: FSMContext,
    form: ProfileForm,
    value: int,
    today: dt.date,
) -> None:
    form.answers[STEPS[form.step]] = value
    if form.step + 1 < len(STEPS):
        form.step += 1
        await ask(target, t, state, form)
        return
    await state.set_state(ProfileSteps.confirm)
    await state.set_data(form.model_dump(mode="json"))
    await reply(target, *confirm_view(t, form.answers, today))


async def open_profile(
    query: CallbackQuery, t: Translator, db: Database, user: User, clock: Clock, access: Access
) -> None:
    today = clock.today(user.timezone)
    editable = allows(access.role, Role.ADMIN)
    await show(query, *await overview(t, db, access.workspace.id, today, editable))


async def edit(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await ask(query, t, state, ProfileForm())


async def yes_no(
    query: CallbackQuery,
    callback_data: ProfCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    form = await load_form(state)
    if form is None:
        await start_over(query, t, state)
        return
    if STEPS[form.step] not in YES_NO or callback_data.value not in ("0", "1"):
        await query.answer(t("stale-button"))
        return
    await answered(query, t, state, form, int(callback_data.value), clock.today(user.timezone))


async def number(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    form = await load_form(state)
    if form is None:
        await start_over(message, t, state)
        return
    _text, markup = step_prompt(t, form.step)
    if STEPS[form.step] in YES_NO:
        said = parse_yes_no(message.text or "")  # a typed "да"/"жоқ"/"yes" is the answer
        if said is None:
            await message.answer(t("status-profile-press"), reply_markup=markup)
            return
        await answered(message, t, state, form, int(said), clock.today(user.timezone))
        return
    least = minimum(form.step)
    count = parse_count(message.text or "", least, MAX_COUNT).value
    if not isinstance(count, int):  # not a number, or a 5,000-character text: nothing stored
        await message.answer(t("status-profile-invalid", min=least), reply_markup=markup)
        return
    if staff := over_headcount(form, count):
        total = form.answers["headcount"]
        problem = t("status-profile-over-headcount", staff=staff, total=total)
        await message.answer(problem, reply_markup=markup)
        return
    form.typed[str(message.message_id)] = form.step
    await answered(message, t, state, form, count, clock.today(user.timezone))


def minimum(step: int) -> int:
    """A company has at least one employee (as in the interview); a staff group may be 0."""
    return 1 if STEPS[step] == "headcount" else 0


def over_after_edit(form: ProfileForm, step: int, count: int, confirming: bool) -> int | None:
    """The staff over the headcount once ``count`` replaces the answer of ``step``: only the
    answers given so far count (all of them at the confirmation)."""
    answers = {**form.answers, STEPS[step]: count}
    given = STEPS if confirming else STEPS[: form.step]
    return over_total(answers.get("headcount"), [answers.get(s) for s in given if s in STAFF])


def over_headcount(form: ProfileForm, count: int) -> int | None:
    """The staff typed so far (this step's ``count`` included) when it is more than the total
    headcount: the staff by category group are among the employees. Later steps' old answers
    (kept after Back) do not count: they are asked again."""
    if STEPS[form.step] not in STAFF:
        return None
    staff = [form.answers.get(step) for step in STEPS[: form.step] if step in STAFF]
    return over_total(form.answers.get("headcount"), [*staff, count])


async def corrected(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    """An edited number: it corrects the answer that message gave; the current question again."""
    form = await load_form(state)
    step = None if form is None else form.typed.get(str(message.message_id))
    count = (
        None if step is None else parse_count(message.text or "", minimum(step), MAX_COUNT).value
    )
    if form is None or step is None or not isinstance(count, int):
        return  # not one of this form's answers: nothing to correct
    confirming = await state.get_state() == ProfileSteps.confirm.state
    if staff := over_after_edit(form, step, count, confirming):  # keep the earlier answer
        total = count if STEPS[step] == "headcount" else form.answers["headcount"]
        problem = t("status-profile-over-headcount", staff=staff, total=total)
        await message.answer(problem)
        return
    form.answers[STEPS[step]] = count
    await state.set_data(form.model_dump(mode="json"))
    if confirming:
        await reply(message, *confirm_view(t, form.answers, clock.today(user.timezone)))
    else:
        await reply(message, *step_prompt(t, form.step))


async def back(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    form = await load_form(state)
    if form is None:
        await start_over(query, t, state)
        return
    if await state.get_state() == ProfileSteps.answering.state:
        form.step = max(0, form.step - 1)
    await ask(query, t, state, form)


async def cancel(
    query: CallbackQuery,
    t: Translator,
    state: FSMContext,
    db: Database,
    user: User,
    clock: Clock,
    access: Access,
) -> None:
    await state.clear()
    text, markup = await overview(t, db, access.workspace.id, clock.today(user.timezone))
    await show(query, t("cancelled") + "\n\n" + text, markup)


async def save(
    query: CallbackQuery,
    t: Translator,
    state: FSMContext,
    db: Database,
    user: User,
    clock: Clock,
    access: Access,
) -> None:
    form = await load_form(state)
    await state.clear()
    if form is None or set(form.answers) != set(STEPS):
        await query.answer(t("stale-button"))
        return
    await profile_repo.save(db, access.workspace.id, draft_profile(form.answers), clock.now())
    text, markup = await overview(t, db, access.workspace.id, clock.today(user.timezone))
    await show(query, t("status-profile-saved") + "\n\n" + text, markup)


async def not_text(message: Message, t: Translator, state: FSMContext) -> None:
    """A photo, sticker or file: "I need text here" with the step's buttons again."""
    form = await load_form(state)
    if form is None:
        await start_over(message, t, state)
    elif await state.get_state() == ProfileSteps.confirm.state:
        await message.answer(t("unexpected-in-flow"))
    else:
        await message.answer(t("need-text"), reply_markup=step_prompt(t, form.step)[1])


def router() -> Router:
    r = Router(name="status")
    r.callback_query.register(open_profile, ProfCb.filter(F.action == ProfAction.OPEN), flags=READ)
    r.callback_query.register(edit, ProfCb.filter(F.action == ProfAction.EDIT), flags=ADMIN)
    r.callback_query.register(
        yes_no, ProfileSteps.answering, ProfCb.filter(F.action == ProfAction.ANSWER)
    )
    r.message.register(number, ProfileSteps.answering, F.text)
    r.edited_message.register(corrected, StateFilter(ProfileSteps), F.text)
    r.callback_query.register(
        back, StateFilter(ProfileSteps), ProfCb.filter(F.action == ProfAction.BACK)
    )
    r.callback_query.register(
        cancel,
        StateFilter(ProfileSteps),
        ProfCb.filter(F.action == ProfAction.CANCEL),
        flags=READ,
    )
    r.callback_query.register(
        save, ProfileSteps.confirm, ProfCb.filter(F.action == ProfAction.SAVE), flags=ADMIN
    )
    r.message.register(not_text, StateFilter(ProfileSteps))
    return r
