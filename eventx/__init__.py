"""eventx: typed, structured events from news text.

Public API::

    import eventx
    events = eventx.extract("Talks between Armenia and Azerbaijan resumed in Geneva.")
    extractor = eventx.Extractor()          # load once, use for many documents
    for result in extractor.results(["...", ("id-2", "...")]): ...

Plugin authors use :data:`hookimpl`, the event records, :class:`ExtractorSpec`
and the tree helpers on :class:`ParsedDocument` / :class:`ParsedSentence`.
"""

from eventx._version import __version__
from eventx.document import ParsedDocument
from eventx.extractor import DocumentResult, Extractor, extract
from eventx.hookspecs import hookimpl
from eventx.numbers import parse_number
from eventx.outputs import EventWriter, OutputFormat
from eventx.plugins import ExtractorSpec, PluginError, PluginManager
from eventx.records import (
    MODALITIES,
    Attack,
    Demand,
    Event,
    Exchange,
    Meeting,
    Modality,
    Span,
    count_role,
    roles,
    span_role,
)
from eventx.serialize import (
    EventTypeError,
    event_from_dict,
    event_to_dict,
    from_json,
    read_jsonl,
    to_json,
    write_jsonl,
)
from eventx.tables import to_dataframe
from eventx.trees import ParsedSentence
from eventx.views import render_html

__all__ = [
    "MODALITIES",
    "Attack",
    "Demand",
    "DocumentResult",
    "Event",
    "EventTypeError",
    "EventWriter",
    "Exchange",
    "Extractor",
    "ExtractorSpec",
    "Meeting",
    "Modality",
    "OutputFormat",
    "ParsedDocument",
    "ParsedSentence",
    "PluginError",
    "PluginManager",
    "Span",
    "__version__",
    "count_role",
    "event_from_dict",
    "event_to_dict",
    "extract",
    "from_json",
    "hookimpl",
    "parse_number",
    "read_jsonl",
    "render_html",
    "roles",
    "span_role",
    "to_dataframe",
    "to_json",
    "write_jsonl",
]
