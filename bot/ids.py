"""The type of a database row id carried in callback data.

Callback data comes from the user's client and can be forged: an id outside what SQLite can store
(2^63 raised ``OverflowError`` in the driver) or that no row can have must fail to unpack, so
aiogram's filter does not match and the fallback answers "stale button" before any query runs.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

MAX_ROW_ID = 2**53  # far beyond any real row; exact in every JSON/JS number too
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
