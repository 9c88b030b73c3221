"""The interview's form data (JSON in the FSM storage): the engine derives the current question
from the history, so Back is a pop and a restart loses nothing."""

from __future__ import annotations

from pydantic import BaseModel

from knowledge.interview import History, Value


class InterviewForm(BaseModel):
    """While answering: the answers in the order given, which message typed each typed one
    (an edit of that message corrects that answer), and the answers a question already stated
    (given as their questions come up; Back on one asks it)."""

    history: History  # required: stored even when empty
    typed: dict[str, int] = {}
    known: dict[str, Value] = {}

    def answered(self, history: History, question_id: str, message_id: int) -> InterviewForm:
        """With ``history`` (one answer longer, or replayed after a correction)."""
        asked = {qid for qid, _ in history}
        typed = {q: m for q, m in self.typed.items() if q in asked}
        update = {"history": history, "typed": {**typed, question_id: message_id}}
        return self.model_copy(update=update)

    def back(self) -> InterviewForm:
        """Without the last answer; a known one is asked then, not given again."""
        popped = {qid for qid, _ in self.history[-1:]}
        known = {q: v for q, v in self.known.items() if q not in popped}
        typed = {q: m for q, m in self.typed.items() if q not in popped}
        update = {"history": self.history[:-1], "known": known, "typed": typed}
        return self.model_copy(update=update)

    def question_typed_in(self, message_id: int) -> str | None:
        """The answered question this message typed the answer to, if any."""
        asked = {qid for qid, _ in self.history}
        return next((q for q, m in self.typed.items() if m == message_id and q in asked), None)


class OutcomeForm(BaseModel):
    """After the outcome (no state): its answers stay for the outcome's buttons (steps, why)."""

    outcome: History
