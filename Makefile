# Mimicus — the two commands a user needs are `make run` and `make test`.

CARGO ?= cargo
HOST ?= 127.0.0.1
PORT ?= 18000
DATABASE_URL ?= mimicus.db

.PHONY: run build ui test test-rust lint fmt bench clean

## Build the UI and the release server, then serve on http://$(HOST):$(PORT).
run: build
	./target/release/mimicus serve --host $(HOST) --port $(PORT) --database-url $(DATABASE_URL)

build: ui
	$(CARGO) build --release -p server

## The admin UI lives in frontend/; until it exists there is nothing to build.
ui:
	@if [ -f frontend/package.json ]; then cd frontend && npm ci && npm run build; \
	else echo "frontend: no UI yet (placeholder served at /admin)"; fi

## Everything: Rust unit and integration tests (and the UI's tests once it exists).
test: test-rust

test-rust:
	$(CARGO) test --workspace --all-targets

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
