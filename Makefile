# The two commands a user needs: `make book` builds the course, `make test` runs every test.
# Each sets up what it needs first: a virtual environment in .venv/ with the pinned packages from
# pyproject.toml, and (for the browser tests) Debian's chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book serve pdf test test-fast lint format bench clean system-deps chromium-deps classroom classroom-stop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[book,dev,classroom]'
	touch $(STAMP)

# Debian packages the tests need: chromium (browser tests, the PDF), a PostgreSQL server (gradebook
# tests) and iproute2 (the PDF test builds with no network but loopback).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v ip >/dev/null 2>&1 || missing="$$missing iproute2"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing; run: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi

book: $(STAMP)
	$(BIN)/python -m antiplan.build.book

# The built book on a static web server at http://127.0.0.1:$(SERVE_PORT)/ (loopback only): its pages'
# "Run it live" needs the pages served over HTTP, not opened as files. Any static web server will do.
SERVE_PORT ?= 8000
serve: $(STAMP)
	@test -f _build/html/index.html || { echo "no built book in _build/html: run make book first" >&2; exit 1; }
	@echo "serving the book at http://127.0.0.1:$(SERVE_PORT)/ (Ctrl-C stops it)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(SERVE_PORT)

# The whole book as one PDF, _build/pdf/antiplan.pdf: the one-page book printed by Debian's chromium.
pdf: $(STAMP) chromium-deps
	$(BIN)/python -m antiplan.build.pdf

chromium-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages: chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "missing Debian packages: chromium; run: sudo apt-get install chromium" >&2; exit 1; fi; }

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=15

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python benchmarks/engines.py

# A demo class on this machine (as root): JupyterHub, nbgrader's exchange, an instructor and three
# students as local users. Prints the address and accounts; classroom-stop undoes all of it.
PORT ?= 8000
classroom: $(STAMP)
	$(BIN)/antiplan classroom start --port $(PORT)

classroom-stop: $(STAMP)
	$(BIN)/antiplan classroom stop

clean:
	rm -rf _build
