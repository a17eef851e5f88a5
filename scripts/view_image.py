"""Make docs/images/seed-view.png: the seed article's HTML view, as headless Chromium draws it.

    python scripts/view_image.py            # needs the model pack and Debian's chromium

Runs the README's command (`eventx show seeds/istanbul-talks.txt`) and screenshots the page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def main(out: Path = ROOT / "docs" / "images" / "seed-view.png", size: str = "1400,1000") -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        sys.exit("no chromium found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seed.html"
        subprocess.run(["eventx", "show", str(ROOT / "seeds" / "istanbul-talks.txt"), "-o", str(page)], check=True)
        command = [chromium, *FLAGS, f"--user-data-dir={tmp}/profile", f"--window-size={size}"]
        subprocess.run([*command, f"--screenshot={out}", page.as_uri()], check=True, capture_output=True, timeout=120)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*(Path(a) if i == 0 else a for i, a in enumerate(sys.argv[1:])))
