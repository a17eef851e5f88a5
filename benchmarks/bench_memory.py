"""Peak memory of one run per document size, and for the worst inputs of issue 16.

    python benchmarks/bench_memory.py [--sizes 50000,200000,500000,2000000] [--json]

Each measurement is a fresh process (``eventx extract`` on one document, one torch
thread) whose peak resident memory (``ru_maxrss``) and CPU time are read by this
script, so the figures include Python, torch and the model (and its loading).
Documents are news-like text made from the paragraphs of ``seeds/*.txt`` and ``seeds/dev/*.txt``, shuffled anew for each
repetition, up to the size in UTF-8 bytes (2000000 is a document at the default size
limit; the runs lift the limit, for larger sizes); ``unpunctuated`` is one line of
``word word ...`` without punctuation (issue 16: 50,000 characters took 1.3 GB
before lines were cut into pieces); ``dense`` is a text of nothing but event
mentions (an Attack every 23 characters), the most events and grouping work
a document of its size can bring.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def news(size: int) -> str:
    """News-like text of at most ``size`` UTF-8 bytes: the seed articles' paragraphs, shuffled per repetition."""
    articles = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "seeds" / "dev").glob("*.txt"))
    paragraphs = [line for path in articles for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    shuffle = random.Random(0).shuffle
    lines: list[str] = []
    used = 0
    while True:
        shuffle(paragraphs)
        for line in paragraphs:
            cost = len(line.encode("utf-8")) + 1
            if used + cost > size:
                return "\n".join(lines)
            lines.append(line)
            used += cost


def measure(text: str) -> tuple[float, float, float]:
    """(peak resident MB, seconds, CPU seconds) of ``eventx extract`` on one document holding ``text``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text(text, encoding="utf-8")
        env = {**os.environ, "OMP_NUM_THREADS": "1", "EVENTX_MAX_BYTES": "0"}
        script = "import resource, sys, torch; torch.set_num_threads(1); from eventx.cli import main; main()"
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", script, "extract", str(path), "-o", os.devnull], env=env)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the maximum over all children
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise SystemExit(f"eventx extract failed with exit code {child.returncode}")
        peak = usage.ru_maxrss  # KB on Linux
    return peak / 1024, seconds, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="50000,200000,500000", help="document sizes in UTF-8 bytes, increasing")
    ap.add_argument("--unpunctuated", type=int, default=50_000, help="characters of the unpunctuated line (0: skip)")
    ap.add_argument("--dense", type=int, default=0, help="bytes of a text of nothing but event mentions (0: skip)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    cases = [("unpunctuated", "word " * (args.unpunctuated // 5))] if args.unpunctuated else []
    cases += [("news", news(int(size))) for size in args.sizes.split(",") if size]
    if args.dense:
        line = "Shelling hit the town.\n"
        cases.append(("dense", line * (args.dense // len(line))))
    for name, text in cases:
        mb, seconds, cpu = measure(text)
        row = {"document": name, "characters": len(text), "bytes": len(text.encode("utf-8")), "peak_mb": round(mb)}
        rows.append({**row, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1)})
        line = f"{name:>13} {len(text):>10,} chars  {mb:7.0f} MB  {seconds:6.1f} s  {cpu:6.1f} CPU s"
        print(json.dumps(rows[-1]) if args.json else line)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
