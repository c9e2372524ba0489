# veille: `make run` reads the bundled examples; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test acceptance eval lint bench bench-store clean

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

clean:
	rm -rf $(VENV) veille.db veille.db-wal veille.db-shm .pytest_cache
