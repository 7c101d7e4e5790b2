# Carrel's two commands: `make run` and `make test`. Both set up whatever is
# missing first (scripts/setup.sh is idempotent and fast when all is there).

SHELL := /bin/bash
CARREL_TOOLS ?= $(HOME)/.cache/carrel
export CARREL_TOOLS
# One toolchain for server, wasm and tools: the one scripts/setup.sh chose.
export PATH := $(CARREL_TOOLS)/bin:$(CARREL_TOOLS)/rust-bin:$(CARREL_TOOLS)/npm/node_modules/.bin:$(PATH)
unexport RUSTC RUSTC_BOOTSTRAP RUSTUP_TOOLCHAIN

.PHONY: run test setup build lint layers i18n budget test-rust test-e2e bench load audit lighthouse

## Build (release) and serve Carrel at http://127.0.0.1:3000 on data/carrel.db,
## with demo data on first start. Honours DATABASE_URL and CARREL_ADDR.
run: build
	LEPTOS_SITE_ROOT=target/site ./target/release/carrel serve --demo

## Every test: formatting and lints, the layering and translation checks, the download budget,
## Rust tests on SQLite and PostgreSQL, browser tests. One after the other: side by
## side on two cores, the browser tests took 14.2 min instead of 8.7 and the Rust
## tests 6.3 instead of 2.3.
test: build lint layers i18n budget test-rust test-e2e

setup:
	@./scripts/setup.sh

# The plain scripts in public/ (service worker, offline support) are copied as
# written; every first visit downloads register-sw.js and sw.js, so they ship minified.
build: setup
	cargo leptos build --release --split --precompress
	esbuild public/register-sw.js public/offline.js public/sw.js public/push.js --minify --outdir=target/site --log-level=warning
	@# The build's compressed copies are of the unminified files; the server compresses these as it sends them.
	rm -f target/site/{register-sw,offline,sw,push}.js.{br,gz}

# One clippy run for app and server: apart, their features unify differently
# and the whole Leptos stack is checked twice.
lint: setup
	cargo fmt --all --check
	cargo clippy --release -p app -p server --features app/ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown --profile wasm-release -- -D warnings

## Calls go down: no module cycles in app/src, no source file over 800 lines
## (see scripts/layers.py).
layers:
	./scripts/layers.py

## Every key in English and Spanish, with the same variables, and used
## (see scripts/i18n_check.py).
i18n:
	./scripts/i18n_check.py

## What a first visit to each route downloads (brotli), against the 200 KB budget.
budget: build
	./scripts/budget.py target/site target/release/hash.txt

test-rust: setup
	@./scripts/test-rust.sh

test-e2e: build
	cd end2end && npx playwright test

## Directory search at 100,000 profiles on SQLite and PostgreSQL: p50/p99 per
## query class and the query plans (see server/benches/directory.rs).
bench: setup
	cargo bench -p server --bench directory

## Live messaging under load: 1,000 streams on one instance (SQLite, then
## PostgreSQL) and across two PostgreSQL instances; delivery latency p50/p99
## and server memory (see server/benches/messaging.rs).
load: setup
	cargo bench -p server --bench messaging

## Security audit of the release binary on a fresh demo database: malformed input
## to every server function and route, then sqlmap; fails on any 5xx or panic
## (see scripts/audit.sh). Not part of `make test`.
audit: build
	./scripts/audit.sh

## Lighthouse (mobile defaults: Moto G Power, slow 4G, 4x CPU) in Debian's Chromium
## on the main routes of the release binary with demo data, signed in where needed;
## prints a table and keeps the JSON reports in target/lighthouse/ (see
## scripts/lighthouse.sh). A report: fails only when a run fails. Not part of `make test`.
lighthouse: build
	./scripts/lighthouse.sh
