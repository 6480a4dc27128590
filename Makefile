# Waypoint: `make run` serves the app, `make test` checks everything.
# Both install what is missing first (uv into .tools/, then the locked Python environment).

PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
VENV := .venv
STAMP := $(VENV)/.synced

.PHONY: run test lint types unit integration coverage e2e pwa pwa-check api-types openapi chromium bench fuzz migrate clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --quiet
	@touch $(STAMP)

# The PWA is built when pwa/ has one and the build is missing or older than its sources.
PWA_SOURCES := $(shell test -d pwa && find pwa -path pwa/node_modules -prune -o -path pwa/dist -prune -o -type f -print)
pwa/node_modules/.package-lock.json: pwa/package-lock.json
	cd pwa && npm ci --no-audit --no-fund
pwa/dist/index.html: pwa/node_modules/.package-lock.json $(PWA_SOURCES)
	cd pwa && npm run build

pwa:
	@if [ -f pwa/package.json ]; then $(MAKE) --no-print-directory pwa/dist/index.html; fi

# The PWA's API types are generated from the server's OpenAPI document: `make api-types`
# writes them, and pwa-check fails while they differ from what the server describes. A field
# with a default may be left out (the server fills it in, and leaves it out of what it sends).
openapi: $(STAMP)
	@mkdir -p var
	$(UV) run waypoint openapi > var/openapi.json

api-types: openapi pwa/node_modules/.package-lock.json
	cd pwa && npx openapi-typescript ../var/openapi.json -o src/api/schema.d.ts --default-non-nullable false

pwa-check: openapi pwa/node_modules/.package-lock.json
	cd pwa && npx openapi-typescript ../var/openapi.json -o src/api/schema.d.ts --default-non-nullable false --check
	cd pwa && npx tsc --noEmit
	cd pwa && npm test

# Browser tests drive Debian's Chromium; test tools never download a browser of their own.
# Chromium shows notifications through a desktop notification server on a D-Bus session bus.
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	@command -v dbus-daemon >/dev/null || (apt-get update -qq && apt-get install -y -qq dbus-daemon)

run: $(STAMP) pwa
	$(UV) run waypoint serve

migrate: $(STAMP)
	$(UV) run waypoint migrate

lint: $(STAMP)
	$(UV) run ruff check .
	$(UV) run ruff format --check .

types: $(STAMP)
	$(UV) run mypy

# The API tests run in parallel, one pytest-xdist worker per core (TEST_WORKERS=0 runs them in
# one process, one at a time). Each worker starts its own servers on its own ports, data directories and
# PostgreSQL databases; a test module stays on one worker, so a module's own servers start
# once and its tests run in order.
TEST_WORKERS ?= auto
PARALLEL := -n $(TEST_WORKERS) --dist loadscope

unit: $(STAMP)
	$(UV) run pytest tests/unit -q $(PARALLEL)

integration: $(STAMP)
	$(UV) run pytest tests/integration -q $(PARALLEL)

# A longer Schemathesis run than the bounded one in `make test` (tests/integration/test_api_fuzz.py).
fuzz: $(STAMP)
	WAYPOINT_FUZZ_EXAMPLES=$${WAYPOINT_FUZZ_EXAMPLES:-200} $(UV) run pytest -q tests/integration/test_api_fuzz.py

e2e: $(STAMP) pwa chromium
	WAYPOINT_E2E_REQUIRED=1 $(UV) run pytest tests/e2e -q

# Branch coverage, with floors set at what the suites reach (rounded down). `make test` measures
# the unit tests; `make coverage` measures the API tests too, in every server process they start
# (`patch = subprocess` in pyproject.toml), which slows them by about a third, so it runs apart.
# `.venv/bin/coverage report` lists what either left unmeasured.
UNIT_COVERAGE_FLOOR := 62
COVERAGE_FLOOR := 96
COVERAGE := --cov --cov-branch --cov-report=

coverage: $(STAMP)
	rm -f .coverage .coverage.*
	$(UV) run pytest -q $(PARALLEL) $(COVERAGE) --cov-fail-under=$(COVERAGE_FLOOR) tests/unit tests/integration

# Browser tests run on their own: Playwright's synchronous API holds an event loop that the
# async API tests would meet. Each of their workers starts its own server and browser.
test: $(STAMP) pwa chromium
	$(MAKE) --no-print-directory lint types pwa-check
	rm -f .coverage .coverage.*
	$(UV) run pytest -q $(PARALLEL) $(COVERAGE) --cov-fail-under=$(UNIT_COVERAGE_FLOOR) tests/unit
	$(UV) run pytest -q $(PARALLEL) tests/integration
	WAYPOINT_E2E_REQUIRED=1 $(UV) run pytest -q $(PARALLEL) tests/e2e

bench: $(STAMP)
	$(UV) run python -m infra.bench $(BENCH_ARGS)
	$(UV) run python -m infra.bench.jobs $(JOBS_ARGS)

clean:
	rm -rf $(VENV) $(TOOLS) pwa/node_modules pwa/dist .mypy_cache .ruff_cache .pytest_cache
