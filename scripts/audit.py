#!/usr/bin/env python3
"""Carrel's security audit, run by scripts/audit.sh against a served instance.

Reads every server function, page route and file route from the source, sends
malformed input to each as a visitor, a member and an administrator, runs
sqlmap against the directory search and sign-in, then prints a summary and
writes it to target/audit/summary.json.

Exits 1 when the server answered 5xx, dropped a connection or timed out,
panicked, or when a check found a hole (an injectable parameter, a redirect to
another site, unescaped markup in a page, a file from outside the site);
sqlmap runs that could not finish fail it too, since nothing was proven.
"""

import argparse
import base64
import collections
import dataclasses
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "carrel-demo-password"
ADMIN_EMAIL = "admin@carrel.example"
COORDINATOR_EMAIL = "coordinator@carrel.example"
# Accounts the audit makes for itself (sign-in's baselines): one for the sweep and
# one for sqlmap, so that the sweep's failed sign-ins lock out neither sqlmap nor a
# demo member.
AUDIT_EMAIL = "audit-sweep@carrel.example"
SQLMAP_EMAIL = "audit-sqlmap@carrel.example"
AUDIT_PASSWORD = "carrel-audit-password"

FORM = "application/x-www-form-urlencoded"
# How the hydrated app calls a server function, and how a form posts with JavaScript off.
AS_APP = {"Content-Type": FORM, "Accept": "application/json"}
AS_PAGE = "text/html,application/xhtml+xml"

INT_TYPES = {"i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize"}

STR_CASES = [
    ("empty", ""),
    ("<100 KB>", "A" * 100_000),
    ("NUL", "a\x00b"),
    ("control chars", "a\nb\rc\td\x1b"),
    ("invalid UTF-8 %ff%fe", b"\xff\xfe"),
    ("RTL override + emoji", "\u202eevil\u202c \U0001F469\u200d\U0001F4BB\U0001F389"),
    ("script tag", "<script>alert(1)</script>"),
    ("img onerror", '"><img src=x onerror=alert(1)>'),
    ("SQL", "' OR 1=1--"),
    ("path traversal", "../../etc/passwd"),
]
INT_CASES = [
    ("non-numeric", "abc"),
    ("empty", ""),
    ("negative", "-1"),
    ("i64 max", "9223372036854775807"),
    ("overflow", "99999999999999999999"),
    ("float", "1.5"),
    ("NUL", "1\x00"),
]
BOOL_CASES = [("not a bool", "maybe"), ("empty", ""), ("numeric", "1")]
NEXT_CASES = [
    "//evil.example",
    "/\t/evil.example",
    "/\\evil.example",
    "https://evil.example",
    "/\n",
    "/\r\nSet-Cookie: audit=1",
    "javascript:alert(1)",
]
# Raw markup that must never come back unescaped in a page.
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]

SEGMENT_CASES = [
    ("huge id", "99999999999999999999"),
    ("i64 max", "9223372036854775807"),
    ("negative", "-1"),
    ("non-numeric", "abc"),
    ("NUL", "%00"),
    ("encoded traversal", "..%2f..%2f..%2fetc%2fpasswd"),
    ("10 KB", "a" * 10_240),
    ("invalid UTF-8", "%ff%fe"),
    ("markup", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
]
# The file handlers strip one of these before parsing the rest.
FILE_SUFFIXES = [".ics", ".pdf", ".csv"]
QUERY_CASES = [
    "next=/%0a",
    "next=//evil.example",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    # A form posted without JavaScript comes back with its error in these two.
    "__path=/api/x&__err=%ff%fe!!",
    "__path=/api/x&__err=" + base64.urlsafe_b64encode(b'{"Invalid":7}').decode(),
    "page=99999999999999999999",
    "after=99999999999999999999",
]
STREAM = "/api/messages/stream"
LAST_EVENT_IDS = ["abc", "99999999999999999999", "-1", ""]
STATIC_PATHS = [
    "/pkg/..%2f..%2f..%2fetc%2fpasswd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/pkg/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/icons/..%5c..%5c..%5cCargo.toml",
    "/pkg/%00",
    "/pkg/" + "a" * 10_240,
]
# State-changing calls sent again with a foreign Origin, as a cross-site form would.
ORIGIN_CALLS = ["directory/shortlist_set", "notifications/mark_read", "safety/unblock", "profiles/save"]


# --- What the source says --------------------------------------------------

@dataclasses.dataclass
class Field:
    key: str  # the form key: `next`, `form[bio]`
    name: str  # the Rust name, which picks the baseline value
    kind: str  # int | bool | str | map
    optional: bool  # Option<..>: leaving it out is valid, so no "missing" case


@dataclasses.dataclass
class ServerFn:
    endpoint: str
    fields: list
    structs: dict  # argument name -> struct name, for struct baselines


def split_args(s):
    """Splits `a: T, b: Map<K, V>` at the commas outside angle brackets."""
    parts, depth, cur = [], 0, ""
    for c in s:
        depth += {"<": 1, ">": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += c
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def classify(ty):
    """(kind, optional) of a Rust type; the kind is a struct's name if it is not a scalar."""
    ty = re.sub(r"\s+", "", ty)
    m = re.fullmatch(r"Option<(.*)>", ty)
    optional = bool(m)
    ty = m.group(1) if m else ty
    if ty in INT_TYPES:
        return "int", optional
    if ty == "bool":
        return "bool", optional
    if ty == "String":
        return "str", optional
    if re.fullmatch(r"(BTreeMap|HashMap)<String,String>", ty):
        return "map", optional
    return ty, optional


def struct_fields(sources, name):
    for text in sources.values():
        m = re.search(r"pub struct %s\s*\{(.*?)\n\}" % re.escape(name), text, re.S)
        if m:
            body = re.sub(r"//[^\n]*|#\[[^\]]*\]", "", m.group(1))
            return [tuple(s.strip() for s in f.removeprefix("pub ").split(":", 1)) for f in split_args(body)]
    raise SystemExit(f"audit: struct {name} (a server function argument) not found in app/src")


def server_functions():
    sources = {p: p.read_text() for p in sorted((ROOT / "app/src").rglob("*.rs"))}
    fns = []
    for path, text in sources.items():
        attrs = re.findall(r"#\[server\((.*?)\)\]", text)
        found = re.findall(
            r'#\[server\(endpoint\s*=\s*"([^"]+)"\)\]\s*pub\s+async\s+fn\s+\w+\s*\((.*?)\)\s*->',
            text, re.S)
        # Only plain POST form functions are understood; teach the audit anything else.
        if len(found) != len(attrs):
            raise SystemExit(f"audit: {path} has a #[server(...)] the audit cannot read: {attrs}")
        for endpoint, args in found:
            fields, structs = [], {}
            for arg in split_args(args):
                name, ty = (s.strip() for s in arg.split(":", 1))
                kind, optional = classify(ty)
                if kind in ("int", "bool", "str", "map"):
                    fields.append(Field(name, name, kind, optional))
                    continue
                structs[name] = kind
                for fname, fty in struct_fields(sources, kind):
                    fkind, fopt = classify(fty)
                    if fkind not in ("int", "bool", "str", "map"):
                        raise SystemExit(f"audit: {endpoint}: field {fname}: {fty} is not understood")
                    fields.append(Field(f"{name}[{fname}]", fname, fkind, fopt))
            fns.append(ServerFn(endpoint, fields, structs))
    return fns


def page_routes():
    text = (ROOT / "app/src/lib.rs").read_text()
    return ["/" + p for p in re.findall(r'path!\("([^"]*)"\)', text)]


def file_routes():
    """The axum routes of startup.rs, with `{param}` turned into `:param` like pages."""
    text = (ROOT / "server/src/startup.rs").read_text()
    return [re.sub(r"\{(\w+)\}", r":\1", r) for r in re.findall(r'\.route\(\s*"([^"]+)"', text)]


# --- Talking to the server ---------------------------------------------------

@dataclasses.dataclass
class Role:
    name: str
    email: str | None  # None: a visitor, who never keeps a cookie
    session: requests.Session


class Auditor:
    def __init__(self, base, timeout):
        self.base = base
        self.host = urllib.parse.urlsplit(base).netloc
        self.timeout = timeout
        self.status = collections.Counter()
        self.by_endpoint = collections.defaultdict(collections.Counter)  # endpoint -> status code -> n
        self.failures = []  # 5xx answers and dropped connections
        self.findings = []  # holes: open redirects, unescaped markup, files from outside
        self.warnings = []  # worth reading, not failing for
        self.origins = collections.Counter()  # foreign-Origin posts: refused or accepted
        self.sent = 0

    def send(self, role, method, path, label, body=None, headers=None, stream=False, endpoint=None):
        """Sends one request; returns the response, or None when the connection failed.
        `endpoint` names it in the report (a route's pattern); the path otherwise."""
        endpoint = endpoint or path_of(path)
        if role.email is None:
            role.session.cookies.clear()
        self.sent += 1
        try:
            res = role.session.request(method, self.base + path, data=body, headers=headers or {},
                                       timeout=self.timeout, allow_redirects=False, stream=stream)
            if not stream:
                res.content  # read it all now, so a cut-off body is a failure here
        except requests.RequestException as e:
            self.status["conn errors"] += 1
            self.by_endpoint[endpoint]["dropped"] += 1
            why = next((w for w in ("RemoteDisconnected", "ConnectionReset", "BrokenPipe", "refused", "timed out")
                        if w in str(e)), type(e).__name__)
            self.failures.append((endpoint, label, role.name, f"dropped ({why})"))
            return None
        code = res.status_code
        self.status["429" if code == 429 else f"{code // 100}xx"] += 1
        self.by_endpoint[endpoint][str(code)] += 1
        if code >= 500:
            self.failures.append((endpoint, label, role.name, f"{code} ({len(res.content)} bytes)"))
        self.inspect(res, f"{role.name} {endpoint} {label}", stream)
        if stream:
            res.close()
        return res

    def inspect(self, res, where, stream):
        location = res.headers.get("location")
        if location:
            # Browsers drop tabs and newlines in URLs and read `\` as `/`.
            seen = re.sub(r"[\t\r\n]", "", location).replace("\\", "/")
            host = urllib.parse.urlsplit(urllib.parse.urljoin(self.base + "/", seen)).netloc
            if host and host != self.host:
                self.findings.append(f"open redirect to {location!r}: {where}")
        if any("audit=1" in v for k, v in res.headers.items() if k.lower() == "set-cookie"):
            self.findings.append(f"header injection (Set-Cookie audit=1): {where}")
        if stream:
            return
        text = res.text
        if "text/html" in res.headers.get("content-type", ""):
            for m in MARKUP:
                if m in text:
                    self.findings.append(f"unescaped {m!r} in the page: {where}")
        if "root:x:0:0" in text or "[workspace]" in text:
            self.findings.append(f"a file from outside the site was served: {where}")

    def call(self, role, endpoint, pairs=()):
        """Calls a server function as the app does; returns its JSON or None."""
        res = self.send(role, "POST", f"/api/{endpoint}", "discovery", urllib.parse.urlencode(list(pairs)), AS_APP)
        if res is None or res.status_code != 200:
            return None
        try:
            return res.json()
        except ValueError:
            return None

    def sign_in(self, role, password=DEMO_PASSWORD):
        """Signs `role` in, waiting out sign-in's rate limit (the sweep uses it up)."""
        deadline = time.time() + 120
        while True:
            res = self.send(role, "POST", "/api/accounts/sign_in", "sign in",
                            urllib.parse.urlencode([("email", role.email), ("password", password)]), AS_APP)
            if res is None or res.status_code != 429 or time.time() > deadline:
                break
            time.sleep(min(float(res.headers.get("retry-after", 2)), 10))
        me = self.call(role, "accounts/current_user")
        if not me or me.get("email") != role.email:
            raise SystemExit(f"audit: could not sign in as {role.email}")
        return me

    def keep_identity(self, role):
        """Signs back in if a call (sign-out, sign-in as another) changed who the session is."""
        if role.email is None:
            return
        me = self.call(role, "accounts/current_user")
        if not me or me.get("email") != role.email:
            self.sign_in(role)

    def make_account(self, email):
        """An account of the audit's own, so that failed sign-ins lock out no demo member."""
        form = [("email", email), ("display_name", "Audit Account"),
                ("password", AUDIT_PASSWORD), ("accept_conduct", "yes")]
        res = self.send(Role("maker", email, requests.Session()), "POST", "/api/accounts/sign_up", "sign up",
                        urllib.parse.urlencode(form), AS_APP)
        if res is None or res.status_code != 200:
            raise SystemExit(f"audit: could not sign up {email}")


def path_of(path):
    """A request's path for the report: without its query, and long segments cut."""
    p = path.split("?", 1)[0]
    return re.sub(r"[^/]{60,}", lambda m: f"<{len(m.group())} chars>", p)


# --- Who to be, and real ids to aim at ----------------------------------------

def demo_member(outbox, wait_s=60):
    """An ordinary demo member: someone the demo's mentorships emailed (sent at the first job run)."""
    deadline = time.time() + wait_s
    while time.time() < deadline:
        counts = collections.Counter()
        for eml in Path(outbox).glob("*.eml"):
            m = re.search(r"^To:.*?([\w.+-]+@[\w.-]+)", eml.read_text(errors="replace"), re.M | re.I)
            if m and m.group(1).lower() not in (ADMIN_EMAIL, COORDINATOR_EMAIL):
                counts[m.group(1).lower()] += 1
        if counts:
            return counts.most_common(1)[0][0]
        time.sleep(1)
    raise SystemExit(f"audit: no demo member's email arrived in {outbox} within {wait_s} s")


def first(items, key, default, unless=None):
    for item in items or []:
        if isinstance(item, dict) and item.get(key) is not None and item.get(key) != unless:
            return item[key]
    return default


def discover(aud, member, me):
    """Real ids and values, so that baselines get past "not found" to the code behind."""
    mine = aud.call(member, "mentorships/mine") or {}
    pairs = [m for k in ("mentors", "mentees", "sent", "received", "past") for m in mine.get(k, [])]
    found = aud.call(member, "directory/search", [("query", "")]) or {}
    programs = aud.call(member, "programs/list") or []
    slug = first([p.get("program") for p in programs], "slug", "audit")
    page = aud.call(member, "programs/get", [("slug", slug)]) or {}
    profile = aud.call(member, "profiles/mine") or {}
    return {
        "mentorship": first(pairs, "id", 1),
        "mentor": first(found.get("cards"), "id", 1, unless=me["id"]),
        "cycle": first([c.get("cycle") for c in page.get("cycles", [])], "id", 1),
        "slug": slug,
        "ProfileForm": profile.get("form") or {},
    }


# --- Server function cases ------------------------------------------------------

class Baselines:
    """Plausible values per argument name, so that a case changes one thing only."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.n = 0
        self.by_name = {
            "id": ctx["mentorship"], "mentorship_id": ctx["mentorship"],
            "mentor_id": ctx["mentor"], "user_id": ctx["mentor"], "liaison_id": ctx["mentor"],
            "cycle_id": ctx["cycle"], "slug": ctx["slug"], "program": ctx["slug"],
            "next": "/mentors", "query": "q=library", "key": "audit-key-000001",
            "password": AUDIT_PASSWORD, "display_name": "Audit Person", "accept_conduct": "yes",
        }

    def pairs(self, fn, field):
        if field.name == "email":
            # Sign-in needs the audit's account; sign-up a new address each time.
            if fn.endpoint == "accounts/sign_in":
                return [(field.key, AUDIT_EMAIL)]
            self.n += 1
            return [(field.key, f"audit-{self.n}@carrel.example")]
        saved = self.ctx.get(fn.structs.get(field.key.split("[", 1)[0]), {})
        if field.name in saved:
            # A struct the member has saved (their profile): send it back as it is.
            value = saved[field.name]
            if field.kind == "map":
                return [(f"{field.key}[{k}]", v) for k, v in (value or {}).items()]
            return [] if value is None else [(field.key, str(value))]
        if field.kind == "map":
            return [(f"{field.key}[audit]", "on")]
        value = self.by_name.get(field.name, {"int": 1, "bool": "false"}.get(field.kind, "audit"))
        return [(field.key, str(value))]

    def form(self, fn):
        return {f.key: self.pairs(fn, f) for f in fn.fields}


def flat(form, key=None, value=None):
    """The form's pairs, with `key`'s pairs replaced by `value` (a list of pairs)."""
    return [p for k, ps in form.items() for p in (value if k == key else ps)]


def body_cases(fn, form, encodings):
    """Cases about the request as a whole: sizes and, with `encodings`, content types,
    methods and repeated fields. Yields (label, method, query string, body, headers)."""
    pairs = flat(form)
    body = urllib.parse.urlencode(pairs)
    as_page = {"Content-Type": FORM, "Accept": AS_PAGE}
    yield "baseline", "POST", "", body, AS_APP
    yield "no fields", "POST", "", "", AS_APP
    yield "3 MB body", "POST", "", body + "&pad=" + "A" * 3_000_000, AS_APP
    yield "no-JS form post", "POST", "", body, as_page
    text = next((f for f in fn.fields if f.kind == "str"), None)
    if text:
        huge = urllib.parse.urlencode(flat(form, text.key, [(text.key, "A" * 2_000_000)]))
        yield f"{text.key}=<2 MB>", "POST", "", huge, AS_APP
        yield f"{text.key}=<2 MB> (no-JS form)", "POST", "", huge, as_page
    if not encodings:
        return
    if pairs:
        twice = body + "&" + urllib.parse.urlencode([(k, "x") for k, _ in pairs])
        yield "every field twice", "POST", "", twice, AS_APP
    yield "unknown extra field", "POST", "", body + "&audit_unknown=1", AS_APP
    yield "Content-Type text/plain", "POST", "", body, {"Content-Type": "text/plain", "Accept": "application/json"}
    as_json = {"Content-Type": "application/json", "Accept": "application/json"}
    yield "JSON body as application/json", "POST", "", json.dumps(dict(pairs)), as_json
    yield "JSON body as a form", "POST", "", json.dumps(dict(pairs)), AS_APP
    garbage = b"--x\r\nContent-Disposition: form-data\r\n\r\n\xff\xfe\r\n--"
    yield ("multipart with garbage", "POST", "", garbage,
           {"Content-Type": "multipart/form-data; boundary=x", "Accept": "application/json"})
    yield "GET instead of POST", "GET", body, None, {"Accept": "application/json"}


def field_cases(fn, baselines):
    """Cases that change one field: missing, then each malformed value of its kind.
    `next` goes first: its cases need the baseline to succeed (a redirect), and the
    failed sign-ins of the other fields lock the audit's account for a while."""
    for f in sorted(fn.fields, key=lambda f: f.name != "next"):
        # A fresh form each time, so that each sign-up has an unused address.
        form = baselines.form(fn)
        if not f.optional:
            yield f"{f.key} missing", flat(form, f.key, [])
        if f.kind == "map":
            for label, pairs in [
                ("key with markup", [(f"{f.key}[<script>alert(1)</script>]", "on")]),
                ("a scalar", [(f.key, "on")]),
                ("nested 6 deep", [(f"{f.key}[a][b][c][d][e][f]", "on")]),
                ("empty key", [(f"{f.key}[]", "on")]),
                ("1000 keys", [(f"{f.key}[k{i}]", "on") for i in range(1000)]),
                ("<100 KB> value", [(f"{f.key}[audit]", "A" * 100_000)]),
            ]:
                yield f"{f.key}: {label}", flat(form, f.key, pairs)
            continue
        cases = {"int": INT_CASES, "bool": BOOL_CASES, "str": STR_CASES}[f.kind]
        if f.name == "next":
            cases = [(repr(v), v) for v in NEXT_CASES] + cases
        for label, value in cases:
            yield f"{f.key}={label}", flat(form, f.key, [(f.key, value)])


def sweep_server_fns(aud, fns, roles, baselines):
    """Every server function as each role. Arguments are decoded before a function
    runs, so content types and methods are tried as the member only; field cases run
    for a role only where it gets further than the member (a visitor past 401, an
    administrator past a member's 401 or 403). That keeps the sweep to a few
    thousand requests."""
    member_status = {}
    for role in roles:
        for fn in fns:
            path = f"/api/{fn.endpoint}"
            form = baselines.form(fn)
            for label, method, query, body, headers in body_cases(fn, form, role.name == "member"):
                res = aud.send(role, method, f"{path}?{query}" if query else path, label, body, headers,
                               endpoint=path)
                if label == "baseline":
                    status = res.status_code if res is not None else None
            gets_further = {"visitor": status != 401,
                            "admin": member_status.get(fn.endpoint) in (401, 403)}.get(role.name, True)
            if role.name == "member":
                member_status[fn.endpoint] = status
            if gets_further:
                for label, pairs in field_cases(fn, baselines):
                    aud.send(role, "POST", path, label, urllib.parse.urlencode(pairs), AS_APP)
            aud.keep_identity(role)


def foreign_origins(aud, fns, member, baselines):
    """A cross-site form post: accepted means only SameSite cookies stop CSRF."""
    by_endpoint = {fn.endpoint: fn for fn in fns}
    for endpoint in ORIGIN_CALLS:
        fn = by_endpoint.get(endpoint)
        if fn is None:
            aud.warnings.append(f"Origin check skipped: no server function {endpoint}")
            continue
        body = urllib.parse.urlencode(flat(baselines.form(fn)))
        for origin in ("http://evil.example", "null"):
            headers = {"Content-Type": FORM, "Accept": AS_PAGE, "Origin": origin}
            res = aud.send(member, "POST", f"/api/{endpoint}", f"Origin: {origin}", body, headers)
            accepted = res is not None and res.status_code < 400
            aud.origins["accepted" if accepted else "refused"] += 1
            if accepted:
                aud.warnings.append(f"{endpoint} accepted Origin: {origin} ({res.status_code})")
        aud.keep_identity(member)


# --- Pages and files ---------------------------------------------------------------

def fill(route, ctx, param=None, value=None):
    """The route with `param` set to `value` and every other parameter to a plain value."""
    plain = {"slug": str(ctx["slug"])}
    return re.sub(r":(\w+)", lambda m: value if m.group(1) == param else plain.get(m.group(1), "1"), route)


def sweep_routes(aud, routes, roles, ctx):
    """Every page and file route as each role, with odd query strings and path
    segments; then static-file paths that try to leave the site."""
    for role in roles:
        for route in routes:
            stream = route == STREAM
            headers = {"Accept": "text/event-stream" if stream else AS_PAGE}

            def get(path, label, extra=None):
                aud.send(role, "GET", path, label, headers={**headers, **(extra or {})},
                         stream=stream, endpoint=route)

            get(fill(route, ctx), "baseline")
            for q in QUERY_CASES:
                get(f"{fill(route, ctx)}?{q}", f"?{q}")
            if stream:
                for v in LAST_EVENT_IDS:
                    get(route, f"Last-Event-ID: {v!r}", {"Last-Event-ID": v})
            for p in re.findall(r":(\w+)", route):
                for label, value in SEGMENT_CASES:
                    for suffix in [""] + (FILE_SUFFIXES if p == "file" else []):
                        get(fill(route, ctx, p, value + suffix), f":{p}={label}{suffix}")
        aud.keep_identity(role)
    for path in STATIC_PATHS:
        aud.send(roles[0], "GET", path, "static file path", headers={"Accept": "*/*"})


# --- sqlmap ------------------------------------------------------------------------

def sqlmap(aud, args, name, url, extra):
    """One sqlmap run; returns its verdict and what its requests got back."""
    out = Path(args.work) / "sqlmap" / re.sub(r"\W+", "-", name)
    out.mkdir(parents=True, exist_ok=True)
    traffic = out / "traffic.txt"
    cmd = [args.sqlmap, "-u", url, "--batch", "--level", "2", "--risk", "1", "--dbms", "SQLite",
           "--time-sec", "3", "--threads", "2", "--output-dir", str(out), "-t", str(traffic),
           "--disable-coloring", "--skip-waf", "--drop-set-cookie", *extra]
    if args.sqlmap_delay:
        cmd += ["--delay", str(args.sqlmap_delay)]
    started = time.time()
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=args.sqlmap_timeout)
        output = run.stdout + run.stderr
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode(errors="replace") + f"\n[CRITICAL] stopped after {args.sqlmap_timeout} s"
    (out / "output.txt").write_text(output)
    text = traffic.read_text(errors="replace") if traffic.exists() else ""
    codes = collections.Counter(re.findall(r"^HTTP response \[#\d+\] \((\d{3})", text, re.M))
    sent = len(re.findall(r"^HTTP request \[#\d+\]", text, re.M))
    status = collections.Counter()
    for code, n in codes.items():
        status["429" if code == "429" else f"{code[0]}xx"] += n
    if sent > sum(codes.values()):
        status["conn errors"] += sent - sum(codes.values())
    if "identified the following injection point" in output:
        params = sorted(set(re.findall(r"^Parameter: (.+)$", output, re.M)))
        verdict = "INJECTABLE: " + ", ".join(params)
    elif "do not appear to be injectable" in output:
        verdict = "not injectable"
    else:
        last = [l for l in output.splitlines() if "[CRITICAL]" in l or "[ERROR]" in l]
        verdict = "inconclusive: " + (last[-1].split("] ", 2)[-1] if last else "no verdict")
    if status["5xx"] or status["conn errors"]:
        aud.failures.append((urllib.parse.urlsplit(url).path, f"sqlmap payloads ({name})", "member",
                             f"{status['5xx']} x 5xx, {status['conn errors']} dropped"))
    return {"target": name, "verdict": verdict, "requests": sent, "status": dict(status),
            "seconds": round(time.time() - started), "log": str(out / "output.txt")}


def run_sqlmap(aud, args, member_email):
    """The directory search (as the server function and as the page) and sign-in."""
    member = Role("sqlmap", member_email, requests.Session())
    aud.sign_in(member)
    cookie = f"carrel_session={member.session.cookies.get('carrel_session')}"
    as_app = ["-H", "Accept: application/json"]
    email = urllib.parse.quote(SQLMAP_EMAIL)
    base = aud.base
    targets = [
        ("directory/search query", f"{base}/api/directory/search",
         as_app + ["--data", "query=q%3Dlibrary", "-p", "query", "--cookie", cookie]),
        ("/mentors?q=", f"{base}/mentors?q=library", ["-p", "q", "--cookie", cookie]),
        # The right password in the baseline, so that only payloads fail.
        ("accounts/sign_in email", f"{base}/api/accounts/sign_in",
         as_app + ["--data", f"email={email}&password={AUDIT_PASSWORD}", "-p", "email"]),
        # A random address on each request, so that no address gets locked out mid-run.
        ("accounts/sign_in password", f"{base}/api/accounts/sign_in",
         as_app + ["--data", f"email={email}&password=not-the-password", "-p", "password",
                   "--randomize", "email"]),
    ]
    results = []
    for name, url, extra in targets:
        print(f"[audit] sqlmap: {name}", flush=True)
        results.append(sqlmap(aud, args, name, url, extra))
    return results


# --- Report ----------------------------------------------------------------------------

def report(aud, args, sql, panics, started, counts):
    total_status = collections.Counter(aud.status)
    for r in sql:
        total_status.update(r["status"])
    by_endpoint = collections.defaultdict(lambda: collections.defaultdict(list))
    for endpoint, label, role, result in aud.failures:
        by_endpoint[endpoint][(label, result)].append(role)
    failures = [
        {"endpoint": e, "count": sum(len(r) for r in inputs.values()),
         "inputs": [{"input": label, "result": result, "roles": sorted(set(roles), key=roles.index),
                     "count": len(roles)} for (label, result), roles in inputs.items()]}
        for e, inputs in by_endpoint.items()
    ]
    failures.sort(key=lambda f: -f["count"])
    injectable = [r for r in sql if r["verdict"].startswith("INJECTABLE")]
    unproven = [r for r in sql if r["verdict"].startswith("inconclusive")]
    ok = not (aud.failures or panics or aud.findings or injectable or unproven)
    sql_requests = sum(r["requests"] for r in sql)
    summary = {
        "ok": ok,
        "duration_seconds": round(time.time() - started),
        "requests": aud.sent + sql_requests,
        "sweep_requests": aud.sent,
        "sqlmap_requests": sql_requests,
        "discovered": counts,
        "status": {k: total_status.get(k, 0) for k in ("2xx", "3xx", "4xx", "429", "5xx", "conn errors")},
        "sweep_status": dict(aud.status),
        "rate_limited": total_status.get("429", 0),
        "failures": failures,
        "findings": aud.findings,
        "warnings": aud.warnings,
        "foreign_origin": dict(aud.origins),
        "panics": {"count": len(panics), "lines": panics},
        "sqlmap": sql,
        "status_by_endpoint": {e: dict(c) for e, c in sorted(aud.by_endpoint.items())},
    }
    Path(args.summary).parent.mkdir(parents=True, exist_ok=True)
    Path(args.summary).write_text(json.dumps(summary, indent=2) + "\n")

    s = summary["status"]
    print("\n==== Carrel security audit ====")
    print(f"discovered: {counts['server_fns']} server functions ({counts['fields']} fields), "
          f"{counts['pages']} page routes, {counts['files']} file routes")
    print(f"requests: {summary['requests']} ({aud.sent} sweep, {sql_requests} sqlmap) "
          f"in {summary['duration_seconds']} s")
    print(f"status: 2xx {s['2xx']}  3xx {s['3xx']}  4xx {s['4xx']} (+{s['429']} rate limited 429)  "
          f"5xx {s['5xx']}  conn errors {s['conn errors']}")
    print(f"\n5xx answers and dropped connections: {sum(f['count'] for f in failures)}")
    for f in failures[:15]:
        print(f"  {f['endpoint']}  ({f['count']})")
        for i in f["inputs"][:6]:
            print(f"      {i['result']:<26} {','.join(i['roles']):<22} {i['input']}")
        if len(f["inputs"]) > 6:
            print(f"      ... {len(f['inputs']) - 6} more inputs")
    if len(failures) > 15:
        print(f"  ... {len(failures) - 15} more endpoints (see {args.summary})")
    print(f"\nserver log lines with 'panicked': {len(panics)}")
    for line in panics[:20]:
        print(f"  {line}")
    print(f"\nfindings: {len(aud.findings)}")
    for line in dict.fromkeys(aud.findings):
        print(f"  {line}")
    print(f"foreign Origin on state-changing calls: {aud.origins['refused']} refused, "
          f"{aud.origins['accepted']} accepted")
    if aud.warnings:
        print(f"warnings: {len(aud.warnings)}")
        for line in aud.warnings:
            print(f"  {line}")
    print("\nsqlmap:")
    for r in sql:
        print(f"  {r['target']:<28} {r['verdict']}  ({r['requests']} requests, "
              f"{r['status'].get('429', 0)} rate limited, {r['seconds']} s)")
    print(f"\nrate limited (429): {summary['rate_limited']} requests")
    print(f"summary: {args.summary}")
    print("AUDIT " + ("PASSED" if ok else "FAILED"))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the served instance, http://127.0.0.1:PORT")
    ap.add_argument("--server-log", required=True)
    ap.add_argument("--outbox", required=True)
    ap.add_argument("--work", required=True, help="a scratch folder (sqlmap's output)")
    ap.add_argument("--sqlmap", required=True)
    ap.add_argument("--summary", default=str(ROOT / "target/audit/summary.json"))
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("AUDIT_TIMEOUT", 30)),
                    help="seconds per request (AUDIT_TIMEOUT)")
    ap.add_argument("--sqlmap-delay", type=float, default=float(os.environ.get("AUDIT_SQLMAP_DELAY", 0)),
                    help="seconds between sqlmap's requests, for rate limits (AUDIT_SQLMAP_DELAY)")
    ap.add_argument("--sqlmap-timeout", type=int, default=int(os.environ.get("AUDIT_SQLMAP_TIMEOUT", 600)),
                    help="seconds per sqlmap target (AUDIT_SQLMAP_TIMEOUT)")
    args = ap.parse_args()
    started = time.time()

    fns = server_functions()
    routes = page_routes() + file_routes()
    counts = {"server_fns": len(fns), "fields": sum(len(f.fields) for f in fns),
              "pages": len(page_routes()), "files": len(file_routes())}
    print(f"[audit] {counts['server_fns']} server functions, {len(routes)} routes", flush=True)

    aud = Auditor(args.base, args.timeout)
    visitor = Role("visitor", None, requests.Session())
    aud.make_account(AUDIT_EMAIL)
    aud.make_account(SQLMAP_EMAIL)
    member = Role("member", demo_member(args.outbox), requests.Session())
    admin = Role("admin", ADMIN_EMAIL, requests.Session())
    me = aud.sign_in(member)
    aud.sign_in(admin)
    print(f"[audit] member: {member.email}", flush=True)
    baselines = Baselines(discover(aud, member, me))
    roles = [visitor, member, admin]

    print("[audit] server functions", flush=True)
    sweep_server_fns(aud, fns, roles, baselines)
    print(f"[audit] foreign Origin ({aud.sent} requests so far)", flush=True)
    foreign_origins(aud, fns, member, baselines)
    print(f"[audit] pages and files ({aud.sent} requests so far)", flush=True)
    sweep_routes(aud, routes, roles, baselines.ctx)
    print(f"[audit] sweep done: {aud.sent} requests in {round(time.time() - started)} s", flush=True)
    sql = run_sqlmap(aud, args, member.email)

    log = Path(args.server_log).read_text(errors="replace")
    panics = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in log.splitlines() if "panicked" in line]
    sys.exit(0 if report(aud, args, sql, panics, started, counts) else 1)


if __name__ == "__main__":
    main()
