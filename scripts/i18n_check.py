#!/usr/bin/env python3
"""The translation check in `make test`.

Fails when a key of `app/locales/en` is missing from `app/locales/es` or the
other way round, when the two languages' versions of a key interpolate
different variables, when a value is empty, when a sentence is the same in
both (left untranslated; `app/locales/same.txt` lists the keys where that is
right), or when no source file uses a key (a dead key is a string no one
reviews). Plural forms (`_one`, `_other`, ...)
count as one key: each language has its own forms.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "app" / "locales"
SOURCES = [ROOT / "app" / "src", ROOT / "server" / "src"]
LANGS = ["en", "es"]
PLURAL = re.compile(r"_(zero|one|two|few|many|other)$")
VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def flatten(prefix: str, value, out: dict) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(f"{prefix}.{k}" if prefix else k, v, out)
    else:
        key = PLURAL.sub("", prefix)
        out.setdefault(key, []).append(value)


def load(lang: str) -> dict:
    keys: dict = {}
    for path in sorted((LOCALES / lang).glob("*.json")):
        flatten(path.stem, json.loads(path.read_text(encoding="utf-8")), keys)
    return keys


def variables(values: list) -> set:
    found = set()
    for v in values:
        found |= set(VARIABLE.findall(str(v)))
    # `count` is given to every plural form, used or not.
    return found - {"count"}


def main() -> int:
    tables = {lang: load(lang) for lang in LANGS}
    problems = []
    en, es = tables["en"], tables["es"]
    for key in sorted(en.keys() - es.keys()):
        problems.append(f"{key}: missing in es")
    for key in sorted(es.keys() - en.keys()):
        problems.append(f"{key}: missing in en")
    for key in sorted(en.keys() & es.keys()):
        if variables(en[key]) != variables(es[key]):
            problems.append(
                f"{key}: en uses {sorted(variables(en[key]))}, es uses {sorted(variables(es[key]))}"
            )
    same_ok = set((LOCALES / "same.txt").read_text(encoding="utf-8").split())
    for key in sorted(en.keys() & es.keys()):
        sentence = any(" " in str(v) or len(str(v)) > 12 for v in en[key])
        if sentence and en[key] == es[key] and key not in same_ok:
            problems.append(f"{key}: the same in en and es (untranslated?)")
    for lang, table in tables.items():
        for key, values in table.items():
            if any(isinstance(v, str) and not v.strip() for v in values):
                problems.append(f"{key}: empty in {lang}")
    code = "\n".join(
        p.read_text(encoding="utf-8") for d in SOURCES for p in d.rglob("*.rs")
    )
    used = set(re.findall(r"\b([a-z_]+(?:\.[a-z0-9_]+)+)\b", code))
    # `choices!` sets name their keys in parts: `Kind in ns.group { V = ("v", key) }`.
    for ns, group, body in re.findall(r"\w+ in (\w+)\.(\w+) \{(.*?)\n\s*\}", code, re.S):
        used |= {f"{ns}.{group}.{k}" for k in re.findall(r'= \("[^"]*", (\w+)\)', body)}
    # A list macro (`editor_words!`) names its keys as `ns.group.$word`, then lists the words.
    for p in (p for d in SOURCES for p in d.rglob("*.rs")):
        text = p.read_text(encoding="utf-8")
        for ns, group in re.findall(r"tr!\((\w+)\.(\w+)\.\$word\)", text):
            lists = re.findall(r"\w+!\(\s*([\w,\s]+?),?\s*\);", text)
            if lists:
                used |= {f"{ns}.{group}.{w.strip()}" for w in lists[-1].split(",") if w.strip()}
    for key in sorted(en.keys()):
        if key not in used:
            problems.append(f"{key}: no source file uses it")
    for p in problems:
        print(f"i18n: {p}", file=sys.stderr)
    print(f"i18n: {len(en)} keys in en and es, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
