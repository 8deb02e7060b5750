# Everything a developer or CI runs. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
DB ?= data/benchlearn.duckdb
PORT ?= 8501

.PHONY: run test data bench lint format install install-test

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt

# Test packages, plus Debian's Chromium for the browser tests (apt-get needs root).
install-test:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

$(DB):
	$(PYTHON) -m benchlearn build --db $(DB)

data:
	$(PYTHON) -m benchlearn build --db $(DB)

run: install $(DB)
	$(PYTHON) -m streamlit run app.py --server.port $(PORT) --server.headless true

test: install-test
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m pytest

bench: install
	$(PYTHON) -m benchlearn.bench

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

format:
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .
