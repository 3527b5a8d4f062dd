# Everyday commands; .ci/run runs the same test command as `make test`.
PY ?= .venv/bin/python

.PHONY: install test lint bench examples readme

install:
	python3 -m venv .venv && .venv/bin/pip install -q -e ".[dev]"

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check lsplan tests bench scripts examples

bench:
	$(PY) bench/run.py

examples:
	$(PY) examples/make_examples.py

readme:
	$(PY) scripts/readme_examples.py
