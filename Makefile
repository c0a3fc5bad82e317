# Mimicus — the two commands a user needs are `make run` and `make test`.

CARGO ?= cargo
HOST ?= 127.0.0.1
PORT ?= 18000
DATABASE_URL ?= mimicus.db

.PHONY: run build ui ui-deps test test-rust test-ui test-e2e chromium lint fmt bench clean

## Build the UI and the release server, then serve on http://$(HOST):$(PORT).
run: build
	./target/release/mimicus serve --host $(HOST) --port $(PORT) --database-url $(DATABASE_URL)

build: ui
	$(CARGO) build --release -p server

## The admin UI (frontend/): type-check, build into frontend/dist with .br/.gz
## beside each file; the next cargo build embeds it (crates/presentation/build.rs).
ui: ui-deps
	cd frontend && npm run build

## node_modules from package-lock.json, re-installed only when the lock changes.
ui-deps: frontend/node_modules/.package-lock.json

frontend/node_modules/.package-lock.json: frontend/package-lock.json frontend/package.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

## Everything: the UI build and its unit tests, the size budget, Rust unit and
## integration tests (against the embedded UI), then the browser tests.
test: ui test-ui test-rust test-e2e

test-rust:
	$(CARGO) test --workspace --all-targets

## Vitest (API client, forms, components) and the bundle size budget (docs/ui.md).
test-ui: ui-deps
	cd frontend && npm test
	cd frontend && npm run budget

## Playwright in Debian's Chromium against the real binary (debug build, UI embedded).
test-e2e: ui-deps chromium
	$(CARGO) build -p server
	cd frontend && npm run e2e

## Browsers are never downloaded by Playwright here: Debian's Chromium is used.
chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

## Throughput/latency table with wrk (see docs/performance.md), plus the matcher micro-benchmark.
bench: build
	@command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	python3 scripts/bench.py
	$(CARGO) bench -p domain --bench matching

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean
