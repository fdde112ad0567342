"""Rebuild the screenshots of the documentation site in docs/images/.

    python docs/make_screenshots.py

Builds the site (``sphinx-build -W``, the docs extra installed) into a temporary
folder and has headless Chromium (``apt-get install -y chromium``) photograph
the home page and two reference pages at 1280 x 900:
``docs-home.png``, ``docs-reference-api.png`` (the ``ipd`` namespace, from the
docstrings) and ``docs-reference-settings.png`` (generated from the settings).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
PAGES = {
    "docs-home.png": "index.html",
    "docs-reference-api.png": "reference/ipd.html",
    "docs-reference-settings.png": "reference/settings.html",
}


def main() -> None:
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(browser).is_file():
        sys.exit("make_screenshots: install chromium first: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "html"
        build = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "docs", str(site)]
        subprocess.run(build, cwd=ROOT, check=True)
        for image, page in PAGES.items():
            command = [browser, "--headless", "--no-sandbox", "--disable-gpu"]
            command += ["--hide-scrollbars", "--disable-background-networking"]
            command += [f"--user-data-dir={Path(folder) / 'profile'}", "--window-size=1280,900"]
            command += [f"--screenshot={IMAGES / image}", (site / page).as_uri()]
            subprocess.run(command, check=True, capture_output=True, timeout=120)
            print(f"wrote docs/images/{image}")


if __name__ == "__main__":
    main()
