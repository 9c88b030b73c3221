"""The tracking flows' prompts use the shared ones (start over, "I need text here")."""

from __future__ import annotations

from handlers.prompts import answer_with, need_text, start_over

__all__ = ["answer_with", "need_text", "start_over"]
