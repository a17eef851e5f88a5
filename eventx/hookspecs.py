"""Every eventx hook, in one place.  Plugins implement them with ``@eventx.hookimpl``.

An implementation may accept fewer arguments than the spec (pluggy's opt-in
arguments), so specs can gain arguments later without breaking plugins.
Implementations run in LIFO registration order; ``tryfirst``/``trylast`` move them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from eventx.document import ParsedDocument
    from eventx.outputs import OutputFormat
    from eventx.plugins import ExtractorSpec
    from eventx.records import Event

hookspec = pluggy.HookspecMarker("eventx")
hookimpl = pluggy.HookimplMarker("eventx")


@hookspec
def register_event_types(register: Callable[[type[Event]], None]) -> None:
    """Contribute event types: call ``register(cls)`` for each attrs subclass of ``Event``."""


@hookspec
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    """Contribute extractors: call ``register(ExtractorSpec(...))`` for each one."""


@hookspec
def process_events(events: list[Event], document: ParsedDocument) -> list[Event] | None:
    """Post-process one document's events (merge, filter, deduplicate).

    Implementations are chained: each receives the previous one's result.
    Return a new list, or None to leave the list as it is.
    """


@hookspec
def register_output_formats(register: Callable[[OutputFormat], None]) -> None:
    """Contribute output formats: call ``register(OutputFormat(...))`` for each one."""
