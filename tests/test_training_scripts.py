"""Pure helpers of the model-training scripts in models/ (no training is run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

MODELS = Path(__file__).resolve().parent.parent / "models"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, MODELS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("shape", [(7, 5), (3, 4, 5), (1, 5)])
def test_matmul_bilinear_equals_torch(shape: tuple[int, ...]) -> None:
    torch = pytest.importorskip("torch")
    stanza_run = load("stanza_run")
    gen = torch.Generator().manual_seed(0)
    x1 = torch.randn(*shape, generator=gen, requires_grad=True)
    x2 = torch.randn(*shape[:-1], 6, generator=gen, requires_grad=True)
    weight = torch.randn(4, 5, 6, generator=gen, requires_grad=True)
    bias = torch.randn(4, generator=gen, requires_grad=True)
    for b in (bias, None):
        expected = torch.nn.functional.bilinear(x1, x2, weight, b)
        got = stanza_run.matmul_bilinear(x1, x2, weight, b)
        assert got.shape == expected.shape
        assert torch.allclose(got, expected, atol=1e-5)
        grads = torch.autograd.grad(got.sum(), (x1, x2, weight))
        expected_grads = torch.autograd.grad(expected.sum(), (x1, x2, weight))
        for g, e in zip(grads, expected_grads, strict=True):
            assert torch.allclose(g, e, atol=1e-4)


def test_titles_leave_person_spans() -> None:
    train_pack = load("train_pack")
    sent = [("President", "B-PER"), ("Jimmy", "I-PER"), ("Carter", "I-PER"), ("met", "O"), ("Dr.", "B-PER")]
    sent += [("Lee", "I-PER"), ("and", "O"), ("the", "O"), ("Prime", "B-PER"), ("Minister", "I-PER")]
    assert train_pack.drop_titles(sent) == [
        ("President", "O"), ("Jimmy", "B-PER"), ("Carter", "I-PER"), ("met", "O"), ("Dr.", "O"),
        ("Lee", "B-PER"), ("and", "O"), ("the", "O"), ("Prime", "O"), ("Minister", "O"),
    ]  # fmt: skip
    names = [("Marshall", "B-PER"), ("Plan", "O"), ("King", "B-LOC"), ("County", "I-LOC")]
    assert train_pack.drop_titles(names) == names


def test_demonyms_come_from_treebank_adjectives(tmp_path: Path) -> None:
    train_pack = load("train_pack")
    rows = [
        ("Iraqi", "Iraqi", "ADJ"), ("Iraqi", "Iraqi", "ADJ"), ("Atlantic", "Atlantic", "ADJ"),
        ("German", "German", "PROPN"), ("German", "German", "PROPN"), ("German", "German", "ADJ"),
        ("Thai", "Thai", "ADJ"), ("US", "US", "ADJ"), ("cheap", "cheap", "ADJ"),
    ]  # fmt: skip
    lines = [f"{i}\t{form}\t{lemma}\t{upos}\t_\t_\t0\troot\t_\t_" for i, (form, lemma, upos) in enumerate(rows, 1)]
    conllu = tmp_path / "t.conllu"
    conllu.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    assert train_pack.demonyms(conllu) == frozenset({"Iraqi", "Thai"})


def test_group_names_leave_person_and_place_spans() -> None:
    train_pack = load("train_pack")
    groups = frozenset({"Iraqi", "Thai"})
    sent = [
        ("Iraqi", "B-LOC"), ("troops", "O"), ("met", "O"), ("Thais", "B-PER"), ("and", "O"), ("Thais", "B-LOC"),
        ("at", "O"), ("Iraqi", "B-ORG"), ("Airways", "I-ORG"), ("and", "O"), ("Thai", "B-LOC"), ("Town", "I-LOC"),
    ]  # fmt: skip
    assert train_pack.drop_group_names(sent, groups) == [
        ("Iraqi", "O"), ("troops", "O"), ("met", "O"), ("Thais", "O"), ("and", "O"), ("Thais", "B-LOC"),
        ("at", "O"), ("Iraqi", "B-ORG"), ("Airways", "I-ORG"), ("and", "O"), ("Thai", "B-LOC"), ("Town", "I-LOC"),
    ]  # fmt: skip


def test_io_labels_become_bio_and_other_types_o() -> None:
    train_pack = load("train_pack")
    sent = [("New", "I-LOC"), ("York", "I-LOC"), ("Times", "I-MISC"), ("Acme", "I-ORG"), ("Corp", "I-ORG")]
    assert train_pack.normalise_labels(sent, io_scheme=True) == [
        ("New", "B-LOC"), ("York", "I-LOC"), ("Times", "O"), ("Acme", "B-ORG"), ("Corp", "I-ORG"),
    ]  # fmt: skip
    assert train_pack.normalise_labels(sent, io_scheme=True, kinds=train_pack.WITH_MISC) == [
        ("New", "B-LOC"), ("York", "I-LOC"), ("Times", "B-MISC"), ("Acme", "B-ORG"), ("Corp", "I-ORG"),
    ]  # fmt: skip


def test_resources_json_describes_the_pack() -> None:
    train_pack = load("train_pack")
    en = train_pack.resources_json(["tokenize", "pos", "depparse"])["en"]
    assert en["default_processors"] == {"tokenize": "eventx", "pos": "eventx", "depparse": "eventx"}
    assert en["pos"]["eventx"]["dependencies"] == [{"model": "pretrain", "package": "eventx"}]
    assert "dependencies" not in en["tokenize"]["eventx"]
    assert en["default_dependencies"] == {"pretrain": "eventx"}


def test_best_tagger_score_reads_the_last_run(tmp_path: Path) -> None:
    train_pack = load("train_pack")
    log = tmp_path / "pos.log"
    assert train_pack.best_tagger_score(log) == 0.0
    log.write_text(
        "Training tagger...\nstep 250: train_loss = 2.0, dev_score = 0.9500\n"
        "Training tagger...\nstep 250: train_loss = 1.9, dev_score = 0.9012\n"
        "step 500: train_loss = 1.8, dev_score = 0.9137\n",
        encoding="utf-8",
    )
    assert train_pack.best_tagger_score(log) == 0.9137


class FakeWord:
    """The parts of a stanza Word that models/ner_agents.py reads."""

    def __init__(self, id: int, head: int, deprel: str, upos: str, lemma: str) -> None:
        self.id, self.head, self.deprel, self.upos, self.lemma = id, head, deprel, upos, lemma


def fake_parse(trees: dict[str, list[tuple[int, str, str, str]]]):  # type: ignore[no-untyped-def]
    """A parse function for relabel_agents that looks each sentence up in ``trees``."""

    def parse(sents: list[list[str]]) -> list[list[FakeWord]]:
        return [[FakeWord(i, *w) for i, w in enumerate(trees[" ".join(s)], 1)] for s in sents]

    return parse


AGENT_TREES = {
    # "Russia and China vetoed the resolution"
    "Russia and China vetoed the resolution": [
        (4, "nsubj", "PROPN", "Russia"), (3, "cc", "CCONJ", "and"), (1, "conj", "PROPN", "China"),
        (0, "root", "VERB", "veto"), (6, "det", "DET", "the"), (4, "obj", "NOUN", "resolution"),
    ],
    "Chile borders Peru": [(2, "nsubj", "PROPN", "Chile"), (0, "root", "VERB", "border"), (2, "obj", "PROPN", "Peru")],
    "the plan was rejected by Iran": [
        (2, "det", "DET", "the"), (4, "nsubj:pass", "NOUN", "plan"), (4, "aux:pass", "AUX", "be"),
        (0, "root", "VERB", "reject"), (6, "case", "ADP", "by"), (4, "obl:agent", "PROPN", "Iran"),
    ],
    "fighting in Sudan": [(0, "root", "VERB", "fight"), (3, "case", "ADP", "in"), (1, "obl", "PROPN", "Sudan")],
    "Paris announced it": [(2, "nsubj", "PROPN", "Paris"), (0, "root", "VERB", "announce"), (2, "obj", "PRON", "it")],
    "United States sanctioned them": [
        (2, "compound", "PROPN", "United"), (3, "nsubj", "PROPN", "States"), (0, "root", "VERB", "sanction"),
        (3, "obj", "PRON", "they"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "labels", "expected"),
    [
        ("Russia and China vetoed the resolution", "B-LOC O B-LOC O O O", "B-ORG O B-ORG O O O"),
        ("Chile borders Peru", "B-LOC O B-LOC", "B-LOC O B-LOC"),  # a stative verb: places
        ("the plan was rejected by Iran", "O O O O O B-LOC", "O O O O O B-ORG"),  # passive agent
        ("fighting in Sudan", "O O B-LOC", "O O B-LOC"),  # a place
        ("Paris announced it", "B-LOC O O", "B-LOC O O"),  # not a country
        ("United States sanctioned them", "B-LOC I-LOC O O", "B-ORG I-ORG O O"),
    ],
)
def test_countries_acting_as_agents_become_org(sentence: str, labels: str, expected: str) -> None:
    ner_agents = load("ner_agents")
    sent = list(zip(sentence.split(), labels.split(), strict=True))
    relabelled, changed = ner_agents.relabel_agents([sent], fake_parse(AGENT_TREES))
    assert [lab for _, lab in relabelled[0]] == expected.split()
    assert changed == sum(a != b for a, b in zip(labels.split(), expected.split(), strict=True) if b.startswith("B-"))


def test_relabel_agents_parses_only_sentences_with_a_country_and_skips_token_mismatches() -> None:
    ner_agents = load("ner_agents")
    seen: list[list[str]] = []

    def parse(sents: list[list[str]]) -> list[list[FakeWord]]:
        seen.extend(sents)
        return [[FakeWord(1, 0, "root", "VERB", "veto")] for _ in sents]  # one word for three tokens

    no_country = [("Acme", "B-ORG"), ("grew", "O")]
    country = [("Russia", "B-LOC"), ("vetoed", "O"), ("it", "O")]
    relabelled, changed = ner_agents.relabel_agents([no_country, country], parse)
    assert seen == [["Russia", "vetoed", "it"]]
    assert relabelled == [no_country, country] and changed == 0


def test_loc_spans_and_country_names() -> None:
    ner_agents = load("ner_agents")
    assert ner_agents.loc_spans(["B-LOC", "I-LOC", "O", "I-LOC", "B-LOC", "B-ORG"]) == [(0, 2), (3, 4), (4, 5)]
    names = ner_agents.country_names()
    assert {"Russia", "United States", "Viet Nam", "Vietnam", "U.S."} <= names
    assert "Paris" not in names


def test_last_ner_score_reads_the_predict_log() -> None:
    train_pack = load("train_pack")
    assert train_pack.last_ner_score("no score here\n") == 0.0
    log = (
        "2026-11-26 02:31:05 INFO: NER tagger score: en_ewtgum saved_models/a.pt dev.json 70.78\n"
        "2026-11-26 02:31:05 INFO: NER Entity F1 scores:\n"
        "2026-11-26 03:31:05 INFO: NER tagger score: en_ewtgum saved_models/b.pt dev.json 71.2\n"
    )
    assert train_pack.last_ner_score(log) == 71.2


def test_append_words_keeps_old_indices_and_adds_vectors() -> None:
    torch = pytest.importorskip("torch")
    np = pytest.importorskip("numpy")
    from collections import OrderedDict

    train_pack = load("train_pack")
    id2unit = ["<PAD>", "<UNK>", "the", "of"]
    pretrain = {
        "vocab": OrderedDict(_id2unit=id2unit, _unit2id=OrderedDict((w, i) for i, w in enumerate(id2unit))),
        "emb": torch.zeros(4, 3),
    }
    words = ["the", None, "new york", "kyiv", "of", "donbas", "avdiivka"]
    vectors = np.arange(21, dtype=np.float64).reshape(7, 3)
    grown = train_pack.append_words(pretrain, words, vectors, extra=2)
    assert grown["vocab"]["_id2unit"] == [*id2unit, "kyiv", "donbas"]
    assert grown["vocab"]["_unit2id"]["donbas"] == 5 and grown["vocab"]["_unit2id"]["the"] == 2
    assert grown["emb"].dtype == torch.float32 and grown["emb"].shape == (6, 3)
    assert grown["emb"][4].tolist() == [9.0, 10.0, 11.0] and grown["emb"][5].tolist() == [15.0, 16.0, 17.0]
    assert torch.equal(grown["emb"][:4], pretrain["emb"]) and pretrain["vocab"]["_id2unit"] == id2unit
    assert train_pack.append_words(pretrain, words, vectors, extra=0)["emb"].shape == (4, 3)


def test_init_from_names_the_trainers_it_supports() -> None:
    pytest.importorskip("torch")
    stanza_run = load("stanza_run")
    with pytest.raises(SystemExit, match=r"tokenizer, not stanza\.models\.parser"):
        stanza_run.init_from("depparse.pt", "stanza.models.parser")


def test_add_misc_tags_appends_misc_and_keeps_the_old_scores() -> None:
    torch = pytest.importorskip("torch")
    from collections import OrderedDict

    train_pack = load("train_pack")
    tags = ["<PAD>", "<UNK>", "<EMPTY>", "<ROOT>", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
    n = len(tags)
    checkpoint = {
        "vocab": OrderedDict(
            tag=OrderedDict(_id2unit=OrderedDict([(0, tags)]), _unit2id={0: {t: i for i, t in enumerate(tags)}}),
            word=OrderedDict(_id2unit=["<PAD>"]),
        ),
        "model": {
            "tag_clfs.0.weight": torch.arange(n * 2, dtype=torch.float32).reshape(n, 2),
            "tag_clfs.0.bias": torch.arange(n, dtype=torch.float32),
            "crits.0._transitions": torch.arange(n * n, dtype=torch.float32).reshape(n, n),
        },
    }
    grown = train_pack.add_misc_tags(checkpoint)
    new_tags = grown["vocab"]["tag"]["_id2unit"][0]
    assert new_tags == [*tags, "B-MISC", "I-MISC"] and grown["vocab"]["tag"]["_unit2id"][0]["I-MISC"] == n + 1
    assert tags == checkpoint["vocab"]["tag"]["_id2unit"][0][:n] and len(checkpoint["vocab"]["tag"]["_id2unit"][0]) == n
    model = grown["model"]
    assert torch.equal(model["tag_clfs.0.weight"][:n], checkpoint["model"]["tag_clfs.0.weight"])
    assert torch.equal(model["tag_clfs.0.weight"][n:], checkpoint["model"]["tag_clfs.0.weight"][[7, 8]])
    assert model["tag_clfs.0.bias"][n:].tolist() == [6.0, 7.0]  # ORG's bias, 1.0 lower
    trans, old = model["crits.0._transitions"], checkpoint["model"]["crits.0._transitions"]
    assert trans.shape == (n + 2, n + 2) and torch.equal(trans[:n, :n], old)
    assert trans[n, n + 1] == old[7, 8]  # B-MISC -> I-MISC as B-ORG -> I-ORG
    assert trans[8, n + 1] == old[8, 10]  # I-ORG -> I-MISC as I-ORG -> I-LOC
    assert trans[4, n] == old[4, 7]  # O -> B-MISC as O -> B-ORG
    assert isinstance(grown["vocab"], OrderedDict) and grown["vocab"]["word"] is checkpoint["vocab"]["word"]
    assert train_pack.add_misc_tags(grown) is grown


def test_save_pretrain_leaves_an_unchanged_pretrain_alone(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    train_pack = load("train_pack")
    path = tmp_path / "pretrain" / "eventx.pt"
    pretrain = {"vocab": {"_id2unit": ["<PAD>", "kyiv"]}, "emb": torch.ones(2, 3)}
    assert train_pack.save_pretrain(pretrain, path)
    written = path.read_bytes()
    assert not train_pack.save_pretrain({"vocab": {"_id2unit": ["<PAD>", "kyiv"]}, "emb": torch.ones(2, 3)}, path)
    assert path.read_bytes() == written
    assert train_pack.save_pretrain({"vocab": {"_id2unit": ["<PAD>", "kyiv"]}, "emb": torch.zeros(2, 3)}, path)
    assert torch.load(path, weights_only=False)["emb"].sum() == 0
    assert train_pack.save_pretrain({"vocab": {"_id2unit": ["<PAD>", "gaza"]}, "emb": torch.zeros(2, 3)}, path)
