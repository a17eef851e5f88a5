"""Write docs/rules.md, the reference of the rule toolkit, from eventx.rules' docstrings.

    python scripts/rules_reference.py > docs/rules.md

tests/test_docs.py checks that docs/rules.md is what this script writes.
"""

from __future__ import annotations

import inspect
import re
import sys
from types import ModuleType
from typing import Any

import eventx.rules

HEADER = """# The rule toolkit: `eventx.rules` reference

`eventx.rules` is the API for writing rule-based extractors: everything a plugin
needs to go from a parsed sentence to typed events.  Import from the package
(`from eventx.rules import subject, Lexicon, RuleContext`); the modules below are
where each helper lives.  Start with the [plugin tutorial](plugin-tutorial.md).

This page is generated from the docstrings by `scripts/rules_reference.py`
(a test keeps it current).
"""


def _doc(obj: Any) -> str:
    return inspect.cleandoc(obj.__doc__ or "")


def _signature(name: str, obj: Any) -> str:
    try:
        return f"{name}{inspect.signature(obj)}".replace("'", "")
    except (TypeError, ValueError):
        return name


def _fields(cls: type) -> list[str]:
    """The attributes a record, TypedDict or Protocol class declares."""
    names = [n for n in getattr(cls, "__annotations__", {}) if not n.startswith("_")]
    names += [n for n, v in vars(cls).items() if isinstance(v, property) and not v.__doc__ and n not in names]
    return names


def _members(cls: type) -> list[tuple[str, Any]]:
    out = []
    for name, member in vars(cls).items():
        if name.startswith("_") and name not in ("__getitem__",):
            continue
        if isinstance(member, (property,)) or callable(member) or hasattr(member, "__get__"):
            if getattr(member, "__doc__", None) and not isinstance(member, (str, int, frozenset)):
                out.append((name, member))
    return out


def _entry(name: str, obj: Any) -> list[str]:
    if inspect.isclass(obj):
        fields = _fields(obj)
        shown = f"{name}(...)" if fields or "Protocol" in str(obj.__mro__) else _signature(name, obj)
        lines = [f"### class `{shown}`", "", _doc(obj), ""]
        if fields:
            lines += ["Fields: " + ", ".join(f"`{f}`" for f in fields) + ".", ""]
        for member_name, member in _members(obj):
            target = member.fget if isinstance(member, property) else getattr(member, "func", member)
            shown = member_name if isinstance(member, property) else _signature(member_name, target)
            lines += [f"- `{shown}`: {' '.join(_doc(member).split())}"]
        return [*lines, ""]
    if callable(obj):
        return [f"### `{_signature(name, obj)}`", "", _doc(obj), ""]
    return [f"### `{name}`", "", f"`{sorted(obj) if isinstance(obj, frozenset) else obj!r}`", ""]


def module_of(name: str) -> ModuleType:
    obj = getattr(eventx.rules, name)
    module = getattr(obj, "__module__", None)
    if module is None or not module.startswith("eventx.rules"):
        module = next(m for m in _modules() if name in getattr(m, "__all__", ()))
        return module
    return sys.modules[module]


def _modules() -> list[ModuleType]:
    return [m for n, m in sorted(sys.modules.items()) if n.startswith("eventx.rules.")]


def reference() -> str:
    """The text of docs/rules.md."""
    lines = [HEADER]
    for module in _modules():
        names = [n for n in eventx.rules.__all__ if n in getattr(module, "__all__", ())]
        if not names:
            continue
        lines += [f"## `{module.__name__}`", "", _doc(module), ""]
        for name in names:
            lines += _entry(name, getattr(eventx.rules, name))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(reference())
