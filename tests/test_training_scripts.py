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
