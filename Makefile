# The README's commands. `make run` starts the workbench; `make test` runs every check.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# One stamp per lock, so `make run` installs only what the workbench runs on (runtime and the
# optional sentence model) and `make test` adds the test, benchmark and tool packages.
RUNTIME_STAMP := $(VENV)/.installed-runtime
SEMANTIC_STAMP := $(VENV)/.installed-semantic
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-fast typecheck lint eval bench setup setup-dev clean-var worker web

$(RUNTIME_STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(RUNTIME_STAMP)

$(SEMANTIC_STAMP): $(RUNTIME_STAMP) requirements-semantic.lock
	@# The sentence-embedding runtime (onnxruntime + tokenizers, about 115 MB; the model is in
	@# claims/matching/model) is optional:
	@# without it, claim matching falls back to lexical and structured similarity.
	$(BIN)/pip install --quiet -r requirements-semantic.lock \
	  || echo "NOTE: semantic model not installed; claim matching uses its lexical fallback."
	touch $(SEMANTIC_STAMP)

$(DEV_STAMP): $(SEMANTIC_STAMP) requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $(DEV_STAMP)

setup: $(SEMANTIC_STAMP)

## Tests, benchmarks and tools on top of the runtime (what `make test` installs).
setup-dev: $(DEV_STAMP)

## Start the workbench with demo accounts and sample letters (web + Celery worker; Ctrl-C stops both).
run: $(SEMANTIC_STAMP)
	scripts/run.sh

## Every check: ruff lint and format, mypy, migrations up to date, the whole test suite (browser tests too).
test: $(DEV_STAMP)
	scripts/ensure_system_packages.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	WORKBENCH_DEMO=true $(BIN)/python manage.py makemigrations --check --dry-run
	scripts/pytest.sh

## The quick loop while coding: lint, then every test that needs neither a browser nor a worker.
test-fast: $(DEV_STAMP)
	$(BIN)/ruff check .
	scripts/pytest.sh -q -m "not browser and not worker"

## Type checks alone (configuration in pyproject.toml).
typecheck: $(DEV_STAMP)
	$(BIN)/mypy

lint: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Claim-extraction scores (needs ../shared), one table per set: gold, train, dev, and test
## once the lead has put its files in data/eval/test.
eval: $(DEV_STAMP)
	$(BIN)/python scripts/eval_claims.py

## Benchmarks (need ../shared for the corpus ones); each prints its ratio against a baseline.
bench: $(DEV_STAMP)
	scripts/bench.sh
