"""Keep docs/ honest: hooks, commands, help texts, the JSON examples and the tutorial's code match the code."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from helpers import ISSUE_LINE

import eventx
import eventx.rules
from eventx import hookspecs
from eventx.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLE = ROOT / "examples" / "eventx-arrest"
FENCE = re.compile(r"^```(\S*)([^\n]*)\n(.*?)^```$", re.S | re.M)


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def code_blocks(text: str) -> list[tuple[str, str, str]]:
    """(language, rest of the fence line, body) of every fenced block."""
    return [(m.group(1), m.group(2).strip(), m.group(3)) for m in FENCE.finditer(text)]


def hookspec_names() -> list[str]:
    return [name for name, f in vars(hookspecs).items() if callable(f) and hasattr(f, "eventx_spec")]


def test_there_are_four_hooks() -> None:
    assert hookspec_names() == [
        "register_event_types",
        "register_extractors",
        "process_events",
        "register_output_formats",
    ]


@pytest.mark.parametrize("name", hookspec_names())
def test_every_hook_has_a_heading_and_its_exact_signature(name: str) -> None:
    text = read("hooks.md")
    assert name in headings(text), f"docs/hooks.md has no heading for the hook {name}"
    signature = str(inspect.signature(getattr(hookspecs, name))).replace("'", "")
    assert f"def {name}{signature}" in text, f"docs/hooks.md does not show the signature of {name}"


def test_every_extractor_spec_and_output_format_field_is_documented() -> None:
    import attrs

    text = read("hooks.md")
    for cls in (eventx.ExtractorSpec, eventx.OutputFormat):
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in text, f"{cls.__name__}.{field.name} is not in docs/hooks.md"


def commands() -> dict[str, click.Command]:
    assert isinstance(main, click.Group)
    return dict(main.commands)


def help_text(*args: str) -> str:
    # What a terminal of 80 columns shows: click wraps help at the width less 2.
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="eventx", terminal_width=78)
    assert result.exit_code == 0
    return result.stdout.rstrip("\n")


@pytest.mark.parametrize("command", sorted(commands()))
def test_every_command_has_a_section_with_its_real_help(command: str) -> None:
    text = read("cli.md")
    assert f"eventx {command}" in headings(text), f"docs/cli.md has no section for 'eventx {command}'"
    assert help_text(command) in text, f"the --help of 'eventx {command}' in docs/cli.md is out of date"
    for param in commands()[command].params:
        for option in getattr(param, "opts", []):
            if option.startswith("-"):
                assert option in text, f"docs/cli.md does not mention {command} {option}"


def test_cli_main_help_and_version() -> None:
    text = read("cli.md")
    assert "eventx" in headings(text)
    assert help_text() in text
    assert f"eventx, version {eventx.__version__}" in text


def test_schema_example_line_parses_and_round_trips() -> None:
    lines = [body.strip() for lang, _, body in code_blocks(read("schema.md")) if lang == "json"]
    assert ISSUE_LINE in lines, "docs/schema.md must show the issue's example line"
    for line in lines:
        event = eventx.from_json(line)
        assert eventx.to_json(event) == line


def test_schema_lists_every_role_of_every_core_type() -> None:
    text = read("schema.md")
    for name, cls in {t.type: t for t in (eventx.Meeting, eventx.Demand, eventx.Attack, eventx.Exchange)}.items():
        assert name in headings(text)
        for role, kind in eventx.roles(cls).items():
            assert f"| `{role}` | {'spans' if kind == 'span' else 'count'} |" in text, (name, role)
    for modality in eventx.MODALITIES:
        assert f"| `{modality}` |" in text


def test_tutorial_code_is_the_example_package() -> None:
    blocks = [(rest, body) for _, rest, body in code_blocks(read("plugin-tutorial.md")) if rest.startswith("file=")]
    files = {rest.removeprefix("file=") for rest, _ in blocks}
    assert files == {
        "pyproject.toml",
        "eventx_arrest/__init__.py",
        "eventx_arrest/lexicon.toml",
        "tests/test_arrest.py",
    }
    for rest, body in blocks:
        source = (EXAMPLE / rest.removeprefix("file=")).read_text(encoding="utf-8")
        assert body in source, f"a {rest} block of docs/plugin-tutorial.md differs from the example package"
    init = (EXAMPLE / "eventx_arrest" / "__init__.py").read_text(encoding="utf-8")
    shown = "".join(body for rest, body in blocks if rest == "file=eventx_arrest/__init__.py")
    assert shown.split() == init.split(), "the tutorial shows all of eventx_arrest/__init__.py, in order"


def test_tutorial_event_is_what_the_example_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(EXAMPLE))
    import eventx_arrest

    from eventx.testing import run_plugin

    events = run_plugin(eventx_arrest, EXAMPLE / "tests" / "arrests.conllu", "arrest")
    (line,) = [body.strip() for lang, _, body in code_blocks(read("plugin-tutorial.md")) if lang == "json"]
    assert [eventx.to_json(e) for e in events if e.sentence_index == 0] == [line]
    assert json.loads(line)["type"] == "Arrest"


@pytest.mark.parametrize("name", ["user-guide.md", "schema.md", "hooks.md", "plugin-tutorial.md", "cli.md"])
def test_relative_links_resolve(name: str) -> None:
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", read(name)):
        if "://" not in target:
            assert (DOCS / target).exists(), f"{name} links to a missing {target}"


# ---------------------------------------------------------------------------- the rules reference
def _rules_reference() -> str:
    import importlib.util

    spec = importlib.util.spec_from_file_location("rules_reference", ROOT / "scripts" / "rules_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.reference())


def test_rules_reference_is_current() -> None:
    """docs/rules.md is what scripts/rules_reference.py writes (rerun it after changing a docstring)."""
    assert read("rules.md") == _rules_reference()


@pytest.mark.parametrize("name", eventx.rules.__all__)
def test_every_rules_helper_is_documented(name: str) -> None:
    obj = getattr(eventx.rules, name)
    text = read("rules.md")
    assert f"`{name}" in text or f"class `{name}" in text, f"{name} is missing from docs/rules.md"
    if callable(obj):
        assert (obj.__doc__ or "").strip(), f"eventx.rules.{name} has no docstring"
        for member, value in vars(obj).items() if isinstance(obj, type) else []:
            if not member.startswith("_") and callable(value):
                assert (value.__doc__ or "").strip(), f"eventx.rules.{name}.{member} has no docstring"
