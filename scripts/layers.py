#!/usr/bin/env python3
"""The layering check in `make test`.

Fails when a module of `app/src` reaches, through `use` or a `crate::`/`super::`
path, a module that reaches it back (a cycle: calls must go down), or when a
Rust source file that is not data (word lists) passes 800 lines, tests
included. A module is a file; the files of a folder such as
`mentorships/store/` count as one module, so they may use one another.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app" / "src"
MAX_LINES = 800
# Source folders whose files are checked for size; data (word lists) is not.
SIZED = ["app/src", "server/src", "server/tests", "server/benches", "frontend/src"]
DATA = re.compile(r"(^|/)(words|data)(/|\.rs$)|/words_[a-z_]+\.rs$")


def module_of(path: Path) -> tuple[str, ...]:
    parts = list(path.relative_to(APP).with_suffix("").parts)
    if parts[-1] in ("mod", "lib"):
        parts.pop()
    # Folders below a feature's module (mentorships/store/pair.rs) are one module.
    return tuple(parts[:2])


def strip(text: str) -> str:
    """The code without comments and with every string and char literal emptied."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i)
            i = n if i < 0 else i + 2
        elif (m := re.match(r'(?:b?r)(#*)"', text[i : i + 40])) and (i == 0 or not text[i - 1].isalnum()):
            close = '"' + m.group(1)
            i = text.find(close, i + m.end())
            i = n if i < 0 else i + len(close)
            out.append('""')
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            out.append('""')
        elif c == "'" and (m := re.match(r"'(\\[^']+|[^\\'])'", text[i : i + 12])):
            i += m.end()
            out.append("' '")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def expand(tree: str) -> list[str]:
    """`a::{b, c::{d, e}}` -> [`a::b`, `a::c::d`, `a::c::e`]."""
    tree = re.sub(r"\s+", "", tree)
    depth, start = 0, None
    for i, ch in enumerate(tree):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                prefix, inner, rest = tree[:start], tree[start + 1 : i], tree[i + 1 :]
                items, d, cur = [], 0, ""
                for c in inner:
                    if c == "," and d == 0:
                        items.append(cur)
                        cur = ""
                        continue
                    d += c == "{"
                    d -= c == "}"
                    cur += c
                items.append(cur)
                return [p for item in items if item for p in expand(prefix + item + rest)]
    return [tree]


def references(path: Path, here: tuple[str, ...]) -> set[tuple[str, ...]]:
    text = strip(path.read_text())
    found = set()
    paths = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        paths += expand(m.group(1))
    paths += re.findall(r"\b((?:crate|super)(?:::\w+)+)", text)
    rel = path.relative_to(APP).with_suffix("").parts
    for p in paths:
        segs = p.split("::")
        if segs[0] == "crate":
            segs = segs[1:]
        elif segs[0] == "super":
            # super:: from a/b.rs (or a/b/c.rs) is the enclosing folder.
            base = list(rel[:-1]) if rel[-1] != "mod" else list(rel[:-2])
            while segs and segs[0] == "super":
                segs = segs[1:]
            segs = base + segs
        else:
            continue
        found.add(tuple(segs))
    return found


def resolve(segs: tuple[str, ...], modules: set) -> tuple[str, ...] | None:
    for n in (2, 1):
        if tuple(segs[:n]) in modules:
            return tuple(segs[:n])
    return None


def cycles(graph: dict) -> list[list]:
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def main() -> int:
    files = [p for p in APP.rglob("*.rs")]
    modules = {module_of(p) for p in files}
    graph = {m: set() for m in modules}
    why = {}
    for p in files:
        here = module_of(p)
        for segs in references(p, here):
            target = resolve(segs, modules)
            if target and target != here and target != ():
                # A feature's mod.rs only declares its modules.
                if len(here) == 1 and len(target) == 2 and target[0] == here[0]:
                    continue
                graph[here].add(target)
                why.setdefault((here, target), f"{p.relative_to(ROOT)} uses {'::'.join(segs)}")
    failed = False
    for comp in cycles(graph):
        failed = True
        names = ", ".join("::".join(m) for m in comp)
        print(f"layers: a cycle between {names}:")
        members = set(comp)
        for a in comp:
            for b in sorted(graph[a] & members):
                print(f"    {why[(a, b)]}")
    for folder in SIZED:
        for p in sorted((ROOT / folder).rglob("*.rs")):
            rel = str(p.relative_to(ROOT))
            if DATA.search(rel):
                continue
            n = sum(1 for _ in p.open())
            if n > MAX_LINES:
                failed = True
                print(f"layers: {rel} has {n} lines (at most {MAX_LINES} outside data)")
    if not failed:
        print(f"layers: {len(modules)} modules, no cycles; every source file at most {MAX_LINES} lines")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
