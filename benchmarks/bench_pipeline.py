"""Throughput of parsing and extraction on the bundled articles.

    python benchmarks/bench_pipeline.py [--repeat 3] [--threads N] [--json]

Reports, on this machine:
  * documents and tokens per second for Stanza parsing alone;
  * documents per second for parse plus extract;
  * extraction's share of the parse time (target: under 5%);
  * peak resident memory.

The articles are ``seeds/*.txt`` and ``seeds/dev/*.txt``.  Each measurement
is the best of ``--repeat`` runs, after one warm-up run.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def articles() -> list[tuple[str, str]]:
    files = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "seeds" / "dev").glob("*.txt"))
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    from eventx import Extractor, ParsedDocument

    extractor = Extractor(model=args.model)
    docs = articles()
    texts = [t for _, t in docs]
    extractor.parser.parse(texts[:1])  # load the pipeline and warm up

    parse_times, extract_times = [], []
    parsed: list = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        parsed = extractor.parser.parse(texts)
        parse_times.append(time.perf_counter() - start)
        documents = [ParsedDocument(name, doc, text) for (name, text), doc in zip(docs, parsed, strict=True)]
        start = time.perf_counter()
        for document in documents:
            extractor.extract_document(document)
        extract_times.append(time.perf_counter() - start)

    tokens = sum(len(s.tokens) for d in parsed for s in d.sentences)
    parse_s, extract_s = min(parse_times), min(extract_times)
    figures = {
        "machine": f"{platform.machine()}, {torch.get_num_threads()} torch threads",
        "model": extractor.model.name,
        "processors": extractor.processors,
        "documents": len(docs),
        "tokens": tokens,
        "parse_seconds": round(parse_s, 3),
        "extract_seconds": round(extract_s, 4),
        "parse_docs_per_second": round(len(docs) / parse_s, 2),
        "parse_tokens_per_second": round(tokens / parse_s, 1),
        "parse_and_extract_docs_per_second": round(len(docs) / (parse_s + extract_s), 2),
        "extract_docs_per_second": round(len(docs) / extract_s, 1),
        "extraction_share_of_parse": round(extract_s / parse_s, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        print(f"{key:36} {value}")
    share = figures["extraction_share_of_parse"]
    print(f"\nextraction is {share:.2%} of parse time (target < 5%): {'OK' if share < 0.05 else 'OVER'}")
    sys.exit(0)


if __name__ == "__main__":
    main()
