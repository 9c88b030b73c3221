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


class Importing(StatesGroup):
    file = State()  # waiting for a CSV or XLSX document
    preview = State()  # the preview is shown: Import / Cancel (another file replaces it)


class WorkerEditing(StatesGroup):
    text = State()  # a new worker's name, or a worker's name, citizenship or position
    date = State()  # a C3 visa's or a passport's last day
