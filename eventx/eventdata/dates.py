"""Dates: the document date, ISO 8601 values for time spans, and an event's date.

The calendar work is dateparser's; this module is the glue around it:

- the document date comes from the input (a JSONL ``date`` field or ``--date``),
  else from the dateline ("KYIV, May 17 (Reuters) -", "Feb. 8 -");
- a time phrase is cleaned of its preposition ("on Saturday" -> "Saturday") and
  parsed relative to the document date, preferring the past; dateparser's period
  ("day", "week", "month", "year") is the precision;
- news conventions dateparser does not know: a weekday names the latest such day
  on or before the document date (an article dated Saturday saying "on Saturday"
  means that day); "overnight", "tonight", "this morning" are the document date;
  "earlier this month" is the document's month; "since X" is the start of an open
  interval (``X/..``) and never the event's date;
- without a full document date, only phrases that name their year resolve; a
  relative phrase ("yesterday", "on Saturday", "Feb. 8") gets no value, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from attrs import define

PRECISIONS = ("day", "week", "month", "year")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "KYIV, May 17 (Reuters) -", "Feb. 8 -", "NAIROBI, Kenya, March 3, 2024 (AP) —"
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][\w .'’-]*,\s*){{0,2}}(?P<date>{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-–—:]",
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SAME_DAY = re.compile(
    r"^(?:overnight|tonight|today|this (?:morning|afternoon|evening)|(?:late |early )?on \w+ night)$"
)
_LEAD = re.compile(r"^(?:on|in|at|during|by|from|as of|as early as|the|of)\s+", re.I)
_FUZZY = re.compile(r"^(?:earlier|later|early|late|mid|the end of|the start of|the beginning of)[\s-]+", re.I)
_INNER_DATE = re.compile(r"\b(?:in|on|of)\s+((?:(?!\b(?:in|on|of)\b).)+)$", re.I)
_SINCE = re.compile(r"^(?:since|from)\s+", re.I)


@define(frozen=True)
class DocumentDate:
    """The date a document speaks from; ``year`` is None for a dateline without one (partial)."""

    month: int
    day: int
    year: int | None = None
    source: str = "input"  # "input" or "dateline"

    @property
    def full(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year is not None else None

    def iso(self) -> str:
        """``YYYY-MM-DD``, or the ISO 8601 form without year ``--MM-DD`` when partial."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@define(frozen=True)
class TimeValue:
    """A resolved time phrase: ``value`` in ISO 8601, its precision, and whether it only starts a span."""

    value: str
    precision: str
    start_only: bool = False

    @property
    def date(self) -> str:
        """The event date form: ``YYYY-MM-DD`` (a week gives its Monday), ``YYYY-MM`` or ``YYYY``."""
        value = self.value.split("/")[0]
        if self.precision == "week":
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1).isoformat()
        return value


def parse_input_date(value: str) -> DocumentDate:
    """A ``YYYY-MM-DD`` date given by the user (``--date``, the JSONL ``date`` field).

    A full ISO timestamp (``2025-05-17T09:30:00Z``) is accepted and its date kept.
    Raises ``ValueError`` with a one-line message otherwise.
    """
    text = value.strip()
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD") from None
    if len(text) > 10 and text[10] not in "T ":
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD")
    return DocumentDate(day.month, day.day, day.year, "input")


def document_date(text: str, given: DocumentDate | str | None = None) -> DocumentDate | None:
    """The document date: the one given, else the dateline's (its year from ``given`` when partial)."""
    if isinstance(given, str):
        given = parse_input_date(given)
    if given is not None:
        return given
    return dateline_date(text)


def dateline_date(text: str, year: int | None = None) -> DocumentDate | None:
    """The date of a dateline at the start of ``text``; without a year it stays partial."""
    match = _DATELINE.match(text[:200])
    if match is None:
        return None
    phrase = match.group("date")
    stated = _YEAR.search(phrase)
    parsed = _parse(phrase if stated else f"{phrase} 2000", None, require_year=True)  # 2000: a leap year
    if parsed is None:
        return None
    day, _period = parsed
    return DocumentDate(day.month, day.day, int(stated.group(1)) if stated else year, "dateline")


def resolve_time(phrase: str, doc_date: DocumentDate | None) -> TimeValue | None:
    """The ISO 8601 value of a time phrase, resolved against the document date (None when unknown)."""
    text = " ".join(phrase.replace("’", "'").split()).strip(" ,.;")
    start_only = bool(_SINCE.match(text))
    text = _SINCE.sub("", text)
    base = doc_date.full if doc_date is not None else None
    found = _resolve_clean(text, base)
    if found is None:
        return None
    day, precision = found
    value = _iso(day, precision)
    return TimeValue(f"{value}/.." if start_only else value, precision, start_only)


def _resolve_clean(text: str, base: dt.date | None) -> tuple[dt.date, str] | None:
    lower = text.lower()
    if _SAME_DAY.match(lower):
        return (base, "day") if base is not None else None
    while True:
        stripped = _FUZZY.sub("", _LEAD.sub("", text))
        if stripped == text:
            break
        text = stripped
    lower = text.lower()
    if lower in _WEEKDAYS:
        if base is None:
            return None
        back = (base.weekday() - _WEEKDAYS.index(lower)) % 7
        return base - dt.timedelta(days=back), "day"
    if _YEAR.search(text) is None and base is None:
        return None  # relative, or a day without its year: no guess
    parsed = _parse(text, base, require_year=base is None)
    inner = _INNER_DATE.search(text)
    if parsed is None and inner is not None:  # "the coup in February 2021": the date after the event noun
        return _resolve_clean(inner.group(1), base)
    if parsed is None:
        year = _YEAR.search(text)  # "the spring of 2022": at least the year
        return (dt.date(int(year.group(1)), 1, 1), "year") if year else None
    return parsed


def _parse(text: str, base: dt.date | None, *, require_year: bool) -> tuple[dt.date, str] | None:
    data = _parser(base, require_year).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period if data.period in _RANK else "day"
    return data.date_obj.date(), period


@cache
def _parser(base: dt.date | None, require_year: bool) -> Any:
    from dateparser.date import DateDataParser  # lazy: dateparser loads in ~0.1 s

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day, 12)
    if require_year:
        settings["REQUIRE_PARTS"] = ["year"]
    return DateDataParser(languages=["en"], settings=settings)


def _iso(day: dt.date, precision: str) -> str:
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    return day.isoformat()


def best_time(values: list[TimeValue]) -> TimeValue | None:
    """The event's date among its mentions' times: the most precise, first in the text on ties; starts never."""
    dated = [v for v in values if not v.start_only]
    if not dated:
        return None
    return min(dated, key=lambda v: _RANK[v.precision])
