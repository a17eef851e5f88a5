"""Make docs/images/seed-view.png: the seed article's HTML view, as headless Chromium draws it.

    python scripts/view_image.py [OUT.png]     # needs the model pack and Debian's chromium

Runs the README's command (`eventx show seeds/istanbul-talks.txt --date 2025-05-17`) and screenshots the page.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from eventx.views.chromium import screenshot

ROOT = Path(__file__).resolve().parents[1]


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seed.html"
        seed = str(ROOT / "seeds" / "istanbul-talks.txt")
        subprocess.run(["eventx", "show", seed, "--date", "2025-05-17", "-o", str(page)], check=True)
        screenshot(page, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images" / "seed-view.png")
