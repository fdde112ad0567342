"""The lesson page: its content checked against the data, and rendered in headless Chromium."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

import ipd
from ipd.cli.lesson_cmd import lesson as lesson_command
from ipd.cli.main import main as ipd_main
from ipd.report import lesson as lesson_module

DOCS_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # the page must need no network at all
]


class Page(HTMLParser):
    """Every tag with its attributes, the text of each section, and the <pre> blocks."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.sections: dict[str, str] = {}
        self.pres: list[str] = []
        self._section: str | None = None
        self._pre: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "section":
            self._section = attrs["id"]
            self.sections[self._section] = ""
        if tag == "pre":
            self._pre = []

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None
        if tag == "pre" and self._pre is not None:
            self.pres.append("".join(self._pre))
            self._pre = None

    def handle_data(self, data):
        if self._section:
            self.sections[self._section] += data
        if self._pre is not None:
            self._pre.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The lesson with its default settings, written to a file; the engine warmed first."""
    ipd.Tournament(["tft", "alld"], turns=2, repetitions=1).play()
    path = tmp_path_factory.mktemp("lesson") / "lesson.html"
    started = time.perf_counter()
    page = lesson_module.write_lesson(path)
    return page, path, time.perf_counter() - started


@pytest.fixture(scope="module")
def parsed(built):
    return Page(built[0].html)


def decoded_images(page: Page) -> list[Image.Image]:
    images = []
    for tag, attrs in page.tags:
        if tag == "img":
            prefix = "data:image/png;base64,"
            assert attrs["src"].startswith(prefix)
            images.append(Image.open(io.BytesIO(base64.b64decode(attrs["src"][len(prefix) :]))))
    return images


# --------------------------------------------------------------------------- the page itself


def test_the_page_written_is_the_page_built(built):
    # Build time is measured by benchmarks/bench_lesson.py, not asserted here.
    page, path, _ = built
    assert path.read_text(encoding="utf-8") == page.html


def test_every_section_is_there_in_order(parsed):
    assert list(parsed.sections) == list(lesson_module.SECTION_IDS)
    headings = {"game": "The game", "tournament": "The tournament", "ecology": "ecological"}
    for section, words in headings.items():
        assert words in parsed.sections[section]


def test_the_page_is_self_contained(built, parsed):
    html = built[0].html
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"link", "iframe", "object", "embed", "video", "audio"}
    # Two scripts: the page's data (JSON, not run) and its own code, allowed by its hash.
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert len(scripts) == 2 and all("src" not in attrs for attrs in scripts)
    assert len(html.encode("utf-8")) < 3_000_000
    for tag, attrs in parsed.tags:
        assert attrs.get("src", "data:").split(":")[0] == "data", (tag, attrs)
        assert attrs.get("href", "#").startswith("#"), (tag, attrs)
    assert "@import" not in html and "url(" not in html
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", html)
    csp = [a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none'")
    assert ("name", "viewport") in {(k, v) for _, a in parsed.tags for k, v in a.items()}


def test_the_principles_story_is_the_winners_twins(built):
    page = built[0]
    what_if = page.facts["principles"]["what_if"]
    assert what_if["settings"]["examined"] == [page.facts["tournament"]["winner"]]
    principles = {c["principle"] for c in what_if["cases"]}
    assert principles == {"envy", "niceness", "reciprocity", "clarity"}
    assert "Did following the advice pay?" in page.html


def test_images_decode_and_have_alt_text(built, parsed):
    images = decoded_images(parsed)
    facts = built[0].facts
    expected = (
        6  # scores, heatmap, principles, ecology, noise ranks, shadow ranks
        + ("what_if" in facts["principles"])  # the winner's twins
        + ("tft" in facts["tournament"])  # the timeline of tit-for-tat's matches
        + ("demo" in facts["ecology"])  # the three-strategy ecology, when needed
    )
    assert len(images) == len(built[0].images) == expected
    for image in images:
        image.load()  # decodes the whole image, not just the header
        assert image.format == "PNG" and image.size[0] >= 600 and image.size[1] >= 250
        # Not blank: a real figure has many colours.
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 20
    alts = [attrs.get("alt", "") for tag, attrs in parsed.tags if tag == "img"]
    assert all(len(alt) > 20 for alt in alts)


def base_tournament(settings):
    spec = settings["spec"]
    if spec:
        return ipd.Tournament.from_spec(
            spec, seed=settings["seed"], repetitions=settings["repetitions"], self_play=True
        )
    return ipd.Tournament(
        ipd.collection("classic"), turns=200, repetitions=settings["repetitions"], seed=1
    )


def test_the_tournament_facts_are_the_data(built, parsed):
    page = built[0]
    summary = base_tournament(page.settings).play().summary().set_index("strategy")
    facts = page.facts["tournament"]
    tft = summary.loc["tft"]
    assert facts["tft"]["rank"] == tft["rank"] and facts["tft"]["wins"] == tft["wins"]
    assert facts["winner"] == summary.index[0]
    text = " ".join(parsed.sections["tournament"].split())
    played = int(tft["wins"] + tft["draws"] + tft["losses"])
    if tft["wins"] == 0:
        assert f"It won not one of its {played} matches" in text
    else:
        assert f"It won {tft['wins']} of its {played} matches" in text
    standing = "Yet it finished first." if tft["rank"] == 1 else f"It finished {tft['rank']}"
    assert standing in text
    if "published" in facts:  # the spec names a published table that ipd ships
        from ipd.analysis import reproduction

        _, figures = reproduction.compare_with_published(
            summary.reset_index(), reproduction.published_table(facts["published"]["name"])
        )
        assert facts["published"]["spearman"] == pytest.approx(figures["spearman"])
        assert f"this one is {figures['spearman']:.2f}" in text
    # The table on the page lists the strategies in the tournament's order.
    names = [f"{n} ({s})" for s, n in zip(summary.index, summary["name"], strict=True)]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)


def test_noise_and_shadow_claims_match_independent_runs(built):
    page = built[0]
    settings, facts = page.settings, page.facts
    base = base_tournament(settings)
    labels = [p.label for p in base.players]
    extra = [s for s in ("tft", "gtft", "wsls") if s not in labels]
    noisy = ipd.Tournament(
        labels + extra,
        turns=base.settings.turns,
        repetitions=base.settings.repetitions,
        seed=base.settings.seed,
        noise=settings["noise"],
        reveal_length=base.settings.reveal_length,
    ).play()
    ranks = noisy.summary().set_index("strategy")["rank"]
    for s in ("tft", "gtft", "wsls"):
        assert facts["noise"][s]["rank_with_noise"] == ranks[s]
    short = ipd.Tournament(
        labels + ([] if "alld" in labels else ["alld"]),
        continuation=settings["short_w"],
        repetitions=base.settings.repetitions,
        seed=base.settings.seed,
    ).play()
    assert (
        facts["shadow"]["alld"]["rank_short"]
        == short.summary().set_index("strategy").loc["alld", "rank"]
    )
    assert facts["shadow"]["threshold"] == pytest.approx(2 / 3)


def test_ecology_facts_match_the_simulation(built, parsed):
    page = built[0]
    eco = base_tournament(page.settings).play().ecology(generations=1000)
    facts = page.facts["ecology"]
    assert facts["extinctions"] == eco.extinctions and facts["survivors"] == eco.survivors
    text = " ".join(parsed.sections["ecology"].split())
    for strategy, generation in eco.extinctions.items():
        assert f"{strategy} (generation {generation})" in text
    for exploiter in facts["grew_then_died"]:
        shares = eco.shares[exploiter["strategy"]]
        assert shares.max() > shares.iloc[0] and shares.iloc[-1] < eco.threshold
    if "demo" in facts:  # no exploiter rose and fell here, so the page shows one that does
        assert not facts["grew_then_died"]
        demo = ipd.Tournament(
            ["tft", "allc", "alld"],
            turns=200,
            repetitions=page.settings["repetitions"],
            seed=page.settings["seed"],
        )
        alld = demo.play().ecology(generations=1000).shares["alld"]
        assert [x["strategy"] for x in facts["demo"]["grew_then_died"]] == ["alld"]
        assert facts["demo"]["grew_then_died"][0]["peak"] == pytest.approx(alld.max())
        assert "alld rose from 33.3%" in text


def test_the_printed_commands_rebuild_the_same_numbers(built, parsed):
    page = built[0]
    command, tournaments = parsed.pres[-2], parsed.pres[-1]
    assert command == page.settings["command"]
    words = shlex.split(command)
    assert words[:2] == ["ipd", "lesson"] and "--seed" in words
    # The first tournament command, run through the real `ipd` CLI, gives the page's table.
    first = tournaments.split("\n# ")[0].splitlines()[1]
    result = CliRunner().invoke(ipd_main, [*shlex.split(first)[1:], "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    tft = next(row for row in summary if row["strategy"] == "tft")
    assert tft["rank"] == page.facts["tournament"]["tft"]["rank"]
    assert summary[0]["strategy"] == page.facts["tournament"]["winner"]


def test_a_tournament_without_tft_says_so():
    results = ipd.Tournament(["alld", "allc", "grudger"], turns=20, repetitions=2, seed=1).play()
    figures = lesson_module.Figures()
    html, facts = lesson_module.sections.tournament_section(results, figures)
    assert "Tit-for-tat (tft) is not in this tournament." in html
    assert "tft" not in facts and len(figures.alts) == 2  # no timeline without tft


# --------------------------------------------------------------------------- the command


def test_lesson_command_writes_the_page_and_reports(tmp_path, scratch_registry):
    # A strategy file of its own (the loader remembers files it has read, so sharing one with
    # other tests would make them depend on the order they run in).
    user = tmp_path / "lesson_user.toml"
    user.write_text(
        '[[strategy]]\nid = "lesson_test_tft"\nname = "Lesson Test TFT"\n'
        'description = "Tit for tat, as data."\nfamily = "memory_one"\n'
        'p = [1.0, 0.0, 1.0, 0.0]\nfirst = "C"\n'
    )
    spec = tmp_path / "tiny.toml"
    spec.write_text('name = "Tiny"\nstrategies = ["tft", "alld", "lesson_test_tft"]\nturns = 30\n')
    out = tmp_path / "tiny.html"
    args = [str(spec), "--out", str(out), "--repetitions", "3", "--generations", "100"]
    args += ["--strategy-file", str(user), "--json"]
    # A user strategy of a data family can be an opponent in the page's game.
    args += ["--opponent", "lesson_test_tft", "--opponent", "alld", "--grid-repetitions", "2"]
    result = CliRunner().invoke(lesson_command, args)
    assert result.exit_code == 0, result.output
    assert '"id":"lesson_test_tft","name":"Lesson Test TFT"' in out.read_text()
    assert (
        "--opponent lesson_test_tft --opponent alld"
        in json.loads(result.stdout)["settings"]["command"]
    )
    document = json.loads(result.stdout)
    assert document["out"] == str(out) and document["bytes"] == out.stat().st_size
    assert document["settings"]["spec"] == str(spec)
    assert "ipd lesson --out" in document["settings"]["command"]
    assert document["facts"]["ecology"]["generations"] == 100
    assert "Why tit-for-tat wins: Tiny" in out.read_text()
    assert "lesson_test_tft" in document["settings"]["strategies"]
    assert f"--strategy-file {user}" in document["settings"]["command"]
    again = CliRunner().invoke(lesson_command, args)
    assert again.exit_code != 0 and "already exists" in again.output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--short-w", "0.9", "--long-w", "0.5"], "must be smaller than long w"),
        (["--short-w", "1"], "short w must be a probability"),
        (["--noise", "0"], "noise level above 0"),
        (["--noise", "1.5"], "noise"),
        (["missing.toml"], "does not exist"),
        (["--out", "page.txt"], ".html"),
    ],
)
def test_lesson_command_bad_input_is_one_line(tmp_path, args, fragment):
    with CliRunner().isolated_filesystem(temp_dir=tmp_path):
        result = CliRunner().invoke(lesson_command, ["--out", "page.html", *args])
        assert not Path("page.html").exists()
    lines = [
        line
        for line in result.output.splitlines()
        if line.strip() and not line.startswith("ipd: compiling")
    ]
    assert result.exit_code != 0 and len(lines) == 1 and fragment in lines[0], result.output


# --------------------------------------------------------------------------- in a real browser

_PROBE = """<script>
window.addEventListener('load', () => {
  const report = {
    images: Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]),
    sections: Array.from(document.querySelectorAll('section[id]')).map(s => s.id),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
  const pre = document.createElement('pre');
  pre.id = 'browser-report';
  pre.textContent = JSON.stringify(report);
  document.body.appendChild(pre);
});
</script>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            "headless Chromium is needed to test the lesson page and is not installed: "
            "run `apt-get install -y chromium` (Debian's package, /usr/bin/chromium)"
        )
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def browser_report(tmp_path: Path, html: str, window: str) -> dict:
    """Load the page, with a probe script appended, and read what the browser saw."""
    probe = html.replace(
        "style-src 'unsafe-inline'", "style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    ).replace("</body>", _PROBE + "</body>")
    path = tmp_path / f"probe-{window.replace(',', 'x')}.html"
    path.write_text(probe, encoding="utf-8")
    dom = chromium(tmp_path, f"--window-size={window}", "--dump-dom", path.as_uri()).stdout
    found = re.search(r'<pre id="browser-report">(.*?)</pre>', dom)
    assert found, "the probe script did not run: " + dom[-500:]
    return json.loads(found.group(1))


def test_chromium_renders_every_section_and_image(built, parsed, tmp_path):
    page, path, _ = built
    report = browser_report(tmp_path, page.html, "1280,4000")
    assert report["sections"] == list(lesson_module.SECTION_IDS)
    expected = [image.size for image in decoded_images(parsed)]
    assert len(report["images"]) == len(expected)
    for (complete, width, height), size in zip(report["images"], expected, strict=True):
        assert complete and (width, height) == size  # decoded by the browser, at full size
    # The unmodified page, as a class would open it: a screenshot that is not blank.
    shot = tmp_path / "lesson.png"
    chromium(tmp_path, "--window-size=1280,4000", f"--screenshot={shot}", path.as_uri())
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 4000)
    pixels = np.asarray(image)
    blue = np.all(pixels == (0x00, 0x72, 0xB2), axis=-1).sum()  # the section rules
    assert blue > 1000 and pixels.std() > 20
    if os.environ.get("IPD_UPDATE_DOCS_IMAGES") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_IMAGES / "lesson.png")


def test_chromium_on_a_phone_has_no_sideways_scrolling(built, tmp_path):
    report = browser_report(tmp_path, built[0].html, "390,844")
    assert report["innerWidth"] <= 500
    assert report["scrollWidth"] <= report["innerWidth"], report
    assert all(complete and width > 0 for complete, width, _ in report["images"])
