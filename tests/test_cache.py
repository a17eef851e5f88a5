"""The parse cache (--cache, EVENTX_CACHE) and `eventx parse` round trips, on the bundled model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import eventx
from eventx.cache import ParseCache
from eventx.cli import main
from eventx.conllu import Document, read_conllu
from eventx.parsing import StanzaParser, to_conllu
from eventx.serialize import event_to_dict

REPO = Path(__file__).resolve().parent.parent
SEEDS = (sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "seeds" / "dev").glob("*.txt")))[:4]
LONG_URL = "https://example.org/" + "a" * 400  # longer than the tokenizer's max_seqlen (300)


def cli(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args), prog_name="eventx")
    assert result.exit_code == 0, result.output
    return result


def no_parsing(self: StanzaParser, texts: Any) -> list[Any]:
    raise AssertionError(f"parsed {len(texts)} texts although the cache holds them")


# ---------------------------------------------------------------------------- without the model
def test_the_key_depends_on_the_text_and_the_model_identity(tmp_path: Path) -> None:
    one, other = ParseCache(tmp_path, "pack|0.5.0|tokenize,pos"), ParseCache(tmp_path, "pack|0.5.0|tokenize")
    assert one.path("a text") != one.path("another text")
    assert one.path("a text") != other.path("a text")
    assert one.path("a text") == ParseCache(tmp_path, "pack|0.5.0|tokenize,pos").path("a text")


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, "m")
    cache.path("text").parent.mkdir(parents=True)
    cache.path("text").write_text("1\tA\ta\tX\t_\t_\t2\tdep\t_\t_\n", encoding="utf-8")  # truncated: no root
    assert cache.get("text") is None and cache.misses == 1


# ---------------------------------------------------------------------------- with the model


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """The seeds extracted once with an empty cache: (cache folder, events)."""
    folder = tmp_path_factory.mktemp("cache")
    extractor = eventx.Extractor(cache=folder)
    events = [event_to_dict(e) for e in extractor.extract_many((p.stem, p.read_text(encoding="utf-8")) for p in SEEDS)]
    return folder, events


@pytest.mark.model
def test_a_warm_cache_skips_parsing_and_gives_the_same_events(
    cold: tuple[Path, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, events = cold
    assert len(list(folder.rglob("*.conllu"))) == len(SEEDS)
    monkeypatch.setattr(StanzaParser, "parse", no_parsing)
    monkeypatch.setenv("EVENTX_CACHE", str(folder))
    warm = eventx.Extractor()  # from EVENTX_CACHE
    again = [event_to_dict(e) for e in warm.extract_many((p.stem, p.read_text(encoding="utf-8")) for p in SEEDS)]
    assert again == events
    assert warm.engine.cache is not None and warm.engine.cache.hits == len(SEEDS)


@pytest.mark.model
def test_cached_events_equal_an_uncached_runs(cold: tuple[Path, list[dict[str, Any]]]) -> None:
    _, events = cold
    plain = eventx.Extractor()
    assert plain.engine.cache is None
    fresh = [event_to_dict(e) for e in plain.extract_many((p.stem, p.read_text(encoding="utf-8")) for p in SEEDS)]
    assert fresh == events


@pytest.mark.model
def test_the_cli_cache_option(
    cold: tuple[Path, list[dict[str, Any]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = cold
    plain = cli("extract", str(SEEDS[0])).stdout
    monkeypatch.setattr(StanzaParser, "parse", no_parsing)
    assert cli("extract", "--cache", str(folder), str(SEEDS[0])).stdout == plain


@pytest.mark.model
def test_parse_round_trips_several_documents_and_long_tokens(tmp_path: Path) -> None:
    url = tmp_path / "url.txt"
    url.write_text(f"The ministry published its statement at {LONG_URL} on Monday.\n", encoding="utf-8")
    inputs = [str(SEEDS[0]), str(SEEDS[1]), str(url)]
    parsed = tmp_path / "all.conllu"
    cli("parse", *inputs, "-o", str(parsed))
    conllu = parsed.read_text(encoding="utf-8")
    assert "<UNK>" not in conllu and f"\t{LONG_URL}\t" in conllu
    from_text = cli("extract", *inputs).stdout
    from_conllu = cli("extract", "--input-format", "conllu", str(parsed)).stdout
    assert from_conllu == from_text and from_text
    assert {line.split('"doc_id": "')[1].split('"')[0] for line in from_text.splitlines()} >= {
        SEEDS[0].stem,
        SEEDS[1].stem,
    }


@pytest.mark.model
def test_a_cached_document_writes_back_the_same_conllu(cold: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, _ = cold
    extractor = eventx.Extractor(cache=folder)
    text = SEEDS[0].read_text(encoding="utf-8")
    cached = extractor.engine.parse([text])[0]
    assert isinstance(cached, Document)
    fresh = eventx.Extractor().parser.parse([text])[0]
    assert to_conllu(cached) == to_conllu(fresh)
    assert read_conllu(to_conllu(cached))[1] == read_conllu(to_conllu(fresh))[1]
