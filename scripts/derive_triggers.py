"""Derive candidate trigger words for an event type from principled sources, for a person to check.

Sources (each candidate lists the ones that proposed it):

- ``vectors``: the nearest neighbours of the lexicon's current words in the GloVe vectors of
  the model pack (``pretrain/*.pt``), by cosine to the centroid of the seed words and by
  votes from each seed's own neighbours;
- ``definition``: words of a type definition that sit close to the seeds in the same space
  (a section of the PLOVER codebook, or any plain-text file: ACE/KAIROS definitions);
- ``morphology``: every regular form (-s, -es, -ed, -ing, -ion, with e-drop and consonant
  doubling) of a seed or candidate that the vectors know, so that a lemmatizer miss on an
  inflected form does not lose a trigger.

The output is a list to review, never a list to paste: check each candidate against the
annotation guidelines (its senses, the look-alikes of ``docs/extending-lexicons.md``), then
add the ones that hold to the lexicon TOML (or to a user lexicon in ``EVENTX_LEXICON_PATH``)
and measure on every evaluation set.

    python scripts/derive_triggers.py plugins/eventx_casualties/lexicon.toml attack_nouns attack_verbs \\
        --definition ../shared/reference/plover/PLOVER_MANUAL.tex --section ASSAULT --section FIGHT
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import tomllib

_WORD = re.compile(r"[a-z][a-z-]+")
_STOP = frozenset(
    "the a an and or of to in on at by for with from as is are was were be been this that these those it its "
    "which who whom such other any not no but if than then into over under also may can should would could "
    "their there they them he she his her we our you your one two more most some all each event events "
    "category code coded coder actor recipient mode modes used use using example examples".split()
)


def load_vectors(path: Path | None = None) -> tuple[list[str], Any]:
    """The words and unit-length vectors of the model pack's pretrain file (the active model's by default)."""
    import numpy as np
    from stanza.models.common.pretrain import Pretrain

    if path is None:
        from eventx.models import resolve_model

        found = sorted(Path(resolve_model(None).directory).rglob("pretrain/*.pt"))
        if not found:
            raise SystemExit("derive_triggers: the active model has no pretrain/*.pt; give --vectors")
        path = found[0]
    pretrain = Pretrain(str(path))
    emb = np.asarray(pretrain.emb, dtype="float32")
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    return [pretrain.vocab.id2unit(i) for i in range(len(emb))], emb


def forms(word: str) -> set[str]:
    """Regular inflections and nominalisations of a word (over-generated; the vocabulary filters them)."""
    stems = {word, word[:-1]} if word.endswith("e") else {word}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", word):
        stems.add(word + word[-1])  # "stab" -> "stabbed"
    out = {word + "s", word + "es"}
    for stem in stems:
        out |= {stem + "ed", stem + "ing", stem + "ion", stem + "ions", stem + "ings"}
    if word.endswith("ing") or word.endswith("ed"):
        root = word[:-3] if word.endswith("ing") else word[:-2]
        out |= {root, root + "e", root + "s", root + "es"}
    return out - {word}


def definition_words(path: Path, sections: list[str]) -> Counter[str]:
    """Content words of the named ``\\section{...}`` blocks of a LaTeX file (or of the whole text file)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if sections:
        blocks = re.split(r"\\section\{", text)
        text = " ".join(b for b in blocks if any(b.startswith(s) for s in sections))
    text = re.sub(r"\\[a-zA-Z]+", " ", text).lower()
    return Counter(w for w in _WORD.findall(text) if w not in _STOP)


def derive(
    seeds: set[str],
    words: list[str],
    emb: Any,
    top: int,
    definition: Counter[str] | None = None,
    neighbours: int = 10,
) -> dict[str, set[str]]:
    """Candidate -> the sources that proposed it (seed words excluded)."""
    import numpy as np

    index = {w: i for i, w in enumerate(words)}
    known = [index[s] for s in sorted(seeds) if s in index]
    if not known:
        raise SystemExit("derive_triggers: none of the seed words is in the vectors")
    centroid = emb[known].mean(axis=0)
    centroid /= np.linalg.norm(centroid)
    scores = emb @ centroid
    found: dict[str, set[str]] = defaultdict(set)
    for i in np.argsort(-scores)[: top + len(known)]:
        found[words[i]].add(f"vectors:centroid {scores[i]:.2f}")
    votes: Counter[str] = Counter()
    for i in known:
        votes.update(words[j] for j in np.argsort(-(emb @ emb[i]))[1 : neighbours + 1])
    for word, count in votes.items():
        if count >= 2:
            found[word].add(f"vectors:{count} seeds")
    threshold = float(np.sort(scores)[-top]) * 0.8 if len(scores) > top else 0.0
    for word in definition or {}:
        if word in index and scores[index[word]] >= threshold:
            found[word].add(f"definition {scores[index[word]]:.2f}")
    for word in [*seeds, *found]:
        for form in forms(word):
            if form in index and form not in seeds:
                found[form].add(f"morphology:{word}")
    return {w: s for w, s in found.items() if w not in seeds and len(w) > 2 and w.isalpha()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lexicon", type=Path, help="a lexicon TOML file")
    parser.add_argument("keys", nargs="+", help="the word lists to extend (dotted for tables: demand.verbs)")
    parser.add_argument("--definition", type=Path, help="a type definition (LaTeX codebook or plain text)")
    parser.add_argument("--section", action="append", default=[], help="codebook section(s) to read")
    parser.add_argument("--vectors", type=Path, help="a Stanza pretrain .pt file (default: the active model's)")
    parser.add_argument("--top", type=int, default=60, help="neighbours of the centroid to consider")
    args = parser.parse_args(argv)
    data = tomllib.loads(args.lexicon.read_text(encoding="utf-8"))
    seeds: set[str] = set()
    for key in args.keys:
        node: Any = data
        for part in key.split("."):
            node = node[part]
        seeds |= {w.lower() for w in node}
    words, emb = load_vectors(args.vectors)
    definition = definition_words(args.definition, args.section) if args.definition else None
    found = derive(seeds, words, emb, args.top, definition)
    for word in sorted(found, key=lambda w: (-len(found[w]), w)):
        print(f"{word}\t{'; '.join(sorted(found[word]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
