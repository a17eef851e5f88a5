"""Bounding what the parser sees: over-long lines are cut into pieces of at most ``MAX_PIECE_CHARS``.

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

MAX_PIECE_CHARS = 1000
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
