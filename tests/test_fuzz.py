"""Fuzzing the readers with token-aware strategies (issue 16): no crash, no hang, one-line messages.

Each reader gets input that looks right and is wrong in the ways real files are: CoNLL-U lines
with mutated fields (Unicode digits, negative or huge offsets, cycles, missing columns), JSON Lines
records with deep nesting, huge numbers, lone surrogates and odd or repeated ids, text with NUL
bytes, byte-order marks and broken UTF-8.  Every input must give documents or one-line problems
naming the input, and CoNLL-U documents must go through extraction with the built-in plugins.

200 examples per reader in the normal suite; for a long run::

    EVENTX_FUZZ_EXAMPLES=10000 python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import eventx_casualties
import eventx_diplomacy
import eventx_territory
import pytest
from hypothesis import HealthCheck, Phase, example, find, given, settings
from hypothesis import strategies as st

from eventx import Extractor, ParsedDocument, PluginManager
from eventx.inputs import InputItem, InputProblem, TextInput, iter_inputs
from eventx.validation import event_problem

EXAMPLES = int(os.environ.get("EVENTX_FUZZ_EXAMPLES", "200"))
SECONDS_PER_EXAMPLE = 10  # a hang is an example that takes more CPU time than this
FUZZ = settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs signal.setitimer for hang detection")


class Hang(Exception):
    pass


@contextmanager
def no_hang(seconds: float = SECONDS_PER_EXAMPLE) -> Iterator[None]:
    """Fail when the block takes more than ``seconds`` of CPU time (a loop), however loaded the machine is.

    The timer counts this process's CPU time (``ITIMER_PROF``), not the wall clock.  Where the
    signal lands in code that swallows exceptions (a gc callback), the flag still fails the test.
    """
    fired: list[bool] = []

    def alarm(signum: int, frame: Any) -> None:
        fired.append(True)
        raise Hang(f"no result within {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    if fired:
        raise Hang(f"no result within {seconds} s of CPU time")


def read(data: bytes, suffix: str, fmt: str, **kwargs: Any) -> tuple[str, list[InputItem]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_bytes(data)
        with no_hang():
            return str(path), list(iter_inputs([str(path)], fmt, **kwargs))


def check_problems(source: str, found: list[InputItem]) -> None:
    for item in found:
        if isinstance(item, InputProblem):
            assert "\n" not in str(item) and "\r" not in str(item), item
            assert item.source == source or item.source.startswith(source + ":"), item
            assert "Traceback" not in item.message


# ---------------------------------------------------------------------------- CoNLL-U
DIGITS = st.sampled_from(["0", "1", "2", "3", "7", "12", "²", "١", "٣", "-1", "+1", " 1", "1 ", "01", "", "_", "x"])
OFFSETS = st.sampled_from(["0", "5", "-3", "3000000000", "9" * 30, "²", "", "1.5"])
MISC = st.one_of(
    st.just("_"),
    st.builds(lambda s, e: f"start_char={s}|end_char={e}", OFFSETS, OFFSETS),
    st.sampled_from(
        ["SpaceAfter=No", "ner=S-GPE", "ner=B-PER", "ner=E-ORG", "ner=I-X|SpaceAfter=No", "ner=", "|", "=="]
    ),
)
FORMS = st.sampled_from(
    ["Talks", "killed", "Kyiv", "nine", "people", "said", "²", "\u200b", "a b", "", "_", "#", "\x00"]
)
DEPRELS = st.sampled_from(["root", "nsubj", "obj", "obl", "nummod", "conj", "punct", "dep", "_", ""])
EXTRA_LINES = st.sampled_from(
    ["# text = x", "1-2\tcan't\t_\t_\t_\t_\t_\t_\t_\t_", "1.1\tgap\t_\t_\t_\t_\t_\t_\t_\t_", "3\ttoo\tfew", ""]
)
UPOS = st.sampled_from(["NOUN", "VERB", "PROPN", "NUM", "PUNCT", "X", "_", ""])


@st.composite
def conllu_sentence(draw: st.DrawFn) -> str:
    """A valid sentence (a random tree with offsets), then a few fields of a few lines mutated."""
    n = draw(st.integers(1, 8))
    heads = [0] + [draw(st.integers(1, i)) for i in range(1, n)]  # word i+1 hangs on an earlier word
    order = draw(st.permutations(range(1, n + 1)))
    rename = {old: new for new, old in enumerate(order, start=1)} | {0: 0}
    rows: list[list[str]] = [[""] * 10 for _ in range(n)]
    offset = 0
    for old in range(1, n + 1):
        form = draw(FORMS.filter(lambda f: f not in ("", "\x00") and "\t" not in f)) or "x"
        row = rows[rename[old] - 1]
        row[:] = [str(rename[old]), form, form.lower(), draw(UPOS) or "X", "_", "_"]
        row += [str(rename[heads[old - 1]]), "root" if heads[old - 1] == 0 else draw(DEPRELS) or "dep", "_"]
        row.append(f"start_char={offset}|end_char={offset + len(form)}")
        offset += len(form) + 1
    for _ in range(draw(st.integers(0, 3))):
        row = draw(st.sampled_from(rows))
        column = draw(st.sampled_from([0, 1, 3, 6, 7, 9]))
        strategy = {0: DIGITS, 6: DIGITS, 9: MISC, 1: FORMS, 7: DEPRELS, 3: UPOS}[column]
        row[column] = draw(strategy)
    if n > 1 and draw(st.booleans()):  # a cycle: two words hang on each other
        a, b = draw(st.permutations(range(n)))[:2]
        rows[a][6], rows[b][6] = str(b + 1), str(a + 1)
    lines = ["\t".join(row) for row in rows]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(EXTRA_LINES))
    return "\n".join(lines) + "\n"


CONLLU = st.lists(conllu_sentence(), min_size=1, max_size=4).map(lambda sentences: "\n".join(sentences))
PLUGINS = PluginManager(
    entry_points=False,
    plugins=[("casualties", eventx_casualties), ("diplomacy", eventx_diplomacy), ("territory", eventx_territory)],
    report=lambda message: None,
)
EXTRACTOR = Extractor(plugins=PLUGINS)

CYCLE = "1\tA\ta\tX\t_\t_\t2\tdep\t_\t_\n2\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n3\tC\tc\tX\t_\t_\t0\troot\t_\t_\n"
HEAD_SUPERSCRIPT = "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t²\tdep\t_\t_\n"
HUGE_OFFSET = "1\tKyiv\tKyiv\tPROPN\t_\t_\t0\troot\t_\tstart_char=0|end_char=3000000000\n"
NEGATIVE_OFFSET = "1\tKyiv\tKyiv\tPROPN\t_\t_\t0\troot\t_\tstart_char=-4|end_char=0\n"


@FUZZ
@given(CONLLU)
@example(CYCLE)
@example(HEAD_SUPERSCRIPT)
@example(HUGE_OFFSET)
@example(NEGATIVE_OFFSET)
def test_fuzz_conllu_reader_and_extraction(text: str) -> None:
    source, found = read(text.encode("utf-8"), ".conllu", "conllu")
    check_problems(source, found)
    for item in found:
        if isinstance(item, ParsedDocument):
            with no_hang():
                events = EXTRACTOR.extract_document(item)
            assert all(event_problem(e, item, PLUGINS.event_types) is None for e in events)
    assert not PLUGINS.failures, PLUGINS.failures
    if text in (CYCLE, HEAD_SUPERSCRIPT, HUGE_OFFSET, NEGATIVE_OFFSET):
        assert len(found) == 1 and isinstance(found[0], InputProblem) and "line " in found[0].message


# ---------------------------------------------------------------------------- JSON Lines
def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def lone_surrogate_text(code: int, text: str) -> str:
    return json.dumps(text)[:-1] + f"\\u{code:04x}" + '"'


JSON_TEXT = st.one_of(
    st.text(max_size=30).map(json.dumps),
    st.builds(lone_surrogate_text, st.integers(0xD800, 0xDFFF), st.text(max_size=10)),
    st.just('"\\ud83d\\ude00 paired"'),
    st.just('"   "'),
)
JSON_ID = st.one_of(
    st.sampled_from(["a", "b", "1", "", " "]).map(json.dumps),
    st.integers(-3, 3).map(str),
    st.sampled_from(["null", "true", "1.5", '{"a": 1}', "[1]", "1e999", '"\\ud800"']),
    st.integers(4295, 4400).map(lambda n: "9" * n),
)
JSON_EXTRA = st.one_of(
    st.integers(1, 3000).map(deep),
    st.integers(4290, 4400).map(lambda n: "-" + "1" * n),
    st.sampled_from(["1e309", "-0", "NaN", "Infinity", '"x"', "{}"]),
)


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    fields = []
    if draw(st.booleans()):
        fields.append(f'"id": {draw(JSON_ID)}')
    if draw(st.integers(0, 9)):
        fields.append(f'"text": {draw(JSON_TEXT)}')
    if draw(st.booleans()):
        fields.append(f'"extra": {draw(JSON_EXTRA)}')
    line = ("{" + ", ".join(draw(st.permutations(fields))) + "}").encode("utf-8", "surrogatepass")
    damage = draw(st.integers(0, 12))
    if damage == 0:
        line = line[: draw(st.integers(0, len(line)))]
    elif damage == 1:
        cut = draw(st.integers(0, len(line)))
        line = line[:cut] + draw(st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\r", b"\xef\xbb\xbf"])) + line[cut:]
    elif damage == 2:
        line = draw(st.sampled_from([b"[", deep(5000).encode(), b"null", b'"text"', b"1" * 5000, b"{" * 3000]))
    return line


JSONL = st.lists(jsonl_line(), min_size=1, max_size=8).map(lambda lines: b"\n".join(lines) + b"\n")


@FUZZ
@given(JSONL, st.sampled_from([None, 0, 40]))
@example(b"[" * 1000 + b"\n", None)
@example(b'{"text": "a", "n": ' + b"9" * 4301 + b"}\n", None)
@example(b'{"text": "\\ud800"}\n', None)
@example(b'{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', None)
@example(b'{"id": null, "text": "x"}\n{"id": {"a": 1}, "text": "y"}\n', None)
def test_fuzz_jsonl_reader(data: bytes, limit: int | None) -> None:
    source, found = read(data, ".jsonl", "jsonl", max_bytes=limit)
    check_problems(source, found)
    docs = [i for i in found if isinstance(i, TextInput)]
    assert len({d.doc_id for d in docs}) == len(docs), "ids are unique"
    for doc in docs:
        doc.text.encode("utf-8")  # no lone surrogate reaches the writers
        doc.doc_id.encode("utf-8")
        assert doc.text.strip() and (not limit or len(doc.text.encode("utf-8")) <= limit)
    lines = [line for line in data.split(b"\n") if line.strip()]
    assert len(found) >= min(len(lines), 1), "every line gives a document or a problem"
    fatal = [i for i in found if isinstance(i, InputProblem) and i.fatal]
    assert len(docs) + len(fatal) <= len(lines)


# ---------------------------------------------------------------------------- text
TEXT_PIECES = st.one_of(
    st.text(max_size=50).map(lambda t: t.encode("utf-8")),
    st.sampled_from([b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\r\n", b"\n" * 3, b"\t", "²".encode()]),
    st.binary(max_size=20),
)


@FUZZ
@given(st.lists(TEXT_PIECES, max_size=12).map(b"".join), st.sampled_from([None, 0, 64]))
@example(b"a" * 9000 + b"\x00", None)
def test_fuzz_text_reader(data: bytes, limit: int | None) -> None:
    source, found = read(data, ".txt", "text", max_bytes=limit)
    check_problems(source, found)
    assert len(found) == 1
    (item,) = found
    if isinstance(item, TextInput):
        assert b"\x00" not in data and (not limit or len(data) <= limit)
        assert item.text == data.decode("utf-8-sig")
    else:
        assert b"\x00" in data or (limit and len(data) > limit) or _not_utf8(data) or _blank(data), item


def _blank(data: bytes) -> bool:
    return not data.decode("utf-8-sig").strip()


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    return False


# ---------------------------------------------------------------------------- the strategies reach issue 16's cases
def _conllu_error(text: str) -> str:
    from eventx.conllu import ConlluError, validate_conllu

    try:
        validate_conllu(text)
    except ConlluError as exc:
        return str(exc)
    return ""


REACHES: list[tuple[str, Any, Any]] = [
    ("CoNLL-U HEAD '²'", CONLLU, lambda t: any(line.split("\t")[6:7] == ["²"] for line in t.splitlines())),
    ("CoNLL-U cycle", CONLLU, lambda t: "cycle in the dependency tree" in _conllu_error(t)),
    ("CoNLL-U end_char=3000000000", CONLLU, lambda t: "_char=3000000000" in t),
    ("CoNLL-U negative offset", CONLLU, lambda t: "_char=-3" in t),
    ("JSON nested 1,000 deep", JSONL, lambda d: b"[" * 1000 in d),
    ("JSON number of 4,301 digits", JSONL, lambda d: re.search(rb"\d{4301}", d) is not None),
    ("JSON lone surrogate", JSONL, lambda d: re.search(rb'\\ud[89a-f][0-9a-f]{2}"', d) is not None),
    ("JSON null id", JSONL, lambda d: b'"id": null' in d),
    ("JSON object id", JSONL, lambda d: b'"id": {"a": 1}' in d),
    ("JSON duplicate id", JSONL, lambda d: len(re.findall(rb'"id": "a"', d)) > 1),
]


@pytest.mark.parametrize(("case", "strategy", "found"), REACHES, ids=[case for case, _, _ in REACHES])
def test_the_strategies_reach_the_cases_of_issue_16(case: str, strategy: Any, found: Any) -> None:
    """Each case the random-byte fuzzer missed is one the token-aware strategies generate."""
    no_shrinking = settings(max_examples=5000, database=None, phases=[Phase.generate])
    assert found(find(strategy, found, settings=no_shrinking))
