# Two commands set everything up on a fresh machine with only Python 3.11+, pip and make:
#   make run    create .venv, install scalp-tui into it, open the app
#   make test   the same with the test tools, then the whole suite, ruff and mypy
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=
# An editable install: one .pth line naming the checkout (pyproject.toml's package-dir), not
# an import hook that costs ~15 ms at every start, nor setuptools' deprecated "compat" mode.
EDITABLE := -e
LINTED := scalp_tui tests $(wildcard benchmarks scripts)
# Test workers: twice the cores. A pilot test spends about a fifth of its time waiting (the
# app's timers, a pilot's pause), and a second worker per core fills those waits: 143 s with
# one worker per core on this 2-core machine, 106 s with two.
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')

.PHONY: run test test-fast pytest soak lint screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet $(EDITABLE) .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet $(EDITABLE) '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-shots: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet $(EDITABLE) '.[test,shots]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/scalp-tui $(ARGS)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal
	$(MAKE) --no-print-directory lint

# The quick tier, in one process: the domain, the store, the CLI and the exports; no test
# that drives the app or takes a snapshot (marked pilot), none that kills, hangs or races
# real processes (marked slow). Markers in pyproject.toml; 17 s on this 2-core machine.
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not pilot and not slow"

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(ARGS)

# The monkey tests at full length: 350 random keys from each starting screen (make test
# runs a shorter seeded version).
soak: $(VENV)/.installed-test
	SCALP_TUI_MONKEY_PRESSES=350 $(BIN)/python -m pytest tests/ui/test_robustness.py -k random_keys

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

screenshots: $(VENV)/.installed-shots
	$(BIN)/python scripts/make_screenshots.py

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
