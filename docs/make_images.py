"""Regenerate the README's images.

    python docs/make_images.py            # both images
    python docs/make_images.py payoffs    # only docs/images/payoffs.png
    python docs/make_images.py lesson     # only the lesson's screenshots (needs chromium)

``payoffs.png`` is the payoff heatmap of the classic strategies (20
repetitions, seed 1); ``lesson.png`` is headless Chromium's screenshot of the
top of the lesson page built with its defaults (``ipd lesson``), and
``lesson-<section>.png`` one of each section at 1280 x 720 after a game
against tit-for-tat, one slider moved and six generations of the map.
Selenium drives the browser: ``apt-get install -y chromium chromium-driver``
(Debian's packages) and ``pip install -e '.[test]'``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
WINDOW = (1280, 4000)


def make_payoffs() -> Path:
    """The payoff heatmap of the classic strategies."""
    import ipd
    from ipd.report.figures import save_figure
    from ipd.report.plots import payoff_heatmap

    results = ipd.Tournament.from_spec(ROOT / "tournaments" / "classic.toml", repetitions=20).play()
    return save_figure(payoff_heatmap(results), IMAGES / "payoffs.png", force=True, dpi=110)


def _browser():
    """Headless chromium under selenium (Debian's chromium and chromium-driver)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser = shutil.which("chromium") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (Path(browser).is_file() and Path(driver).is_file()):
        sys.exit("make_images: apt-get install -y chromium chromium-driver first")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options)


def _viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def _use_the_page(driver) -> None:
    """What a class would do before each screenshot: play a game, move a slider, play the map."""
    import time

    from selenium.webdriver.common.keys import Keys

    for move in "CCDCDCCDCC":
        driver.find_element("id", f"move-{move.lower()}").click()
    driver.find_element("id", "grid-noise").send_keys(Keys.ARROW_RIGHT)
    for _ in range(6):
        driver.find_element("id", "spatial-step").click()
    time.sleep(0.2)


def make_lesson() -> list[Path]:
    """The lesson page built with its defaults, as headless chromium shows it: the top of the
    page (``lesson.png``, 1280 x 4000) and each section at 1280 x 720 (``lesson-<id>.png``)."""
    from ipd.report.lesson import SECTION_IDS, build_lesson

    written = []
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "lesson.html"
        build_lesson(out="lesson.html").write(page)  # the page's rebuild command says lesson.html
        driver = _browser()
        try:
            _viewport(driver, *WINDOW)
            driver.get(page.as_uri())
            driver.save_screenshot(str(IMAGES / "lesson.png"))
            written.append(IMAGES / "lesson.png")
            _viewport(driver, 1280, 720)
            _use_the_page(driver)
            for section in SECTION_IDS:
                element = driver.find_element("id", section)
                driver.execute_script("arguments[0].scrollIntoView()", element)
                target = IMAGES / f"lesson-{section}.png"
                driver.save_screenshot(str(target))
                written.append(target)
        finally:
            driver.quit()
    return written


def main(argv: list[str]) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    wanted = argv or ["payoffs", "lesson"]
    makers = {"payoffs": make_payoffs, "lesson": make_lesson}
    for name in wanted:
        if name not in makers:
            sys.exit(f"make_images: unknown image {name!r}; choose from {', '.join(makers)}")
        made = makers[name]()
        for path in made if isinstance(made, list) else [made]:
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
