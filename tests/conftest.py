"""Shared test set-up: a fixed terminal width so Rich output never depends on the runner."""

from __future__ import annotations

import os

# Rich reads these when a Console is created; pin them before any test makes one.
os.environ["COLUMNS"] = "200"
os.environ["LINES"] = "50"
os.environ.setdefault("NO_COLOR", "1")
os.environ.setdefault("TERM", "dumb")

import pytest  # noqa: E402

# Tests read output in the default language (Vietnamese) unless they ask for another.
os.environ.pop("LSPLAN_LANG", None)


@pytest.fixture(autouse=True)
def _process_language_reset():
    """A test that runs `lsplan --lang en` (or calls i18n.set_lang) leaves no language behind."""
    from lsplan import i18n

    i18n.set_lang(None)
    yield
    i18n.set_lang(None)
