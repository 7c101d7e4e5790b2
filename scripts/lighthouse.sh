#!/usr/bin/env bash
# Lighthouse report on a served Carrel (`make lighthouse`): starts the release
# binary with demo data on a fresh SQLite file, signs in as demo members and runs
# Lighthouse on each main route with its mobile defaults (emulated Moto G Power,
# slow 4G, 4x CPU slowdown) in Debian's Chromium. Prints one row per route and
# keeps the JSON reports in target/lighthouse/. A report, not a gate: missed goals
# still exit 0; a failed run (no report, a runtime error, a lost session) does not.
# Lighthouse lives under $CARREL_TOOLS/npm and is installed only when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${CARREL_TOOLS:-$HOME/.cache/carrel}
# 12.x is the last series that runs on Node 18/20 (13.x wants Node >= 22.19).
LIGHTHOUSE_VERSION=12.8.2
LH=$TOOLS/npm/node_modules/.bin/lighthouse
BIN=$ROOT/target/release/carrel
OUT=$ROOT/target/lighthouse
export CHROME_PATH=${CHROMIUM:-/usr/bin/chromium}
PASSWORD=carrel-demo-password # server/src/demo.rs DEMO_PASSWORD

say() { printf '\033[1;34m[lighthouse]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[lighthouse] error:\033[0m %s\n' "$*" >&2; exit 1; }

if [ ! -x "$BIN" ] || [ ! -d "$ROOT/target/site/pkg" ]; then
  echo "[lighthouse] $BIN or target/site/pkg is missing: run \`make build\` first (or \`make lighthouse\`, which builds)." >&2
  exit 2
fi
# A concurrent `make build` may rewrite these mid-run: measure one build or nothing.
build_id() { find "$BIN" "$ROOT/target/site" -type f -printf '%p %s %T@\n' | sort | md5sum; }
BUILD=$(build_id)
[ -x "$CHROME_PATH" ] || die "no Chromium at $CHROME_PATH (scripts/setup.sh installs Debian's chromium)"

# --- tools -----------------------------------------------------------------------
if ! grep -qs "\"version\": \"$LIGHTHOUSE_VERSION\"" "$TOOLS/npm/node_modules/lighthouse/package.json"; then
  say "installing lighthouse@$LIGHTHOUSE_VERSION into $TOOLS/npm"
  mkdir -p "$TOOLS/npm"
  npm install --prefix "$TOOLS/npm" --ignore-scripts --no-audit --no-fund --save-exact "lighthouse@$LIGHTHOUSE_VERSION" \
    || die "npm install lighthouse@$LIGHTHOUSE_VERSION failed"
fi

# --- a served instance (as scripts/audit.sh) ---------------------------------------
PORT=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d -t carrel-lighthouse.XXXXXX)
rm -rf "$OUT"; mkdir -p "$OUT"
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

say "serving $BASE on $WORK/lh.db (log: ${LOG#"$ROOT"/})"
cd "$ROOT"
# Cookies must work over plain http and email must not leave the machine,
# whatever the caller's shell sets; every page load comes from 127.0.0.1, so no
# rate limit may cut a run short.
env -u CARREL_SMTP_URL -u CARREL_PUBLIC_URL -u CARREL_TRUST_PROXY \
  DATABASE_URL="sqlite://$WORK/lh.db" CARREL_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
  CARREL_OUTBOX="$WORK/outbox" CARREL_RATE_LIMIT_EXEMPT=127.0.0.1 CARREL_LOG=warn \
  "$BIN" serve --demo >"$LOG" 2>&1 &
SERVER=$!
for i in $(seq 1 240); do
  kill -0 "$SERVER" 2>/dev/null || { tail -20 "$LOG" >&2; die "the server exited during start"; }
  curl -sf -o /dev/null --max-time 2 "$BASE/healthz" && break
  [ "$i" = 240 ] && die "no answer on $BASE/healthz after 120 s"
  sleep 0.5
done

# --- who and what to open ------------------------------------------------------------
# The demo data is random-ish, so pick the busiest cases: the mentee whose accepted
# mentorship has the most messages, a listed mentor with the longest bio, and the
# coordinated program with the most mentorships, seen by its coordinator.
picks=$(python3 - "$WORK/lh.db" <<'PY'
import shlex, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
one = lambda sql, *a: db.execute(sql, a).fetchone() or sys.exit(f"demo data lacks: {sql}")
mentee, mentorship = one("""SELECT u.email, m.id FROM mentorships m JOIN users u ON u.id = m.mentee_id
    JOIN messages g ON g.mentorship_id = m.id WHERE m.state = 'accepted'
    GROUP BY m.id ORDER BY count(*) DESC, m.id LIMIT 1""")
mentor, = one("""SELECT p.user_id FROM profiles p JOIN users u ON u.id = p.user_id
    WHERE p.open_to_mentoring = 1 AND u.email <> ? ORDER BY length(p.bio) DESC, p.user_id LIMIT 1""", mentee)
slug, coordinator = one("""SELECT p.slug, u.email FROM programs p
    JOIN program_coordinators pc ON pc.program_id = p.id JOIN users u ON u.id = pc.user_id
    LEFT JOIN cycles y ON y.program_id = p.id LEFT JOIN mentorships m ON m.cycle_id = y.id
    GROUP BY p.id, u.id ORDER BY count(m.id) DESC, p.id LIMIT 1""")
for k, v in dict(MENTEE=mentee, MENTORSHIP=mentorship, MENTOR=mentor, SLUG=slug, COORDINATOR=coordinator).items():
    print(f"{k}={shlex.quote(str(v))}")
PY
) || die "could not pick demo members from $WORK/lh.db"
eval "$picks"

# A session cookie from the sign-in form's server function; the Origin header
# passes the server's same-origin check. Checked before use, so a signed-out
# page cannot pass for a signed-in one.
sign_in() {
  local cookie
  cookie=$(curl -sf -D - -o /dev/null -H "Origin: $BASE" --data-urlencode "email=$1" \
    --data-urlencode "password=$PASSWORD" "$BASE/api/accounts/sign_in" \
    | sed -n 's/^set-cookie: *\(carrel_session=[^;]*\).*/\1/Ip') || true
  [ -n "$cookie" ] && curl -sf -X POST -H "Origin: $BASE" -H "Cookie: $cookie" "$BASE/api/accounts/current_user" \
    | grep -qF "\"email\":\"$1\"" || die "could not sign in as $1"
  echo "$cookie"
}
MENTEE_COOKIE=$(sign_in "$MENTEE")
COORDINATOR_COOKIE=$(sign_in "$COORDINATOR")

# name | path | who (for the table) | cookie
ROUTES=(
  "home|/|signed out|"
  "home-signed-in|/|mentee|$MENTEE_COOKIE"
  "login|/login|signed out|"
  "mentors|/mentors|mentee|$MENTEE_COOKIE"
  "mentor|/mentors/$MENTOR|mentee|$MENTEE_COOKIE"
  "me-profile|/me/profile|mentee|$MENTEE_COOKIE"
  "mentorships|/mentorships|mentee|$MENTEE_COOKIE"
  "mentorship|/mentorships/$MENTORSHIP|mentee|$MENTEE_COOKIE"
  "messages|/messages|mentee|$MENTEE_COOKIE"
  "program|/programs/$SLUG|coordinator|$COORDINATOR_COOKIE"
  "program-manage|/programs/$SLUG/manage|coordinator|$COORDINATOR_COOKIE"
  "program-reports|/programs/$SLUG/reports|coordinator|$COORDINATOR_COOKIE"
)

# --- Lighthouse, one fresh Chromium per route ----------------------------------------
for route in "${ROUTES[@]}"; do
  IFS='|' read -r name path who cookie <<<"$route"
  say "$path ($who)"
  args=(--quiet --output=json --output-path="$OUT/$name.json" --chrome-flags="--headless=new --no-sandbox"
        --only-categories=performance,accessibility,best-practices)
  # Lighthouse sends extra headers with every request, the wasm and streams too.
  [ -z "$cookie" ] || args+=(--extra-headers="{\"Cookie\":\"$cookie\"}")
  "$LH" "$BASE$path" "${args[@]}" 2>"$OUT/$name.log" \
    || { tail -20 "$OUT/$name.log" >&2
         if ! kill -0 "$SERVER" 2>/dev/null; then
           code=0; wait "$SERVER" || code=$?; SERVER=""
           tail -20 "$LOG" >&2; die "the server is gone (exit status $code; log: ${LOG#"$ROOT"/})"
         fi
         die "lighthouse failed on $path (log: ${OUT#"$ROOT"/}/$name.log, server log: ${LOG#"$ROOT"/})"; }
  [ -s "$OUT/$name.log" ] || rm -f "$OUT/$name.log"
done
stop_server
[ "$(build_id)" = "$BUILD" ] || die "target/release/carrel or target/site changed during the run (a rebuild?); run again"

# --- the table ---------------------------------------------------------------------
python3 - "$OUT" "$MENTEE" "$COORDINATOR" "${ROUTES[@]}" <<'PY' | tee "$OUT/summary.txt"
import json, re, sys
from urllib.parse import urlparse
out, mentee, coordinator, routes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
head = ("route", "as", "perf", "TBT ms", "TTI s", "CLS", "a11y", "best-pr", "total KiB", "JS+wasm KiB")
rows, failed, bench = [], [], []
for route in routes:
    name, path, who, _ = route.split("|", 3)
    r = json.load(open(f"{out}/{name}.json"))
    a, c = r["audits"], r["categories"]
    bench.append(r["environment"]["benchmarkIndex"])
    score = lambda k: "-" if c[k]["score"] is None else str(round(c[k]["score"] * 100))
    num = lambda k: a[k].get("numericValue")
    requests = a["network-requests"]["details"]["items"]
    # A runtime error, a missing metric, a bounce to /login or a missing asset (a
    # half-built site) means the run measured the wrong thing.
    missing = [q["url"] for q in requests if q.get("statusCode", 0) >= 400 and not urlparse(q["url"]).path.startswith("/api/")]
    if r.get("runtimeError") or None in (num("total-blocking-time"), num("interactive")) \
            or urlparse(r["finalDisplayedUrl"]).path != urlparse(path).path or missing:
        failed.append(f"{path}: {r.get('runtimeError') or missing or 'ended on ' + r['finalDisplayedUrl']}")
        continue
    # Script requests plus every wasm fetch (the main module loads as "Other", split chunks as "Fetch").
    code = sum(q.get("transferSize", 0) for q in requests
               if q.get("resourceType") == "Script" or q.get("mimeType") == "application/wasm"
               or urlparse(q["url"]).path.endswith(".wasm"))
    rows.append((path, who, score("performance"), f"{num('total-blocking-time'):.0f}",
                 f"{num('interactive') / 1000:.1f}", f"{num('cumulative-layout-shift'):.3f}",
                 score("accessibility"), score("best-practices"),
                 f"{num('total-byte-weight') / 1024:.0f}", f"{code / 1024:.0f}"))
widths = [max(len(x[i]) for x in rows + [head]) for i in range(len(head))]
fmt = lambda row: "  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths)))
s, t = r["configSettings"], r["configSettings"]["throttling"]
print(f"Lighthouse {r['lighthouseVersion']} defaults: {s['formFactor']} {s['screenEmulation']['width']}x{s['screenEmulation']['height']}, "
      f"{t['rttMs']:.0f} ms RTT, {t['throughputKbps'] / 1024:.1f} Mbps, {t['cpuSlowdownMultiplier']}x CPU; "
      f"{re.search(r'HeadlessChrome/[0-9.]+', r['environment']['hostUserAgent']).group()}")
print(fmt(head)); print(fmt(["-" * w for w in widths]))
for row in rows: print(fmt(row))
print(f"mentee: {mentee}; coordinator: {coordinator}; reports: target/lighthouse/*.json")
# The 4x CPU slowdown comes on top of what the machine has to spare: a build
# alongside inflates TBT and TTI, and shows here as a spread.
print(f"CPU benchmark index {min(bench):.0f}-{max(bench):.0f} across runs (lower: a busier machine, inflated TBT/TTI)")
for f in failed: print(f"FAILED {f}", file=sys.stderr)
sys.exit(1 if failed else 0)
PY
