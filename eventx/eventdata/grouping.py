"""Grouping: a document's event mentions into document-level events (one per real-world event).

Mentions are taken in text order.  A mention joins an earlier event of the same type
when nothing in them conflicts and something links them; otherwise it starts an event.

Conflicts (any one keeps them apart):

- *modality*: an event that happened (asserted) is not one that is planned, hypothetical or
  requested; a negated mention ("the RSF denied it carried out the strike") is compatible
  with either, since a denial speaks of the same event;
- *time*: both have dates and none agree at the coarser precision;
- *place*: both have places and none is the same or within 50 km (same country for
  country-level or point-less places);
- *counts*: both state a count of the same role and the counts differ;
- *actors*: attackers, or participants, of known countries with no country in common.

Links (the best-linked event wins, the latest on ties): a shared actor (same canonical
name or surname), a shared place, a shared date or count, the same sentence, or the same
trigger word.  With no link, an anaphoric mention ("the swap", "this attack", "such a
meeting", or one that names no role at all) joins the latest compatible event.

A mention is compared with the mentions of the ``GROUPING_WINDOW`` characters before it
only, so that a long document's grouping takes time linear in its length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs
from attrs import define, field

from eventx.eventdata.codes import mention_mode
from eventx.records import Event, Place, Span, roles

REALIS = frozenset({"asserted"})
IRREALIS = frozenset({"planned", "hypothetical", "requested"})
CONFLICT_ACTOR_ROLES = ("attacker", "participants")
NEAR_KM = 50.0
# "the Jeddah talks", "Friday's Istanbul meeting", "Kunming negotiations": capitalised words ending at the trigger
_NAMED_BEFORE = re.compile(r"((?:[A-Z][\w.-]+ ){0,2}[A-Z][\w.-]+) (?:[a-z-]+ )?$")
_TIME_FILLER = frozenset({"on", "in", "at", "the", "of", "during", "late", "early", "night", "morning", "evening"})
# Types whose bare mentions are usually new events ("X demanded ..."): no anaphora without a determiner.
SINGULAR_TYPES = frozenset({"Demand"})
_ANAPHORIC = re.compile(r"(?:\b(?:the|this|that|these|those|its|their|such|same)|['’]s)\s+(?:[\w-]+\s+){0,3}$", re.I)
_NEW = re.compile(
    r"(?<!such )\b(?:a|an|another|new|further|second|third|fresh|separate|earlier|previous)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_COUNTRY_LEVEL = re.compile(r"^(?:Government|Military Forces|Police Forces) of |^\w+ \(")
# Mentions further apart than this (characters) are not compared: a long document's grouping stays linear.
GROUPING_WINDOW = 20_000
_TITLE_WORDS = frozenset({"president", "prime", "minister", "the", "foreign", "kremlin", "spokesperson", "general"})


@define
class Cluster:
    type: str
    members: list[int] = field(factory=list)
    classes: set[str] = field(factory=set)
    headline: bool = False  # every member so far is in the headline
    recent: int = 0  # members[recent:] lie within the window of the mention being placed


@define(frozen=True)
class _Features:
    """What grouping compares of one mention, computed once (a long document compares each many times)."""

    event: Event
    start: int
    times: list[str]
    places: list[Place]
    counts: dict[str, int | None]
    countries: dict[str, set[str | None]]
    mode: str | None
    content: set[str]
    actor_keys: set[str]

    @classmethod
    def of(cls, event: Event) -> _Features:
        return cls(
            event,
            event.trigger.start,
            _time_values(event),
            _places(event),
            {r: getattr(event, r, None) for r, k in roles(type(event)).items() if k == "count"},
            {r: {s.country for s in _spans(event, r) if s.country} for r in CONFLICT_ACTOR_ROLES},
            _mode_of(event),
            _content_words(event),
            _actor_keys(event),
        )


def group_mentions(mentions: Sequence[Event], text: str, *, window: int = GROUPING_WINDOW) -> list[list[int]]:
    """Indices of ``mentions`` grouped into events, each group in text order, groups by first mention.

    A mention is compared only with the mentions of the ``window`` characters before it:
    an event not mentioned for that long is closed, which keeps a long document's
    grouping linear in its length (a news article lies within one window).
    """
    mentions = [_with_named_place(m, text) for m in mentions]
    features = [_Features.of(m) for m in mentions]
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].trigger.start, mentions[i].trigger.end))
    headline_end = _headline_end(text)
    clusters: list[Cluster] = []
    open_clusters: list[tuple[int, Cluster]] = []  # (number, cluster) of the clusters with a member in the window
    for i in order:
        mention = mentions[i]
        low = mention.trigger.start - window
        open_clusters = [(n, c) for n, c in open_clusters if _in_window(c, features, low)]
        in_headline = mention.trigger.start < headline_end
        best, best_key, lead = None, None, None
        for number, cluster in open_clusters:
            recent = [features[j] for j in cluster.members[cluster.recent :]]
            if cluster.type != mention.type or _conflicts(features[i], recent, cluster):
                continue
            key = (max(_links(features[i], other) for other in recent), number)
            if best_key is None or key > best_key:
                best, best_key = cluster, key
            if cluster.headline and not in_headline and lead is None:
                lead = cluster
        if best is not None and best_key is not None and (best_key[0] > 0 or _anaphoric(mention, text)):
            pass
        elif lead is not None:  # a headline announces the lead event: its first compatible mention below joins it
            best = lead
        else:
            best = Cluster(mention.type, headline=in_headline)
            clusters.append(best)
            open_clusters.append((len(clusters) - 1, best))
        best.members.append(i)
        best.headline = best.headline and in_headline
        best.classes.add(_modality_class(mention.modality))
    return [sorted(c.members, key=lambda j: mentions[j].trigger.start) for c in clusters]


def _in_window(cluster: Cluster, features: list[_Features], low: int) -> bool:
    """Move the cluster's window past its members that start before ``low``; whether any is left."""
    while cluster.recent < len(cluster.members) and features[cluster.members[cluster.recent]].start < low:
        cluster.recent += 1
    return cluster.recent < len(cluster.members)


def _with_named_place(mention: Event, text: str) -> Event:
    """For grouping only: a place named right before the trigger ("the Jeddah talks") counts as its location."""
    if "location" not in roles(type(mention)) or _places(mention):
        return mention
    before = text[max(0, mention.trigger.start - 60) : mention.trigger.start]
    match = _NAMED_BEFORE.search(before)
    if match is None:
        return mention
    from eventx.eventdata.places import gazetteer

    name = match.group(1)
    place = gazetteer().resolve(name, Counter())
    if place is None:
        return mention
    start = mention.trigger.start - len(before) + match.start(1)
    span = Span(text=name, start=start, end=start + len(name), place=place)
    changes: dict[str, Any] = {"location": (*_spans(mention, "location"), span)}
    return attrs.evolve(mention, **changes)


def _headline_end(text: str) -> int:
    """The end of a headline: a short first line without closing punctuation (0 when there is none)."""
    first = text.split("\n", 1)[0].rstrip()
    if "\n" in text and first and len(first) <= 200 and first[-1] not in '.!?"”’':
        return len(first)
    return 0


def _modality_class(modality: str) -> str:
    return "realis" if modality in REALIS else "irrealis" if modality in IRREALIS else "negated"


def _conflicts(mention: _Features, members: list[_Features], cluster: Cluster) -> bool:
    kind = _modality_class(mention.event.modality)
    if kind != "negated" and ({"realis", "irrealis"} - {kind}) & cluster.classes:
        return True
    for other in members:
        if _times_conflict(mention, other) or _places_conflict(mention, other) or _counts_conflict(mention, other):
            return True
        if _actors_conflict(mention, other) or _modes_conflict(mention, other) or _content_conflict(mention, other):
            return True
    return False


def _mode_of(event: Event) -> str | None:
    words = [event.trigger.text] + [s.text for s in _spans(event, "instrument")]
    return mention_mode(event.type, words)


def _modes_conflict(a: _Features, b: _Features) -> bool:
    """Different PLOVER modes (a bombing is not a shooting)."""
    return a.mode is not None and b.mode is not None and a.mode != b.mode


def _content_words(event: Event) -> set[str]:
    return {w for s in _spans(event, "content") for w in re.findall(r"[a-z]{4,}", s.text.lower())}


def _content_conflict(a: _Features, b: _Features) -> bool:
    """Two demands for different things are two demands."""
    return bool(a.content and b.content) and not a.content & b.content


def _spans(event: Event, role: str) -> tuple[Span, ...]:
    value = getattr(event, role, ())
    return value if isinstance(value, tuple) else ()


def _time_values(event: Event) -> list[str]:
    """ISO values of the mention's times; an unresolved phrase (no document date) stands for itself."""
    out = []
    for span in _spans(event, "time"):
        if span.value:
            if "/" not in span.value:
                out.append(span.value)
        else:
            words = [w for w in re.findall(r"[a-z0-9]+", span.text.lower()) if w not in _TIME_FILLER]
            if words:
                out.append("~" + " ".join(words))
    return out


def _agree(a: str, b: str) -> bool:
    if a.startswith("~") or b.startswith("~"):
        return a == b or not (a.startswith("~") and b.startswith("~"))
    if "W" in a or "W" in b:
        return a == b or (a[:4] == b[:4] and ("W" not in a or "W" not in b))
    size = min(len(a), len(b))
    return a[:size] == b[:size]


def _times_conflict(a: _Features, b: _Features) -> bool:
    return bool(a.times and b.times) and not any(_agree(x, y) for x in a.times for y in b.times)


def _places(event: Event) -> list[Place]:
    return [s.place for s in _spans(event, "location") if s.place is not None]


def _near(a: Place, b: Place) -> bool:
    if a.name == b.name:
        return True
    point_a = a.lat is not None and a.lon is not None and a.precision != "country"
    point_b = b.lat is not None and b.lon is not None and b.precision != "country"
    if point_a and point_b:
        return _km(a, b) <= NEAR_KM
    return a.country is not None and a.country == b.country


def _km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _places_conflict(a: _Features, b: _Features) -> bool:
    return bool(a.places and b.places) and not any(_near(x, y) for x in a.places for y in b.places)


def _counts_conflict(a: _Features, b: _Features) -> bool:
    for role, x in a.counts.items():
        y = b.counts.get(role) if role in b.counts else getattr(b.event, role, None)
        if x is not None and y is not None and x != y:
            return True
    return False


def _actors_conflict(a: _Features, b: _Features) -> bool:
    for role in CONFLICT_ACTOR_ROLES:
        ca, cb = a.countries[role], b.countries[role]
        if ca and cb and not ca & cb:
            return True
    return False


def _actor_keys(event: Event) -> set[str]:
    """What names an actor specifically: a group's canonical name, or a proper name's last word
    ("Vladimir Putin", "Putin").  A country-level name ("Government of Ukraine") is too broad to link."""
    keys: set[str] = set()
    for role, kind in roles(type(event)).items():
        if kind != "span" or role in ("location", "time"):
            continue
        for span in _spans(event, role):
            if span.normalized and not span.country:
                keys.add(span.normalized.lower())
            elif span.normalized and span.country and not _COUNTRY_LEVEL.match(span.normalized):
                keys.add(span.normalized.lower())  # a named group with a country ("Houthis")
            names = [w for w in re.findall(r"\b[A-Z][\w-]+", span.text) if w.lower() not in _TITLE_WORDS]
            if names and not (span.country and len(names) == 1 and span.text.strip() == names[0]):
                keys.add(names[-1].lower())
    return keys - {""}


def _links(a: _Features, b: _Features) -> int:
    links = int(bool(a.actor_keys & b.actor_keys))
    links += int(any(_near(x, y) for x in a.places for y in b.places if "country" not in (x.precision, y.precision)))
    links += int(bool(set(a.times) & set(b.times)))
    links += int(any(x is not None and x == b.counts.get(r, getattr(b.event, r, None)) for r, x in a.counts.items()))
    links += int(a.event.sentence_index == b.event.sentence_index and bool(a.content & b.content))
    return links


def _has_roles(event: Event) -> bool:
    return any((getattr(event, r) not in ((), None)) for r, k in roles(type(event)).items() if r not in ("time",))


def _anaphoric(mention: Event, text: str) -> bool:
    before = text[max(0, mention.trigger.start - 40) : mention.trigger.start]
    if _NEW.search(before):
        return False
    return bool(_ANAPHORIC.search(before)) or (mention.type not in SINGULAR_TYPES and not _has_roles(mention))
