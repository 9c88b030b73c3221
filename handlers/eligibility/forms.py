"""The interview's form data (JSON in the FSM storage): the engine derives the current question
from the history, so Back is a pop and a restart loses nothing."""

from __future__ import annotations

from pydantic import BaseModel

from knowledge.interview import History


class InterviewForm(BaseModel):
    """While answering: the answers in the order given, and which message typed each typed one
    (an edit of that message corrects that answer)."""

    history: History  # required: stored even when empty
    typed: dict[str, int] = {}

    def answered(self, history: History, question_id: str, message_id: int) -> InterviewForm:
        """With ``history`` (one answer longer, or replayed after a correction)."""
        asked = {qid for qid, _ in history}
        typed = {q: m for q, m in self.typed.items() if q in asked}
        return InterviewForm(history=history, typed={**typed, question_id: message_id})

    def question_typed_in(self, message_id: int) -> str | None:
        return next((q for q, m in self.typed.items() if m == message_id), None)


class OutcomeForm(BaseModel):
    """After the outcome (no state): its answers stay for the outcome's buttons (steps, why)."""

    outcome: History
