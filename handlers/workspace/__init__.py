"""Workspaces, colleagues and roles (issue 14)."""

from __future__ import annotations

from aiogram import Router

from handlers.workspace import flow, owner


def router() -> Router:
    r = Router(name="workspace")
    flow.register(r)
    owner.register(r)
    return r
