"""The /workers prompt's form: which worker (0: a new one) and which field is being typed."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.ids import MAX_ROW_ID
from handlers.workers_cb import WkField


class WorkerForm(BaseModel):
    worker: int = Field(default=0, ge=0, le=MAX_ROW_ID)
    field: WkField = WkField.NAME
