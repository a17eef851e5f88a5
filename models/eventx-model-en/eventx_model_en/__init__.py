"""eventx's compact English Stanza model pack.

The folder ``pack/`` is laid out as a Stanza resources folder (``resources.json``
plus ``en/<processor>/eventx.pt``), so Stanza loads it with its own code::

    stanza.Pipeline("en", dir=PACK_DIR, download_method=None)
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.5.0"
PACK_DIR = Path(__file__).parent / "pack"


def model_info() -> dict[str, str]:
    """What eventx needs to know to load this pack (the ``eventx.models`` entry point)."""
    return {
        "directory": str(PACK_DIR),
        "package": "default",
        "version": __version__,
        "description": (
            "compact English models trained offline on UD EWT+GUM and open NER data (non-commercial: CC BY-NC-SA 4.0)"
        ),
    }
