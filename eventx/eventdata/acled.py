"""Event-level writers: JSON Lines, a JSON array, and ACLED-style CSV (``--format acled``).

The ACLED columns and which stay empty are documented in ``docs/eventdata.md``.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Protocol

from eventx.eventdata.records import DocumentEvent

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
# ACLED's event types and sub-event types, from the event type and its PLOVER mode.
REMOTE_MODES = {
    "aerial": "Air/drone strike",
    "drone": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack",
    "explosives": "Remote explosive/landmine/IED",
    "suicide-attack": "Suicide bomb",
}
OTHER_TYPES = {
    "Exchange": ("Strategic developments", "Agreement"),  # ACLED codes prisoner exchanges as agreements
    "Meeting": ("Strategic developments", "Other"),
    "Demand": ("Strategic developments", "Other"),
}
ARMED = frozenset({"military", "police", "rebels", "militia"})
# ACLED's interaction codes (inter1/inter2) by sector.
INTER = {"military": 1, "police": 1, "government": 1, "rebels": 2, "militia": 4, "civilians": 7}
INTER |= {"opposition": 6, "international organisation": 8, "media": 8, "judiciary": 1}
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO = {"city": 1, "admin1": 2, "region": 2, "country": 3}
_ACTOR_ROLES = {
    "Attack": ("attacker", "victims"),
    "Meeting": ("participants", "participants"),
    "Demand": ("demander", "addressee"),
    "Exchange": ("parties", "parties"),
}


class DocumentEventWriter(Protocol):
    def write(self, event: DocumentEvent) -> None: ...

    def close(self) -> None: ...


class EventJsonLinesWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, event: DocumentEvent) -> None:
        self.stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class EventJsonArrayWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        self.stream.write("[")

    def write(self, event: DocumentEvent) -> None:
        self.stream.write(("," if self.count else "") + "\n  " + json.dumps(event.to_dict(), ensure_ascii=False))
        self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


class AcledWriter:
    """One ACLED-style CSV row per document-level event."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
        self.writer.writeheader()

    def write(self, event: DocumentEvent) -> None:
        self.writer.writerow(acled_row(event))
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


def acled_row(event: DocumentEvent) -> dict[str, object]:
    """The ACLED columns of one event (empty strings where eventx has no value)."""
    first, second = _actors(event)
    place = event.place
    mode = (event.plover or {}).get("mode")
    killed = event.roles.get("killed")
    kind = acled_type(event, mode, second)
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.date or "",
        "year": event.date[:4] if event.date else "",
        "time_precision": _PRECISION.get(event.date_precision or "", ""),
        "disorder_type": "",
        "event_type": kind[0],
        "sub_event_type": kind[1],
        "actor1": first[0] if first else "",
        "inter1": first[1] if first else "",
        "actor2": second[0] if second else "",
        "inter2": second[1] if second else "",
        "country": event.country or "",
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": "" if place is None or place.lat is None else place.lat,
        "longitude": "" if place is None or place.lon is None else place.lon,
        "geo_precision": _GEO.get(place.precision, "") if place else "",
        "source": "; ".join(s.normalized or s.text for s in event.attributed_to),
        "notes": "; ".join(m.trigger.text for m in event.mentions),
        "fatalities": killed if isinstance(killed, int) else "",
    }


def acled_type(event: DocumentEvent, mode: str | None, second: tuple[str, object] | None) -> tuple[str, str]:
    """ACLED's event type and sub-event type: remote violence by weapon, battles between armed actors,
    otherwise violence against civilians; other types are strategic developments."""
    if event.type != "Attack":
        return OTHER_TYPES.get(event.type, ("", ""))
    if mode in REMOTE_MODES:
        return "Explosions/Remote violence", REMOTE_MODES[mode]
    targets = [s for role in ("target", "victims") for s in event.roles.get(role, ())]
    if second is not None and any(getattr(s, "sector", None) in ARMED for s in targets):
        return "Battles", "Armed clash"
    if mode == "abduct":
        return "Violence against civilians", "Abduction/forced disappearance"
    return "Violence against civilians", "Attack"


def _actors(event: DocumentEvent) -> tuple[tuple[str, object] | None, tuple[str, object] | None]:
    one, two = _ACTOR_ROLES.get(event.type, ("", ""))
    first = list(event.roles.get(one, ()))
    second = list(event.roles.get(two, ())) if two != one else first[1:]
    pick = [_actor(first[0]) if first else None, _actor(second[0]) if second else None]
    return pick[0], pick[1]


def _actor(span: object) -> tuple[str, object]:
    name = getattr(span, "normalized", None) or getattr(span, "text", "")
    sector = getattr(span, "sector", None)
    return str(name), INTER.get(sector or "", "")


EVENT_FORMATS = {"jsonl": EventJsonLinesWriter, "json": EventJsonArrayWriter, "acled": AcledWriter}
