#!/usr/bin/env python3
"""Validate gold event annotations against their texts.

Usage: python3 check_gold.py [DIR_OR_FILE ...]

With no arguments, checks every ``*.gold.jsonl`` in the folder that holds this
script. Each ``NAME.gold.jsonl`` must sit next to ``NAME.txt``. The rules are
those of shared/eval/README.md:

- every line is a JSON object with doc, id, type, trigger, modality, arguments,
  cluster, required and optionally attributed_to (no other keys);
- doc equals NAME, ids are ``NAME#1``, ``NAME#2``, ... in text order of the
  trigger and unique across all files checked;
- type is Meeting, Demand, Attack or Exchange; modality is asserted, negated,
  hypothetical, planned or requested; required is a boolean; cluster a
  non-empty string;
- every span is {"text", "start", "end"} with 0 <= start < end <= len(text)
  and text == txt[start:end] (Python str offsets into the UTF-8 text);
- argument roles are allowed for the type; killed, injured and quantity are
  non-negative integers, every other role is a non-empty list of spans;
- no two mentions of the same type share a trigger span.

Prints a summary and exits 1 if anything is wrong.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

TYPES = {
    "Meeting": {"participants", "location", "time"},
    "Demand": {"demander", "addressee", "content", "territory"},
    "Attack": {"attacker", "target", "victims", "location", "time", "instrument", "killed", "injured"},
    "Exchange": {"parties", "items", "quantity"},
}
COUNT_ROLES = {"killed", "injured", "quantity"}
MODALITIES = ["asserted", "negated", "hypothetical", "planned", "requested"]
REQUIRED_KEYS = {"doc", "id", "type", "trigger", "modality", "arguments", "cluster", "required"}
OPTIONAL_KEYS = {"attributed_to"}


def check_span(span, text, where, errors):
    if not isinstance(span, dict) or set(span) != {"text", "start", "end"}:
        errors.append(f"{where}: span must be an object with exactly text, start, end: {span!r}")
        return
    s, e, t = span["start"], span["end"], span["text"]
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (s, e)) or not isinstance(t, str):
        errors.append(f"{where}: bad span field types: {span!r}")
        return
    if not (0 <= s < e <= len(text)):
        errors.append(f"{where}: offsets out of range {s}..{e} (text length {len(text)})")
        return
    if text[s:e] != t:
        errors.append(f"{where}: span text {t!r} != text[{s}:{e}] {text[s:e]!r}")
    if t != t.strip():
        errors.append(f"{where}: span {t!r} has leading or trailing whitespace")


def check_file(path: Path, seen_ids: set, stats: dict, errors: list):
    name = path.name[: -len(".gold.jsonl")]
    txt = path.with_name(name + ".txt")
    if not txt.exists():
        errors.append(f"{path.name}: no matching {txt.name}")
        return
    text = txt.read_text(encoding="utf-8")
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            errors.append(f"{where}: blank line")
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON: {exc}")
            continue
        if not isinstance(r, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        missing = REQUIRED_KEYS - set(r)
        extra = set(r) - REQUIRED_KEYS - OPTIONAL_KEYS
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
            continue
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        where = f"{path.name}:{n} ({r.get('id')})"
        if r["doc"] != name:
            errors.append(f"{where}: doc {r['doc']!r} != file name {name!r}")
        if not isinstance(r["id"], str) or not r["id"].startswith(name + "#"):
            errors.append(f"{where}: id must look like {name}#N")
        elif r["id"] in seen_ids:
            errors.append(f"{where}: duplicate id")
        seen_ids.add(r["id"])
        typ = r["type"]
        if typ not in TYPES:
            errors.append(f"{where}: unknown type {typ!r}")
            continue
        if r["modality"] not in MODALITIES:
            errors.append(f"{where}: unknown modality {r['modality']!r}")
        if not isinstance(r["required"], bool):
            errors.append(f"{where}: required must be true or false")
        if not isinstance(r["cluster"], str) or not r["cluster"]:
            errors.append(f"{where}: cluster must be a non-empty string")
        check_span(r["trigger"], text, where + " trigger", errors)
        if "attributed_to" in r:
            check_span(r["attributed_to"], text, where + " attributed_to", errors)
        args = r["arguments"]
        if not isinstance(args, dict):
            errors.append(f"{where}: arguments must be an object")
            args = {}
        for role, val in args.items():
            if role not in TYPES[typ]:
                errors.append(f"{where}: role {role!r} not allowed for {typ}")
                continue
            if role in COUNT_ROLES:
                if not isinstance(val, int) or isinstance(val, bool) or val < 0:
                    errors.append(f"{where}: {role} must be a non-negative integer, got {val!r}")
                else:
                    stats["counts"][role] += 1
                continue
            if not isinstance(val, list) or not val:
                errors.append(f"{where}: {role} must be a non-empty list of spans")
                continue
            for k, span in enumerate(val):
                check_span(span, text, f"{where} {role}[{k}]", errors)
            stats["roles"][f"{typ}.{role}"] += 1
        records.append(r)
    # ids in text order, numbered 1..n
    def start(r):
        t = r.get("trigger")
        return t.get("start", -1) if isinstance(t, dict) and isinstance(t.get("start"), int) else -1

    for k, r in enumerate(records, 1):
        if r.get("id") != f"{name}#{k}":
            errors.append(f"{path.name}: line {k} has id {r.get('id')!r}, expected {name}#{k}")
    starts = [start(r) for r in records]
    if starts != sorted(starts):
        errors.append(f"{path.name}: mentions are not in text order of their triggers")
    keys = Counter((r.get("type"), start(r), (r.get("trigger") or {}).get("end")) for r in records)
    for key, c in keys.items():
        if c > 1:
            errors.append(f"{path.name}: {c} mentions of type {key[0]} share the trigger span {key[1]}..{key[2]}")
    stats["docs"].append((name, len(text.split()), len(records), sum(1 for r in records if r.get("required") is True)))
    for r in records:
        stats["types"][r.get("type")] += 1
        stats["modalities"][r.get("modality")] += 1
        stats["type_req"][(r.get("type"), r.get("required"))] += 1
        if "attributed_to" in r:
            stats["attributed"] += 1


def main(argv):
    here = Path(__file__).resolve().parent
    targets = [Path(a) for a in argv] or [here]
    files = []
    for t in targets:
        if t.is_dir():
            files.extend(sorted(t.glob("*.gold.jsonl")))
        else:
            files.append(t)
    errors: list[str] = []
    if not files:
        errors.append("no *.gold.jsonl files found")
    stats = {"docs": [], "types": Counter(), "modalities": Counter(), "type_req": Counter(),
             "roles": Counter(), "counts": Counter(), "attributed": 0}
    seen: set = set()
    for f in files:
        check_file(f, seen, stats, errors)

    total = sum(d[2] for d in stats["docs"])
    req = sum(d[3] for d in stats["docs"])
    print(f"documents: {len(stats['docs'])}   mentions: {total} ({req} required, {total - req} optional)")
    for name, words, n, r in stats["docs"]:
        print(f"  {name:32s} {words:4d} words  {n:3d} mentions ({r} required)")
    print("by type (all / required):")
    for t in TYPES:
        print(f"  {t:9s} {stats['types'][t]:4d} / {stats['type_req'][(t, True)]}")
    print("by modality:")
    for m in MODALITIES:
        print(f"  {m:12s} {stats['modalities'][m]:4d}")
    print(f"with attributed_to: {stats['attributed']}")
    print("count roles: " + ", ".join(f"{k}={stats['counts'][k]}" for k in sorted(COUNT_ROLES)))
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
