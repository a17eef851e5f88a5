"""Headless Chromium for the HTML view: where it is, the flags that keep it offline and quiet, a screenshot.

Used for the docs image (``scripts/view_image.py``) and the browser test; nothing here
downloads a browser: it uses the one installed (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HEADLESS_FLAGS: tuple[str, ...] = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
NAMES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    """The installed Chromium's path, or None."""
    return next((path for path in map(shutil.which, NAMES) if path), None)


def screenshot(page: Path, png: Path, *, width: int = 1400, height: int = 1000, timeout: float = 120) -> None:
    """Draw an HTML file as Chromium shows it in a window of that size, into a PNG (a fresh profile each time)."""
    chromium = find_chromium()
    if chromium is None:
        raise FileNotFoundError("no Chromium installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        command = [chromium, *HEADLESS_FLAGS, "--force-device-scale-factor=1", f"--user-data-dir={profile}"]
        command += [f"--window-size={width},{height}", f"--screenshot={png}", page.resolve().as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)
