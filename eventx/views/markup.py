"""A document's text with its annotated spans as well-nested HTML.

Spans may nest (a trigger inside a role) or cross (two roles sharing words).
HTML elements can only nest, so a span that crosses another is closed where the
other closes and reopened just after, as a *continuation* piece with the same
attributes; its label is written once, in its last piece.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from html import escape

from attrs import define

# Outer kinds first when two spans cover the same characters: a role around its source, a trigger innermost.
KIND_RANK = {"role": 0, "source": 1, "trigger": 2}


@define(frozen=True)
class Annotation:
    """One marked stretch of text: ``kind`` is ``trigger``, ``role`` or ``source``."""

    start: int
    end: int
    kind: str
    attrs: tuple[tuple[str, str], ...]  # HTML attributes of the element, already decided
    label: str = ""  # HTML (already escaped) written at the end of the last piece


Opener = Callable[[Annotation, bool, int], str]


def render_spans(text: str, annotations: Sequence[Annotation], opener: Opener) -> str:
    """``text`` escaped, with each annotation wrapped in the element ``opener`` gives.

    ``opener(annotation, continued, depth)`` returns the opening tag; ``continued``
    is True for the pieces after the first.  Annotations outside the text or
    empty are left out.
    """
    kept = [a for a in annotations if 0 <= a.start < a.end <= len(text)]
    starts: dict[int, list[Annotation]] = defaultdict(list)
    for annotation in kept:
        starts[annotation.start].append(annotation)
    bounds = sorted({0, len(text), *(a.start for a in kept), *(a.end for a in kept)})
    out: list[str] = []
    stack: list[Annotation] = []
    position = 0
    for bound in bounds:
        out.append(escape(text[position:bound], quote=False))
        position = bound
        stack = _close_at(bound, stack, out, opener)
        for annotation in sorted(starts.get(bound, ()), key=lambda a: (-a.end, KIND_RANK.get(a.kind, 9))):
            out.append(opener(annotation, False, len(stack)))
            stack.append(annotation)
    return "".join(out)


def _close_at(bound: int, stack: list[Annotation], out: list[str], opener: Opener) -> list[Annotation]:
    """Close the annotations ending at ``bound``, reopening the ones above them that go on."""
    ending = [i for i, a in enumerate(stack) if a.end <= bound]
    if not ending:
        return stack
    lowest = ending[0]
    for annotation in reversed(stack[lowest:]):
        done = annotation.end <= bound
        out.append((annotation.label if done else "") + f"</{tag_name(annotation)}>")
    kept = stack[:lowest]
    for annotation in stack[lowest:]:
        if annotation.end > bound:
            out.append(opener(annotation, True, len(kept)))
            kept.append(annotation)
    return kept


def tag_name(annotation: Annotation) -> str:
    return {"trigger": "mark", "source": "a"}.get(annotation.kind, "span")


def attributes(pairs: Iterable[tuple[str, str]]) -> str:
    """``name="value"`` pairs, escaped, for an opening tag."""
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs if value != "")
