#!/usr/bin/env python3
"""The phones-first budget: what a first visit to a route downloads before the
page is interactive, as transferred (the brotli files the build wrote), must
stay within BUDGET. Every page loads the shared runtime (carrel.js, carrel.wasm
and the split loader) and the plain scripts beside it (register-sw.js,
offline.js, the service worker they install, sw.js, and push.js, which only
/settings loads but is counted everywhere); a route with a lazy island also loads that island's
chunks, as listed in the build's split manifest. Fails `make test` when over.

Usage: scripts/budget.py [site_root] [hash_file]"""
import json
import pathlib
import sys
import zlib

BUDGET = 200_000  # bytes, brotli

site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/site") / "pkg"
hashes = dict(
    (k.strip(), v.strip())
    for k, v in (
        line.split(":", 1)
        for line in pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "target/release/hash.txt")
        .read_text()
        .splitlines()
        if ":" in line
    )
)


def brotli_size(name: str) -> int:
    """Size of the precompressed copy of `name` (a file stem or full name)."""
    matches = [p for p in site.glob(f"{name}*.br") if p.name.split(".")[0] == name.split(".")[0]]
    if not matches:
        sys.exit(f"budget: no brotli copy of {name} in {site}: build with --precompress")
    return matches[0].stat().st_size


shared = {
    "carrel.js": brotli_size(f"carrel.{hashes['js']}.js"),
    "carrel.wasm": brotli_size(f"carrel.{hashes['wasm']}.wasm"),
    "split loader": brotli_size(f"__wasm_split.{hashes['split']}.js"),
}
# The server compresses these as it sends them; gzip -9 stands in (brotli is smaller).
shared["plain scripts"] = sum(
    len(zlib.compress((site.parent / name).read_bytes(), 9)) for name in ("register-sw.js", "offline.js", "sw.js", "push.js")
)
base = sum(shared.values())
manifest = json.loads((site / f"__wasm_split_manifest.{hashes['manifest']}.json").read_text())

rows = [("every page (shared runtime)", base)]
for loader, chunks in sorted(manifest.items()):
    island = loader.split("_loader")[0]
    rows.append((f"+ {island} island", base + sum(brotli_size(c) for c in chunks)))

print(f"budget: first-visit JavaScript + wasm per route, brotli, limit {BUDGET:,} bytes")
over = False
for what, size in rows:
    flag = "" if size <= BUDGET else "  OVER"
    over |= size > BUDGET
    print(f"  {size:>9,}  {what}{flag}")
sys.exit(1 if over else 0)
