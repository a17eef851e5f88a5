"""CoNLL-U reading and extraction speed of this checkout against another, interleaved in one run.

    git worktree add ../baseline <revision>
    python benchmarks/bench_conllu_compare.py ../baseline [--conllu DIR ...] [--rounds 4]

A shared machine's speed drifts by tens of per cent from one minute to the next, so two
benchmark runs minutes apart do not compare. Here the two checkouts run alternately, each
round in a fresh interpreter per checkout (the baseline's ``eventx`` and built-in plugins put
first on ``PYTHONPATH``, everything else from this environment), and the best round of each is
kept: the ratio of the two is the figure to quote. Documents stream one at a time, as in
``eventx extract --input-format conllu``; CPU seconds of the measuring process.

The corpora are the ``*.conllu`` files under each ``--conllu`` folder (default: the seed and
development articles parsed with the bundled model, which takes a minute first).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MEASURE = """
import json, sys, time
from pathlib import Path
from eventx import Extractor, ParsedDocument
from eventx.conllu import read_conllu, split_documents

docs = []
for folder in sys.argv[1:]:
    for path in sorted(Path(folder).rglob("*.conllu")):
        for number, (doc_id, text, _) in enumerate(split_documents(path.read_text(encoding="utf-8")), 1):
            docs.append((doc_id or f"{path.stem}-{number}", text))
extractor = Extractor()
extractor.extractors
best = None
for _ in range(4):
    read = extract = 0.0
    sentences = events = 0
    for doc_id, text in docs:
        start = time.process_time()
        document = ParsedDocument(doc_id, *read_conllu(text))
        middle = time.process_time()
        events += len(extractor.extract_document(document))
        read, extract = read + middle - start, extract + time.process_time() - middle
        sentences += len(document.sentences)
    if best is None or read + extract < sum(best):
        best = (read, extract)
print(json.dumps({"sentences": sentences, "events": events, "read": best[0], "extract": best[1]}))
"""


def seeds_conllu(folder: Path) -> None:
    """The seed and development articles parsed with the active model, one file each."""
    from eventx import Extractor
    from eventx.parsing import to_conllu

    files = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "seeds" / "dev").glob("*.txt"))
    extractor = Extractor()
    for path, doc in zip(files, extractor.parser.parse([f.read_text(encoding="utf-8") for f in files]), strict=True):
        (folder / f"{path.stem}.conllu").write_text(to_conllu(doc), encoding="utf-8")


def measure(checkout: Path | None, corpus: list[str]) -> dict[str, float]:
    env = dict(os.environ)
    if checkout is not None:
        first = [str(checkout), str(checkout / "plugins")]
        env["PYTHONPATH"] = os.pathsep.join([*first, env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *corpus], env=env, capture_output=True, text=True, check=True, cwd="/"
    )
    figures: dict[str, float] = json.loads(out.stdout)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("baseline", type=Path, help="a checkout of the revision to compare with")
    ap.add_argument("--conllu", action="append", default=[], metavar="DIR", help="a folder of *.conllu files")
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.conllu
        if not corpus:
            seeds_conllu(Path(scratch))
            corpus = [scratch]
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.rounds):
            for name, checkout in (("baseline", args.baseline.resolve()), ("this", None)):
                found = measure(checkout, corpus)
                if name not in best or found["read"] + found["extract"] < best[name]["read"] + best[name]["extract"]:
                    best[name] = found
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    for name, found in best.items():
        n = found["sentences"]
        print(
            f"{name:9} {n} sentences, {found['events']} events: read {n / found['read']:,.0f}/s, "
            f"extract {n / found['extract']:,.0f}/s, together {n / (found['read'] + found['extract']):,.0f}/s"
        )
    old, new = best["baseline"], best["this"]
    print(f"speed-up: read {old['read'] / new['read']:.2f}x, extract {old['extract'] / new['extract']:.2f}x, "
          f"together {(old['read'] + old['extract']) / (new['read'] + new['extract']):.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
