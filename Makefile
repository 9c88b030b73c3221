# Two commands a newcomer needs: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-dates test-postgres lint typecheck pytest e2e fuzz bench accuracy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy bot handlers knowledge tests bench

pytest: $(STAMP)
	$(BIN)/pytest -q

# The suite again on shifted dates under libfaketime (Debian's faketime package; see .ci/run).
test-dates: $(STAMP)
	PYTEST=$(BIN)/pytest .ci/test-dates

# The suite again on PostgreSQL: a throwaway server from the system's packages (postgresql-15;
# see .ci/run), a fresh database per test. Skipped, with the reason, where it is not installed.
test-postgres: $(STAMP)
	TEST_DATABASE=postgres $(BIN)/pytest -q

e2e: $(STAMP)
	$(BIN)/pytest -q -m e2e

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -m fuzz

bench: $(STAMP)
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.process
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.delivery
	$(BIN)/python -m bench.shared_rate
	$(BIN)/python -m bench.replicas
	$(BIN)/python -m bench.scale
	$(BIN)/python -m bench.importing
	$(BIN)/python -m bench.scale_postgres

accuracy: $(STAMP)
	$(BIN)/python -m knowledge.accuracy

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
