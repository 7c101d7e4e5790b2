#!/usr/bin/env bash
# Security audit of a served Carrel (`make audit`): starts the release binary with
# demo data on a fresh SQLite file, runs scripts/audit.py against it (malformed
# input to every server function and route, then sqlmap), stops it and prints a
# summary. Fails on any 5xx answer, dropped connection or panic in the server log.
# Idempotent: its tools (a Python venv with sqlmap and requests) live under
# $CARREL_TOOLS and are installed only when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${CARREL_TOOLS:-$HOME/.cache/carrel}
VENV=$TOOLS/audit-venv
SQLMAP_VERSION=1.10.10
REQUESTS_VERSION=2.32.5
BIN=$ROOT/target/release/carrel
OUT=$ROOT/target/audit

say() { printf '\033[1;34m[audit]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[audit] error:\033[0m %s\n' "$*" >&2; exit 1; }

if [ ! -x "$BIN" ] || [ ! -d "$ROOT/target/site/pkg" ]; then
  echo "[audit] $BIN or target/site/pkg is missing: run \`make build\` first (or \`make audit\`, which builds)." >&2
  exit 2
fi

# --- tools ---------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import requests' 2>/dev/null || [ ! -x "$VENV/bin/sqlmap" ]; then
  say "installing sqlmap $SQLMAP_VERSION and requests $REQUESTS_VERSION into $VENV"
  if ! python3 -m venv --clear "$VENV" 2>/dev/null; then
    # Debian ships venv (ensurepip) apart from python3.
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends python3 python3-venv \
      || { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends python3 python3-venv; } \
      || die "could not install python3-venv"
    python3 -m venv --clear "$VENV"
  fi
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "sqlmap==$SQLMAP_VERSION" "requests==$REQUESTS_VERSION" || die "could not install sqlmap and requests"
fi
PY=$VENV/bin/python

# --- a served instance -----------------------------------------------------------
port_free() { ! "$PY" -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.5)" 2>/dev/null; }
PORT=${AUDIT_PORT:-3200}
if ! port_free "$PORT"; then
  PORT=$("$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
fi
BASE=http://127.0.0.1:$PORT

WORK=$(mktemp -d -t carrel-audit.XXXXXX)
mkdir -p "$OUT"
LOG=$OUT/server.log
SERVER=""
stop_server() {
  [ -n "$SERVER" ] || return 0
  kill -TERM "$SERVER" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

say "serving $BASE on $WORK/audit.db (log: ${LOG#"$ROOT"/})"
cd "$ROOT"
# Email must land in the outbox (the audit finds a member there) and cookies must
# work over plain http, whatever the caller's shell sets; other CARREL_* pass through.
env -u CARREL_SMTP_URL -u CARREL_PUBLIC_URL -u CARREL_TRUST_PROXY \
  DATABASE_URL="sqlite://$WORK/audit.db" CARREL_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
  CARREL_OUTBOX="$WORK/outbox" CARREL_LOG=info "$BIN" serve --demo >"$LOG" 2>&1 &
SERVER=$!

# Demo data is written before the server listens; allow it a minute or two.
for i in $(seq 1 240); do
  kill -0 "$SERVER" 2>/dev/null || { tail -20 "$LOG" >&2; die "the server exited during start"; }
  "$PY" -c "import urllib.request; urllib.request.urlopen('$BASE/healthz', timeout=2)" 2>/dev/null && break
  [ "$i" = 240 ] && die "no answer on $BASE/healthz after 120 s"
  sleep 0.5
done

status=0
"$PY" "$ROOT/scripts/audit.py" --base "$BASE" --server-log "$LOG" --outbox "$WORK/outbox" \
  --work "$WORK" --sqlmap "$VENV/bin/sqlmap" --summary "$OUT/summary.json" || status=$?
stop_server

# The server may have panicked after the report was written, or while stopping.
panics=$(grep -c panicked "$LOG" || true)
if [ "$panics" != 0 ]; then
  say "the server log has $panics line(s) with 'panicked' (${LOG#"$ROOT"/})"
  [ "$status" != 0 ] || status=1
fi
if [ "$status" = 0 ]; then
  say "passed"
else
  say "failed (exit $status); summary: ${OUT#"$ROOT"/}/summary.json"
fi
exit "$status"
