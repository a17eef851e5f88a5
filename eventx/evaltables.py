"""Plain-text tables of evaluation reports: per set and type, errors by type, change from a baseline."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eventx.evaluation import GOLD_TYPES, Counts, Report

COUNT_ROLES = ("killed", "injured", "quantity")


def load_baseline(path: Path) -> dict[str, dict[str, Any]]:
    """Set name -> scores from a saved ``eventx eval --json`` run (one set, or several under "sets")."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not an 'eventx eval --json' output ({exc.msg})") from exc
    if isinstance(data, dict) and isinstance(data.get("sets"), dict):
        return dict(data["sets"])
    if isinstance(data, dict) and "events" in data:
        return {"": data}  # a one-set run: compared with whichever set is scored alone
    raise ValueError(f"{path}: not an 'eventx eval --json' output (no 'events' or 'sets')")


def baseline_for(baseline: Mapping[str, dict[str, Any]], name: str, alone: bool) -> dict[str, Any] | None:
    """The baseline scores of set ``name``; a one-set baseline matches when one set is scored."""
    if name in baseline:
        return baseline[name]
    return baseline.get("") if alone or len(baseline) == 1 else None


def _delta(now: float, before: Any) -> str:
    if not isinstance(before, (int, float)):
        return "       "
    change = now - before
    return f" {change:+.3f}" if abs(change) >= 0.0005 else "  ±0   "


def _row(name: str, c: Counts, before: Mapping[str, Any] | None) -> str:
    line = f"  {name:<16} P {c.precision:6.3f}  R {c.recall:6.3f}  F1 {c.f1:6.3f}   (tp {c.tp}, fp {c.fp}, fn {c.fn})"
    if before is not None:
        line += "   Δ P{} R{} F1{}".format(
            _delta(c.precision, before.get("precision")),
            _delta(c.recall, before.get("recall")),
            _delta(c.f1, before.get("f1")),
        )
    return line


def format_set(name: str, report: Report, before: Mapping[str, Any] | None = None, per_doc: bool = False) -> str:
    """One set's table: events (all and by type), arguments (all and by role), attribution, modality."""
    b: Mapping[str, Any] = before or {}

    def prior(*keys: str) -> Mapping[str, Any] | None:
        if before is None:
            return None
        node: Any = b
        for key in keys:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return node if isinstance(node, dict) else {}

    required = report.events.tp + report.events.fn
    lines = [f"== {name}" if name else "==", f"{report.documents} documents, {required} required gold mentions"]
    lines += ["Events", _row("all", report.events, prior("events"))]
    lines += [_row(k, v, prior("events_by_type", k)) for k, v in sorted(report.by_type.items())]
    lines += ["Arguments (over matched required events)", _row("all", report.arguments, prior("arguments"))]
    lines += [_row(k, v, prior("arguments_by_role", k)) for k, v in sorted(report.by_role.items())]
    if report.scored_roles is not None:
        scored = ", ".join(f"{t}: {' '.join(sorted(r)) or '-'}" for t, r in sorted(report.scored_roles.items()))
        lines.append(f"  roles this set annotates (others not scored): {scored or 'none'}")
    if report.score_attribution:
        lines += ["Attribution", _row("attributed_to", report.attribution, prior("attribution"))]
    modality = f"Modality accuracy  {report.modality_accuracy:.3f}  ({report.modality_correct}/{report.modality_total})"
    if before is not None:
        modality += f"   Δ{_delta(report.modality_accuracy, b.get('modality_accuracy'))}"
    lines.append(modality)
    if report.grouping is not None:  # eventdata hook: B-cubed and CoNLL F1 of the event grouping
        lines += report.grouping.lines()
    if per_doc:
        lines += ["Events by document"] + [_row(k, v, None) for k, v in sorted(report.by_doc.items())]
    return "\n".join(lines)


def format_summary(reports: Mapping[str, Report], baseline: Mapping[str, dict[str, Any]] | None = None) -> str:
    """One line per set: event P/R/F1, argument P/R/F1, modality (with the change from the baseline)."""
    width = max(12, *(len(n) for n in reports))
    lines = [f"{'set':<{width}}  {'events P/R/F1':<20}  {'arguments P/R/F1':<20}  modality"]
    for name, r in reports.items():
        e, a = r.events, r.arguments
        line = (
            f"{name:<{width}}  {e.precision:.3f}/{e.recall:.3f}/{e.f1:.3f}   "
            f"{a.precision:.3f}/{a.recall:.3f}/{a.f1:.3f}   {r.modality_accuracy:.3f}"
        )
        before = baseline_for(baseline, name, len(reports) == 1) if baseline else None
        if before is not None:
            ev = before.get("events", {})
            line += f"   Δ event R{_delta(e.recall, ev.get('recall'))} P{_delta(e.precision, ev.get('precision'))}"
        lines.append(line)
    return "\n".join(lines)


def _context(report: Report, doc: str, span: Mapping[str, Any], width: int = 50) -> str:
    text = report.texts.get(doc)
    if text is None:
        return ""
    start, end = span["start"], span["end"]
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"   …{left}[{text[start:end]}]{right}…".replace("\n", " ")


def format_errors(report: Report) -> str:
    """Misses, spurious events, wrong modality and wrong counts, grouped by type, with the text around them."""
    lines: list[str] = []
    types = sorted(GOLD_TYPES | set(report.by_type))
    for kind in types:
        missed = [m for m in report.missed if m["type"] == kind]
        spurious = [p for p in report.spurious if p["type"] == kind]
        modality = [(g, p) for g, p in report.wrong_modality if g["type"] == kind]
        counts = [(g, p, r) for g, p, r in report.wrong_count if g["type"] == kind]
        if not (missed or spurious or modality or counts):
            continue
        lines.append(f"{kind}")
        lines.append(f"  missed ({len(missed)})")
        lines += [
            f"    {m['doc']}: {m['trigger']['text'][:60]!r} @{m['trigger']['start']}"
            f"{_context(report, m['doc'], m['trigger'])}"
            for m in missed
        ]
        lines.append(f"  spurious ({len(spurious)})")
        lines += [
            f"    {p['doc_id']}: {p['trigger']['text']!r} @{p['trigger']['start']} ({p.get('extractor')})"
            f"{_context(report, p['doc_id'], p['trigger'])}"
            for p in spurious
        ]
        lines.append(f"  wrong modality ({len(modality)})")
        lines += [
            f"    {g['doc']}: {p['trigger']['text']!r} @{p['trigger']['start']}: {g.get('modality')} -> "
            f"{p.get('modality')}{_context(report, g['doc'], p['trigger'])}"
            for g, p in modality
        ]
        lines.append(f"  wrong count ({len(counts)})")
        lines += [
            f"    {g['doc']}: {p['trigger']['text']!r} @{p['trigger']['start']}: {role} "
            f"{g['arguments'].get(role)} -> {p.get(role)}{_context(report, g['doc'], p['trigger'])}"
            for g, p, role in counts
        ]
    return "\n".join(lines)


def errors_to_dict(report: Report) -> dict[str, Any]:
    """The error lists of a report, for ``--json --errors``."""
    return {
        "missed": report.missed,
        "spurious": report.spurious,
        "wrong_modality": [{"gold": g, "predicted": p} for g, p in report.wrong_modality],
        "wrong_count": [{"gold": g, "predicted": p, "role": r} for g, p, r in report.wrong_count],
    }
