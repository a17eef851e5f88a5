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

Each folder (or file) given is a *set*, scored on its own.  A set annotates only
some roles (WikiEvents never marks times, PLOVER only casualty counts): by
default a role is scored for a type only where the set's gold has it somewhere
(:func:`annotated_roles`), and predictions of the other roles are neither right
nor wrong.  ``all_roles=True`` scores every role.
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
    # (gold, prediction, role) of matched pairs whose count role differs
    wrong_count: list[tuple[dict[str, Any], dict[str, Any], str]] = field(factory=list)
    documents: int = 0
    # the roles scored per type (None: every role); attribution is scored only where annotated
    scored_roles: dict[str, frozenset[str]] | None = None
    score_attribution: bool = True
    texts: dict[str, str] = field(factory=dict)
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
            "documents": self.documents,
            "scored_roles": None
            if self.scored_roles is None
            else {k: sorted(v) for k, v in sorted(self.scored_roles.items())},
        }
        if per_doc:
            out["events_by_doc"] = {k: v.to_dict() for k, v in sorted(self.by_doc.items())}
        if self.grouping is not None:  # eventdata hook: grouping scores
            out["grouping"] = self.grouping.to_dict()
        return out


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def _score_spans(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> Counts:
    """Match gold and predicted spans one to one where they overlap, as many pairs as possible
    (a maximum bipartite matching, so the result does not depend on the order of the spans)."""
    owner: dict[int, int] = {}  # predicted span -> the gold span it is matched to

    def match(g: int, seen: set[int]) -> bool:
        for i, p in enumerate(pred):
            if i in seen or not _overlaps(gold[g], p):
                continue
            seen.add(i)
            if i not in owner or match(owner[i], seen):
                owner[i] = g
                return True
        return False

    tp = sum(match(g, set()) for g in range(len(gold)))
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
        _score_pair(g, p, report, doc_id)


def _score_pair(g: dict[str, Any], p: dict[str, Any], report: Report, doc_id: str) -> None:
    gold_args = g.get("arguments", {})
    roles = set(gold_args) | {k for k, v in p.items() if k not in _BASE_KEYS and v not in (None, [])}
    if report.scored_roles is not None:
        roles &= report.scored_roles.get(g["type"], frozenset())
    for role in sorted(roles):
        counts = _score_value(gold_args.get(role), p.get(role))
        report.arguments.add(counts)
        report.by_role[role].add(counts)
        if isinstance(gold_args.get(role), int) and counts.tp == 0:
            report.wrong_count.append(({"doc": doc_id, **g}, p, role))
    if report.score_attribution:
        gold_src = [g["attributed_to"]] if g.get("attributed_to") else []
        pred_src = [p["attributed_to"]] if p.get("attributed_to") else []
        report.attribution.add(_score_spans(gold_src, pred_src))
    report.modality_total += 1
    if g.get("modality") == p.get("modality"):
        report.modality_correct += 1
    else:
        report.wrong_modality.append(({"doc": doc_id, **g}, p))


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


def annotated_roles(gold: Iterable[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """The roles a set annotates: per type, every role with a value in some required gold mention.

    Only required mentions count, because only they are scored: WikiEvents puts victims on its
    optional Die/Injure mentions, never on the Attack mentions that are scored.
    """
    found: dict[str, set[str]] = defaultdict(set)
    for g in gold:
        if not g.get("required", True):
            continue
        found[g["type"]] |= {role for role, value in g.get("arguments", {}).items() if value not in (None, [])}
    return {t: frozenset(r) for t, r in found.items()}


@define
class GoldSet:
    """One evaluation set: its name and gold files (document name -> path)."""

    name: str
    docs: dict[str, Path]

    @classmethod
    def from_paths(cls, paths: Sequence[Path], name: str | None = None) -> GoldSet:
        """The gold files named or found under ``paths``; the set is named after the first path."""
        files = gold_files(paths)
        first = paths[0]
        default = first.name[: -len(GOLD_SUFFIX)] if first.name.endswith(GOLD_SUFFIX) else first.resolve().name
        return cls(name or default, {f.name[: -len(GOLD_SUFFIX)]: f for f in files})

    def source(self, name: str, suffix: str) -> Path:
        gold = self.docs[name]
        return gold.with_name(gold.name[: -len(GOLD_SUFFIX)] + suffix)


def _read_input(gold_set: GoldSet, name: str, input_format: str) -> Any:
    from eventx.document import ParsedDocument
    from eventx.parsing import read_conllu

    text_path = gold_set.source(name, ".txt")
    if input_format != "conllu":
        return (name, text_path.read_text(encoding="utf-8"))
    doc, text = read_conllu(gold_set.source(name, ".conllu").read_text(encoding="utf-8"))
    if text_path.exists():
        # the text the gold offsets point into: line breaks and all, which the rebuilt text lacks
        original = text_path.read_text(encoding="utf-8")
        if len(original) >= len(text):
            text = original
    return ParsedDocument(name, doc, text)


def _predict(
    sets: Sequence[GoldSet], manager: PluginManager | None, model: str | None, input_format: str
) -> list[dict[str, list[dict[str, Any]]]]:
    """The predictions for every set's documents, made with one extractor."""
    from eventx.extractor import Extractor

    extractor = Extractor(plugins=manager, model=model)
    out: list[dict[str, list[dict[str, Any]]]] = []
    for gold_set in sets:
        names = list(gold_set.docs)
        inputs = (_read_input(gold_set, name, input_format) for name in names)
        results = extractor.results(inputs)
        out.append({name: [event_to_dict(e) for e in r.events] for name, r in zip(names, results, strict=True)})
    return out


def _read_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    predicted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            predicted[record["doc_id"]].append(record)
    return predicted


def _predictions_for(
    sets: Sequence[GoldSet],
    predictions: Path | None,
    manager: PluginManager | None,
    model: str | None,
    input_format: str,
) -> list[dict[str, list[dict[str, Any]]]]:
    """Each set's predictions: read from ``predictions`` when given, else made by extraction."""
    if predictions is None:
        return _predict(sets, manager, model, input_format)
    given = _read_predictions(predictions)
    return [{name: given.get(name, []) for name in s.docs} for s in sets]


def score_set(gold_set: GoldSet, predicted: dict[str, list[dict[str, Any]]], all_roles: bool = False) -> Report:
    """Score one set's predictions (document name -> event dicts)."""
    golds = {name: read_gold(path) for name, path in gold_set.docs.items()}
    every = [g for lines in golds.values() for g in lines]
    report = Report(documents=len(golds))
    if not all_roles:
        report.scored_roles = annotated_roles(every)
        report.score_attribution = any(g.get("attributed_to") for g in every)
    for name, gold in golds.items():
        text_path = gold_set.source(name, ".txt")
        if text_path.exists():
            report.texts[name] = text_path.read_text(encoding="utf-8")
        score_document(gold, predicted.get(name, []), report, name)
    _score_grouping(report, golds, predicted)
    return report


def evaluate_sets(
    paths: Sequence[Path],
    *,
    manager: PluginManager | None = None,
    model: str | None = None,
    input_format: str = "text",
    predictions: Path | None = None,
    all_roles: bool = False,
) -> dict[str, Report]:
    """Score each path (a set folder or a gold file) on its own; returns set name -> report.

    Extraction runs once over all sets with one model; ``predictions`` (event JSONL whose
    ``doc_id`` is the document name) replaces it.  See :func:`annotated_roles` for ``all_roles``.
    """
    sets = [GoldSet.from_paths([p]) for p in paths]
    predicted = _predictions_for(sets, predictions, manager, model, input_format)
    reports: dict[str, Report] = {}
    for gold_set, preds in zip(sets, predicted, strict=True):
        key = gold_set.name
        while key in reports:  # two folders of the same name
            key += "'"
        reports[key] = score_set(gold_set, preds, all_roles)
    return reports


def evaluate_paths(
    paths: Sequence[Path],
    *,
    manager: PluginManager | None = None,
    model: str | None = None,
    input_format: str = "text",
    predictions: Path | None = None,
    all_roles: bool = True,
) -> Report:
    """Score every gold file under ``paths`` together, as one set (every role scored by default)."""
    gold_set = GoldSet.from_paths(paths)
    predicted = _predictions_for([gold_set], predictions, manager, model, input_format)[0]
    return score_set(gold_set, predicted, all_roles)


def _score_grouping(report: Report, golds: dict[str, Any], predicted: dict[str, Any]) -> None:
    """eventdata hook: B-cubed and CoNLL F1 of the grouping, when the predictions carry ``event_id``."""
    if any(p.get("event_id") for preds in predicted.values() for p in preds):
        from eventx.eventdata.scoring import score_grouping

        report.grouping = score_grouping(golds, predicted)
