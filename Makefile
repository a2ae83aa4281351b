# The README's commands. `make run` starts the workbench; `make test` runs every check.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast typecheck lint eval bench setup clean-var worker web

$(STAMP): pyproject.toml requirements.lock requirements-dev.lock requirements-semantic.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@# The sentence-embedding runtime (onnxruntime + tokenizers, about 115 MB; the model is in claims/matching/model) is optional:
	@# without it, claim matching falls back to lexical and structured similarity.
	$(BIN)/pip install --quiet -r requirements-semantic.lock \
	  || echo "NOTE: semantic model not installed; claim matching uses its lexical fallback."
	touch $(STAMP)

setup: $(STAMP)

## Start the workbench with demo accounts and sample letters (web + Celery worker; Ctrl-C stops both).
run: $(STAMP)
	scripts/run.sh

## Every check: ruff lint and format, mypy, migrations up to date, the whole test suite (browser tests too).
test: $(STAMP)
	scripts/ensure_system_packages.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	WORKBENCH_DEMO=true $(BIN)/python manage.py makemigrations --check --dry-run
	scripts/pytest.sh

## The quick loop while coding: lint, then every test that needs neither a browser nor a worker.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	scripts/pytest.sh -q -m "not browser and not worker"

## Type checks alone (configuration in pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Claim-extraction scores (needs ../shared), one table per set: gold, train, dev, and test
## once the lead has put its files in data/eval/test.
eval: $(STAMP)
	$(BIN)/python scripts/eval_claims.py

## Benchmarks (need ../shared for the corpus ones); each prints its ratio against a baseline.
bench: $(STAMP)
	scripts/bench.sh
