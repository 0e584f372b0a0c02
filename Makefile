# Two commands: `make run` sets everything up and starts the app; `make test` sets everything
# up and runs every test. Both are safe to repeat: finished steps are skipped.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint system-deps screenshots bench bench-load cluster clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/python -m readiness.serve --server.port $(PORT)

system-deps:
	@bash scripts/system-deps.sh

# PostgreSQL, $(REPLICAS) replicas and HAProxy (deploy/haproxy.cfg) on this machine; Ctrl-C stops them.
REPLICAS ?= 2
cluster: $(VENV)/.runtime system-deps
	$(BIN)/python -m deploy.cluster --replicas $(REPLICAS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: $(VENV)/.dev system-deps lint
	$(BIN)/python -m pytest -n 2

screenshots: $(VENV)/.dev system-deps
	READINESS_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/e2e/test_screenshots.py tests/e2e/test_workshop_browser.py \
		tests/e2e/test_followup_browser.py tests/e2e/test_groups_browser.py

# The standard benchmarks (docs/benchmarks.md); the load set, many clients against real servers,
# is separate (docs/benchmarks-load.md): a quick run of it first, then the full one.
bench: $(VENV)/.dev system-deps
	$(BIN)/python -m bench

bench-load: $(VENV)/.dev system-deps
	$(BIN)/python -m pytest -q -m load tests/test_bench_smoke.py
	$(BIN)/python -m bench --load

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build/test-artifacts
