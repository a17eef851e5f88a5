"""The Stanza layer: one pipeline, batched parsing, and CoNLL-U in and out.

Stanza (and with it torch) is imported only inside these functions, so that
``import eventx`` and ``eventx --help`` stay fast.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from eventx import conllu
from eventx.conllu import ConlluError, validate_conllu
from eventx.longtext import split_long
from eventx.models import ModelInfo, ModelLoadError, load_problem

__all__ = ["DEFAULT_BATCH_SIZE", "ConlluError", "StanzaParser", "read_conllu", "to_conllu", "validate_conllu"]

DEFAULT_BATCH_SIZE = 32  # documents per pipeline call
PIECES_PER_CALL = 512  # lines (pieces) per bulk_process call
TOKEN_TOO_LONG = "<UNK>"  # stanza.pipeline.tokenize_processor.TOKEN_TOO_LONG_REPLACEMENT
SPLIT_VERSION = "2"  # bump when paragraphs() or the pipeline options change what a text parses to


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
        device: str | None = None,
        pipeline_options: dict[str, Any] | None = None,
    ) -> None:
        self.model = model
        self.processors = list(processors)
        self.use_gpu = use_gpu
        self.device = device
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
            if self.device is not None:
                options["device"] = self.device
                options["use_gpu"] = self.device != "cpu"
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

    @property
    def identity(self) -> str:
        """What a parse depends on: model name, version, folder and processors (the parse cache's key)."""
        return "|".join(
            [
                self.model.name,
                self.model.version or "",
                self.model.package,
                ",".join(self.processors),
                f"split={SPLIT_VERSION}",
            ]
        )

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
        sentences: list[list[Any]] = [[] for _ in texts]
        # Pieces go to the pipeline PIECES_PER_CALL at a time, so that the Stanza objects of a
        # long document's pieces are freed as their sentences are taken (peak memory: issue 16).
        for first in range(0, len(pieces), PIECES_PER_CALL):
            chunk = pieces[first : first + PIECES_PER_CALL]
            parsed = self.pipeline.bulk_process([stanza.Document([], text=line) for _, _, line in chunk])
            for (i, start, line), doc in zip(chunk, parsed, strict=True):
                for sentence in doc.to_dict():
                    for token in sentence:
                        if "start_char" in token:
                            _restore_long_form(token, line)
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


def _restore_long_form(token: dict[str, Any], line: str) -> None:
    """Put back the form Stanza's tokenizer replaced with ``<UNK>`` (tokens over its ``max_seqlen``, URLs)."""
    if token.get("text") != TOKEN_TOO_LONG:
        return
    form = line[token["start_char"] : token["end_char"]]
    token["text"] = form
    if token.get("lemma") == TOKEN_TOO_LONG:
        token["lemma"] = form


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
    """A parsed document as CoNLL-U (with ``start_char``/``end_char`` and ``ner`` in MISC).

    A Stanza Document is written by Stanza; a light document (from a CoNLL-U file
    or the parse cache) gives back the CoNLL-U it was read from.
    """
    if isinstance(doc, conllu.Document):
        return doc.to_conllu()
    return f"{doc:C}\n\n" if doc.sentences else ""


# ---------------------------------------------------------------------------- CoNLL-U input
def read_conllu(text: str, source: str = "") -> tuple[Any, str]:
    """Read one document's CoNLL-U with the light reader; returns (document, document text).

    See :func:`eventx.conllu.read_conllu`: no Stanza, no torch, validated input.
    """
    return conllu.read_conllu(text, source)


def read_conllu_stanza(text: str) -> tuple[Any, str]:
    """Read CoNLL-U with Stanza's own reader (for comparison with the light reader; imports torch).

    Offsets as :func:`read_conllu` assigns them, entities built from ``ner=`` tags.
    """
    light, doc_text = conllu.read_conllu(text)  # validates, and lays the text out where MISC has no offsets
    from stanza.utils.conll import CoNLL

    try:
        doc = CoNLL.conll2doc(input_str=text)
    except Exception as exc:
        raise ConlluError(f"Stanza could not read it: {exc}") from exc
    tokens = [t for s in doc.sentences for t in s.tokens]
    if not all(t.start_char is not None and t.end_char is not None for t in tokens):
        for token, twin in zip(tokens, (t for s in light.sentences for t in s.tokens), strict=True):
            token._start_char, token._end_char = twin.start_char, twin.end_char
            if len(token.words) == 1:
                token.words[0].start_char, token.words[0].end_char = twin.start_char, twin.end_char
    doc.text = doc_text
    if any(t.ner for t in tokens):
        doc.build_ents()
    return doc, doc_text
