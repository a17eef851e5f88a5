"""Typed event records: spans, the shared event base, and the four core event types.

Records are frozen attrs classes.  Span roles are tuples of :class:`Span`
(declared with :func:`span_role`), count roles are optional integers (declared
with :func:`count_role`); plugins declare their own event types the same way.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import attrs
from attrs import define, field
from attrs.validators import and_, ge, in_, instance_of, le, optional

Modality = Literal["asserted", "negated", "hypothetical", "planned", "requested"]
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "planned", "requested")

ROLE_KIND = "eventx_role"  # attrs metadata key: "span" or "count"


PLACE_PRECISIONS: tuple[str, ...] = ("city", "admin1", "country", "region")

# Validators run for every span and event made, so the common checks take one call each; a value
# that fails is handed to attrs' own validators, which raise their usual errors.
_OFFSET = and_(instance_of(int), ge(0))
_COUNT = optional(_OFFSET)
_SHARE = and_(ge(0.0), le(1.0))


def _count(instance: Any, attribute: Any, value: Any) -> None:
    """A non-negative int, or None."""
    if value is not None and not (isinstance(value, int) and value >= 0):
        _COUNT(instance, attribute, value)


def _offset(instance: Any, attribute: Any, value: Any) -> None:
    """A non-negative int (a character offset or a sentence index)."""
    if not (isinstance(value, int) and value >= 0):
        _OFFSET(instance, attribute, value)


def _share(instance: Any, attribute: Any, value: float) -> None:
    """A number from 0 to 1."""
    if not 0.0 <= value <= 1.0:
        _SHARE(instance, attribute, value)


@define(frozen=True, kw_only=True)
class Place:
    """A located place from the offline gazetteer (see ``docs/schema.md``).

    ``country`` is ISO 3166-1 alpha-3; ``lat``/``lon`` are null where the
    gazetteer has no point for the place (a country, most first-level regions).
    """

    name: str = field(validator=instance_of(str))
    country: str | None = field(default=None, validator=optional(instance_of(str)))
    admin1: str | None = field(default=None, validator=optional(instance_of(str)))
    lat: float | None = field(default=None, validator=optional(instance_of(float)))
    lon: float | None = field(default=None, validator=optional(instance_of(float)))
    precision: str = field(default="city", validator=in_(PLACE_PRECISIONS))


@define(frozen=True, kw_only=True)
class Span:
    """A stretch of the original document: ``text == document[start:end]``.

    The optional annotations are added by document-level resolution
    (:mod:`eventx.eventdata`) and left out of JSON when unset: ``normalized``
    (a canonical name, "Russian government" for "the Kremlin"), ``country``
    (ISO 3166-1 alpha-3) and ``sector`` for actors, ``place`` for locations,
    ``value`` (ISO 8601) for times.
    """

    text: str = field(validator=instance_of(str))
    start: int = field(validator=_offset)
    end: int = field()
    normalized: str | None = field(default=None, validator=optional(instance_of(str)))
    country: str | None = field(default=None, validator=optional(instance_of(str)))
    sector: str | None = field(default=None, validator=optional(instance_of(str)))
    place: Place | None = field(default=None, validator=optional(instance_of(Place)))
    value: str | None = field(default=None, validator=optional(instance_of(str)))

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int):
            instance_of(int)(self, attribute, value)
        if value < self.start:
            raise ValueError(f"span end {value} is before its start {self.start}")

    def overlaps(self, other: Span) -> bool:
        """True when the two character ranges share at least one character."""
        return self.start < other.end and other.start < self.end


def _spans(value: Any) -> tuple[Span, ...]:
    # a lone span or string is kept whole, so that the validator can name it
    return (value,) if isinstance(value, (Span, str, bytes)) else tuple(value)  # type: ignore[return-value]


def _check_spans(instance: Any, attribute: Any, value: tuple[Any, ...]) -> None:
    for item in value:
        if not isinstance(item, Span):
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name} is a span role: it takes eventx.Span objects, "
                f"not {item!r} ({type(item).__name__})"
            )


def span_role(*, doc: str = "") -> Any:
    """Declare a role that holds a list of spans (stored as a tuple)."""
    return field(
        factory=tuple,
        converter=_spans,
        validator=_check_spans,
        metadata={ROLE_KIND: "span", "doc": doc},
    )


def count_role(*, doc: str = "") -> Any:
    """Declare a role that holds a non-negative integer count, or None when unstated."""
    return field(
        default=None,
        validator=_count,
        metadata={ROLE_KIND: "count", "doc": doc},
    )


@define(frozen=True, kw_only=True)
class Event:
    """Fields shared by every event type.

    ``doc_id`` and ``extractor`` may be left empty by an extractor: the
    :class:`eventx.Extractor` fills them in.  ``event_id`` names the
    document-level event the mention belongs to (set by document resolution,
    left out of JSON when unset).
    """

    type: ClassVar[str] = "Event"
    description: ClassVar[str] = ""

    doc_id: str = field(default="", validator=instance_of(str))
    sentence_index: int = field(default=0, validator=_offset)
    trigger: Span = field(validator=instance_of(Span))
    modality: str = field(default="asserted", validator=in_(MODALITIES))
    attributed_to: Span | None = field(default=None, validator=optional(instance_of(Span)))
    extractor: str = field(default="", validator=instance_of(str))
    confidence: float = field(default=1.0, converter=float, validator=_share)
    event_id: str | None = field(default=None, validator=optional(instance_of(str)))


@define(frozen=True, kw_only=True)
class Meeting(Event):
    """Talks, negotiations, summits, meetings and visits between parties."""

    type: ClassVar[str] = "Meeting"
    description: ClassVar[str] = "talks, negotiations, summits, meetings, visits between parties"

    participants: tuple[Span, ...] = span_role(doc="who meets")
    location: tuple[Span, ...] = span_role(doc="where")
    time: tuple[Span, ...] = span_role(doc="when")


@define(frozen=True, kw_only=True)
class Demand(Event):
    """Demands, calls, requests, ultimatums and offers put to another party."""

    type: ClassVar[str] = "Demand"
    description: ClassVar[str] = "demands, calls on, requests, ultimatums, offers put to another party"

    demander: tuple[Span, ...] = span_role(doc="who demands")
    addressee: tuple[Span, ...] = span_role(doc="who is asked")
    content: tuple[Span, ...] = span_role(doc="what is demanded")
    territory: tuple[Span, ...] = span_role(doc="land named in the demand")


@define(frozen=True, kw_only=True)
class Attack(Event):
    """Shelling, strikes, bombing, raids, assaults and killings in conflict."""

    type: ClassVar[str] = "Attack"
    description: ClassVar[str] = "shelling, strikes, bombing, raids, assaults, killings in conflict"

    attacker: tuple[Span, ...] = span_role(doc="who attacks")
    target: tuple[Span, ...] = span_role(doc="what or who is attacked")
    victims: tuple[Span, ...] = span_role(doc="people killed or hurt")
    location: tuple[Span, ...] = span_role(doc="where")
    time: tuple[Span, ...] = span_role(doc="when")
    instrument: tuple[Span, ...] = span_role(doc="weapon used")
    killed: int | None = count_role(doc="number of people killed")
    injured: int | None = count_role(doc="number of people injured")


@define(frozen=True, kw_only=True)
class Exchange(Event):
    """Swaps or exchanges of prisoners, bodies, territory or goods."""

    type: ClassVar[str] = "Exchange"
    description: ClassVar[str] = "swaps or exchanges of prisoners, bodies, territory or goods"

    parties: tuple[Span, ...] = span_role(doc="who exchanges")
    items: tuple[Span, ...] = span_role(doc="what is exchanged")
    quantity: int | None = count_role(doc="how many items, per side where stated so")


CORE_TYPES: tuple[type[Event], ...] = (Meeting, Demand, Attack, Exchange)


def roles(event_type: type[Event]) -> dict[str, str]:
    """Role names of an event type mapped to their kind, ``"span"`` or ``"count"``."""
    found = _ROLES.get(event_type)
    if found is None:  # read off the class once: every event is checked and written by its roles
        fields = attrs.fields(event_type)
        found = _ROLES[event_type] = tuple((a.name, a.metadata[ROLE_KIND]) for a in fields if ROLE_KIND in a.metadata)
    return dict(found)


_ROLES: dict[type[Event], tuple[tuple[str, str], ...]] = {}


def event_type_problem(obj: object) -> str | None:
    """Why ``obj`` is not a valid event type, or None when it is.

    An event type is a subclass of :class:`Event`, decorated with
    ``@attrs.define(frozen=True, kw_only=True)``, naming its ``type``, whose every field is
    a base field of :class:`Event` or a role (:func:`span_role`, :func:`count_role`).
    """
    if not isinstance(obj, type) or not issubclass(obj, Event) or obj is Event:
        return "is not a subclass of eventx.Event"
    if "__attrs_attrs__" not in obj.__dict__:
        return "is not an attrs class: decorate it with @attrs.define(frozen=True, kw_only=True)"
    if not isinstance(obj.__dict__.get("type"), str):
        return "names no event type: give it a class variable type: ClassVar[str] = 'Name'"
    if getattr(obj.__setattr__, "__name__", "") != "_frozen_setattrs":
        return "is not frozen: decorate it with @attrs.define(frozen=True, kw_only=True)"
    positional = [a.name for a in attrs.fields(obj) if not a.kw_only]
    if positional:
        fields = ", ".join(positional)
        return f"is not kw_only (field(s) {fields}): decorate it with @attrs.define(frozen=True, kw_only=True)"
    base = {a.name for a in attrs.fields(Event)}
    plain = [a.name for a in attrs.fields(obj) if a.name not in base and ROLE_KIND not in a.metadata]
    if plain:
        return f"field(s) {', '.join(plain)} are neither a span_role() nor a count_role()"
    return None


def is_event_type(obj: object) -> bool:
    """True for a valid event type (see :func:`event_type_problem`)."""
    return event_type_problem(obj) is None
