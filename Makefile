# Single entry point. `make serve` and `make test` set up everything they need themselves.
.DEFAULT_GOAL := help
SHELL := /bin/sh

VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup system-packages serve build pages test validate bench clean

help:
	@echo "make serve     set up, build and serve the site on http://$(HOST):$(PORT)/"
	@echo "make test      set up (as root on Debian: the system packages too) and run every test"
	@echo "make build     build the site into site/"
	@echo "make pages     write the generated pages of both editions as Markdown into build/pages/"
	@echo "make validate  validate policy/*.json (or POLICY=path)"
	@echo "make bench     run the benchmarks"

$(PY_STAMP): pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(PY_STAMP) $(NODE_STAMP)

build: setup
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

# The pages the hooks generate in memory, written out as Markdown files (zh at the root, English under en/).
pages: $(PY_STAMP)
	$(PY) scripts/write_pages.py build/pages

serve: setup
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve --strict --no-livereload --dev-addr $(HOST):$(PORT)

# What the tests use from Debian (Chromium, nginx with brotli, Firefox ESR, WebKitGTK's WebDriver, Xvfb, CJK
# fonts): installed when missing as root on Debian, else make stops at once with one sentence.
system-packages:
	@scripts/system-packages

# Every test; PYTEST_ARGS='-m "not engines"' leaves out the slow engines (WebKit, Firefox), '-m engines' runs them alone.
test: system-packages setup
	@browser="$$(scripts/find-browser)" && CHROMIUM="$$browser" $(PY) -m pytest $(PYTEST_ARGS)

validate: $(PY_STAMP)
	$(PY) scripts/validate_policy.py $(or $(POLICY),policy/suzhou-ai-plus-2026.json)

bench: system-packages setup
	$(PY) scripts/bench_calc.py
	$(PY) scripts/bench_browser.py

clean:
	rm -rf site build dist .pytest_cache
