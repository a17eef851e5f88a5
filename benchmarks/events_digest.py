"""The number of events and a digest of their JSON, extracted from every parsed document under some folders.

    python benchmarks/events_digest.py [--rounds N] DIR [DIR ...]

For checking that a speed change leaves the output alone: every ``*.conllu`` file under the
folders (``# newdoc`` splits a file) is read with the light reader, every installed extractor
runs on each document, and each event's JSON (``eventx.serialize.to_json``) goes into one
SHA-256 digest, in file and event order.  Two checkouts that print the same line give the same
events byte for byte.  ``--rounds`` repeats the extraction (for instruction counts: rounds N
minus rounds 0 is the extraction alone).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    from eventx import Extractor, ParsedDocument
    from eventx.conllu import read_conllu
    from eventx.serialize import to_json

    texts = [doc for folder in args.folders for doc in bench_scale.conllu_files(folder)]
    documents = [ParsedDocument(doc_id, *read_conllu(text)) for doc_id, text in texts]
    extractor = Extractor(resolve=False)
    digest, count = hashlib.sha256(), 0
    for _ in range(args.rounds):
        for document in documents:
            for event in extractor.extract_document(document):
                digest.update(to_json(event).encode())
                count += 1
    print(count, digest.hexdigest()[:16])


if __name__ == "__main__":
    main()
