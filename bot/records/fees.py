"""A tracked fee notice: the rate in MCI the user read from it, and the amount it comes to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.db import Database
from knowledge.loader import load_knowledge

MAX_MCI = 100_000


@dataclass(frozen=True)
class Amount:
    mci_count: int
    year: int
    mci_kzt: int | None  # None: that year's MCI is not in our data
    kzt: int | None


def amount(mci_count: int, paid_on: dt.date) -> Amount:
    """The MCI in force on the payment date applies (fact ``fee.basis``): the due date's year."""
    mci = load_knowledge().mci(paid_on.year)
    return Amount(mci_count, paid_on.year, mci, None if mci is None else mci * mci_count)


async def set_rate(db: Database, user_id: int, record_id: int, mci_count: int) -> None:
    await db.execute(
        "INSERT INTO fee_rates (record_id, user_id, mci_count) SELECT id, user_id, ? FROM records "
        "WHERE id = ? AND user_id = ? AND kind = 'fee' "
        "ON CONFLICT (record_id) DO UPDATE SET mci_count = excluded.mci_count",
        (mci_count, record_id, user_id),
    )


async def rate(db: Database, user_id: int, record_id: int) -> int | None:
    row = await db.fetchone(
        "SELECT mci_count FROM fee_rates WHERE record_id = ? AND user_id = ?", (record_id, user_id)
    )
    return None if row is None else int(row["mci_count"])
