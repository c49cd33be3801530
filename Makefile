# The single entry point: people and CI type the same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SCENARIO ?= homelab
TARGET ?= auto
COLLECTOR ?= adr
DURATION ?=
SIM_ARGS := --target $(TARGET) --collector $(COLLECTOR) $(if $(DURATION),--duration $(DURATION),)

.PHONY: install sim test lint format bench clean

install: $(STAMP)

# Reinstall whenever the dependency list changes.
$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "lokisim needs Python >= 3.11, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Exit 1 is a finding about the configuration under test, not a broken build: say so.
sim: $(STAMP)
	@$(BIN)/lokisim run scenarios/$(SCENARIO:.yaml=).yaml $(SIM_ARGS) || { status=$$?; \
	  if [ $$status -eq 1 ]; then echo "make sim: the run completed; the configuration under test failed expectations (exit 1, see the report)"; fi; \
	  exit $$status; }

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff format --check sim tests loadtests
	$(BIN)/ruff check sim tests loadtests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format sim tests loadtests
	$(BIN)/ruff check --fix sim tests loadtests

bench: $(STAMP)
	$(BIN)/lokisim bench

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache
