"""Regenerate the README's images.

    python docs/make_images.py            # both images
    python docs/make_images.py payoffs    # only docs/images/payoffs.png
    python docs/make_images.py lesson     # only docs/images/lesson.png (needs chromium)

``payoffs.png`` is the payoff heatmap of the classic strategies (20
repetitions, seed 1); ``lesson.png`` is headless Chromium's screenshot of the
top of the lesson page built with its defaults (``ipd lesson``). Install the
browser with ``apt-get install -y chromium`` (Debian's package).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
WINDOW = "1280,4000"


def make_payoffs() -> Path:
    """The payoff heatmap of the classic strategies."""
    import ipd
    from ipd.report.figures import save_figure
    from ipd.report.plots import payoff_heatmap

    results = ipd.Tournament.from_spec(ROOT / "tournaments" / "classic.toml", repetitions=20).play()
    return save_figure(payoff_heatmap(results), IMAGES / "payoffs.png", force=True, dpi=110)


def make_lesson() -> Path:
    """A screenshot of the lesson page, as headless Chromium renders it."""
    from ipd.report.lesson import write_lesson

    browser = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(browser).is_file():
        sys.exit("make_images: install chromium first: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "lesson.html"
        write_lesson(page)
        shot = Path(folder) / "lesson.png"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={Path(folder) / 'profile'}",
                f"--window-size={WINDOW}",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        target = IMAGES / "lesson.png"
        shutil.copyfile(shot, target)
    return target


def main(argv: list[str]) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    wanted = argv or ["payoffs", "lesson"]
    makers = {"payoffs": make_payoffs, "lesson": make_lesson}
    for name in wanted:
        if name not in makers:
            sys.exit(f"make_images: unknown image {name!r}; choose from {', '.join(makers)}")
        print(f"wrote {makers[name]().relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
