"""FSM state groups of the conversations (one group per flow; other flows add theirs here)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Eligibility(StatesGroup):
    """One generic state: the interview engine knows which question is current."""

    answering = State()


class Deadlines(StatesGroup):
    event = State()
    route = State()
    term = State()
    date = State()


class Tracking(StatesGroup):
    label = State()  # the record's name (position or worker alias)
    confirm = State()


class Editing(StatesGroup):
    label = State()
    date = State()


class NewWorkspace(StatesGroup):
    name = State()  # the company's name
    bin = State()  # its BIN, or Skip
