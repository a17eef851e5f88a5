"""Reading counts written in digits or words ("9", "nine", "1,200", "two dozen", "1.5 million")."""

from __future__ import annotations

import math
import re

from text_to_num import text2num

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+(\.\d+)?$")
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DOZEN = {"dozen": 12, "score": 20}
# Words that name an indefinite amount: they never yield a count.
VAGUE = frozenset(
    {"dozens", "scores", "hundreds", "thousands", "millions", "several", "many", "some", "few", "numerous"}
)
MAX_WORDS = 32  # longer phrases state no count (and would recurse deeply on "dozen dozen ...")


def parse_number(text: str) -> int | None:
    """The integer a number phrase states, or None when it states none.

    >>> parse_number("1,200"), parse_number("nine"), parse_number("two dozen")
    (1200, 9, 24)
    >>> parse_number("dozens") is None
    True
    """
    words = text.lower().replace("-", " ").split()
    if not words or len(words) > MAX_WORDS or words[0] in VAGUE:
        return None
    if words[0] in ("a", "an", "one") and len(words) == 2 and words[1] in _DOZEN:
        return _DOZEN[words[1]]
    if len(words) >= 2 and words[-1] in _DOZEN:
        base = parse_number(" ".join(words[:-1]))
        return None if base is None else base * _DOZEN[words[-1]]
    if len(words) == 2 and _DECIMAL.match(words[0]) and words[1] in _SCALES:
        value = float(words[0]) * _SCALES[words[1]]
        return round(value) if math.isfinite(value) else None
    if len(words) == 1 and _DIGITS.match(words[0]):
        return int(words[0].replace(",", ""))
    if any(w in VAGUE for w in words):
        return None
    try:
        return int(text2num(" ".join(words), "en"))
    except ValueError:
        return None
