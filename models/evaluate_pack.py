"""Evaluate a Stanza English model pack the way Stanza does: CoNLL 2018 scores from raw text, NER F1.

    python models/evaluate_pack.py [--pack DIR] [--data ../shared/data] [--json OUT]

Syntax: for EWT test, GUM test and PUD, the raw text of each treebank (made
with Stanza's own ``conllu_to_text``) goes through the whole pipeline (our
tokenization, not gold tokens) and ``stanza.models.common.utils.ud_scores``
compares the output with the gold CoNLL-U.  NER: UNER English PUD, gold
tokens, entity-level precision/recall/F1 over PER/ORG/LOC with Stanza's scorer.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PACK = REPO / "models" / "eventx-model-en" / "eventx_model_en" / "pack"
TREEBANKS = {
    "EWT test": "UD_English-EWT/en_ewt-ud-test.conllu",
    "GUM test": "UD_English-GUM/en_gum-ud-test.conllu",
    "PUD": "UD_English-PUD/en_pud-ud-test.conllu",
}
METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS", "CLAS")


def syntax_scores(nlp: object, gold: Path, workdir: Path) -> dict[str, float]:
    import stanza
    from stanza.models.common.utils import ud_scores
    from stanza.utils.datasets.conllu_to_text import convert_text

    text_file = workdir / (gold.stem + ".txt")
    convert_text(str(gold), str(text_file))
    text = text_file.read_text(encoding="utf-8")
    start = time.perf_counter()
    doc = nlp(stanza.Document([], text=text))  # type: ignore[operator]
    seconds = time.perf_counter() - start
    # Stanza writes "<UNK>" for a few very long tokens (URLs); the scorer needs the text itself
    for sentence in doc.sentences:
        for token in sentence.tokens:
            original = text[token.start_char : token.end_char]
            if token.text != original and token.start_char is not None:
                token.text = original
                if len(token.words) == 1:
                    token.words[0].text = original
    system = workdir / (gold.stem + ".pred.conllu")
    system.write_text(f"{doc:C}\n\n", encoding="utf-8")
    scores = ud_scores(str(gold), str(system))
    out = {m: round(scores[m].f1 * 100, 2) for m in METRICS}
    out["tokens_per_second"] = round(doc.num_tokens / seconds, 1)
    return out


def ner_scores(pack: Path, iob2: Path) -> dict[str, float]:
    import stanza
    from stanza.models.ner.scorer import score_by_entity

    sents, gold = [], []
    words: list[str] = []
    tags: list[str] = []
    for line in [*iob2.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sents.append(words)
                gold.append(tags)
            words, tags = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tags.append(cols[2] if cols[2].split("-")[-1] in ("PER", "ORG", "LOC") else "O")
    nlp = stanza.Pipeline(
        "en",
        dir=str(pack),
        processors="tokenize,ner",
        tokenize_pretokenized=True,
        download_method=None,
        logging_level="WARN",
    )
    doc = nlp(sents)
    pred = [[t.ner.replace("S-", "B-").replace("E-", "I-") for t in s.tokens] for s in doc.sentences]
    pred = [[t if t.split("-")[-1] in ("PER", "ORG", "LOC") else "O" for t in s] for s in pred]
    p, r, f1 = score_by_entity(pred, gold, verbose=False)[:3]
    return {"precision": round(p * 100, 2), "recall": round(r * 100, 2), "f1": round(f1 * 100, 2)}


def pack_size_mb(pack: Path) -> float:
    return round(sum(f.stat().st_size for f in pack.rglob("*") if f.is_file()) / 1e6, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pack", type=Path, default=DEFAULT_PACK)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--only", choices=["syntax", "ner"], help="run one half only")
    args = ap.parse_args()

    import stanza
    import torch

    results: dict[str, object] = {"pack_mb": pack_size_mb(args.pack), "torch_threads": torch.get_num_threads()}
    if args.only != "ner":
        nlp = stanza.Pipeline(
            "en",
            dir=str(args.pack),
            processors="tokenize,mwt,pos,lemma,depparse",
            download_method=None,
            logging_level="WARN",
        )
        with tempfile.TemporaryDirectory() as tmp:
            for name, rel in TREEBANKS.items():
                results[name] = syntax_scores(nlp, args.data / "ud-english" / rel, Path(tmp))
                print(name, results[name], flush=True)
    if args.only != "syntax":
        results["NER UNER-PUD"] = ner_scores(
            args.pack, args.data / "ner-english" / "UNER_English-PUD" / "en_pud-ud-test.iob2"
        )
        print("NER UNER-PUD", results["NER UNER-PUD"], flush=True)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
