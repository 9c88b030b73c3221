"""The /import form: which file the preview was made of (the bytes are fetched again on Import,
so the FSM storage keeps no table)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.ids import RowId


class ImportForm(BaseModel):
    file_id: str = Field(min_length=1, max_length=256)
    digest: str = Field(min_length=64, max_length=64)  # SHA-256 of the bytes previewed
    workspace: RowId  # where the preview was made: a switch meanwhile makes it stale
    ready: int = Field(ge=0)
