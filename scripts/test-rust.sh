#!/usr/bin/env bash
# Runs the Rust tests. Database tests run on SQLite and on PostgreSQL at
# 127.0.0.1:5432; PostgreSQL is mandatory in CI (CI set) and skipped, with a
# line saying so, elsewhere when no server answers.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_url=${CARREL_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "[test] PostgreSQL: $pg_url"
elif [ -n "${CI:-}" ]; then
  echo "[test] error: PostgreSQL is not answering at 127.0.0.1:5432, and the PostgreSQL run is mandatory in CI" >&2
  exit 1
else
  echo "[test] SKIPPING the PostgreSQL run: nothing answers at 127.0.0.1:5432 (only SQLite is tested)"
  export CARREL_TEST_POSTGRES=skip
fi

# The debug profile builds into target/debug: tests never overwrite the release
# binary that `cargo leptos build` made for the browser tests (whose compile-time
# settings and dev-dependency features differ). One run for both packages: apart,
# their features unify differently and the whole Leptos stack compiles twice.
cargo test -p app -p server --features app/ssr
