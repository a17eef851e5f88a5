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

BENCHMARKS = Path(__file__).resolve().parent

# Run in a fresh interpreter per checkout: bench_scale imports eventx only inside its functions,
# so the measuring code is this checkout's and the code measured is the one first on PYTHONPATH.
MEASURE = f"""
import json, sys
from pathlib import Path
sys.path.insert(0, {str(BENCHMARKS)!r})
import bench_scale

docs = [doc for folder in sys.argv[1:] for doc in bench_scale.conllu_files(Path(folder))]
sentences, events, read, extract = bench_scale.stream_conllu(docs, 4)
print(json.dumps({{"sentences": sentences, "events": events, "read": read, "extract": extract}}))
"""


def seeds_conllu(folder: Path) -> None:
    """The seed and development articles parsed with the active model, one file each."""
    from bench_scale import articles

    from eventx import Extractor
    from eventx.parsing import to_conllu

    docs = articles()
    parsed = Extractor().parser.parse([text for _, text in docs])
    for (doc_id, _), doc in zip(docs, parsed, strict=True):
        (folder / f"{doc_id}.conllu").write_text(to_conllu(doc), encoding="utf-8")


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
    ap.add_argument(
        "--conllu", action="append", default=[], type=Path, metavar="DIR", help="a folder of *.conllu files"
    )
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = [str(folder.resolve()) for folder in args.conllu]  # the measuring runs start in /
        empty = [folder for folder in args.conllu if not any(folder.rglob("*.conllu"))]
        if empty:
            ap.error(f"--conllu {empty[0]}: no *.conllu files there")
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
