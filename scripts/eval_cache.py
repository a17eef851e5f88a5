"""Parse evaluation sets once, so that ``eventx eval --input-format conllu`` can re-score them in seconds.

For every ``NAME.gold.jsonl`` under each SET folder, the text ``NAME.txt`` is parsed with the
active model (the processors the installed extractors need) and written to
``OUT/SETNAME/NAME.conllu``; the gold and text files are symlinked beside it.  Scoring that
folder with ``--input-format conllu`` gives the same figures as scoring the set from raw text
with the same model (see docs/evaluation.md), while skipping the parse.

    OMP_NUM_THREADS=1 python scripts/eval_cache.py ../shared/eval-sets/* seeds --out ../evalcache

A set folder's own ``NAME.conllu`` (for example a parse shipped with the set) is never read.
Already parsed documents are skipped unless ``--force`` is given; delete the cache when the
model changes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

GOLD_SUFFIX = ".gold.jsonl"


def _link(source: Path, target: Path) -> None:
    if target.is_symlink() or target.exists():
        target.unlink()
    target.symlink_to(source.resolve())


def cache_set(folder: Path, out: Path, extractor: object, force: bool = False, batch: int = 16) -> int:
    """Parse one set into ``out``; returns the number of documents parsed now."""
    from eventx.parsing import to_conllu

    out.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[str, Path]] = []
    for gold in sorted(folder.rglob(f"*{GOLD_SUFFIX}")):  # subfolders mirrored: seeds/ holds seeds/dev/
        name = str(gold.relative_to(folder))[: -len(GOLD_SUFFIX)]
        text = gold.with_name(gold.name[: -len(GOLD_SUFFIX)] + ".txt")
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        _link(gold, out / f"{name}{GOLD_SUFFIX}")
        _link(text, out / f"{name}.txt")
        if force or not (out / f"{name}.conllu").exists():
            todo.append((name, text))
    for i in range(0, len(todo), batch):
        chunk = todo[i : i + batch]
        docs = extractor.parser.parse([t.read_text(encoding="utf-8") for _, t in chunk])  # type: ignore[attr-defined]
        for (name, _), doc in zip(chunk, docs, strict=True):
            (out / f"{name}.conllu").write_text(to_conllu(doc), encoding="utf-8")
    return len(todo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path, help="set folders holding NAME.txt and NAME.gold.jsonl")
    parser.add_argument("--out", type=Path, required=True, help="cache folder (one subfolder per set)")
    parser.add_argument("--model", help="model name or folder (default: the active model)")
    parser.add_argument("--force", action="store_true", help="parse again documents already in the cache")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from eventx.extractor import Extractor

    extractor = Extractor(model=args.model)
    for folder in args.sets:
        if not folder.is_dir():
            print(f"eval_cache: {folder}: not a folder", file=sys.stderr)
            return 1
        name = folder.resolve().name
        count = cache_set(folder, args.out / name, extractor, args.force)
        print(f"{folder} -> {args.out / name}: {count} parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
