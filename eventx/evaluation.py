"""Scoring predicted events against gold annotations (``docs/evaluation.md``).

Gold files are JSON Lines (``NAME.gold.jsonl`` beside ``NAME.txt``).  An event
is found when a prediction of the same type in the same document has a
trigger overlapping the gold trigger; each gold mention matches at most one
prediction.  Gold mentions with ``required: false`` cost nothing: found or
not, they count neither way, and the prediction that matches one is not a
false positive.  Arguments are scored over the matched required pairs, role by
role (spans match when they overlap; counts must be equal); ``attributed_to``
is scored the same way but reported apart.  Modality accuracy is over the
matched required pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import define, field

from eventx.serialize import event_to_dict

if TYPE_CHECKING:
    from eventx.plugins import PluginManager

GOLD_SUFFIX = ".gold.jsonl"
# The gold format annotates the four core types; events of plugin types are not scored.
GOLD_TYPES = frozenset({"Meeting", "Demand", "Attack", "Exchange"})


@define
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@define
class Report:
    events: Counts = field(factory=Counts)
    by_type: dict[str, Counts] = field(factory=lambda: defaultdict(Counts))
    arguments: Counts = field(factory=Counts)
    by_role: dict[str, Counts] = field(factory=lambda: defaultdict(Counts))
    attribution: Counts = field(factory=Counts)
    modality_correct: int = 0
    modality_total: int = 0
    by_doc: dict[str, Counts] = field(factory=lambda: defaultdict(Counts))
    missed: list[dict[str, Any]] = field(factory=list)
    spurious: list[dict[str, Any]] = field(factory=list)
    wrong_modality: list[tuple[dict[str, Any], dict[str, Any]]] = field(factory=list)
    grouping: Any = None  # eventx.eventdata.scoring.GroupingScores, when predictions carry event_id

    @property
    def modality_accuracy(self) -> float:
        return self.modality_correct / self.modality_total if self.modality_total else 0.0

    def to_dict(self, per_doc: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "events": self.events.to_dict(),
            "events_by_type": {k: v.to_dict() for k, v in sorted(self.by_type.items())},
            "arguments": self.arguments.to_dict(),
            "arguments_by_role": {k: v.to_dict() for k, v in sorted(self.by_role.items())},
            "attribution": self.attribution.to_dict(),
            "modality_accuracy": round(self.modality_accuracy, 4),
            "modality_pairs": self.modality_total,
        }
        if per_doc:
            out["events_by_doc"] = {k: v.to_dict() for k, v in sorted(self.by_doc.items())}
        if self.grouping is not None:  # eventdata hook: grouping scores
            out["grouping"] = self.grouping.to_dict()
        return out


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def _score_spans(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> Counts:
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and _overlaps(g, p):
                used.add(i)
                tp += 1
                break
    return Counts(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


def _score_value(gold: Any, pred: Any) -> Counts:
    if isinstance(gold, list) or isinstance(pred, list):
        return _score_spans(gold if isinstance(gold, list) else [], pred if isinstance(pred, list) else [])
    if gold is None and pred is None:
        return Counts()
    if gold == pred:
        return Counts(tp=1)
    return Counts(fp=int(pred is not None), fn=int(gold is not None))


def score_document(
    gold: list[dict[str, Any]], predictions: list[dict[str, Any]], report: Report, doc_id: str = ""
) -> None:
    """Add one document's scores to ``report``.  Gold lines use the gold format, predictions the event JSON."""
    predictions = [p for p in predictions if p["type"] in GOLD_TYPES]
    matched_pred: set[int] = set()
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    # required gold first, so that optional mentions never steal a prediction from a required one
    for g in sorted(gold, key=lambda g: not g.get("required", True)):
        best, best_overlap = None, 0
        for i, p in enumerate(predictions):
            if i in matched_pred or p["type"] != g["type"] or not _overlaps(g["trigger"], p["trigger"]):
                continue
            overlap = min(g["trigger"]["end"], p["trigger"]["end"]) - max(g["trigger"]["start"], p["trigger"]["start"])
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        required = g.get("required", True)
        counts = Counts()
        if best is not None:
            matched_pred.add(best)
            if required:
                counts.tp = 1
                pairs.append((g, predictions[best]))
        elif required:
            counts.fn = 1
            report.missed.append({"doc": doc_id, **g})
        report.events.add(counts)
        report.by_type[g["type"]].add(counts)
        report.by_doc[doc_id].add(counts)
    for i, p in enumerate(predictions):
        if i not in matched_pred:
            report.events.fp += 1
            report.by_type[p["type"]].fp += 1
            report.by_doc[doc_id].fp += 1
            report.spurious.append(p)
    for g, p in pairs:
        gold_args = g.get("arguments", {})
        roles = set(gold_args) | {k for k, v in p.items() if k not in _BASE_KEYS and v not in (None, [])}
        for role in sorted(roles):
            counts = _score_value(gold_args.get(role), p.get(role))
            report.arguments.add(counts)
            report.by_role[role].add(counts)
        gold_src = [g["attributed_to"]] if g.get("attributed_to") else []
        pred_src = [p["attributed_to"]] if p.get("attributed_to") else []
        report.attribution.add(_score_spans(gold_src, pred_src))
        report.modality_total += 1
        if g.get("modality") == p.get("modality"):
            report.modality_correct += 1
        else:
            report.wrong_modality.append((g, p))


_BASE_KEYS = frozenset(
    {"type", "doc_id", "sentence_index", "trigger", "modality", "attributed_to", "extractor", "confidence", "event_id"}
)


def read_gold(path: Path) -> list[dict[str, Any]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    return out


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.gold.jsonl`` file named or found (recursively) under the paths."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.rglob(f"*{GOLD_SUFFIX}"))
        elif path.name.endswith(GOLD_SUFFIX):
            found.append(path)
        else:
            raise ValueError(f"{path}: not a gold file (expected NAME{GOLD_SUFFIX}) or a folder")
    if not found:
        raise ValueError("no gold files found")
    return found


def evaluate_paths(
    paths: Sequence[Path],
    *,
    manager: PluginManager | None = None,
    model: str | None = None,
    input_format: str = "text",
    predictions: Path | None = None,
) -> Report:
    """Score predictions (given, or produced by extraction) for every gold file under ``paths``."""
    files = gold_files(paths)
    docs = {f.name[: -len(GOLD_SUFFIX)]: f for f in files}
    predicted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if predictions is not None:
        for line in predictions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                predicted[record["doc_id"]].append(record)
    else:
        from eventx.document import ParsedDocument
        from eventx.extractor import Extractor
        from eventx.parsing import read_conllu

        extractor = Extractor(plugins=manager, model=model)
        inputs: list[Any] = []
        for name, gold in docs.items():
            if input_format == "conllu":
                source = gold.with_name(name + ".conllu")
                doc, text = read_conllu(source.read_text(encoding="utf-8"))
                inputs.append(ParsedDocument(name, doc, text))
            else:
                source = gold.with_name(name + ".txt")
                inputs.append((name, source.read_text(encoding="utf-8")))
        for result in extractor.results(inputs):
            predicted[result.doc_id] = [event_to_dict(e) for e in result.events]
    report = Report()
    golds = {name: read_gold(gold) for name, gold in docs.items()}
    for name, gold_lines in golds.items():
        score_document(gold_lines, predicted.get(name, []), report, name)
    _score_grouping(report, golds, predicted)
    return report


def _score_grouping(report: Report, golds: dict[str, Any], predicted: dict[str, Any]) -> None:
    """eventdata hook: B-cubed and CoNLL F1 of the grouping, when the predictions carry ``event_id``."""
    if any(p.get("event_id") for preds in predicted.values() for p in preds):
        from eventx.eventdata.scoring import score_grouping

        report.grouping = score_grouping(golds, predicted)


def format_report(report: Report, per_doc: bool = False, errors: bool = False) -> str:
    """A plain-text table of the scores."""

    def row(name: str, c: Counts) -> str:
        return (
            f"  {name:<16} P {c.precision:6.3f}  R {c.recall:6.3f}  F1 {c.f1:6.3f}   (tp {c.tp}, fp {c.fp}, fn {c.fn})"
        )

    lines = ["Events", row("all", report.events)]
    lines += [row(k, v) for k, v in sorted(report.by_type.items())]
    lines += ["Arguments (over matched required events)", row("all", report.arguments)]
    lines += [row(k, v) for k, v in sorted(report.by_role.items())]
    lines += ["Attribution", row("attributed_to", report.attribution)]
    lines += [f"Modality accuracy  {report.modality_accuracy:.3f}  ({report.modality_correct}/{report.modality_total})"]
    if per_doc:
        lines += ["Events by document"] + [row(k, v) for k, v in sorted(report.by_doc.items())]
    if report.grouping is not None:  # eventdata hook
        lines += report.grouping.lines()
    if errors:
        lines += ["Missed (required gold not found)"]
        lines += [f"  {m['doc']}: {m['type']} {m['trigger']['text']!r} @{m['trigger']['start']}" for m in report.missed]
        lines += ["Spurious (predictions matching no gold)"]
        lines += [
            f"  {p['doc_id']}: {p['type']} {p['trigger']['text']!r} @{p['trigger']['start']} ({p['extractor']})"
            for p in report.spurious
        ]
        lines += ["Wrong modality (gold -> predicted)"]
        lines += [
            f"  {g['doc']}: {g['type']} {g['trigger']['text']!r} @{g['trigger']['start']}: "
            f"{g['modality']} -> {p['modality']}"
            for g, p in report.wrong_modality
        ]
    return "\n".join(lines)
