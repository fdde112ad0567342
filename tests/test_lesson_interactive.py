"""The lesson page's interactive sections: their data equals the engine's, and a real browser
plays, slides and animates them.

One small lesson is built for the whole module (a six-strategy spec, a 2 x 2 x 2 grid). The
browser tests drive Debian's chromium through chromium-driver with selenium; without them
they skip locally, but in CI (``CI=true``) they fail, so CI always runs them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import ipd
from ipd.analysis import principles
from ipd.analysis.ecology import simulate
from ipd.analysis.stability import stability_columns
from ipd.cli.lesson_cmd import lesson as lesson_command
from ipd.core.players import parse_player
from ipd.engine.api import kernels, play_match
from ipd.report import lesson as lesson_module
from ipd.report.lesson import export, grid
from ipd.report.lesson.html import DATA_ID
from ipd.strategies.families import Cycler, cycler_step, fsm_step, memory_one_step, table_step

DOCS_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SMALL_GRID = grid.GridSpec(
    noise=(0.0, 0.05),
    w=(0.5, 0.9),
    payoffs=(("Axelrod's", (3.0, 0.0, 5.0, 1.0)), ("more tempting", (3.0, 0.0, 5.5, 1.0))),
)
STUDENT = {
    "mixed": "CCDCDDCCCDCDDDCCDCCCDDCDCCCDCC",
    "all C": "C" * 30,
    "all D": "D" * 30,
    "alternate": "CD" * 15,
}
"""Fixed move sequences of the student, against which the page's and the engine's
opponents are compared."""
SEEDS = (1, 2, 12345)


@pytest.fixture(scope="module", autouse=True)
def warm_kernel():
    """One kernel for every step this module plays (the data families and the student)."""
    kernels([memory_one_step, fsm_step, table_step, cycler_step])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lesson-interactive")
    spec = folder / "small.toml"
    spec.write_text(
        'name = "Small"\nstrategies = ["tft", "alld", "allc", "grudger", "random", "tf2t"]\n'
        "turns = 20\n"
    )
    path = folder / "small.html"
    page = lesson_module.write_lesson(
        path,
        spec=spec,
        repetitions=2,
        generations=50,
        grid_repetitions=3,
        grid=SMALL_GRID,
        play_rounds=6,
    )
    return page, path


def embedded(document: str) -> dict:
    block = rf'<script id="{DATA_ID}" type="application/json">(.*?)</script>'
    found = re.search(block, document, re.S)
    assert found, "the page has no data block"
    return json.loads(found.group(1))


# --------------------------------------------------------------------------- the data


def test_the_embedded_data_is_the_lessons_data(built):
    page, _ = built
    assert embedded(page.html) == json.loads(json.dumps(page.data))


def test_every_opponent_is_exported_from_the_engines_own_parameters():
    game = ipd.Game()
    for label in export.DEFAULT_OPPONENTS:
        entry = export.export_strategy(label, game)
        behaviour = parse_player(label).behaviour(game)
        data = entry["data"]
        if entry["family"] == "memory_one":
            rebuilt = ipd.MemoryOne(*data["p"], first=data["first"]).behaviour()
        elif entry["family"] == "fsm":
            rows = [
                (s, "CD"[m], nxt, move)
                for s, row in enumerate(data["transitions"])
                for m, (nxt, move) in enumerate(row)
            ]
            rebuilt = ipd.FiniteStateMachine(
                rows, initial_state=data["initial_state"], first_move=data["first_move"]
            ).behaviour()
        else:
            from ipd.strategies.families.lookup_table import table_params

            params = table_params(
                data["plays"],
                data["op_plays"],
                data["op_start_plays"],
                data["initial"],
                data["table"],
            )
            rebuilt = type(behaviour)(table_step, params, behaviour.stochastic)
        assert rebuilt.step is behaviour.step, label
        np.testing.assert_array_equal(rebuilt.params, behaviour.params, err_msg=label)
        assert entry["stochastic"] == behaviour.stochastic
    families = {export.export_strategy(s, game)["family"] for s in export.DEFAULT_OPPONENTS}
    assert families == {"memory_one", "fsm", "lookup_table"}


def test_a_compiled_rule_cannot_be_an_opponent():
    with pytest.raises(ipd.IpdError, match="played by code"):
        export.export_strategy("shubik")


def test_the_grid_is_the_engines_results(built):
    page, _ = built
    data = page.data["grid"]
    pool = data["strategies"]
    assert pool[:6] == ["tft", "alld", "allc", "grudger", "random", "tf2t"]
    assert set(grid.GRID_ADDED) <= set(pool)
    tolerance = 0.6 * 10**-grid.DIGITS
    checked = 0
    for i, noise in enumerate(SMALL_GRID.noise):
        for j, w in enumerate(SMALL_GRID.w):
            for k, (_, game) in enumerate(SMALL_GRID.payoffs):
                cell = data["cells"][i][j][k]
                # An independent run: the public Tournament, with the cell's seed.
                results = ipd.Tournament(
                    pool,
                    continuation=w,
                    noise=noise,
                    payoffs=game,
                    repetitions=3,
                    seed=grid.cell_seed(1, w, noise, game),
                    self_play=True,
                ).play()
                summary = results.summary().set_index("strategy").loc[pool]
                assert cell["rank"] == list(summary["rank"])
                np.testing.assert_allclose(cell["score"], summary["score"], atol=tolerance)
                np.testing.assert_allclose(
                    cell["per_move"], summary["score_per_turn"], atol=tolerance
                )
                np.testing.assert_allclose(
                    cell["cooperation"], summary["cooperation_rate"], atol=tolerance
                )
                stable = stability_columns(results.payoff_values(), pool)["stable"]
                assert cell["stable"] == list(stable)
                for m, mix in enumerate(SMALL_GRID.mixes):
                    eco = simulate(
                        results.payoff_matrix(),
                        generations=grid.ECOLOGY_GENERATIONS,
                        initial=mix.initial(pool),
                    )
                    kept = eco.shares.to_numpy()[data["frames"]]
                    frames = np.asarray(cell["ecology"][m]["frames"]) / data["share_scale"]
                    np.testing.assert_allclose(frames, kept, atol=0.51 / data["share_scale"])
                    assert cell["ecology"][m]["extinct"] == eco.extinctions
                verdicts = principles.report(results).verdicts
                assert [v["verdict"] for v in cell["principles"]] == [v.verdict for v in verdicts]
                assert [v["evidence"] for v in cell["principles"]] == [v.evidence for v in verdicts]
                checked += 1
    assert checked == len(list(SMALL_GRID.tournaments())) == 8


def test_the_mixes_start_where_they_say():
    pool = ["tft", "alld", "allc", "wsls"]
    equal, defectors, cooperators = (m.initial(pool) for m in grid.GridSpec().mixes)
    assert equal == dict.fromkeys(pool, 0.25)
    assert defectors["alld"] == 0.5 and defectors["tft"] == pytest.approx(0.5 / 3)
    assert cooperators["allc"] == 0.5
    with pytest.raises(ipd.IpdError, match="not in the grid"):
        grid.Mix("x", "x", (("nobody", 0.5),)).initial(pool)


def test_a_large_population_is_replaced_by_the_classic_strategies_in_the_grid():
    big = [f"random:p={k / 40:g}" for k in range(30)]
    pool, replaced = grid.grid_pool(big)
    assert replaced and pool[: len(ipd.collection("classic"))] == list(ipd.collection("classic"))
    assert set(grid.GRID_ADDED) <= set(pool) and len(pool) <= grid.MAX_GRID_STRATEGIES
    small, replaced = grid.grid_pool(["tft", "alld"])
    assert not replaced and small == ["tft", "alld", "gtft", "wsls", "allc"]


def test_the_page_says_where_the_grids_numbers_come_from(built):
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", built[0].html)).split())
    assert "Every number comes from a grid of 8 tournaments ipd played when it built this page" in (
        text
    )
    assert "2 noise levels × 2 values of w × 2 payoffs, 3 repetitions each, seed 1" in text


def test_the_spatial_frames_are_the_populations_run(built):
    from ipd.analysis.populations.spatial import spatial

    page, _ = built
    sp = page.data["spatial"]
    run = sp["runs"][1][0]  # noise 0.05, w 0.5
    results = grid.cell_tournament(
        sp["strategies"], 0.05, 0.5, (3.0, 0.0, 5.0, 1.0), seed=1, repetitions=20
    ).play()
    table = results.payoff_matrix().loc[sp["strategies"], sp["strategies"]]
    again = spatial(
        table,
        dict.fromkeys(sp["strategies"], 1.0),
        rows=sp["size"],
        generations=sp["generations"],
        seed=1,
        frame_every=1,
    )
    first = "".join(str(int(x)) for x in again.frames[0])
    last = len(run["frames"]) - 1
    assert run["frames"][0] == first
    assert run["frames"][last] == "".join(str(int(x)) for x in again.frames[last])
    assert run["counts"][last] == [int(x) for x in again.counts[last]]


def test_the_page_runs_only_its_own_script(built):
    page, _ = built
    document = page.html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", document, re.S)
    code = [body for attrs, body in scripts if "application/json" not in attrs]
    assert len(code) == 1 and len(scripts) == 2
    digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', document)
    csp = csp.group(1)
    assert csp.startswith("default-src 'none'") and f"script-src 'sha256-{digest}'" in csp
    assert "unsafe-eval" not in csp and "script-src 'unsafe-inline'" not in csp
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", document)
    assert "fetch(" not in code[0] and "XMLHttpRequest" not in code[0]
    assert len(document.encode()) < 3_000_000


class Controls(HTMLParser):
    """Every form control, and the labels that name them."""

    def __init__(self, text):
        super().__init__()
        self.controls: list[tuple[str, dict]] = []
        self.labels: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("button", "input", "select"):
            self.controls.append((tag, attrs))
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])


def test_every_control_is_a_labelled_native_element(built):
    controls = Controls(built[0].html).controls
    labels = Controls(built[0].html).labels
    assert len(controls) >= 12
    for tag, attrs in controls:
        if tag == "button":
            assert attrs.get("type") == "button"
        else:
            assert attrs["id"] in labels, attrs  # a <label for=...> names it


# --------------------------------------------------------------------------- the command


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--play-rounds", "0"], "play rounds must be a whole number from 1 to 100"),
        (["--grid-repetitions", "0"], "grid repetitions must be a whole number"),
        (["--opponent", "nobody"], "nobody"),
        (["--opponent", "shubik"], "played by code"),
        (["--opponent", "tft", "--opponent", "tft"], "given twice"),
    ],
)
def test_bad_new_options_are_one_line_and_write_nothing(tmp_path, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(lesson_command, ["--out", "page.html", *args])
    assert not list(tmp_path.iterdir())  # no page, no temporary file
    lines = [
        line
        for line in result.output.splitlines()
        if line.strip() and not line.startswith("ipd: compiling")
    ]
    assert result.exit_code != 0 and len(lines) == 1 and fragment in lines[0], result.output


def test_the_rebuild_command_keeps_the_new_options(built):
    command = built[0].settings["command"]
    assert "--play-rounds 6" in command and "--grid-repetitions 3" in command
    assert "--opponent" not in command  # the default opponents


# --------------------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser():
    """Headless chromium under selenium; skipped locally without it, required in CI."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing:
        why = "the browser tests need " + ", ".join(missing) + " (apt-get install chromium "
        why += "chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # the page must need no network at all
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
    )
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def opened(browser, built):
    _, path = built
    browser.get(path.as_uri())
    assert browser.execute_script("return document.documentElement.dataset.ready") == "true"
    return browser


def errors(driver) -> list:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_the_page_plays_every_opponent_as_the_engine(opened, built):
    page, _ = built
    play = page.data["play"]
    game = ipd.Game(*play["payoffs"])
    compared = 0
    for entry in play["opponents"]:
        opponent = parse_player(entry["id"]).behaviour(game)
        for moves in STUDENT.values():
            student = [0 if m == "C" else 1 for m in moves]
            for seed in SEEDS:
                ours = opened.execute_script(
                    "return window.ipdLesson.opponentMoves(arguments[0], arguments[1], "
                    "arguments[2]);",
                    entry,
                    student,
                    seed,
                )
                record = play_match(
                    Cycler(moves).behaviour(),
                    opponent,
                    length=len(moves),
                    reveal_length=False,
                    payoffs=play["payoffs"],
                    noise=0.0,
                    seed=seed,
                )
                assert list(record.moves_a) == student
                assert ours == list(record.moves_b), (entry["id"], moves, seed)
                compared += 1
    assert compared == len(export.DEFAULT_OPPONENTS) * len(STUDENT) * len(SEEDS)
    assert not errors(opened)


def test_the_pages_generator_is_the_engines(opened):
    from ipd.engine.random import match_key, stream_seed, uniform

    key = match_key(np.uint64(12345), np.uint64(0), np.uint64(0), np.uint64(1))
    rng = np.array([stream_seed(key, np.uint64(2))], dtype=np.uint64)
    expected = [uniform(rng) for _ in range(5)]
    ours = opened.execute_script(
        "const L = window.ipdLesson; const k = L.matchKey(12345n, 0, 0, 1);"
        "const s = new L.Stream(L.streamSeed(k, 2)); return [0,1,2,3,4].map(() => s.uniform());"
    )
    assert ours == expected


def test_a_game_against_tft_and_its_summary(opened, built):
    from selenium.webdriver.support.ui import Select

    page, _ = built
    play = page.data["play"]
    driver = opened
    ids = [o["id"] for o in play["opponents"]]
    Select(driver.find_element("id", "opponent")).select_by_index(ids.index("tft"))
    mine = "CDDCCD"
    for move in mine:
        driver.find_element("id", f"move-{move.lower()}").click()
    theirs = "C" + mine[:-1]  # tit-for-tat copies the previous move
    rows = driver.find_elements("css selector", "#play-strip .strip-row")
    assert [r.text.split()[1:] for r in rows] == [list(mine), list(theirs)]
    R, S, T, P = play["payoffs"]
    gain = {("C", "C"): R, ("C", "D"): S, ("D", "C"): T, ("D", "D"): P}
    you = sum(gain[a, b] for a, b in zip(mine, theirs, strict=True))
    them = sum(gain[b, a] for a, b in zip(mine, theirs, strict=True))
    assert driver.find_element("id", "score-you").text == f"{you:g}"
    assert driver.find_element("id", "score-them").text == f"{them:g}"
    assert driver.find_element("id", "play-summary").is_displayed()
    # Tit-for-tat in the student's place against tit-for-tat: R every round.
    assert driver.find_element("id", "summary-tft").text == f"{R * len(mine):g}"
    assert driver.find_element("id", "move-c").get_attribute("disabled") == "true"
    shot(driver, "play")
    # The keyboard plays too: N for a new game, then C and D.
    body = driver.find_element("tag name", "body")
    body.send_keys("n")
    body.send_keys("d")
    body.send_keys("c")
    assert driver.find_element("id", "play-round").text == "2"
    assert not errors(driver)


def table_numbers(driver) -> dict[str, tuple[int, str, str]]:
    rows = driver.find_elements("css selector", "#grid-table-body tr")
    out = {}
    for row in rows:
        cells = [c.text for c in row.find_elements("tag name", "td")]
        out[row.get_attribute("data-strategy")] = (int(cells[0]), cells[2], cells[3])
    return out


def expected_numbers(data, i, j, k) -> dict[str, tuple[int, str, str]]:
    cell = data["cells"][i][j][k]
    return {
        s: (cell["rank"][n], f"{cell['score'][n]:.1f}", f"{cell['per_move'][n]:.3f}")
        for n, s in enumerate(data["strategies"])
    }


def test_moving_a_slider_shows_the_grids_numbers(opened, built):
    from selenium.webdriver.common.keys import Keys

    page, _ = built
    data = page.data["grid"]
    driver = opened
    noise = driver.find_element("id", "grid-noise")
    w = int(driver.find_element("id", "grid-w").get_attribute("value"))
    k = int(driver.find_element("id", "grid-payoffs").get_attribute("value"))
    assert table_numbers(driver) == expected_numbers(data, 0, w, k)
    driver.execute_script("arguments[0].scrollIntoView()", noise)
    noise.send_keys(Keys.ARROW_RIGHT)  # the keyboard moves a slider
    assert noise.get_attribute("value") == "1"
    after = table_numbers(driver)
    assert after == expected_numbers(data, 1, w, k)
    assert after != expected_numbers(data, 0, w, k)
    text = driver.find_element("id", "grid-noise-value").text
    assert text == f"{SMALL_GRID.noise[1]:g}"
    verdicts = driver.find_elements("css selector", "#grid-principles li .verdict")
    assert [v.text.lower() for v in verdicts] == [
        v["verdict"] for v in data["cells"][1][w][k]["principles"]
    ]
    shot(driver, "explore")
    assert not errors(driver)


def test_the_ecology_animates_with_play_and_pause(opened, built):
    from selenium.webdriver.support.ui import WebDriverWait

    page, _ = built
    driver = opened
    frame = driver.find_element("id", "eco-frame")
    last = str(len(page.data["grid"]["frames"]) - 1)
    assert frame.get_attribute("value") == last
    button = driver.find_element("id", "eco-play")
    button.click()  # from the end, play starts again from generation 0
    assert button.get_attribute("aria-pressed") == "true"
    WebDriverWait(driver, 10).until(lambda d: int(frame.get_attribute("value")) >= 3)
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    paused = frame.get_attribute("value")
    assert int(paused) >= 3
    assert driver.execute_script("return document.getElementById('eco-frame').value") == paused
    legend = driver.find_elements("css selector", "#eco-legend li")
    assert legend and all("%" in item.text for item in legend)
    assert not errors(driver)


def test_the_spatial_game_animates(opened, built):
    from selenium.webdriver.support.ui import WebDriverWait

    page, _ = built
    driver = opened
    sp = page.data["spatial"]
    section = driver.find_element("id", "evolution")
    driver.execute_script("arguments[0].scrollIntoView()", section)
    generation = driver.find_element("id", "spatial-generation")
    assert generation.text.startswith("0")
    run = sp["runs"][0][int(driver.find_element("id", "spatial-w").get_attribute("value"))]
    driver.find_element("id", "spatial-step").click()
    assert generation.text.split()[0] == str(min(1, len(run["frames"]) - 1))
    counts = [
        int(re.search(r": (\d+) cells", li.text).group(1))
        for li in driver.find_elements("css selector", "#spatial-legend li")
    ]
    assert counts == run["counts"][min(1, len(run["frames"]) - 1)]
    driver.find_element("id", "spatial-reset").click()
    driver.find_element("id", "spatial-play").click()
    WebDriverWait(driver, 10).until(lambda d: not generation.text.startswith("0"))
    driver.find_element("id", "spatial-play").click()
    shot(driver, "evolution")
    assert not errors(driver)


SHOTS: list[Path] = []


def shot(driver, section: str) -> Path:
    """A screenshot of one section at 1280 x 720, in a temporary folder (``python
    docs/make_images.py lesson`` makes the ones of the default page for the docs)."""
    import tempfile

    element = driver.find_element("id", section)
    driver.execute_script("arguments[0].scrollIntoView()", element)
    folder = Path(os.environ.get("IPD_SCREENSHOTS") or tempfile.gettempdir())
    path = folder / f"ipd-lesson-{section}.png"
    assert driver.save_screenshot(str(path))
    SHOTS.append(path)
    return path


def test_every_section_fits_a_projector(opened):
    """1280 x 720: no sideways scrolling, and a screenshot of each section that is not blank."""
    from PIL import Image

    driver = opened
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 1280
    for section in lesson_module.SECTION_IDS:
        image = Image.open(shot(driver, section)).convert("RGB")
        assert image.size == (1280, 720)
        assert np.asarray(image).std() > 10, section
    assert not errors(driver)
