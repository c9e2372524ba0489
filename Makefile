# veille: `make run` reads the bundled examples; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
UV := uv==0.13.9

.PHONY: install lock run test test-browser test-postgres test-ray test-all crash fuzz acceptance eval lint bench bench-store bench-api web clean

# Every dependency comes from the lock, hash-checked, with the venv's own pip (23.2.1 on Python
# 3.11 is enough: no upgrade). veille itself goes in with --no-deps (nothing re-resolved) and
# --no-build-isolation: its build backend (setuptools, wheel) is in the lock too, so the build
# uses hashed tools instead of whatever setuptools PyPI serves that day. --no-compile halves
# the install (Ray alone is thousands of files): Python compiles what it imports, once.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-compile --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install veille with its models and data

# After changing dependencies in pyproject.toml: pins every runtime and dev dependency and the
# build backend, with the sha256 of each file of each release, resolved for CPython 3.11 on
# Linux x86_64. Pins already in the lock are kept when they still fit; LOCK_ARGS=--upgrade
# (or --upgrade-package NAME) moves them to the newest releases pyproject.toml allows.
# Extras that locked packages ask of other locked packages, spelled as they ask: the stock pip
# needs a pinned line of each (see .ci/pin_extras.py).
LOCK_EXTRAS := 'lxml[html_clean]' 'smart-open[http]'
lock:  ## re-resolve pyproject.toml (runtime, dev, build backend) into requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet '$(UV)'
	$(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')" \
	  | $(BIN)/uv pip compile --quiet --no-header pyproject.toml - --extra dev --generate-hashes \
	    --python-version 3.11 --python-platform x86_64-unknown-linux-gnu $(LOCK_ARGS) -o $(LOCK)
	{ printf '%s\n' '# Made by `make lock` (uv pip compile) from pyproject.toml: runtime and dev dependencies' \
	  '# and the build backend, resolved for CPython 3.11 on Linux x86_64, every file of each' \
	  '# release hashed. Install: pip install --require-hashes -r requirements.lock'; \
	  cat $(LOCK); } > $(LOCK).tmp && mv $(LOCK).tmp $(LOCK)
	$(BIN)/python .ci/pin_extras.py $(LOCK) $(LOCK_EXTRAS)

run: $(STAMP)  ## extract events from examples/ into veille.db and print them
	$(BIN)/veille run examples/

# `make test` covers every module in a few minutes; the slow suites are targets of their own
# (a real Chromium, a PostgreSQL server, Ray workers, kills and resumes, 10,000-example fuzzing),
# and `make test-all` (and .ci/run) runs them all.
PYTEST := $(BIN)/python -m pytest -q
# On one worker per core (pytest-xdist), at most 4: each loads the models (about 1 GB).
test: $(STAMP)  ## the test suite without the slow suites (needs nothing outside this repository)
	$(PYTEST) -n auto --maxprocesses=4 -m "not browser and not postgres and not ray" --ignore=tests/fuzz

test-browser: $(STAMP)  ## the web page in headless Chromium (/usr/bin/chromium, Debian's package)
	$(PYTEST) -m browser tests/web

# On VEILLE_TEST_POSTGRES_URL when set (.ci/run sets it), else on a throwaway server started
# here from Debian's package (.ci/postgres.sh) and stopped after.
test-postgres: $(STAMP)  ## the store, API and concurrency tests on a real PostgreSQL server
	@if [ -n "$$VEILLE_TEST_POSTGRES_URL" ]; then $(PYTEST) -m postgres --ignore=tests/fuzz; else \
	  url=$$(bash .ci/postgres.sh start) && trap 'bash .ci/postgres.sh stop' EXIT && \
	  VEILLE_TEST_POSTGRES_URL=$$url $(PYTEST) -m postgres --ignore=tests/fuzz; fi

test-ray: $(STAMP)  ## veille batch on Ray workers: storing, resuming, rejects, joining a cluster (~4 min)
	$(PYTEST) -m ray

test-all: test test-browser test-postgres test-ray crash fuzz  ## every suite, as .ci/run runs them

crash: $(STAMP)  ## tests/crash: veille batch killed with SIGKILL and resumed, SQLite and PostgreSQL (~3 min)
	$(BIN)/python -m pytest -q tests/crash

fuzz: $(STAMP)  ## tests/fuzz with 10,000 examples per property (FUZZ_SECONDS bounds the run)
	VEILLE_FUZZ=1 timeout $${FUZZ_SECONDS:-1800} $(BIN)/python -m pytest -q tests/fuzz

acceptance: $(STAMP)  ## compare the reference article with ../shared/acceptance (needs ../shared)
	$(BIN)/veille check ../shared/acceptance/aleppo-offensive.expected.json --strict

eval: $(STAMP)  ## veille eval on every gold file of ../shared/eval, against benchmarks/eval_baseline.json
	$(BIN)/python benchmarks/eval_gate.py --shared ../shared/eval

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)  ## throughput: bare spaCy vs the full pipeline
	$(BIN)/python benchmarks/throughput.py

bench-store: $(STAMP)  ## store: events written/read per second (BENCH_STORE_ARGS="--help" for options)
	$(BIN)/python benchmarks/store.py $(BENCH_STORE_ARGS)

bench-api: $(STAMP)  ## HTTP API: requests/s and latency under concurrent reads (BENCH_API_ARGS="--help" for options)
	$(BIN)/python benchmarks/api.py $(BENCH_API_ARGS)

# The page's own files (index.html, app.js, style.css) live in src/veille/web/static/; its
# third-party files come from npm (versions pinned in web/package-lock.json) and only those
# the page loads are copied beside them. The result is kept in the repository, so serving the
# page never needs Node.
WEB_STATIC := src/veille/web/static
NPM := web/node_modules
web:  ## refresh the npm files of src/veille/web/static (needs Node and npm)
	npm ci --prefix web --no-audit --no-fund
	rm -rf $(WEB_STATIC)/images && mkdir -p $(WEB_STATIC)/images
	cp $(NPM)/leaflet/dist/leaflet.js $(NPM)/leaflet/dist/leaflet.css $(WEB_STATIC)/
	cp $(NPM)/leaflet/dist/images/*.png $(WEB_STATIC)/images/
	cp $(NPM)/leaflet.markercluster/dist/leaflet.markercluster.js \
	   $(NPM)/leaflet.markercluster/dist/MarkerCluster.css \
	   $(NPM)/leaflet.markercluster/dist/MarkerCluster.Default.css $(WEB_STATIC)/
	cp $(NPM)/topojson-client/dist/topojson-client.min.js $(WEB_STATIC)/
	cp $(NPM)/world-atlas/countries-50m.json $(WEB_STATIC)/

clean:
	rm -rf $(VENV) veille.db veille.db-wal veille.db-shm .pytest_cache
