# Developer shortcuts. CI runs .ci/run (the README's test command); `make lint` runs the checks
# that keep the code base clean.
PY := .venv/bin/python

.PHONY: install test lint bench testbed examples

install:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test,dev]'

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check src tests
	$(PY) -m ruff format --check src tests
	$(PY) -m mypy

bench:
	$(PY) scripts/bench_diff.py
	$(PY) scripts/bench_cli.py
	$(PY) scripts/bench_report.py
	$(PY) scripts/bench_history.py

# Regenerate committed test data (needs tesseract, Pillow, the DejaVu fonts).
testbed:
	$(PY) scripts/make_cases.py
	$(PY) scripts/make_ocr_testbed.py

examples:
	$(PY) scripts/make_examples.py
