# Two commands for a newcomer: `make serve` and `make test`. Every target bootstraps .venv itself.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8866

.PHONY: serve test install system-deps benchmark doctor clean

serve: $(STAMP)
	$(BIN)/coachlab serve --port $(PORT)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

# Recreated when pyproject.toml changes, so `make test` also updates an existing .venv.
$(STAMP): pyproject.toml
	@bash .ci/bootstrap-venv "$(PYTHON)" "$(VENV)"
	touch $@

# Debian's chromium and a CJK font for the browser tests; installed when missing and we are root.
system-deps:
	@bash .ci/system-deps

benchmark: $(STAMP) system-deps
	$(BIN)/python benchmarks/page_speed.py

doctor: $(STAMP)
	$(BIN)/coachlab doctor

clean:
	rm -rf $(VENV) artifacts .pytest_cache
