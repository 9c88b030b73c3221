"""What a colleague is offered matches what their role may do (found exploring /workspace)."""

from __future__ import annotations

import pytest

from bot.i18n import Translator
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_workspaces import invite, new_company, person

PROFILE = {"ru": "Профиль компании", "kk": "Компания профилі", "en": "Company profile"}


@pytest.mark.parametrize(("owner_lang", "lang"), [("kk", "ru"), ("ru", "en"), ("en", "kk")])
@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER, Role.ADMIN])
async def test_only_admins_are_offered_to_edit_the_company_profile(
    dialog: DialogFactory, owner_lang: Lang, lang: Lang, role: Role
) -> None:
    """A viewer (or member) saw "Fill in / change" and the press was only refused."""
    owner = person(dialog(user_id=4301, lang=owner_lang), "Aigul")
    await new_company(owner, owner_lang, "Acme & Co")
    colleague = person(dialog(user_id=4302, lang=lang), "Bolat")
    await colleague.send(f"/start {await invite(owner, owner_lang, role)}")
    await colleague.send("/status")
    await colleague.click(PROFILE[lang])
    offered = Translator(lang)("status-btn-profile-edit") in colleague.buttons()
    assert offered is (role == Role.ADMIN)
