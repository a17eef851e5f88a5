from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from helpers import BROKEN_SOURCE, FIXTURES, ISSUE_LINE, PLUGIN_SOURCE, Ceasefire

import eventx
from eventx import Attack, Event, Meeting, from_json
from eventx.cli import main
from eventx.records import CORE_TYPES

Install = Callable[..., Path]


def run(*args: str, stdin: bytes | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), prog_name="eventx", input=stdin)
    # Whatever the exit code, the CLI never ends in a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr or "--traceback" in args
    return result


@pytest.fixture
def testplug(install_plugins: Install, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test plugin installed under the entry-point name ``testplug``, and only it selected."""
    install_plugins(
        "eventx-testplug",
        "1.2.3",
        {"testplug": "eventx_testplug", "broken": "eventx_testbroken"},
        {"eventx_testplug": PLUGIN_SOURCE, "eventx_testbroken": BROKEN_SOURCE},
    )
    monkeypatch.setenv("EVENTX_PLUGINS", "testplug")


@pytest.fixture
def no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no-stanza-resources"))
    monkeypatch.setattr("eventx.models.installed_models", lambda: [])


TYPES: dict[str, type[Event]] = {t.type: t for t in (*CORE_TYPES, Ceasefire)}


def parse_jsonl(text: str) -> list[Event]:
    return [from_json(line, TYPES) for line in text.splitlines()]


def copy_fixture(name: str, to: Path, as_name: str | None = None) -> Path:
    target = to / (as_name or f"{name}.conllu")
    target.write_bytes((FIXTURES / f"{name}.conllu").read_bytes())
    return target


# ---------------------------------------------------------------------------- basics
def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"eventx, version {eventx.__version__}\n"


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: eventx [OPTIONS] COMMAND [ARGS]...")
    for command in ("eval", "extract", "models", "parse", "plugins", "types"):
        assert f"\n  {command} " in result.stdout
    assert run("-h").stdout == result.stdout


def test_types_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    result = run("types")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Meeting: participants, location, time"
    assert "Demand: demander, addressee, content, territory" in lines
    assert "Attack: attacker, target, victims, location, time, instrument, killed (count), injured (count)" in lines
    assert "Exchange: parties, items, quantity (count)" in lines
    assert "  shelling, strikes, bombing, raids, assaults, killings in conflict" in lines


def test_types_with_a_plugin_type(testplug: None) -> None:
    result = run("types")
    assert "Ceasefire: parties, days (count)" in result.stdout.splitlines()
    assert "Ceasefire" not in run("types", "--block-plugin", "testplug").stdout


def test_types_schema_is_valid_json_schema(testplug: None) -> None:
    result = run("types", "--schema")
    assert result.exit_code == 0
    schemas = json.loads(result.stdout)
    assert list(schemas) == ["Meeting", "Demand", "Attack", "Exchange", "Ceasefire"]
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(ISSUE_LINE), schemas["Attack"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads(ISSUE_LINE), "killed": "nine"}, schemas["Attack"])


def test_plugins_listing(testplug: None) -> None:
    result = run("plugins")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "testplug 1.2.3  [entry point eventx_testplug]",
        "  hooks: register_event_types, register_extractors",
    ]
    assert "eventx.merge  [core]" in lines and "  hooks: process_events" in lines
    assert "eventx.outputs  [core]" in lines
    assert lines[-1] == "extractors: keywords (depparse, lemma, pos, tokenize)"


def test_plugins_json_and_selection_flags(testplug: None) -> None:
    listed = json.loads(run("plugins", "--json").stdout)
    assert listed[0] == {
        "name": "testplug",
        "version": "1.2.3",
        "hooks": ["register_event_types", "register_extractors"],
        "source": "entry point eventx_testplug",
    }
    names = [p["name"] for p in json.loads(run("plugins", "--json", "--block-plugin", "testplug").stdout)]
    assert names == ["eventx.merge", "eventx.outputs"]
    names = [p["name"] for p in json.loads(run("plugins", "--json", "--plugins", "").stdout)]
    assert names == ["eventx.merge", "eventx.outputs"]


def test_plugins_reports_a_broken_plugin(testplug: None) -> None:
    result = run("plugins", "--plugins", "testplug,broken")
    assert result.exit_code == 0
    assert result.stderr == "eventx: plugin 'broken' failed in import: ImportError: this plugin is broken (skipped)\n"
    assert result.stdout.startswith("testplug 1.2.3")


def test_strict_mode_makes_a_broken_plugin_fatal(testplug: None, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (
        ["plugins", "--strict"],
        ["types", "--strict"],
        ["extract", "--strict", "--input-format", "conllu", str(FIXTURES / "talks.conllu")],
    ):
        monkeypatch.setenv("EVENTX_PLUGINS", "testplug,broken")
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr == "eventx: plugin 'broken' failed in import: ImportError: this plugin is broken\n"
        assert result.stdout == ""
    monkeypatch.setenv("EVENTX_STRICT", "1")
    assert run("types").exit_code == 1


# ---------------------------------------------------------------------------- extract
def test_extract_conllu_jsonl(testplug: None) -> None:
    result = run("extract", "--input-format", "conllu", str(FIXTURES / "talks.conllu"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert all(line.startswith('{"type": ') for line in lines)
    meeting, killed, hurt = parse_jsonl(result.stdout)
    assert isinstance(meeting, Meeting) and meeting.doc_id == "talks" and meeting.extractor == "keywords"
    assert meeting.trigger.text == "resumed" and meeting.sentence_index == 0 and meeting.confidence == 0.8
    assert [s.text for s in meeting.participants] == ["Talks between Armenia and Azerbaijan"]
    assert [s.text for s in meeting.location] == ["Geneva"]
    assert isinstance(killed, Attack) and killed.killed == 9 and [s.text for s in killed.victims] == ["nine people"]
    assert isinstance(hurt, Attack) and hurt.injured == 24 and hurt.sentence_index == 2
    assert killed.trigger.start < hurt.trigger.start


def test_extract_json_format_and_output_file(testplug: None, tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    result = run(
        "extract", "--input-format", "conllu", "--format", "json", "-o", str(out), str(FIXTURES / "talks.conllu")
    )
    assert result.exit_code == 0 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["type"] for d in data] == ["Meeting", "Attack", "Attack"]
    assert [d["doc_id"] for d in data] == ["talks"] * 3
    jsonl = run("extract", "--input-format", "conllu", str(FIXTURES / "talks.conllu")).stdout
    assert [json.dumps(d, ensure_ascii=False) for d in data] == jsonl.splitlines()


def test_extract_csv(testplug: None) -> None:
    result = run("extract", "--input-format", "conllu", "-f", "csv", str(FIXTURES / "talks.conllu"))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["trigger"] for r in rows] == ["resumed", "killed", "hurt"]
    assert rows[1]["killed"] == "9" and rows[1]["victims"] == "nine people"
    assert rows[0]["participants"] == "Talks between Armenia and Azerbaijan"
    assert "days" in rows[0], "plugin roles get columns too"


def test_extract_from_stdin(testplug: None) -> None:
    result = run("extract", "--input-format", "conllu", "-", stdin=(FIXTURES / "talks.conllu").read_bytes())
    assert result.exit_code == 0
    assert {e.doc_id for e in parse_jsonl(result.stdout)} == {"stdin"}


def test_one_bad_file_among_good_ones(testplug: None, tmp_path: Path) -> None:
    first = copy_fixture("talks", tmp_path, "a-talks.conllu")
    bad = tmp_path / "b-bad.conllu"
    bad.write_text(
        "1\tTalks\ttalk\tNOUN\tNNS\t_\t0\troot\t_\t_\n2\tresumed\tresume\tVERB\tVBD\t_\t1\n", encoding="utf-8"
    )
    last = copy_fixture("talks", tmp_path, "c-talks.conllu")
    result = run(
        "extract", "--input-format", "conllu", str(first), str(bad), str(tmp_path / "missing.conllu"), str(last)
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"eventx: {bad}: malformed CoNLL-U: line 2: expected 10 tab-separated columns, found 7",
        f"eventx: {tmp_path / 'missing.conllu'}: no such file or directory",
    ]
    assert [e.doc_id for e in parse_jsonl(result.stdout)] == ["a-talks"] * 3 + ["c-talks"] * 3


def test_a_directory_of_conllu_files(testplug: None, tmp_path: Path) -> None:
    copy_fixture("talks", tmp_path)
    copy_fixture("mwt", tmp_path)
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    result = run("extract", "--input-format", "conllu", str(tmp_path))
    assert result.exit_code == 0
    assert {e.doc_id for e in parse_jsonl(result.stdout)} == {"talks"}


def test_empty_file_is_a_warning_not_a_failure(testplug: None, tmp_path: Path) -> None:
    empty = tmp_path / "empty.conllu"
    empty.write_text("", encoding="utf-8")
    result = run("extract", "--input-format", "conllu", str(empty), str(FIXTURES / "talks.conllu"))
    assert result.exit_code == 0
    assert result.stderr == f"eventx: warning: {empty}: empty file, no events\n"
    assert len(result.stdout.splitlines()) == 3


def test_file_over_the_size_limit(testplug: None, tmp_path: Path) -> None:
    talks = copy_fixture("talks", tmp_path)
    result = run("extract", "--input-format", "conllu", "--max-bytes", "100", str(talks))
    assert result.exit_code == 1 and result.stdout == ""
    assert "over the size limit of 100 bytes" in result.stderr and str(talks) in result.stderr


def test_a_failing_extractor_is_reported_and_the_other_documents_go_on(testplug: None, tmp_path: Path) -> None:
    boom = copy_fixture("talks", tmp_path, "boom.conllu")
    fine = copy_fixture("talks", tmp_path, "fine.conllu")
    result = run("extract", "--input-format", "conllu", str(boom), str(fine))
    assert result.exit_code == 1
    assert result.stderr == (
        "eventx: plugin 'testplug' failed in extractor 'keywords' (boom): RuntimeError: kaboom (skipped)\n"
    )
    assert {e.doc_id for e in parse_jsonl(result.stdout)} == {"fine"}


def test_strict_mode_stops_at_a_failing_extractor_keeping_earlier_output(testplug: None, tmp_path: Path) -> None:
    first = copy_fixture("talks", tmp_path, "a.conllu")
    boom = copy_fixture("talks", tmp_path, "boom.conllu")
    result = run("extract", "--strict", "--input-format", "conllu", str(first), str(boom))
    assert result.exit_code == 1
    assert result.stderr == "eventx: plugin 'testplug' failed in extractor 'keywords' (boom): RuntimeError: kaboom\n"
    assert {e.doc_id for e in parse_jsonl(result.stdout)} == {"a"}


def test_traceback_shows_where_a_plugin_failed(testplug: None, tmp_path: Path) -> None:
    boom = copy_fixture("talks", tmp_path, "boom.conllu")
    result = run("extract", "--strict", "--traceback", "--input-format", "conllu", str(boom))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "eventx: plugin 'testplug' failed in extractor 'keywords' (boom): RuntimeError: kaboom"
    assert lines[1] == "Traceback (most recent call last):" and lines[-1] == "RuntimeError: kaboom"
    assert any("eventx_testplug" in line for line in lines), "the traceback reaches into the plugin's code"
    skipped = run("extract", "--traceback", "--input-format", "conllu", str(boom))
    assert skipped.stderr.splitlines()[0].endswith("RuntimeError: kaboom (skipped)")
    assert skipped.stderr.splitlines()[-1] == "RuntimeError: kaboom"


def test_a_plugin_failure_is_recorded_on_the_document_result(testplug: None, tmp_path: Path) -> None:
    from eventx import Extractor, ParsedDocument, PluginManager
    from eventx.parsing import read_conllu

    documents = []
    for name in ("fine", "boom"):
        doc, text = read_conllu((FIXTURES / "talks.conllu").read_text(encoding="utf-8"))
        documents.append(ParsedDocument(name, doc, text))
    fine, boom = Extractor(plugins=PluginManager(report=lambda message: None)).results(documents)
    assert fine.failures == []
    (failure,) = boom.failures
    assert (failure.plugin, failure.where, failure.error) == (
        "testplug",
        "extractor 'keywords' (boom)",
        "RuntimeError: kaboom",
    ), "the failure names the plugin, and the extractor whose name differs"
    assert failure.traceback.startswith("Traceback") and failure.traceback.rstrip().endswith("RuntimeError: kaboom")


def test_progress_bar_goes_to_stderr(testplug: None) -> None:
    result = run("extract", "--input-format", "conllu", "--progress", str(FIXTURES / "talks.conllu"))
    assert result.exit_code == 0
    assert "1doc" in result.stderr.replace(" ", "")
    assert len(result.stdout.splitlines()) == 3
    assert run("extract", "--input-format", "conllu", str(FIXTURES / "talks.conllu")).stderr == "", (
        "no bar when stderr is not a terminal"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "--format", "xml", "x.conllu"], "unknown format 'xml'; available: jsonl, json, csv, parquet"),
        (["extract"], "Missing argument 'PATHS...'"),
        (["extract", "--input-format", "pdf", "x"], "Invalid value for '--input-format'"),
        (["extract", "--workers", "0", "x"], "Invalid value for '-w' / '--workers'"),
        (["extract", "--bogus", "x"], "No such option '--bogus'"),
        (["frobnicate"], "No such command 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


# ---------------------------------------------------------------------------- without a model
def test_models_without_any_model(no_model: None) -> None:
    result = run("models")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("eventx: no English Stanza model found.")
    assert "pip install" in result.stderr and "--model" in result.stderr
    assert result.stderr.count("\n") == 1


def test_models_with_an_unknown_choice(no_model: None) -> None:
    result = run("models", "--model", "nonesuch")
    assert result.exit_code == 1
    assert (
        result.stderr == "eventx: unknown model 'nonesuch': not a folder, not an installed model package "
        "(none is installed)\n"
    )


def test_models_lists_a_model_folder(no_model: None, tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "resources.json").write_text('{"en": {"default_processors": {"tokenize": "x"}}}', encoding="utf-8")
    result = run("models", "--model", str(folder))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"* {folder}  [path] {folder}\n")


def test_extract_text_without_a_model(no_model: None, testplug: None, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Talks resumed.", encoding="utf-8")
    result = run("extract", str(text))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("eventx: no English Stanza model found.")
    assert result.stderr.count("\n") == 1


def test_parse_without_a_model(no_model: None, testplug: None, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Talks resumed.", encoding="utf-8")
    result = run("parse", str(text))
    assert result.exit_code == 1
    assert result.stderr.startswith("eventx: no English Stanza model found.")


# ---------------------------------------------------------------------------- eval
def test_eval_with_predictions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    issue = json.loads(ISSUE_LINE)
    gold = {
        "type": "Attack",
        "trigger": issue["trigger"],
        "modality": "asserted",
        "arguments": {"victims": issue["victims"], "killed": 9},
    }
    (tmp_path / "istanbul-talks.gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text(ISSUE_LINE + "\n", encoding="utf-8")
    result = run("eval", str(tmp_path), "--predictions", str(predictions), "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["events"]["tp"] == 1 and scores["events"]["f1"] == 1.0
    assert scores["arguments_by_role"]["killed"]["tp"] == 1
    assert scores["modality_accuracy"] == 1.0
    text = run("eval", str(tmp_path), "--predictions", str(predictions)).stdout
    assert text.startswith(f"== {tmp_path.name}\n") and "\nEvents\n" in text


def test_eval_without_gold_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    result = run("eval", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == "eventx: no gold files found\n"
