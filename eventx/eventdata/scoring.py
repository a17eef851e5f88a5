"""Scoring the grouping of mentions into events against the gold ``cluster`` field.

Only gold mentions that were found count (the mention-level scores say how many
were found): each is matched to a prediction as ``eventx eval`` matches events
(same type, overlapping triggers, largest overlap), and the prediction's
``event_id`` is its predicted cluster.  Reported: B-cubed (Bagga and Baldwin
1998), MUC (Vilain et al. 1995), CEAF-e (Luo 2005) and their mean, the CoNLL F1
(Pradhan et al. 2012).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import define, field

Clusters = list[set[str]]


@define
class GroupingScores:
    mentions: int = 0
    bcubed: tuple[float, float, float] = (0.0, 0.0, 0.0)
    muc: tuple[float, float, float] = (0.0, 0.0, 0.0)
    ceafe: tuple[float, float, float] = (0.0, 0.0, 0.0)
    by_doc: dict[str, float] = field(factory=dict)

    @property
    def conll_f1(self) -> float:
        return (self.bcubed[2] + self.muc[2] + self.ceafe[2]) / 3

    def to_dict(self) -> dict[str, Any]:
        def prf(v: tuple[float, float, float]) -> dict[str, float]:
            return {"precision": round(v[0], 4), "recall": round(v[1], 4), "f1": round(v[2], 4)}

        return {
            "mentions": self.mentions,
            "bcubed": prf(self.bcubed),
            "muc": prf(self.muc),
            "ceafe": prf(self.ceafe),
            "conll_f1": round(self.conll_f1, 4),
        }

    def lines(self) -> list[str]:
        return [
            f"Grouping into events (over {self.mentions} gold mentions found)",
            f"  B-cubed          P {self.bcubed[0]:6.3f}  R {self.bcubed[1]:6.3f}  F1 {self.bcubed[2]:6.3f}",
            f"  MUC              P {self.muc[0]:6.3f}  R {self.muc[1]:6.3f}  F1 {self.muc[2]:6.3f}",
            f"  CEAF-e           P {self.ceafe[0]:6.3f}  R {self.ceafe[1]:6.3f}  F1 {self.ceafe[2]:6.3f}",
            f"  CoNLL F1 {self.conll_f1:.3f}",
        ]


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return int(min(a["end"], b["end"]) - max(a["start"], b["start"]))


def matched_clusters(
    gold: Sequence[Mapping[str, Any]], predictions: Sequence[Mapping[str, Any]]
) -> tuple[Clusters, Clusters]:
    """Gold and predicted clusters over the gold mentions of one document that a prediction matches."""
    used: set[int] = set()
    key: dict[str, tuple[str, str]] = {}
    for number, g in enumerate(sorted(gold, key=lambda g: not g.get("required", True))):
        if "cluster" not in g:
            continue
        best, best_overlap = None, 0
        for i, p in enumerate(predictions):
            if i in used or p.get("type") != g["type"] or not p.get("event_id"):
                continue
            overlap = _overlap(g["trigger"], p["trigger"])
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            key[str(g.get("id", number))] = (str(g["cluster"]), str(predictions[best]["event_id"]))
    gold_c: dict[str, set[str]] = defaultdict(set)
    pred_c: dict[str, set[str]] = defaultdict(set)
    for mention, (g_c, p_c) in key.items():
        gold_c[g_c].add(mention)
        pred_c[p_c].add(mention)
    return list(gold_c.values()), list(pred_c.values())


def bcubed(gold: Clusters, pred: Clusters) -> tuple[float, float, float]:
    g_of = {m: c for c in gold for m in c}
    p_of = {m: c for c in pred for m in c}
    mentions = list(g_of)
    if not mentions:
        return 0.0, 0.0, 0.0
    p = sum(len(g_of[m] & p_of[m]) / len(p_of[m]) for m in mentions) / len(mentions)
    r = sum(len(g_of[m] & p_of[m]) / len(g_of[m]) for m in mentions) / len(mentions)
    return p, r, _f(p, r)


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    of = {m: i for i, c in enumerate(response) for m in c}
    num = sum(len(c) - len({of.get(m, ("x", m)) for m in c}) for c in key)
    den = sum(len(c) - 1 for c in key)
    return float(num), float(den)


def muc(gold: Clusters, pred: Clusters) -> tuple[float, float, float]:
    rn, rd = _muc_side(gold, pred)
    pn, pd = _muc_side(pred, gold)
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    return p, r, _f(p, r)


def ceafe(gold: Clusters, pred: Clusters) -> tuple[float, float, float]:
    """CEAF with the entity similarity phi4 and the best one-to-one alignment."""
    if not gold or not pred:
        return 0.0, 0.0, 0.0
    import networkx as nx  # a Stanza dependency; used only here

    graph = nx.Graph()
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            common = len(g & p)
            if common:
                graph.add_edge(("g", i), ("p", j), weight=2 * common / (len(g) + len(p)))
    matching = nx.max_weight_matching(graph)
    total = sum(graph[a][b]["weight"] for a, b in matching)
    p, r = total / len(pred), total / len(gold)
    return p, r, _f(p, r)


def score_grouping(
    gold_by_doc: Mapping[str, Sequence[Mapping[str, Any]]], predicted: Mapping[str, Sequence[Mapping[str, Any]]]
) -> GroupingScores:
    """Grouping scores over all documents (clusters never cross documents, so they are pooled)."""
    gold_all: Clusters = []
    pred_all: Clusters = []
    scores = GroupingScores()
    for doc, gold in gold_by_doc.items():
        g, p = matched_clusters(gold, predicted.get(doc, []))
        g = [{f"{doc}#{m}" for m in c} for c in g]
        p = [{f"{doc}#{m}" for m in c} for c in p]
        gold_all += g
        pred_all += p
        if g:
            scores.by_doc[doc] = bcubed(g, p)[2]
    scores.mentions = sum(len(c) for c in gold_all)
    scores.bcubed = bcubed(gold_all, pred_all)
    scores.muc = muc(gold_all, pred_all)
    scores.ceafe = ceafe(gold_all, pred_all)
    return scores
