"""Form data of the new-company prompts (JSON in the FSM storage)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.db.workspaces import MAX_NAME


class NewForm(BaseModel):
    name: str = Field(default="", max_length=MAX_NAME)
