"""Last router: /cancel from anywhere, stale or forged buttons, anything no flow expected."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers.access import READ, writes
from handlers.keyboards import main_menu


def router() -> Router:
    r = Router(name="fallback")

    # READ where the main menu is shown: it offers Track by the role (not to a viewer).
    @r.message(Command("cancel"), flags=READ)
    async def cancel(
        message: Message,
        t: Translator,
        state: FSMContext,
        access: Access,
        left_flow: bool = False,
    ) -> None:
        had_state = left_flow or await state.get_state() is not None
        await state.clear()
        said = t("cancelled" if had_state else "nothing-to-cancel")
        await message.answer(said, reply_markup=main_menu(t, writes(access)))

    @r.callback_query()
    async def stale_button(query: CallbackQuery, t: Translator) -> None:
        # Old keyboards, buttons of a finished flow, forged data: explain, never crash.
        await query.answer(t("stale-button"), show_alert=False)

    @r.message(~StateFilter(None))
    async def unexpected_in_flow(message: Message, t: Translator) -> None:
        await message.answer(t("unexpected-in-flow"))

    @r.message(flags=READ)
    async def anything_else(message: Message, t: Translator, access: Access) -> None:
        await message.answer(t("fallback"), reply_markup=main_menu(t, writes(access)))

    return r
