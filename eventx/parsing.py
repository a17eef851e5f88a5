"""The Stanza layer: one pipeline, batched parsing, and CoNLL-U in and out.

Stanza (and with it torch) is imported only inside these functions, so that
``import eventx`` and ``eventx --help`` stay fast.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from eventx.longtext import split_long
from eventx.models import ModelInfo, ModelLoadError, load_problem

DEFAULT_BATCH_SIZE = 32  # documents per pipeline call


class ConlluError(ValueError):
    """Malformed CoNLL-U; the message names the line."""


def _no_errors(record: logging.LogRecord) -> bool:
    return record.levelno < logging.ERROR


class StanzaParser:
    """One Stanza pipeline with the processors the active extractors need.

    Built lazily on first use; never downloads anything (``download_method=None``).
    """

    def __init__(
        self,
        model: ModelInfo,
        processors: Sequence[str],
        *,
        use_gpu: bool | None = None,
        pipeline_options: dict[str, Any] | None = None,
    ) -> None:
        self.model = model
        self.processors = list(processors)
        self.use_gpu = use_gpu
        self.pipeline_options = dict(pipeline_options or {})
        self._pipeline: Any = None

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            import stanza

            options: dict[str, Any] = {
                "lang": "en",
                "dir": str(self.model.directory),
                "package": self.model.package,
                "processors": ",".join(self.processors),
                "download_method": None,
                "logging_level": "WARN",
            }
            if self.use_gpu is not None:
                options["use_gpu"] = self.use_gpu
            options.update(self.pipeline_options)
            stanza_log = logging.getLogger("stanza")
            stanza_log.addFilter(_no_errors)  # a failure is reported below, in one line
            try:
                self._pipeline = stanza.Pipeline(**options)
            except Exception as exc:  # a missing or damaged file: one line, not Stanza's download advice
                raise ModelLoadError(load_problem(self.model, self.processors, exc)) from exc
            finally:
                stanza_log.removeFilter(_no_errors)
        return self._pipeline

    def parse(self, texts: Sequence[str]) -> list[Any]:
        """Parse several texts in one batched pipeline call; returns Stanza Documents.

        Each line break ends a sentence: news text puts headlines, datelines and
        paragraphs on lines of their own, often without final punctuation.  The
        lines of all texts are parsed together, then put back into one Document
        per text with offsets into that text.
        """
        import stanza

        if not texts:
            return []
        pieces = [(i, start, line) for i, text in enumerate(texts) for start, line in paragraphs(text)]
        parsed = self.pipeline.bulk_process([stanza.Document([], text=line) for _, _, line in pieces])
        sentences: list[list[Any]] = [[] for _ in texts]
        for (i, start, _), doc in zip(pieces, parsed, strict=True):
            for sentence in doc.to_dict():
                for token in sentence:
                    if "start_char" in token:
                        token["start_char"] += start
                        token["end_char"] += start
                sentences[i].append(sentence)
        out = []
        for text, sents in zip(texts, sentences, strict=True):
            doc = stanza.Document(sents, text=text)
            if "ner" in self.processors:
                doc.build_ents()
            out.append(doc)
        return out


# "KHARTOUM, June 14 (Reuters) – ", "QAMISHLI, Syria, May 12 (AP) — ", "Egypt Daily News – "
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'’./ -]+(?:, [A-Z][\w.'’ -]+)*,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:\s*\([^)]{1,30}\))?"
    r"|[A-Z][\w.'’&]*(?: [A-Z][\w.'’&]*){0,4})\s+[–—-]{1,2}\s+(?=[A-Z“\"‘'])"
)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of a text with their start offsets (trailing whitespace kept out).

    A wire dateline or a source name before a dash ("KYIV, May 17 (Reuters) – ") is
    split off as a piece of its own, so that it never becomes part of the first sentence.
    A line over :data:`eventx.longtext.MAX_PIECE_CHARS` is cut into pieces (:func:`split_long`).
    """
    out = []
    start = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.strip():
            match = _DATELINE.match(stripped)
            if match and match.end() < len(stripped):
                out.append((start, stripped[: match.end()].rstrip()))
                out.extend(split_long(start + match.end(), stripped[match.end() :]))
            else:
                out.extend(split_long(start, stripped))
        start += len(line) + 1
    return out


def to_conllu(doc: Any) -> str:
    """A Stanza Document as CoNLL-U (with ``start_char``/``end_char`` in MISC)."""
    return f"{doc:C}\n\n" if doc.sentences else ""


# ---------------------------------------------------------------------------- CoNLL-U input
_ID = re.compile(r"^(\d+|\d+-\d+|\d+\.\d+)$")


def validate_conllu(text: str) -> None:
    """Check the CoNLL-U shape line by line; raise :class:`ConlluError` naming the first bad line.

    Besides the columns, every word needs a HEAD inside its sentence (eventx
    navigates dependency trees) and every sentence a root (HEAD 0).
    """
    heads: list[tuple[int, int]] = []  # (line number, head) of the current sentence's words
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if not line.strip():
            _check_sentence(heads)
            heads = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ConlluError(f"line {number}: expected 10 tab-separated columns, found {len(cols)}")
        if not _ID.match(cols[0]):
            raise ConlluError(f"line {number}: bad ID {cols[0]!r}")
        if "-" in cols[0] or "." in cols[0]:
            continue
        if not cols[6].isdigit():
            raise ConlluError(f"line {number}: bad HEAD {cols[6]!r} (eventx needs a dependency tree)")
        if int(cols[0]) != len(heads) + 1:
            raise ConlluError(f"line {number}: word ID {cols[0]} out of sequence (expected {len(heads) + 1})")
        heads.append((number, int(cols[6])))


def _check_sentence(heads: list[tuple[int, int]]) -> None:
    if not heads:
        return
    for number, head in heads:
        if head > len(heads):
            raise ConlluError(f"line {number}: HEAD {head} is not a word of its sentence ({len(heads)} words)")
    if all(head != 0 for _, head in heads):
        raise ConlluError(f"line {heads[0][0]}: sentence has no root (no word with HEAD 0)")


def read_conllu(text: str) -> tuple[Any, str]:
    """Parse CoNLL-U with Stanza's own reader; returns (Document, document text).

    Token offsets come from ``start_char``/``end_char`` in MISC when every token
    has them (the text is then rebuilt around the tokens at those offsets);
    otherwise tokens are laid out with their ``SpaceAfter`` spacing, one
    sentence per line, and offsets are assigned to match.
    """
    validate_conllu(text)
    from stanza.utils.conll import CoNLL

    try:
        doc = CoNLL.conll2doc(input_str=text)
    except Exception as exc:
        raise ConlluError(f"Stanza could not read it: {exc}") from exc
    tokens = [t for s in doc.sentences for t in s.tokens]
    if tokens and all(t.start_char is not None and t.end_char is not None for t in tokens):
        size = max(t.end_char for t in tokens)
        buffer = [" "] * size
        for t in tokens:
            piece = t.text[: t.end_char - t.start_char]
            buffer[t.start_char : t.start_char + len(piece)] = list(piece)
        doc_text = "".join(buffer)
    else:
        doc_text = _layout(doc.sentences)
    if any(t.ner for t in tokens):
        # Stanza's reader keeps the ner= tags of MISC on the tokens but builds no entity spans.
        doc.text = doc_text
        try:
            doc.build_ents()
        except Exception as exc:  # malformed BIOES tags
            raise ConlluError(f"bad ner tags: {exc}") from exc
    return doc, doc_text


def _layout(sentences: Iterable[Any]) -> str:
    parts: list[str] = []
    offset = 0
    for i, sentence in enumerate(sentences):
        if i:
            parts.append("\n")
            offset += 1
        for token in sentence.tokens:
            token._start_char = offset
            token._end_char = offset + len(token.text)
            if len(token.words) == 1:
                token.words[0].start_char = offset
                token.words[0].end_char = offset + len(token.text)
            parts.append(token.text)
            offset += len(token.text)
            if token.spaces_after or token.spaces_after is None:
                space = token.spaces_after if token.spaces_after else " "
                space = space.replace("\n", " ") or " "
                parts.append(space)
                offset += len(space)
    return "".join(parts)
