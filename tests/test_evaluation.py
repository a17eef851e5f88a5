"""Corpus evaluation: several sets per call, roles a set annotates, errors by type, baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from eventx.cli import main
from eventx.evaltables import format_errors, load_baseline
from eventx.evaluation import annotated_roles, evaluate_sets

TEXT = "Shelling killed nine people in Kharkiv. Russia demanded talks. A drone hit a depot."


def _span(text: str, start: int = 0) -> dict[str, Any]:
    begin = TEXT.index(text, start)
    return {"text": text, "start": begin, "end": begin + len(text)}


def _gold(kind: str, trigger: str, **arguments: Any) -> dict[str, Any]:
    return {"type": kind, "trigger": _span(trigger), "modality": "asserted", "arguments": arguments}


def _prediction(doc: str, kind: str, trigger: str, **roles: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "doc_id": doc,
        "trigger": _span(trigger),
        "modality": "asserted",
        "attributed_to": None,
        "extractor": "test",
        "confidence": 1.0,
        **roles,
    }


def _write_set(folder: Path, doc: str, gold: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True)
    (folder / f"{doc}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{doc}.gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    return folder


@pytest.fixture
def two_sets(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Set A annotates victims and killed counts; set B annotates no arguments at all."""
    a = _write_set(
        tmp_path / "set-a",
        "a1",
        [
            _gold("Attack", "Shelling", victims=[_span("nine people")], killed=9),
            _gold("Demand", "demanded"),
        ],
    )
    b = _write_set(tmp_path / "set-b", "b1", [_gold("Attack", "hit")])
    predictions = tmp_path / "predictions.jsonl"
    lines = [
        _prediction("a1", "Attack", "Shelling", victims=[_span("nine people")], killed=7, location=[_span("Kharkiv")]),
        _prediction("a1", "Meeting", "talks"),
        _prediction("b1", "Attack", "hit", target=[_span("depot")]),
    ]
    predictions.write_text("".join(json.dumps(p) + "\n" for p in lines), encoding="utf-8")
    return a, b, predictions


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), prog_name="eventx")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_each_set_is_scored_on_its_own(two_sets: tuple[Path, Path, Path]) -> None:
    a, b, predictions = two_sets
    reports = evaluate_sets([a, b], predictions=predictions)
    assert list(reports) == ["set-a", "set-b"]
    assert (reports["set-a"].events.tp, reports["set-a"].events.fp, reports["set-a"].events.fn) == (1, 1, 1)
    assert (reports["set-b"].events.tp, reports["set-b"].events.fp, reports["set-b"].events.fn) == (1, 0, 0)


def test_roles_a_set_never_annotates_are_not_scored(two_sets: tuple[Path, Path, Path]) -> None:
    a, b, predictions = two_sets
    reports = evaluate_sets([a, b], predictions=predictions)
    assert set(reports["set-a"].by_role) == {"victims", "killed"}  # location is not annotated in set A
    assert reports["set-a"].arguments.tp == 1 and reports["set-a"].arguments.fp == 1  # killed 7 for 9
    assert reports["set-b"].arguments.fp == 0 and not reports["set-b"].by_role
    every = evaluate_sets([a, b], predictions=predictions, all_roles=True)
    assert "location" in every["set-a"].by_role and every["set-b"].by_role["target"].fp == 1


def test_annotated_roles_per_type_from_required_mentions() -> None:
    optional = {**_gold("Attack", "Shelling", target=[_span("Kharkiv")]), "required": False}
    gold = [_gold("Attack", "hit", victims=[_span("depot")], killed=None), _gold("Demand", "demanded"), optional]
    assert annotated_roles(gold) == {"Attack": frozenset({"victims"}), "Demand": frozenset()}


def test_errors_are_grouped_by_type_with_wrong_counts(two_sets: tuple[Path, Path, Path]) -> None:
    a, _, predictions = two_sets
    report = evaluate_sets([a], predictions=predictions)["set-a"]
    assert [(g["type"], role, g["arguments"][role], p[role]) for g, p, role in report.wrong_count] == [
        ("Attack", "killed", 9, 7)
    ]
    text = format_errors(report)
    assert text.index("Attack") < text.index("wrong count (1)") < text.index("Demand") < text.index("Meeting")
    assert "killed 9 -> 7" in text and "[demanded]" in text  # the miss, shown in its context


def test_cli_several_sets_json_and_baseline(
    two_sets: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    a, b, predictions = two_sets
    result = run("eval", str(a), str(b), "--predictions", str(predictions), "--json")
    assert result.exit_code == 0, result.stderr
    saved = json.loads(result.stdout)
    assert set(saved["sets"]) == {"set-a", "set-b"}
    assert saved["sets"]["set-a"]["events"]["recall"] == 0.5
    baseline = tmp_path / "before.json"
    saved["sets"]["set-a"]["events"]["recall"] = 0.25
    baseline.write_text(json.dumps(saved), encoding="utf-8")
    text = run("eval", str(a), str(b), "--predictions", str(predictions), "--baseline", str(baseline)).stdout
    assert "== set-a" in text and "== set-b" in text and "== summary" in text
    assert "R +0.250" in text  # 0.5 now against 0.25 saved


def test_one_set_json_keeps_its_shape_and_is_a_baseline(
    two_sets: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    a, _, predictions = two_sets
    out = run("eval", str(a), "--predictions", str(predictions), "--json", "--errors").stdout
    data = json.loads(out)
    assert data["events"]["tp"] == 1 and data["errors"]["missed"][0]["type"] == "Demand"
    saved = tmp_path / "one.json"
    saved.write_text(out, encoding="utf-8")
    assert load_baseline(saved)[""]["events"]["tp"] == 1


def test_a_bad_baseline_is_one_line(
    two_sets: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    a, _, predictions = two_sets
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = run("eval", str(a), "--predictions", str(predictions), "--baseline", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith("eventx: ") and result.stderr.count("\n") == 1


def test_grouping_scores_reach_the_set_table(two_sets: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from eventx.evaltables import format_set

    a, _, predictions = two_sets
    grouped = tmp_path / "grouped.jsonl"
    lines = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    grouped.write_text("".join(json.dumps({**p, "event_id": f"{p['doc_id']}#1"}) + "\n" for p in lines), "utf-8")
    report = evaluate_sets([a], predictions=grouped)["set-a"]
    assert report.grouping is not None and "grouping" in report.to_dict()
    assert "Grouping" in format_set("set-a", report)


def test_argument_spans_are_matched_one_to_one_as_many_as_possible() -> None:
    """A predicted span overlapping two gold spans must not take the one another prediction needs."""
    from eventx.evaluation import _score_spans

    gold = [{"start": 0, "end": 10}, {"start": 12, "end": 20}]
    pred = [{"start": 5, "end": 15}, {"start": 0, "end": 3}]  # the first overlaps both gold spans
    counts = _score_spans(gold, pred)
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)
    assert _score_spans(gold, pred[::-1]).tp == 2
    one = _score_spans(gold[:1], pred)
    assert (one.tp, one.fp, one.fn) == (1, 1, 0)
