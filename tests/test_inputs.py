from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from helpers import FIXTURES

from eventx import ParsedDocument
from eventx.inputs import DEFAULT_MAX_BYTES, InputItem, InputProblem, TextInput, iter_inputs


def items(paths: list[str | Path], fmt: str = "text", **kwargs: object) -> list[InputItem]:
    return list(iter_inputs([str(p) for p in paths], fmt, **kwargs))  # type: ignore[arg-type]


def only_problem(found: list[InputItem]) -> InputProblem:
    assert len(found) == 1 and isinstance(found[0], InputProblem), found
    return found[0]


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "istanbul-talks.txt"
    path.write_text("Talks resumed.\n", encoding="utf-8")
    assert items([path]) == [TextInput("istanbul-talks", "Talks resumed.\n", str(path))]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffKyiv".encode())
    (item,) = items([path])
    assert isinstance(item, TextInput) and item.text == "Kyiv"


def test_missing_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("text", encoding="utf-8")
    found = items([tmp_path / "nope.txt", good])
    assert isinstance(found[0], InputProblem) and found[0].fatal
    assert str(found[0]) == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert isinstance(found[1], TextInput)


def test_directory_is_searched_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "notes.md").write_text("skip me", encoding="utf-8")
    found = items([tmp_path])
    assert [i.doc_id for i in found if isinstance(i, TextInput)] == ["b", "a"]


def test_directory_without_txt_files(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    problem = only_problem(items([tmp_path]))
    assert problem.fatal
    assert str(problem) == f"{tmp_path}: directory holds no *.txt files"
    assert "*.conllu or *.conll" in only_problem(items([tmp_path], "conllu")).message


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    problem = only_problem(items([path]))
    assert problem.fatal and problem.source == str(path) and "binary" in problem.message
    assert "\n" not in str(problem)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gespräche in Genf".encode("latin-1"))
    problem = only_problem(items([path]))
    assert problem.fatal and problem.source == str(path)
    assert problem.message == "not valid UTF-8 (byte 5: b'\\xe4')"


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file_is_a_warning(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    problem = only_problem(items([path]))
    assert not problem.fatal
    assert str(problem) == f"{path}: empty file, no events"
    assert not only_problem(items([path], "conllu")).fatal


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 101, encoding="utf-8")
    problem = only_problem(items([path], max_bytes=100))
    assert problem.fatal and problem.source == str(path)
    assert problem.message == (
        "101 bytes is over the size limit of 100 bytes (raise it with --max-bytes or EVENTX_MAX_BYTES)"
    )
    assert isinstance(items([path], max_bytes=101)[0], TextInput), "the limit itself is allowed"
    assert isinstance(items([path], max_bytes=0)[0], TextInput), "0 means no limit"


def test_size_limit_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 50, encoding="utf-8")
    monkeypatch.setenv("EVENTX_MAX_BYTES", "10")
    assert only_problem(items([path])).fatal
    assert isinstance(items([path], max_bytes=50)[0], TextInput), "the argument wins over the variable"


def test_ten_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:
        block = b"Shelling killed nine people in the north of the country. " * 1000
        while stream.tell() < 10 * 1024 * 1024:
            stream.write(block)
    assert path.stat().st_size >= 10 * 1024 * 1024 > DEFAULT_MAX_BYTES
    started = time.perf_counter()
    problem = only_problem(items([path]))
    assert time.perf_counter() - started < 1.0
    assert problem.fatal and str(problem).startswith(f"{path}: ")
    assert "over the size limit of 2,000,000 bytes" in problem.message


def test_stdin(tmp_path: Path) -> None:
    (item,) = items(["-"], stdin=io.BytesIO(b"Talks resumed."))
    assert item == TextInput("stdin", "Talks resumed.", "<stdin>")
    problem = only_problem(items(["-"], stdin=io.BytesIO(b"x" * 11), max_bytes=10))
    assert problem.source == "<stdin>" and "over the size limit of 10 bytes" in problem.message
    assert not only_problem(items(["-"], stdin=io.BytesIO(b""))).fatal


# ---------------------------------------------------------------------------- CoNLL-U
def test_conllu_file_becomes_a_parsed_document() -> None:
    (document,) = items([FIXTURES / "sanctions.conllu"], "conllu")
    assert isinstance(document, ParsedDocument)
    assert document.doc_id == "sanctions"
    assert document.text == "The European Union imposed sanctions on Iran on Monday."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("1\tTalks\ttalk\tNOUN\n", "line 1: expected 10 tab-separated columns, found 4"),
        ("# c\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\nx\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n", "line 3: bad ID 'x'"),
        ("1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n3\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n", "line 2: word ID 3 out of sequence"),
        ("1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\tone\tdep\t_\t_\n", "line 2: bad HEAD 'one'"),
        ("1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t_\tdep\t_\t_\n", "line 2: bad HEAD '_'"),
        ("1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t7\tdep\t_\t_\n", "line 2: HEAD 7 is not a word"),
        ("1\tA\ta\tX\t_\t_\t2\tdep\t_\t_\n2\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n", "line 1: sentence has no root"),
        (
            "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2 B b X _ _ 1 dep _ _\n",
            "line 4: expected 10 tab-separated columns, found 1",
        ),
    ],
)
def test_malformed_conllu_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.conllu"
    path.write_text(content, encoding="utf-8")
    problem = only_problem(items([path], "conllu"))
    assert problem.fatal and problem.source == str(path)
    assert problem.message.startswith("malformed CoNLL-U: " + message), problem.message
    assert "\n" not in str(problem)


def test_conllu_directory(tmp_path: Path) -> None:
    for name in ("talks", "sanctions"):
        (tmp_path / f"{name}.conllu").write_bytes((FIXTURES / f"{name}.conllu").read_bytes())
    found = items([tmp_path], "conllu")
    assert [d.doc_id for d in found if isinstance(d, ParsedDocument)] == ["sanctions", "talks"]


# ---------------------------------------------------------------------------- JSON Lines
def test_jsonl_good_records(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        '{"id": "a", "text": "First."}\n\n{"text": "Second.", "extra": 1}\n{"id": 7, "text": "Third."}\n',
        encoding="utf-8",
    )
    assert items([path], "jsonl") == [
        TextInput("a", "First.", f"{path}:1"),
        TextInput("corpus-3", "Second.", f"{path}:3"),
        TextInput("7", "Third.", f"{path}:4"),
    ]


def test_jsonl_custom_fields(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"url": "u1", "body": "Text."}\n', encoding="utf-8")
    assert items([path], "jsonl", id_field="url", text_field="body") == [TextInput("u1", "Text.", f"{path}:1")]


def test_jsonl_line_without_text_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "a", "text": "Fine."}\n{"id": "b", "body": "no text"}\n{"id": "c", "text": 5}\n'
        '{"id": "d", "text": "Also fine."}\n',
        encoding="utf-8",
    )
    found = items([path], "jsonl")
    assert [type(i).__name__ for i in found] == ["TextInput", "InputProblem", "InputProblem", "TextInput"]
    assert str(found[1]) == f"{path}:2: record has no 'text' string field"
    assert str(found[2]) == f"{path}:3: record has no 'text' string field"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a", "b"]', "not a JSON object"),
        ('{"text": "\x00"}', "binary file"),
    ],
)
def test_jsonl_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "ok"}\n' + line + "\n", encoding="utf-8")
    found = items([path], "jsonl")
    assert isinstance(found[0], TextInput)
    problem = found[1]
    assert isinstance(problem, InputProblem) and problem.source == f"{path}:2" and problem.fatal
    assert problem.message.startswith(message)


def test_jsonl_non_utf8_line_and_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "  "}\n{"text": "ok"}\n')
    found = items([path], "jsonl")
    assert isinstance(found[0], InputProblem) and found[0].fatal and "not valid UTF-8" in found[0].message
    assert isinstance(found[1], InputProblem) and not found[1].fatal and found[1].source == f"{path}:2"
    assert isinstance(found[2], TextInput)


def test_jsonl_text_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "' + "x" * 20 + '"}\n{"text": "short"}\n', encoding="utf-8")
    found = items([path], "jsonl", max_bytes=10)
    assert isinstance(found[0], InputProblem) and found[0].source == f"{path}:1"
    assert isinstance(found[1], TextInput)


def test_empty_jsonl_file_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    problem = only_problem(items([path], "jsonl"))
    assert not problem.fatal and problem.source == str(path)


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("Talks resumed.", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path), str(sub), str(sub / "a.txt")]))
    assert [getattr(i, "doc_id", None) for i in items] == ["a"]
