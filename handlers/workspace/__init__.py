"""Workspaces, colleagues and roles (issue 14)."""

from __future__ import annotations

from aiogram import Router

from handlers.workspace.flow import register


def router() -> Router:
    r = Router(name="workspace")
    register(r)
    return r
