# Everything a developer or CI runs. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
DB ?= data/benchlearn.duckdb
PORT ?= 8501

.PHONY: run test data fetch bench lint format install install-test

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt

# Test packages, plus Debian's chromium (browser tests), postgresql (storage tests) and
# poppler-utils (the PDF test renders pages with pdftoppm);
# apt-get needs root. Without root, install them yourself (sudo apt-get install ...).
install-test:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }
	@ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || [ "$$(id -u)" != 0 ] || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }
	@command -v pdftoppm > /dev/null || [ "$$(id -u)" != 0 ] || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; }

$(DB):
	$(PYTHON) -m benchlearn build --db $(DB)

data:
	$(PYTHON) -m benchlearn build --db $(DB)

# Pull CSP's PxWeb tables (data/pxweb_tables.toml) into the warehouse; needs internet.
# Tables and options: make fetch FETCH_ARGS="IRS031 --since 2020"
fetch: install
	$(PYTHON) -m benchlearn fetch --db $(DB) $(FETCH_ARGS)

# builds the database if it is missing or of an older schema than this code's
run: install
	$(PYTHON) -m benchlearn build --db $(DB) --if-outdated
	BENCHLEARN_DB=$(DB) $(PYTHON) -m benchlearn.serve --server.port $(PORT) --server.headless true

test: install-test
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	bash tests/with-postgres $(PYTHON) -m pytest

bench: install
	$(PYTHON) -m benchlearn.bench

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

format:
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .

# N real Streamlit sessions (1, 10, 25, 50) against a server started as `make run` does, on a
# free port of 127.0.0.1 (benchlearn.load); prints a table per N and stops by itself.
# Options: make load LOAD_ARGS="--sessions 1,10 --think 5-15" (or --url of a running server)
.PHONY: load
load: install
	$(PYTHON) -m benchlearn.load --db $(DB) $(LOAD_ARGS)
