# veille: `make run` reads the bundled examples; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test crash fuzz acceptance eval lint bench bench-store bench-api web clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install veille with its models and data

run: $(STAMP)  ## extract events from examples/ into veille.db and print them
	$(BIN)/veille run examples/

test: $(STAMP)  ## the test suite (needs nothing outside this repository)
	$(BIN)/python -m pytest -q

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
