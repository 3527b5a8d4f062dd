"""Shared test set-up: a fixed terminal width so Rich output never depends on the runner."""

from __future__ import annotations

import os

# Rich reads these when a Console is created; pin them before any test makes one.
os.environ["COLUMNS"] = "200"
os.environ["LINES"] = "50"
os.environ.setdefault("NO_COLOR", "1")
os.environ.setdefault("TERM", "dumb")
