# Two commands that work on a fresh machine (Python 3.11+):
#   make demo   set up .venv and run `kg demo` on the bundled sample
#   make test   set up .venv with the test extras (and Chromium, Virtuoso and Java for the browser,
#               remote-store and reasoner tests) and run the tests

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test setup setup-test browser virtuoso java lint clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(BIN)/kg

setup: $(BIN)/kg

demo: setup
	$(BIN)/kg demo

setup-test: setup
	$(BIN)/pip install --quiet -e '.[test]'

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium missing: run 'sudo apt-get install chromium' (browser tests will be skipped)"; fi; \
	fi

# Debian's Virtuoso 7 for the remote-store tests (they start it on 127.0.0.1 themselves).
virtuoso:
	@if [ ! -x /usr/bin/virtuoso-t ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource; \
	  else echo "Virtuoso missing: run 'sudo apt-get install virtuoso-opensource' (its tests will be skipped)"; fi; \
	fi

# Java for the reasoner tests (owlready2 runs HermiT and Pellet in it).
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	  else echo "Java missing: run 'sudo apt-get install default-jre-headless' (reasoner tests will be skipped)"; fi; \
	fi

lint: setup-test
	$(BIN)/ruff check kg tests bench

test: setup-test browser virtuoso java
	$(BIN)/ruff check kg tests bench
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) exports/store exports/graph.*
