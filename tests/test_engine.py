"""The engine (eventx.engine): one run loop for the API, the CLI and the workers."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from helpers import FIXTURES
from plugin_helpers import ALL, PLUGINS

import eventx
from eventx import Event, ParsedDocument, PluginManager
from eventx.conllu import read_conllu
from eventx.engine import Engine
from eventx.parsing import read_conllu_stanza, to_conllu
from eventx.serialize import event_to_dict

# MISC is left out: a fresh parse leaves "" or None in it depending on how a piece of text ended.
WORD_ATTRS = ("id", "text", "lemma", "upos", "xpos", "feats", "head", "deprel", "start_char", "end_char")


def attributes(word: Any) -> list[Any]:
    """A word's attributes; features as a set (Stanza's CoNLL-U writer may reorder them)."""
    return [set((word.feats or "").split("|")) if n == "feats" else getattr(word, n) for n in WORD_ATTRS]


REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "seeds" / "dev").glob("*.txt"))


def fixture_text(name: str) -> str:
    return (FIXTURES / f"{name}.conllu").read_text(encoding="utf-8")


class FakeParser:
    """Parses a text by looking it up among CoNLL-U fixtures; records each batch."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.by_text = {read_conllu(fixture_text(n))[1]: fixture_text(n) for n in ("talks", "sanctions")}

    def __call__(self, texts: Sequence[str]) -> list[Any]:
        self.batches.append(list(texts))
        return [read_conllu(self.by_text[t])[0] for t in texts]


def make_engine(parser: FakeParser, batch_size: int = 2) -> Engine:
    manager = PluginManager(entry_points=False, plugins=[(name, PLUGINS[name]) for name in ALL])
    return Engine(manager, lambda: manager.extractors, parser, batch_size=batch_size)


def test_results_come_in_input_order_with_texts_parsed_in_batches() -> None:
    parser = FakeParser()
    talks, sanctions = list(parser.by_text)
    parsed = ParsedDocument("pre", *read_conllu(fixture_text("talks")))
    engine = make_engine(parser)
    results = list(engine.results([("a", talks), parsed, sanctions, ("d", sanctions), talks]))
    assert [r.doc_id for r in results] == ["a", "pre", "doc-3", "d", "doc-5"]
    # The first batches ramp up (1, 2, 4, ... documents, so that the first results come at once),
    # then hold batch_size documents; parsed documents take their place in a batch without parsing.
    assert parser.batches == [[talks], [sanctions], [sanctions, talks]]
    assert [e.type for e in results[0].events] == [e.type for e in results[1].events] == ["Meeting", "Attack", "Attack"]


class StoppingEngine(Engine):
    """Interrupted (as by Ctrl-C) when it reaches the document "stop"."""

    def extract_document(self, document: ParsedDocument) -> list[Event]:
        if document.doc_id == "stop":
            raise KeyboardInterrupt
        return super().extract_document(document)


def test_a_stopped_batch_of_parsed_documents_gives_its_finished_results_first() -> None:
    manager = PluginManager(entry_points=False, plugins=[(name, PLUGINS[name]) for name in ALL])
    engine = StoppingEngine(manager, lambda: manager.extractors, FakeParser(), batch_size=4)
    docs = [ParsedDocument(name, *read_conllu(fixture_text("talks"))) for name in ("a", "b", "stop", "d")]
    seen: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        seen.extend(result.doc_id for result in engine.results(docs))  # batches: [a], [b, stop]
    assert seen == ["a", "b"]
    assert gc.isenabled()


def test_every_plugins_events_pass_the_check_and_every_document_the_post_processing() -> None:
    seen: list[tuple[str, str, int]] = []

    class Recording(Engine):
        def accept(self, plugin: str, events: list[Event], document: ParsedDocument) -> list[Event]:
            seen.append(("accept", plugin, len(events)))
            return events

        def postprocess(self, events: list[Event], document: ParsedDocument) -> list[Event]:
            seen.append(("postprocess", document.doc_id, len(events)))
            return super().postprocess(events, document)

    manager = PluginManager(entry_points=False, plugins=[(name, PLUGINS[name]) for name in ALL])
    engine = Recording(manager, lambda: manager.extractors, FakeParser())
    engine.extract_document(ParsedDocument("talks", *read_conllu(fixture_text("talks"))))
    assert [s[:2] for s in seen] == [("accept", spec.name) for spec in manager.extractors] + [("postprocess", "talks")]


def test_a_bad_input_type_is_a_type_error_naming_the_document() -> None:
    parser = FakeParser()
    with pytest.raises(TypeError, match="document 2: expected a text"):
        list(make_engine(parser).results([next(iter(parser.by_text)), 42]))


# ---------------------------------------------------------------------------- the real model
@pytest.fixture(scope="module")
def seeds_parsed() -> list[tuple[str, str, Any]]:
    """The seed and development articles, parsed once with the bundled model: (id, text, Stanza Document)."""
    extractor = eventx.Extractor()
    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in SEEDS]
    docs = extractor.parser.parse([text for _, text in texts])
    return [(doc_id, text, doc) for (doc_id, text), doc in zip(texts, docs, strict=True)]


@pytest.mark.model
def test_seeds_conllu_gives_the_same_events_through_the_light_reader_stanzas_and_the_parse(
    seeds_parsed: list[tuple[str, str, Any]],
) -> None:
    extractor = eventx.Extractor()
    total = 0
    for doc_id, text, doc in seeds_parsed:
        conllu = to_conllu(doc)
        light, light_text = read_conllu(conllu)
        for fresh, read in zip(doc.sentences, light.sentences, strict=True):
            for a, b in zip(fresh.words, read.words, strict=True):
                assert attributes(a) == attributes(b), (doc_id, a)
                assert a.parent.ner == b.parent.ner and a.parent.spaces_after == b.parent.spaces_after
        assert text.startswith(light_text) and not text[len(light_text) :].strip(), "the text, line breaks and all"
        direct = [event_to_dict(e) for e in extractor.extract_document(ParsedDocument(doc_id, doc, text))]
        via_light = [event_to_dict(e) for e in extractor.extract_document(ParsedDocument(doc_id, light, light_text))]
        stanza, stanza_text = read_conllu_stanza(conllu)
        via_stanza = [event_to_dict(e) for e in extractor.extract_document(ParsedDocument(doc_id, stanza, stanza_text))]
        assert via_light == via_stanza == direct, doc_id
        total += len(direct)
    assert total > 50, "the seeds hold many events"


def test_dask_without_the_extra_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    text = tmp_path / "a.txt"
    text.write_text("Talks resumed.", encoding="utf-8")
    code = (
        "import sys\n"
        "sys.modules['distributed'] = None\n"
        "from eventx.cli import main\n"
        f"main(['extract', '--dask', 'local', {str(text)!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == "eventx: eventx's Dask support needs the extra: pip install 'eventx[dask]'"


class FakePipeline:
    """Stands in for stanza.Pipeline: records its options, parses every text to no sentences."""

    options: ClassVar[dict[str, Any]] = {}

    def __init__(self, **options: Any) -> None:
        FakePipeline.options = options

    def bulk_process(self, docs: list[Any]) -> list[Any]:
        import stanza

        return [stanza.Document([], text=d.text) for d in docs]


@pytest.mark.model
@pytest.mark.parametrize("how", ["api", "cli"])
def test_the_device_reaches_stanza(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No GPU here: what is checked is that the choice arrives in stanza.Pipeline's options."""
    import stanza
    from click.testing import CliRunner

    from eventx.cli import main

    monkeypatch.setattr(stanza, "Pipeline", FakePipeline)
    if how == "api":
        assert eventx.Extractor(device="cuda:1").extract("Talks resumed.") == []
        assert (FakePipeline.options["device"], FakePipeline.options["use_gpu"]) == ("cuda:1", True)
    else:
        text = tmp_path / "a.txt"
        text.write_text("Talks resumed.", encoding="utf-8")
        result = CliRunner().invoke(main, ["extract", "--device", "cuda", str(text)])
        assert result.exit_code == 0, result.output
        assert (FakePipeline.options["device"], FakePipeline.options["use_gpu"]) == ("cuda", True)
    assert eventx.Extractor(device="cpu").extract("Talks resumed.") == []
    assert (FakePipeline.options["device"], FakePipeline.options["use_gpu"]) == ("cpu", False)


def test_each_run_numbers_repeated_ids_afresh(tmp_path: Path) -> None:
    """event_id stays the same when the same input runs again on the same extractor (a Dask task retried)."""
    parser = FakeParser()
    talks = next(iter(parser.by_text))
    manager = PluginManager(entry_points=False, plugins=[(name, PLUGINS[name]) for name in ALL])
    extractor = eventx.Extractor(plugins=manager)
    extractor.__dict__["parser"] = type("P", (), {"parse": staticmethod(parser)})()
    first = [e.event_id for r in extractor.results([("a", talks), ("a", talks)]) for e in r.events]
    again = [e.event_id for r in extractor.results([("a", talks), ("a", talks)]) for e in r.events]
    assert first == again and any(i.startswith("a~2-") for i in first if i)
