"""Hostile input to the readers: every case gives one line naming the input (and line), the others go on.

Issue 16's battery: FIFOs with no writer, devices, NUL bytes anywhere, symlink loops, invalid settings,
and JSONL lines that crashed the reader (deep nesting, huge numbers, lone surrogates, odd or repeated ids).
"""

from __future__ import annotations

import io
import json
import os
import threading
import time
from pathlib import Path

import pytest

from eventx.inputs import InputItem, InputProblem, SettingError, TextInput, iter_inputs

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def items(paths: list[str | Path], fmt: str = "text", **kwargs: object) -> list[InputItem]:
    return list(iter_inputs([str(p) for p in paths], fmt, **kwargs))  # type: ignore[arg-type]


def good_file(tmp_path: Path, name: str = "good.txt") -> Path:
    path = tmp_path / name
    path.write_text("Talks resumed in Geneva.", encoding="utf-8")
    return path


def one_line(problem: InputItem) -> str:
    assert isinstance(problem, InputProblem), problem
    assert "\n" not in str(problem)
    return str(problem)


# ---------------------------------------------------------------------------- file types
@needs_fifo
def test_fifo_without_a_writer_times_out_and_the_next_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    monkeypatch.setenv("EVENTX_READ_TIMEOUT", "0.3")
    started = time.perf_counter()
    found = items([fifo, good_file(tmp_path)])
    assert time.perf_counter() - started < 5
    assert one_line(found[0]) == f"{fifo}: no data for 0.3 s (a FIFO or pipe with no writer?)"
    assert isinstance(found[1], TextInput)


@needs_fifo
@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_fifo_with_a_writer_is_read_within_the_limit(tmp_path: Path, fmt: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = b'{"id": "a", "text": "Talks resumed."}\n' if fmt == "jsonl" else b"Talks resumed."

    def write() -> None:
        with open(fifo, "wb") as stream:
            stream.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    found = items([fifo], fmt)
    writer.join(5)
    assert len(found) == 1 and isinstance(found[0], TextInput) and found[0].text == "Talks resumed."


@needs_fifo
def test_fifo_over_the_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        try:
            with open(fifo, "wb") as stream:
                stream.write(b"x" * 5000)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write)
    writer.start()
    (problem,) = items([fifo], max_bytes=100)
    writer.join(5)
    assert (
        one_line(problem) == f"{fifo}: over the size limit of 100 bytes (raise it with --max-bytes or EVENTX_MAX_BYTES)"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("limit", [None, 0])
def test_dev_zero_is_refused_at_once_even_without_a_limit(limit: int | None) -> None:
    started = time.perf_counter()
    for fmt in ("text", "conllu"):
        (problem,) = items(["/dev/zero"], fmt, max_bytes=limit)
        assert one_line(problem) == "/dev/zero: binary file (contains NUL bytes), not text"
    (problem,) = items(["/dev/zero"], "jsonl", max_bytes=limit)
    assert one_line(problem).startswith("/dev/zero:1: binary file (contains NUL bytes), not text; no line end in ")
    assert one_line(problem).endswith(" bytes, the rest of the input is skipped")
    assert time.perf_counter() - started < 10


def test_nul_bytes_anywhere_make_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"Talks resumed. " * 2000 + b"\x00" + b"More text.")
    assert path.stat().st_size > 8192
    assert one_line(items([path])[0]) == f"{path}: binary file (contains NUL bytes), not text"


def test_symlink_loop_is_reported_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop.txt")
    found = items([loop, good_file(tmp_path)])
    assert one_line(found[0]) == f"{loop}: symbolic link loop (too many levels of symbolic links)"
    assert isinstance(found[1], TextInput)


def test_broken_symlink_is_reported_as_such(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert one_line(items([link])[0]) == f"{link}: broken symbolic link (its target does not exist)"


def test_symlink_loop_inside_a_folder_is_reported(tmp_path: Path) -> None:
    good_file(tmp_path)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    found = items([tmp_path])
    assert [type(i).__name__ for i in found] == ["TextInput", "InputProblem"]
    assert "symbolic link loop" in one_line(found[1])


# ---------------------------------------------------------------------------- settings
@pytest.mark.parametrize("value", ["abc", "-5", "1e6", "2MB"])
def test_invalid_max_bytes_setting_is_an_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("EVENTX_MAX_BYTES", value)
    with pytest.raises(SettingError, match=r"^EVENTX_MAX_BYTES='.*' is not valid: expected a whole number of bytes"):
        iter_inputs(["x.txt"])


def test_valid_max_bytes_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = good_file(tmp_path)
    for value, ok in (("1_000", True), (" 10 ", False), ("0", True), ("", True)):
        monkeypatch.setenv("EVENTX_MAX_BYTES", value)
        assert isinstance(items([path])[0], TextInput) is ok, value


def test_invalid_read_timeout_setting_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTX_READ_TIMEOUT", "soon")
    with pytest.raises(SettingError, match="EVENTX_READ_TIMEOUT='soon' is not valid: expected a number of seconds"):
        iter_inputs(["x.txt"])


# ---------------------------------------------------------------------------- JSON Lines
def jsonl_items(tmp_path: Path, *lines: str | bytes, **kwargs: object) -> tuple[Path, list[InputItem]]:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"".join((x if isinstance(x, bytes) else x.encode()) + b"\n" for x in lines))
    return path, items([path], "jsonl", **kwargs)


GOOD = '{"id": "ok", "text": "Talks resumed."}'


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 100_000, "not valid JSON here (nested too deeply)"),
        ('{"text": "a", "n": ' + "[" * 5000 + "]" * 5000 + "}", "not valid JSON here (nested too deeply)"),
        ('{"text": "a", "n": ' + "9" * 4301 + "}", "not valid JSON here (a number of over 4,300 digits)"),
        ('{"id": null, "text": "a"}', "id 'id' must be a non-empty string or an integer, not null"),
        ('{"id": {"a": 1}, "text": "a"}', "id 'id' must be a non-empty string or an integer, not an object"),
        ('{"id": [1], "text": "a"}', "id 'id' must be a non-empty string or an integer, not an array"),
        ('{"id": true, "text": "a"}', "id 'id' must be a non-empty string or an integer, not true"),
        ('{"id": 1.5, "text": "a"}', "id 'id' must be a non-empty string or an integer, not a fraction"),
        ('{"id": " ", "text": "a"}', "id 'id' must be a non-empty string or an integer, not an empty string"),
    ],
)
def test_jsonl_lines_that_crashed_the_reader(tmp_path: Path, line: str, message: str) -> None:
    path, found = jsonl_items(tmp_path, line, GOOD)
    assert one_line(found[0]) == f"{path}:1: {message}"
    assert found[0].fatal  # type: ignore[union-attr]
    assert found[1] == TextInput("ok", "Talks resumed.", f"{path}:2"), "the rest of the file is read"


def test_jsonl_lone_surrogate_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path, found = jsonl_items(tmp_path, '{"id": "s\\udc00", "text": "Talks \\ud800 resumed."}', GOOD)
    warnings = [i for i in found if isinstance(i, InputProblem)]
    assert [str(w) for w in warnings] == [
        f"{path}:1: id holds a lone surrogate ('\\udc00' at character 1), replaced by U+FFFD",
        f"{path}:1: text holds a lone surrogate ('\\ud800' at character 6), replaced by U+FFFD",
    ]
    assert not any(w.fatal for w in warnings)
    docs = [i for i in found if isinstance(i, TextInput)]
    assert docs[0] == TextInput("s\ufffd", "Talks \ufffd resumed.", f"{path}:1"), "offsets keep: one for one"
    docs[0].text.encode("utf-8")  # the writers can encode it
    assert docs[1].doc_id == "ok"


def test_jsonl_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    _, found = jsonl_items(tmp_path, '{"text": "\\ud83d\\ude00"}')
    assert found == [TextInput("corpus-1", "\U0001f600", f"{tmp_path / 'corpus.jsonl'}:1")]


def test_jsonl_duplicate_ids_are_refused_naming_the_first(tmp_path: Path) -> None:
    path, found = jsonl_items(
        tmp_path,
        '{"id": "a", "text": "One."}',
        '{"id": 7, "text": "Two."}',
        '{"id": "a", "text": "Three."}',
        '{"id": "7", "text": "Four."}',
        '{"text": "Five."}',
        '{"id": "corpus-5", "text": "Six."}',
    )
    kinds = [(type(i).__name__, getattr(i, "doc_id", None)) for i in found]
    assert kinds == [
        ("TextInput", "a"),
        ("TextInput", "7"),
        ("InputProblem", None),
        ("InputProblem", None),
        ("TextInput", "corpus-5"),
        ("InputProblem", None),
    ]
    assert one_line(found[2]) == f"{path}:3: duplicate id 'a' (first on line 1); record skipped"
    assert one_line(found[3]) == f"{path}:4: duplicate id '7' (first on line 2); record skipped"
    assert one_line(found[5]) == f"{path}:6: duplicate id 'corpus-5' (first on line 5); record skipped"


def test_jsonl_line_far_over_the_limit_is_skipped_unparsed(tmp_path: Path) -> None:
    huge = '{"text": "' + "x" * 10_000 + '"}'
    path, found = jsonl_items(tmp_path, huge, GOOD, max_bytes=100)
    cap = 100 * 6 + 65_536
    assert len(huge) < cap, "a line within the cap is parsed, then its text is measured"
    assert one_line(found[0]) == f"{path}:1: text is over the size limit of 100 bytes"
    path, found = jsonl_items(tmp_path, '{"text": "' + "x" * (cap + 10) + '"}', GOOD, max_bytes=100)
    assert (
        one_line(found[0]) == f"{path}:1: line is over {cap:,} bytes (the size limit allows that much for one record)"
    )
    assert isinstance(found[1], TextInput)


def test_jsonl_binary_line_does_not_stop_the_file(tmp_path: Path) -> None:
    path, found = jsonl_items(tmp_path, b"\x00" * 3_000_000, GOOD, max_bytes=0)
    assert one_line(found[0]) == f"{path}:1: binary file (contains NUL bytes), not text"
    assert isinstance(found[1], TextInput)


def test_jsonl_stdin_is_read_line_by_line() -> None:
    stream = io.BytesIO(("[" * 3000 + "\n" + GOOD + "\n").encode())
    found = list(iter_inputs(["-"], "jsonl", stdin=stream))
    assert one_line(found[0]) == "<stdin>:1: not valid JSON here (nested too deeply)"
    assert isinstance(found[1], TextInput)


def test_jsonl_random_records_round_trip(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": f"Text number {i}."} for i in range(50)]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert [i.doc_id for i in items([path], "jsonl") if isinstance(i, TextInput)] == [r["id"] for r in records]


# ---------------------------------------------------------------------------- settings on the command line
def test_invalid_max_bytes_on_the_command_line_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventx.cli import main

    monkeypatch.setenv("EVENTX_MAX_BYTES", "lots")
    result = CliRunner().invoke(main, ["extract", "--input-format", "conllu", str(good_file(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr == (
        "eventx: EVENTX_MAX_BYTES='lots' is not valid: expected a whole number of bytes (0: no limit)\n"
    )


# ---------------------------------------------------------------------------- Python API
@pytest.mark.parametrize(("value", "name"), [(None, "NoneType"), (b"Talks.", "bytes"), (3, "int")])
def test_extract_wants_a_str(value: object, name: str) -> None:
    import eventx

    with pytest.raises(TypeError, match=f"^eventx expects the document text as a str, got {name}"):
        eventx.extract(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode it first" if name == "bytes" else name):
        eventx.Extractor(load=[]).extract(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- a damaged model
def broken_model(tmp_path: Path, processor: str, damage: str) -> Path:
    """A copy of the active model (files linked, not copied) with one ``.pt`` file missing or truncated."""
    from eventx.models import resolve_model

    source = resolve_model().directory
    target = tmp_path / "model"
    for path in source.rglob("*"):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(source)).symlink_to(path)
    victim = target / "en" / processor / "eventx.pt"
    victim.unlink()
    if damage == "truncated":
        victim.write_bytes((source / "en" / processor / "eventx.pt").read_bytes()[:1000])
    return target


@pytest.mark.model
@pytest.mark.parametrize(("processor", "damage"), [("pos", "missing"), ("depparse", "truncated")])
def test_damaged_model_is_one_line_without_stanza_download_advice(
    tmp_path: Path, processor: str, damage: str, capfd: pytest.CaptureFixture[str]
) -> None:
    from click.testing import CliRunner

    from eventx.cli import main

    model = broken_model(tmp_path, processor, damage)
    text = good_file(tmp_path)
    result = CliRunner().invoke(main, ["extract", "--model", str(model), str(text)])
    path = model / "en" / processor / "eventx.pt"
    expected = {
        "missing": f"eventx: model {model}: file {path} is missing (reinstall the model)\n",
        "truncated": f"eventx: model {model}: file {path} is damaged (truncated or not a torch file; "
        "reinstall the model)\n",
    }[damage]
    assert result.exit_code == 1
    assert result.stderr == expected
    assert "stanza.download" not in result.stderr + capfd.readouterr().err
