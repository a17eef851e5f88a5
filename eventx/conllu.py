"""A light CoNLL-U reader: parsed documents without Stanza or torch.

:func:`read_conllu` turns CoNLL-U text into a :class:`Document` whose
sentences, tokens, words and entities carry the attributes extractors read
from Stanza's objects (``id``, ``text``, ``lemma``, ``upos``, ``xpos``,
``feats``, ``head``, ``deprel``, ``deps``, ``misc``, ``start_char``,
``end_char``, ``parent``; ``ner`` on tokens; ``ents`` with ``text``, ``type``,
``start_char``, ``end_char``), so that a :class:`eventx.ParsedDocument` built
from it behaves as one built from a Stanza parse.  It imports nothing heavy:
reading pre-parsed or cached CoNLL-U costs no model load.

A word refers to its token (``parent``) and its sentence (``sent``) weakly, so that a
document holds no reference cycle: reference counting frees it the moment it is
dropped, and the garbage collector never has to walk it.  (A word kept after its
document is gone has ``parent`` and ``sent`` None.)

Every input is validated first (:func:`validate_conllu`): the ten columns,
word ids in sequence, ASCII-digit heads inside the sentence, one tree per
sentence (no cycles), and ``start_char``/``end_char`` offsets bounded by the
input.  A problem raises :class:`ConlluError` naming the line.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import weakref
from collections.abc import Iterator
from typing import cast

from eventx.collector import collector_paused
from eventx.longtext import MAX_SENTENCE_WORDS

__all__ = [
    "ConlluError",
    "Document",
    "Entity",
    "Sentence",
    "Token",
    "Word",
    "read_conllu",
    "split_documents",
    "validate_conllu",
]

_ID = re.compile(r"^(\d+|\d+-\d+|\d+\.\d+)$", re.ASCII)
_NEWDOC = re.compile(r"^#\s*newdoc(?:\s+id\s*=\s*(.*?))?\s*$")


class ConlluError(ValueError):
    """Malformed CoNLL-U; the message names the line."""


# ---------------------------------------------------------------------------- the objects
class Word:
    """One syntactic word (a CoNLL-U line with an integer id)."""

    __slots__ = (
        "_parent",
        "_sent",
        "deprel",
        "deps",
        "end_char",
        "feats",
        "head",
        "id",
        "lemma",
        "misc",
        "start_char",
        "text",
        "upos",
        "xpos",
    )

    def __init__(
        self,
        ident: int,
        cols: list[str],
        head: int,
        parent: weakref.ref[Token],
        sent: weakref.ref[Sentence],
        misc: _Misc,
    ) -> None:
        self.id = ident
        self.text = cols[1]
        self.lemma = None if cols[2] == "_" else cols[2]
        self.upos = None if cols[3] == "_" else cols[3]
        self.xpos = None if cols[4] == "_" else cols[4]
        self.feats = None if cols[5] == "_" else cols[5]
        self.head = head
        self.deprel = None if cols[7] == "_" else cols[7]
        self.deps = None if cols[8] == "_" else cols[8]
        self.start_char, self.end_char, _, _, self.misc = misc  # a word of a multi-word token has its own
        self._parent = parent
        self._sent = sent

    def __repr__(self) -> str:
        return f"Word({self.id}, {self.text!r}, {self.upos}, head={self.head}, {self.deprel})"

    @property
    def parent(self) -> Token:
        """The token the word belongs to."""
        return self._parent()  # type: ignore[return-value] # None only once the document is gone

    @parent.setter
    def parent(self, token: Token) -> None:
        self._parent = weakref.ref(token)

    @property
    def sent(self) -> Sentence:
        """The sentence the word belongs to."""
        return self._sent()  # type: ignore[return-value] # None only once the document is gone

    @property
    def ner(self) -> str | None:
        return self.parent.ner


class Token:
    """One surface token: a single word, or a multi-word token (``2-3 don't``) and its words."""

    __slots__ = ("__weakref__", "end_char", "id", "misc", "ner", "spaces_after", "start_char", "text", "words")

    def __init__(self, ids: tuple[int, ...], text: str, misc: _Misc) -> None:
        self.id = ids
        self.text = text
        self.start_char, self.end_char, self.ner, self.spaces_after, self.misc = misc
        self.words: list[Word] = []

    def __repr__(self) -> str:
        return f"Token({self.id}, {self.text!r})"


class Entity:
    """A named entity: a run of tokens with a type (from BIOES ``ner=`` tags in MISC)."""

    __slots__ = ("end_char", "start_char", "text", "tokens", "type")

    def __init__(self, tokens: list[Token], type: str, doc_text: str) -> None:
        self.tokens = tokens
        self.type = type
        self.start_char = int(tokens[0].start_char or 0)
        self.end_char = int(tokens[-1].end_char or 0)
        self.text = doc_text[self.start_char : self.end_char]

    @property
    def words(self) -> list[Word]:
        return [w for t in self.tokens for w in t.words]

    def __repr__(self) -> str:
        return f"Entity({self.text!r}, {self.type})"


class Sentence:
    """One sentence: its words, tokens, entities and comments."""

    __slots__ = ("__weakref__", "comments", "ents", "sent_id", "text", "tokens", "words")

    def __init__(self, comments: list[str]) -> None:
        self.comments = comments
        self.sent_id: str | None = _comment_value(comments, "sent_id")
        self.text: str | None = _comment_value(comments, "text")
        self.tokens: list[Token] = []
        self.words: list[Word] = []
        self.ents: list[Entity] = []

    @property
    def entities(self) -> list[Entity]:
        return self.ents

    def __repr__(self) -> str:
        return f"Sentence({len(self.words)} words)"


class Document:
    """A parsed document: sentences and the text the offsets point into."""

    __slots__ = ("comments", "conllu", "doc_id", "sentences", "text")

    def __init__(self, sentences: list[Sentence], text: str, doc_id: str | None = None) -> None:
        self.sentences = sentences
        self.text = text
        self.doc_id = doc_id
        self.comments: list[str] = []
        self.conllu = ""  # the CoNLL-U it was read from

    def to_conllu(self) -> str:
        """The CoNLL-U it was read from, without ``# newdoc`` lines, ending in a blank line."""
        lines = [line for line in self.conllu.splitlines() if not _NEWDOC.match(line)]
        body = "\n".join(lines).strip("\n")
        return f"{body}\n\n" if body else ""

    @property
    def ents(self) -> list[Entity]:
        return [e for s in self.sentences for e in s.ents]

    entities = ents

    @property
    def num_tokens(self) -> int:
        return sum(len(s.tokens) for s in self.sentences)

    @property
    def num_words(self) -> int:
        return sum(len(s.words) for s in self.sentences)

    def __repr__(self) -> str:
        return f"Document({len(self.sentences)} sentences)"


# ---------------------------------------------------------------------------- reading
def read_conllu(text: str, source: str = "", *, first_line: int = 1) -> tuple[Document, str]:
    """Read one document's CoNLL-U; returns (document, document text).

    Token offsets come from ``start_char``/``end_char`` in MISC when every token
    has them (the text is then rebuilt around the tokens at those offsets);
    otherwise tokens are laid out with their ``SpaceAfter`` spacing, one
    sentence per line, and offsets are assigned to match.  ``source`` names
    the input in error messages, whose line numbers start at ``first_line``.
    """
    with collector_paused():
        try:
            doc = _build(text, first_line)
        except ConlluError as exc:
            raise ConlluError(f"{source}: {exc}" if source else str(exc)) from None
        doc.conllu = text
        rebuilt = _rebuild_text([t for s in doc.sentences for t in s.tokens])
        if rebuilt is not None:
            doc.text = rebuilt
        else:
            doc.text = _layout(doc.sentences)
            _fill_word_offsets(doc)
        _build_entities(doc)
    return doc, doc.text


def split_documents(text: str) -> Iterator[tuple[str | None, str, int]]:
    """Split CoNLL-U holding several documents at its ``# newdoc`` comments.

    Yields (id or None, CoNLL-U of one document, number of its first line);
    the id comes from ``# newdoc id = ...``.  Text without ``# newdoc`` is one document.
    """
    doc_id: str | None = None
    lines: list[str] = []
    first = 1
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        match = _NEWDOC.match(line.rstrip("\r\n"))
        if match:
            if _has_words(lines):
                yield doc_id, "".join(lines), first
            doc_id, lines, first = (match.group(1) or None), [], number
        lines.append(line)
    if _has_words(lines) or first == 1:
        yield doc_id, "".join(lines), first


def _has_words(lines: list[str]) -> bool:
    return any(x.strip() and not x.startswith("#") for x in lines)


def _build(text: str, first_line: int = 1) -> Document:
    """Check and read CoNLL-U, one sentence (a block of non-blank lines) at a time (see :func:`validate_conllu`).

    A sentence in the shape Stanza and ``eventx parse`` write is read column by column
    (:func:`_plain_sentence`); any other, or one with a problem, line by line (:func:`_sentence`),
    which also names the line of a problem.
    """
    bound = len(text)
    sentences: list[Sentence] = []
    for number, block in _blocks(text.splitlines(), first_line):
        sentence = _plain_sentence(block, bound) or _sentence(block, number, bound)
        if sentence is not None:
            sentences.append(sentence)
    return Document(sentences, "")


def _blocks(lines: list[str], first_line: int) -> Iterator[tuple[int, list[str]]]:
    """(number of the first line, lines) of each run of non-blank lines."""
    start = -1
    for index, line in enumerate(lines):
        if not line or line.isspace():
            if start >= 0:
                yield first_line + start, lines[start:index]
            start = -1
        elif start < 0:
            start = index
    if start >= 0:
        yield first_line + start, lines[start:]


def _plain_sentence(block: list[str], bound: int) -> Sentence | None:
    """A sentence of comments, then word lines (and well-formed multi-word token lines) with common MISC,
    checked and converted a whole column at a time; None for any other block, or one with a problem."""
    first = 0
    while first < len(block) and block[first][0] == "#":
        first += 1
    rows = [line.split("\t") for line in block[first:]]
    if not rows or set(map(len, rows)) != {10}:
        return None
    ranges: list[tuple[int, int, list[str]]] = []
    columns = list(zip(*rows, strict=True))
    if columns[0] != _word_ids(len(rows)):
        split = _multiword_rows(rows)
        if split is None:
            return None
        rows, ranges = split
        columns = list(zip(*rows, strict=True))
    targets = _tree(columns)
    miscs = _plain_miscs(columns[9], bound)
    if targets is None or miscs is None:
        return None
    sentence = Sentence(block[:first])
    sentence.tokens = list(map(Token, _token_ids(len(rows)), columns[1], miscs))
    parents, sent = map(weakref.ref, sentence.tokens), itertools.repeat(weakref.ref(sentence))
    sentence.words = list(map(Word, range(1, len(rows) + 1), rows, targets, parents, sent, miscs))
    list(map(list.append, map(_WORDS_OF, sentence.tokens), sentence.words))  # each single token's one word
    return _join_multiword(sentence, ranges, bound)


def _multiword_rows(rows: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, int, list[str]]]] | None:
    """The word rows and the multi-word token ranges (first, last, row), each range right before its
    first word and after the previous one's last; None for anything else (empty nodes, bad ids)."""
    words: list[list[str]] = []
    ranges: list[tuple[int, int, list[str]]] = []
    for row in rows:
        first, dash, last = row[0].partition("-")
        if not dash:
            words.append(row)
        elif not (first.isdigit() and last.isdigit() and first.isascii() and last.isascii()):
            return None
        elif int(first) != len(words) + 1 or int(last) <= int(first) or (ranges and ranges[-1][1] >= int(first)):
            return None
        else:
            ranges.append((int(first), int(last), row))
    if tuple(row[0] for row in words) != _word_ids(len(words)) or (ranges and ranges[-1][1] > len(words)):
        return None
    return words, ranges


def _tree(columns: list[tuple[str, ...]]) -> list[int] | None:
    """The heads as numbers when they form one tree within the sentence, else None."""
    heads = columns[6]
    digits = "".join(heads)
    if not (all(heads) and digits.isdigit() and digits.isascii()) or len(heads) > MAX_SENTENCE_WORDS:
        return None
    targets = list(map(int, heads))
    if max(targets) > len(targets) or 0 not in targets or _cycle(targets) is not None:
        return None
    return targets


def _plain_miscs(column: tuple[str, ...], bound: int) -> list[_Misc] | None:
    """The MISC column read at once when every field has the common shape and sound offsets, else None."""
    found = _PLAIN_MISC.findall("\n".join(column))
    if len(found) != len(column):
        return None
    spacing, start, end, ner = zip(*found, strict=True)
    starts, ends = list(map(int, start)), list(map(int, end))
    if max(ends) > bound or any(map(operator.gt, starts, ends)):
        return None
    spaces: list[str | None] = list(map(_SPACES_AFTER.get, spacing))
    if None in spaces:  # SpacesAfter=... (a line break, mostly at a sentence's end): only those read apart
        for index in itertools.compress(itertools.count(), map(operator.is_, spaces, itertools.repeat(None))):
            spaces[index] = _unescape_spaces(spacing[index][len("SpacesAfter=") : -1])
    miscs = zip(
        starts,
        ends,
        map(_NONE_IF_EMPTY.get, ner, ner),
        spaces,
        map(_REST.get, spacing, itertools.repeat("")),
        strict=True,
    )
    return cast("list[_Misc]", list(miscs))


def _join_multiword(sentence: Sentence, ranges: list[tuple[int, int, list[str]]], bound: int) -> Sentence | None:
    """Put the words of each multi-word token range under one token (they were read as single tokens)."""
    for first, last, row in reversed(ranges):
        misc = _plain_miscs((row[9],), bound)
        if misc is None:
            return None
        token = Token(tuple(range(first, last + 1)), row[1], misc[0])
        for word in sentence.words[first - 1 : last]:
            word.parent = token
            token.words.append(word)
        sentence.tokens[first - 1 : last] = [token]
    return sentence


@functools.lru_cache(maxsize=512)
def _word_ids(size: int) -> tuple[str, ...]:
    return tuple(map(str, range(1, size + 1)))


_WORDS_OF = operator.attrgetter("words")


@functools.lru_cache(maxsize=512)
def _token_ids(size: int) -> tuple[tuple[int], ...]:
    return tuple((number,) for number in range(1, size + 1))


# What Stanza and ``eventx parse`` write in MISC: spacing (``SpaceAfter=No`` or ``SpacesAfter=\\n``),
# offsets, and a named-entity tag: ``SpaceAfter=No|start_char=0|end_char=3|ner=O``.
_PLAIN_MISC = re.compile(
    r"^(SpaceAfter=No\||SpacesAfter=[^|=\n]*\|)?start_char=(\d+)\|end_char=(\d+)(?:\|ner=([^|=\n]+))?$", re.M | re.ASCII
)
_SPACES_AFTER = {"": " ", "SpaceAfter=No|": ""}  # the spacing field -> the spaces after the token
_REST = {"": None}  # the spacing field -> the rest of MISC: None without spacing, else ""
_NONE_IF_EMPTY = {"": None}


def _sentence(block: list[str], first_number: int, bound: int) -> Sentence | None:
    """Check and read a sentence line by line; None for a block of comments only."""
    comments: list[str] = []
    sentence: Sentence | None = None
    pending: Token | None = None  # a multi-word token waiting for its words
    heads: list[tuple[int, int]] = []  # (line number, head) of the sentence's words
    for number, line in enumerate(block, start=first_number):
        if line[0] == "#":
            comments.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ConlluError(f"line {number}: expected 10 tab-separated columns, found {len(cols)}")
        if sentence is None:
            sentence = Sentence(comments)
        ident = cols[0]
        if not (ident.isdigit() and ident.isascii()):
            pending = _multiword(cols, number, bound, sentence) or pending
            continue
        head = cols[6]
        if not (head.isdigit() and head.isascii()):
            raise ConlluError(f"line {number}: bad HEAD {head!r} (eventx needs a dependency tree)")
        if int(ident) != len(heads) + 1:
            raise ConlluError(f"line {number}: word ID {ident} out of sequence (expected {len(heads) + 1})")
        heads.append((number, int(head)))
        misc = _parse_misc(cols[9], number, bound)
        if pending is None or pending.id[-1] < len(heads):
            pending = None
            token = Token((len(heads),), cols[1], misc)
            sentence.tokens.append(token)
        else:
            token = pending
        word = Word(len(heads), cols, heads[-1][1], weakref.ref(token), weakref.ref(sentence), misc)
        token.words.append(word)
        sentence.words.append(word)
    _check_tree(heads)
    return sentence


def _multiword(cols: list[str], number: int, bound: int, sentence: Sentence) -> Token | None:
    """The token of a multi-word token line (``2-3``); None for an empty node (``2.1``), which is skipped."""
    if not _ID.match(cols[0]):
        raise ConlluError(f"line {number}: bad ID {cols[0]!r}")
    if "." in cols[0]:
        return None
    first, last = (int(x) for x in cols[0].split("-"))
    token = Token(tuple(range(first, last + 1)), cols[1], _parse_misc(cols[9], number, bound))
    sentence.tokens.append(token)
    return token


def _rebuild_text(tokens: list[Token]) -> str | None:
    """The text around tokens at their offsets: gaps as the tokens' ``SpacesAfter`` (line breaks), else spaces;
    None when a token has no offsets."""
    parts: list[str] = []
    previous: Token | None = None
    position = 0  # the end of the text so far
    for token in tokens:
        start, end = token.start_char, token.end_char
        if start is None or end is None:
            return None
        gap = start - position
        if gap < 0:
            return _overlaid_text(tokens)
        if gap:
            spaces = previous.spaces_after if previous is not None else " "
            spaces = "" if spaces in ("", " ") else spaces[:gap]
            parts.append(spaces + " " * (gap - len(spaces)))
        piece = token.text[: end - start]
        parts.append(piece if len(piece) == end - start else piece.ljust(end - start))
        previous, position = token, end
    return "".join(parts)


def _overlaid_text(tokens: list[Token]) -> str | None:
    """:func:`_rebuild_text` for tokens that overlap: each written over the ones before it."""
    if any(t.start_char is None or t.end_char is None for t in tokens):
        return None
    size = max(int(t.end_char or 0) for t in tokens)
    buffer = [" "] * size
    for t, after in zip(tokens, [*tokens[1:], None], strict=True):
        start, end = int(t.start_char or 0), int(t.end_char or 0)
        piece = t.text[: end - start]
        buffer[start : start + len(piece)] = list(piece)
        gap = (int(after.start_char or 0) if after is not None else size) - end
        if gap > 0 and t.spaces_after not in ("", " "):
            spaces = t.spaces_after[:gap]
            buffer[end : end + len(spaces)] = list(spaces)
    return "".join(buffer)


def _layout(sentences: list[Sentence]) -> str:
    parts: list[str] = []
    offset = 0
    for i, sentence in enumerate(sentences):
        if i:
            parts.append("\n")
            offset += 1
        for token in sentence.tokens:
            token.start_char = offset
            token.end_char = offset + len(token.text)
            parts.append(token.text)
            offset += len(token.text)
            if token.spaces_after:
                space = token.spaces_after.replace("\n", " ") or " "
                parts.append(space)
                offset += len(space)
    return "".join(parts)


def _fill_word_offsets(doc: Document) -> None:
    """Single-word tokens lend their offsets to their word (words of multi-word tokens keep their own)."""
    for sentence in doc.sentences:
        for token in sentence.tokens:
            if len(token.words) == 1:
                token.words[0].start_char = token.start_char
                token.words[0].end_char = token.end_char


def _build_entities(doc: Document) -> None:
    for sentence in doc.sentences:
        if not any(t.ner for t in sentence.tokens):
            continue
        for first, last, kind in decode_bioes([t.ner for t in sentence.tokens]):
            sentence.ents.append(Entity(sentence.tokens[first : last + 1], kind, doc.text))


def decode_bioes(tags: list[str | None]) -> list[tuple[int, int, str]]:
    """Entity runs (first token, last token, type) from BIOES (or BIO) tags, as Stanza decodes them."""
    found: list[tuple[int, int, str]] = []
    run: list[int] = []
    kind = ""

    def flush() -> None:
        if run:
            found.append((run[0], run[-1], kind))

    for index, tag in enumerate(tags):
        if not tag or tag == "O":  # most tokens: no entity
            if run:
                flush()
                run = []
            continue
        prefix, _, label = tag.partition("-")
        if tag == "O" or not label:
            flush()
            run = []
        elif prefix == "B":
            flush()
            run, kind = [index], label
        elif prefix == "I":
            run.append(index)
            kind = label
        elif prefix == "E":
            run.append(index)
            kind = label
            flush()
            run = []
        elif prefix == "S":
            flush()
            run, kind = [index], label
            flush()
            run = []
        else:
            flush()
            run = []
    flush()
    return found


# ---------------------------------------------------------------------------- validation
def validate_conllu(text: str, *, first_line: int = 1) -> None:
    """Check the CoNLL-U shape line by line; raise :class:`ConlluError` naming the first bad line.

    Besides the columns, every word needs an ASCII-digit HEAD inside its
    sentence, every sentence one tree (a root with HEAD 0 and no cycle), and
    ``start_char``/``end_char`` must be ordered offsets within the input's size.
    """
    _build(text, first_line)


def _check_tree(heads: list[tuple[int, int]]) -> None:
    if not heads:
        return
    if len(heads) > MAX_SENTENCE_WORDS:
        raise ConlluError(
            f"line {heads[0][0]}: sentence of {len(heads):,} words is over the limit of {MAX_SENTENCE_WORDS:,} words"
        )
    size = len(heads)
    targets = [head for _, head in heads]
    if max(targets) > size:
        number, head = next((n, h) for n, h in heads if h > size)
        raise ConlluError(f"line {number}: HEAD {head} is not a word of its sentence ({size} words)")
    if 0 not in targets:
        raise ConlluError(f"line {heads[0][0]}: sentence has no root (no word with HEAD 0)")
    node = _cycle(targets)
    if node is not None:
        _report_cycle(heads, targets, node)


def _cycle(targets: list[int]) -> int | None:
    """A word on a cycle of the tree whose words' heads are ``targets`` (0 the root), or None."""
    size = len(targets)
    rooted = [True] + [False] * size  # a chain of n words is checked in O(n), not O(n²)
    on_path = [0] * (size + 1)  # the start of the walk that passed a word
    for start in range(1, size + 1):
        node = start
        while not rooted[node]:
            if on_path[node] == start:
                return node
            on_path[node] = start
            node = targets[node - 1]
        node = start
        while not rooted[node]:
            rooted[node] = True
            node = targets[node - 1]
    return None


def _report_cycle(heads: list[tuple[int, int]], targets: list[int], node: int) -> None:
    cycle = [node]
    while targets[cycle[-1] - 1] != node:
        cycle.append(targets[cycle[-1] - 1])
    raise ConlluError(
        f"line {heads[min(cycle) - 1][0]}: cycle in the dependency tree "
        f"({' -> '.join(str(n) for n in [*cycle, node])}, no path to the root)"
    )


# ---------------------------------------------------------------------------- MISC
_Misc = tuple[int | None, int | None, str | None, str, str | None]  # start, end, ner, spaces after, the rest

_NO_MISC: _Misc = (None, None, None, " ", None)


def _parse_misc(misc: str, number: int, bound: int) -> _Misc:
    """The MISC column read once: offsets (checked), ner, spacing, and what is left.

    What is left keeps the other fields, as a Stanza parse does: None when
    nothing is left, "" when only spacing was given.
    """
    if misc == "_" or not misc:
        return _NO_MISC
    start = end = ner = None
    spaces, spacing = " ", False
    rest: list[str] = []
    for part in misc.split("|"):
        key, _, value = part.partition("=")
        if key == "start_char" or key == "end_char":
            offset = _offset(key, value, number, bound)
            start, end = (offset, end) if key == "start_char" else (start, offset)
        elif key == "ner":
            ner = value
        elif key.startswith("Space") and key in _SPACING:
            spacing = True
            if key == "SpaceAfter" and value == "No":
                spaces = ""
            elif key == "SpacesAfter" and spaces:
                spaces = _unescape_spaces(value)
        else:
            rest.append(part)
    if start is not None and end is not None and start > end:
        raise ConlluError(f"line {number}: start_char={start} is after end_char={end}")
    return start, end, ner, spaces, "|".join(rest) or ("" if spacing else None)


_SPACING = frozenset({"SpaceAfter", "SpacesAfter", "SpacesBefore"})


def _offset(key: str, value: str, number: int, bound: int) -> int:
    if not (value.isdigit() and value.isascii()):
        raise ConlluError(f"line {number}: bad {key} {value!r} (expected a non-negative integer)")
    offset = int(value)
    if offset > bound:
        raise ConlluError(f"line {number}: {key}={offset} lies beyond the input's {bound} characters")
    return offset


def _unescape_spaces(value: str) -> str:
    return value.replace("\\s", " ").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def _comment_value(comments: list[str], key: str) -> str | None:
    for line in comments:
        name, sep, value = line[1:].partition("=")
        if sep and name.strip() == key:
            return value.strip()
    return None
