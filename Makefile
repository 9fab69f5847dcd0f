# Two commands on a fresh machine: `make ask Q="..."` and `make test`. Each sets up what is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
Q ?= A 15-year-old keeps going missing and comes back with new phones: what level is that?

.PHONY: setup ask serve test lint audit contract eval bench load lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first, pinned: pip takes the local CPU wheel instead of gigabytes of CUDA packages
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

ask: $(STAMP)
	$(BIN)/threshold ask "$(Q)"

serve: $(STAMP)
	$(BIN)/threshold serve

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q
	# the eval's regression gate: the test split may not fall below evals/targets.py's FLOORS
	$(BIN)/threshold eval --split test --floors

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Known vulnerabilities in the locked versions fail this; an accepted one is listed, with its
# reason, in .ci/audit-exceptions as `--ignore-vuln ID  # reason`.
audit: $(STAMP)
	$(BIN)/pip-audit -r requirements.lock --no-deps --disable-pip --progress-spinner off \
	  $$(sed -e 's/#.*//' .ci/audit-exceptions)

contract: $(STAMP)
	$(BIN)/python ../shared/check/contract_check.py --cmd "$(BIN)/threshold"

eval: $(STAMP)
	$(BIN)/threshold eval --split all --report evals/reports

bench: $(STAMP)
	$(BIN)/python benchmarks/foundation.py
	$(BIN)/python benchmarks/quiz.py
	$(BIN)/python benchmarks/pdf.py

load: $(STAMP)
	$(BIN)/python benchmarks/load.py --clients 20 --duration 60

lock: $(STAMP)
	{ head -2 requirements.lock; $(BIN)/python -m pip freeze --exclude-editable \
	  | grep -v -i -E '^(pip|setuptools|wheel)==' | sed -E 's/^torch==([0-9.]+)\+cpu$$/torch==\1/'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
