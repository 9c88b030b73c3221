"""Every dialog test is on the phone budget (tests/support/budget.py): a message it makes the
bot send that breaks the budget fails the test, with the rule and the text.

``BUDGET_TALLY=file`` appends the violations to ``file`` instead of failing (a survey)."""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

from tests.support import budget


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    budget.reset()  # before the fixtures: sessions a Dialog fixture watches belong to this test
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    result = yield  # a test that failed on its own reports that, not the budget
    found = budget.violations()
    budget.reset()
    if found and (tally := os.environ.get("BUDGET_TALLY")):
        with open(tally, "a", encoding="utf-8") as file:
            file.writelines(f"{item.nodeid}\t{v.rule}\t{v.detail}\n" for v in found)
        return result
    if found:
        pytest.fail(budget.report(found), pytrace=False)
    return result
