# Two entry points for a fresh machine: `make run` (the main job) and `make test` (the test suite).
# Each creates .venv with Python >= 3.12 and installs hrsim with what it needs.

PYTHON ?= $(shell for p in python3.12 python3.13 python3.14 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: run test lint bench clean chromium

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: Python >= 3.12 not found (tried python3.12, python3.13, python3.14, python3)" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(VENV)/bin/hrsim compare

test: $(STAMP) chromium
	$(VENV)/bin/python -m pytest -n 2

# the demo's browser tests drive Debian's Chromium (Playwright cannot download browsers here)
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing Chromium for the browser tests (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint: $(STAMP)
	$(VENV)/bin/ruff check hrsim tests benchmarks docs $(wildcard experiments)

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/model_year.py
	$(VENV)/bin/python benchmarks/compare_library.py

clean:
	rm -rf $(VENV)
