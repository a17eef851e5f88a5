"""Bounding what the parser sees: long documents are read in sections, over-long lines cut into pieces.

A text longer than ``SECTION_CHARS`` is parsed and extracted one section at a
time (:func:`sections`: whole lines, at most ``SECTION_CHARS`` characters each),
so that a run holds the parse of one section, never of the whole document: peak
memory grows with the text and its events only, and every step after the parse
works on one section.  Events come back with offsets and sentence indices in the
whole document (:func:`shift_event`); document resolution then runs on the whole
document.  Lines are parsed one by one anyway (:func:`eventx.parsing.paragraphs`),
so a section's parse is the parse of the same lines in the whole document;
what an extractor derives from the whole document (the last named speaker, the
story's context) is derived per section.

Stanza's dependency parser takes time and memory that grow with the square of
a sentence's length, so one 50,000-character line without punctuation cost 14
times the normal time and 1.3 GB.  A line longer than the bound is cut where a
sentence most likely ends (``. `` after a lower-case word or a number), else
after a clause mark (``; : ,``), else at a space, else anywhere; the pieces are
parsed apart, with their offsets into the original text.  Ordinary news lines
(paragraphs) are cut only at sentence ends, where Stanza would split them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from eventx.records import Event, Span, roles

if TYPE_CHECKING:
    from eventx.document import ParsedDocument

MAX_PIECE_CHARS = 1000
# A document longer than this is read in sections of at most this many characters (a long news
# article is 20,000 characters; a section's parse takes some 30 MB).
SECTION_CHARS = 100_000
# Pre-parsed input (CoNLL-U) is not cut: a sentence of more words is refused.  Extraction walks
# trees, whose cost grows faster than the sentence: 500 words of worst-case tree take seconds.
MAX_SENTENCE_WORDS = 500

# Cut points, best first; a cut falls at the end of the match.
_CUTS = (
    re.compile(r"[a-z0-9%)\]][.!?][\"'”’)\]]*(?=\s)"),
    re.compile(r"[;:,](?=\s)"),
    re.compile(r"\S(?=\s)"),
)


def _cut(text: str, limit: int) -> int:
    """Where to cut ``text`` (longer than ``limit``): a good cut point in its second half, else ``limit``."""
    window = text[: limit + 1]
    low = limit // 2
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(window, low) if m.end() <= limit]
        if ends:
            return ends[-1]
    return limit


def split_long(start: int, line: str, limit: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """``line`` (at offset ``start``) as pieces of at most ``limit`` characters, with their offsets.

    Pieces carry no trailing white space (nor leading, but for the first); a line within the limit
    is returned as it is, less its trailing white space.
    """
    pieces: list[tuple[int, str]] = []
    while len(line) > limit:
        cut = _cut(line, limit)
        head = line[:cut].rstrip()
        if head:
            pieces.append((start, head))
        rest = line[cut:]
        skipped = cut + len(rest) - len(rest.lstrip())
        start += skipped
        line = line[skipped:]
    if line.strip():
        pieces.append((start, line.rstrip()))
    return pieces


def is_long(text: str) -> bool:
    """Whether ``text`` is read in sections (it is longer than :data:`SECTION_CHARS`)."""
    return len(text) > SECTION_CHARS


def sections(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``text`` as sections of whole lines of at most ``limit`` characters, with their offsets.

    Each section is ``text[start : start + len(section)]`` (less trailing white space); a text
    within the limit is one section, as it is.
    A line over the limit is cut as :func:`split_long` cuts (its last piece opens the next section).
    ``limit`` defaults to :data:`SECTION_CHARS`.
    """
    limit = limit or SECTION_CHARS
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    first = pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if end - first > limit and pos > first:  # this line would overflow the section: close it before the line
            out.append((first, text[first:pos].rstrip()))
            first = pos
        if end - first > limit:
            pieces = split_long(first, text[first:end], limit)
            out.extend(pieces[:-1])
            first = pieces[-1][0] if pieces else end
        pos = end + 1
    if text[first:].strip():
        out.append((first, text[first:].rstrip()))
    return [(start, section) for start, section in out if section]


def shift_event(event: Event, offset: int, sentences: int) -> Event:
    """``event`` of a section at ``offset`` whose first sentence is the document's ``sentences``-th, in the document."""
    if not offset and not sentences:
        return event
    changes: dict[str, Any] = {
        "sentence_index": event.sentence_index + sentences,
        "trigger": _moved(event.trigger, offset),
    }
    if event.attributed_to is not None:
        changes["attributed_to"] = _moved(event.attributed_to, offset)
    for role, kind in roles(type(event)).items():
        if kind == "span":
            changes[role] = tuple(_moved(span, offset) for span in getattr(event, role))
    return attrs.evolve(event, **changes)


def _moved(span: Span, offset: int) -> Span:
    return attrs.evolve(span, start=span.start + offset, end=span.end + offset)


def extract_in_sections(
    doc_id: str,
    text: str,
    parse: Callable[[Sequence[str]], list[Any]],
    extract: Callable[[ParsedDocument], list[Event]],
    limit: int | None = None,
) -> list[Event]:
    """The events of a long text, parsed and extracted one section at a time (see the module notes).

    ``parse`` parses texts (the engine's, through the parse cache); ``extract`` runs the
    extractors on one parsed section.  Only one section's parse is alive at a time.
    """
    from eventx.document import ParsedDocument

    events: list[Event] = []
    sentences = 0
    for start, section in sections(text, limit):
        document = ParsedDocument(doc_id, parse([section])[0], section)
        events.extend(shift_event(event, start, sentences) for event in extract(document))
        sentences += len(document.stanza.sentences)
        del document  # before the next section is parsed
    return events
