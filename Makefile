# Two commands for a newcomer: `make serve` and `make test`. Every target bootstraps .venv itself.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8866
DASHBOARD_PORT ?= 8867

.PHONY: serve test install system-deps hub hub-deps benchmark dashboard doctor clean train-checks

serve: $(STAMP)
	$(BIN)/coachlab serve --port $(PORT)

test: $(STAMP) system-deps hub-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

# Recreated when pyproject.toml changes, so `make test` also updates an existing .venv.
$(STAMP): pyproject.toml
	@bash .ci/bootstrap-venv "$(PYTHON)" "$(VENV)"
	touch $@

# Debian's chromium and a CJK font for the browser tests; installed when missing and we are root.
system-deps:
	@bash .ci/system-deps
	@bash .ci/pg-deps

# A workshop room on JupyterHub (optional; README "A workshop on JupyterHub"): sign-in with passcodes,
# one server per learner, the records service. HUB_PORT=8000 by default.
HUB_PORT ?= 8000
hub: $(STAMP) hub-deps
	COACHLAB_HUB_PORT=$(HUB_PORT) $(BIN)/python -m coachlab.hub

# Node.js and npm from Debian when missing (as root), configurable-http-proxy from npm into .venv/proxy.
hub-deps: $(STAMP)
	@bash .ci/hub-deps "$(VENV)"

# Speed and accuracy figures, printed as JSON (not part of `make test`: these machines are shared).
benchmark: $(STAMP) system-deps
	$(BIN)/python benchmarks/checks_accuracy.py
	$(BIN)/python benchmarks/checks_speed.py
	$(BIN)/python benchmarks/scenarios_speed.py
	$(BIN)/python benchmarks/autograde.py
	$(BIN)/python benchmarks/page_speed.py
	$(BIN)/python benchmarks/load.py --out artifacts/load.json

# Refit the checks' learned layer (coachlab/checks/models.json) from tests/corpus/ (scikit-learn: the [train] extra);
# prints the cross-validated accuracy per label, rules alone and with the model.
train-checks: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m coachlab.checks.train

# The facilitator dashboard (cohort, questions, role-play paths) on its own port.
dashboard: $(STAMP)
	$(BIN)/voila grader/dashboard.ipynb --port=$(DASHBOARD_PORT) --no-browser --Voila.ip=127.0.0.1

doctor: $(STAMP)
	$(BIN)/coachlab doctor

clean:
	rm -rf $(VENV) artifacts .pytest_cache
