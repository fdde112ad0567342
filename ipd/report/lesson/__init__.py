"""A lesson page: why tit-for-tat wins, told with data computed on the spot.

:func:`build_lesson` plays a tournament (by default Axelrod's 1980 first
tournament when its spec is present, else the classic strategies), then
variants of it (with noise; with a short and a long shadow of the future),
runs the ecological simulation, and writes one self-contained HTML page:
figures embedded as base64 PNG, CSS and script inline, no font and no
network request, readable on a projector and on a phone.

Three sections are interactive (``assets/lesson.js``): students *play*
against strategies exported as data (:mod:`.export`), *explore* a grid of
tournaments played at build time with sliders over noise, w, payoffs and
the starting mix (:mod:`.grid`), and *watch evolution* on a spatial map
(:mod:`.evolution`). The script only reads and draws the embedded data
(:mod:`.interactive` writes the markup).

Every sentence that states a result is generated from the numbers of this
run, so a class that reruns it with other settings reads its own story.
Each section has a stable id: ``game``, ``play``, ``tournament``,
``principles``, ``ecology``, ``noise``, ``shadow``, ``explore``,
``evolution`` and ``rerun``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipd.core.errors import IpdError
from ipd.report.lesson.changes import noise_section, shadow_section
from ipd.report.lesson.export import DEFAULT_OPPONENTS
from ipd.report.lesson.grid import GridSpec
from ipd.report.lesson.html import SECTION_IDS, Figures, esc, page
from ipd.report.lesson.principles import principles_section
from ipd.report.lesson.rerun import lesson_command, rerun_section
from ipd.report.lesson.runs import base_tournament, play
from ipd.report.lesson.sections import ecology_section, game_section, tournament_section

__all__ = [
    "DEFAULT_OPPONENTS",
    "SECTION_IDS",
    "Figures",
    "GridSpec",
    "Lesson",
    "build_lesson",
    "default_spec",
    "write_lesson",
]

DEFAULT_SPEC_NAME = "axelrod-1980-first.toml"


def default_spec() -> Path | None:
    """The 1980 first tournament's spec shipped beside the package, if present."""
    path = Path(__file__).resolve().parents[3] / "tournaments" / DEFAULT_SPEC_NAME
    return path if path.is_file() else None


@dataclass
class Lesson:
    """A built lesson page.

    Attributes
    ----------
    html : the page, one self-contained HTML document.
    facts : the numbers the page's sentences were generated from (JSON-ready).
    settings : every setting needed to rebuild it, including the command line.
    seconds : time taken to build it.
    images : the alt text of every embedded figure, in page order.
    data : the JSON embedded in the page for its script (``play``, ``grid``,
        ``spatial``, ``palette``).
    """

    html: str
    facts: dict[str, Any]
    settings: dict[str, Any]
    seconds: float = 0.0
    images: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def write(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the page atomically; an existing file is kept unless ``force``."""
        from ipd.core.io import check_output_path, write_atomically

        path = check_output_path(path, force=force, suffixes=(".html", ".htm"))
        write_atomically(path, self.html.encode("utf-8"))
        return path


def _check_w(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise IpdError(f"{name} must be a probability strictly between 0 and 1, got {value!r}")
    return float(value)


MAX_PLAY_ROUNDS = 100
MAX_GRID_REPETITIONS = 1000


def _check_count(name: str, value: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise IpdError(f"{name} must be a whole number from 1 to {high}, got {value!r}")
    return value


def build_lesson(
    spec: str | Path | None = None,
    *,
    seed: int = 1,
    repetitions: int = 100,
    turns: int | None = None,
    noise: float = 0.05,
    short_w: float = 0.5,
    long_w: float = 0.99,
    generations: int = 1000,
    strategy_files: Sequence[str | Path] = (),
    out: str = "lesson.html",
    opponents: Sequence[str] = DEFAULT_OPPONENTS,
    play_rounds: int = 10,
    grid_repetitions: int = 20,
    grid: GridSpec | None = None,
) -> Lesson:
    """Play the tournaments and build the lesson page.

    Parameters
    ----------
    spec : a tournament spec; by default Axelrod's 1980 first tournament when
        its spec is present (:func:`default_spec`), else the classic strategies
        with self-play, 200 moves. Self-play is always counted (the ecological
        simulation needs it).
    seed : master seed of every tournament on the page.
    repetitions : round robins per tournament (overrides the spec's).
    turns : moves per match (overrides the spec's).
    noise : the flip probability of the noise comparison.
    short_w, long_w : continuation probabilities of the shadow-of-the-future
        comparison.
    generations : length of the ecological simulation.
    strategy_files : user strategy files the spec's strategies come from.
    out : the output file name, written into the page's rerun command.
    opponents : the strategies students play in the page; each must be data
        (memory-one, state machine or lookup table), see :mod:`.export`.
    play_rounds : rounds of a game in the play section.
    grid_repetitions : repetitions of each tournament of the slider grid.
    grid : the slider grid's axes (:class:`GridSpec`; its defaults when ``None``).

    Returns
    -------
    Lesson
    """
    from ipd._version import __version__
    from ipd.core.game import Game
    from ipd.core.settings import check_noise
    from ipd.report.lesson.export import play_data
    from ipd.strategies import load_strategy_file

    started = time.perf_counter()
    short_w, long_w = _check_w("short w", short_w), _check_w("long w", long_w)
    if short_w >= long_w:
        raise IpdError(f"short w ({short_w:g}) must be smaller than long w ({long_w:g})")
    noise = check_noise(noise)
    if noise == 0:
        raise IpdError("the noise comparison needs a noise level above 0")
    play_rounds = _check_count("play rounds", play_rounds, MAX_PLAY_ROUNDS)
    grid_repetitions = _check_count("grid repetitions", grid_repetitions, MAX_GRID_REPETITIONS)
    grid = grid or GridSpec()
    opponents = [str(o) for o in opponents]
    # Checked before any tournament is played (an opponent may come from a strategy file),
    # against Axelrod's payoffs; exported again below with the base tournament's payoffs
    # (a rule such as gtft reads them).
    for path in strategy_files:
        load_strategy_file(path)
    play_data(opponents, Game(), rounds=play_rounds, seed=seed)
    if spec is None:
        found = default_spec()
        spec_text = None
        if found is not None:
            try:
                spec_text = str(found.relative_to(Path.cwd()))
            except ValueError:
                spec_text = str(found)
        spec_path = found
    else:
        spec_path, spec_text = Path(spec), str(spec)
    strategy_files = [str(f) for f in strategy_files]
    base, loaded = base_tournament(spec_path, seed, repetitions, turns, strategy_files)
    runs = play(base, loaded, noise=noise, short_w=short_w, long_w=long_w)
    results = runs.results
    published = runs.spec.published if runs.spec is not None else None
    title = base.name or "Tournament"
    settings = {
        "spec": spec_text,
        "title": title,
        "seed": base.settings.seed,
        "repetitions": base.settings.repetitions,
        "turns_given": turns,
        "noise": noise,
        "short_w": short_w,
        "long_w": long_w,
        "generations": generations,
        "out": str(out),
        "strategies": list(results.labels),
        "strategy_files": strategy_files,
        "opponents": opponents,
        "play_rounds": play_rounds,
        "grid_repetitions": grid_repetitions,
    }
    settings["command"] = lesson_command(settings)

    figures = Figures()
    facts: dict[str, Any] = {}
    sections: dict[str, str] = {}
    sections["game"], facts["game"] = game_section(results)
    note = runs.spec.note if runs.spec is not None else None
    sections["tournament"], facts["tournament"] = tournament_section(
        results, figures, published, note
    )
    from ipd.analysis import principles
    from ipd.report.figures import OKABE_ITO
    from ipd.report.lesson import interactive
    from ipd.report.lesson.evolution import spatial_data
    from ipd.report.lesson.grid import play_grid

    # The story: what if the winner had broken each principle? (Its twins replayed
    # with the same random streams; see ipd.analysis.principles.whatif.)
    winner = results.summary()["strategy"].iloc[0]
    sections["principles"], facts["principles"] = principles_section(
        principles.report(results, strategies=[winner]), figures
    )
    sections["ecology"], facts["ecology"] = ecology_section(
        results, runs.demo, generations, figures
    )
    sections["noise"], facts["noise"] = noise_section(runs.quiet, runs.noisy, figures)
    sections["shadow"], facts["shadow"] = shadow_section(runs.short, runs.long, figures)
    data = {
        "play": play_data(opponents, base.settings.payoffs, rounds=play_rounds, seed=seed),
        "grid": play_grid(
            results.labels,
            seed=seed,
            repetitions=grid_repetitions,
            spec=grid,
            strategy_files=strategy_files,
        ),
        "spatial": spatial_data(grid, seed=seed),
        "palette": list(OKABE_ITO),
    }
    tournaments = len(list(grid.tournaments()))
    sections["play"] = interactive.play_section(data["play"])
    sections["explore"] = interactive.explore_section(data["grid"], tournaments)
    sections["evolution"] = interactive.evolution_section(data["spatial"], data["grid"])
    facts["grid"] = {
        "tournaments": tournaments,
        "shape": list(grid.shape),
        "strategies": data["grid"]["strategies"],
    }
    sections["rerun"] = rerun_section(settings, runs.all())
    lead = (
        "How can co-operation emerge among players who care only about themselves? "
        f"Robert Axelrod asked with computer tournaments. This page replays one &mdash; "
        f"<em>{esc(title)}</em>, {len(results.labels)} strategies, "
        f"seed {base.settings.seed} &mdash; "
        "and every number and every sentence about the results below was computed from it."
    )
    footer = (
        f"Made by ipd {esc(__version__)}. Figures use the Okabe&ndash;Ito colour-blind-safe "
        "palette: blue = co-operate, orange = defect."
    )
    document = page(f"Why tit-for-tat wins: {title}", lead, sections, footer, data)
    seconds = time.perf_counter() - started
    return Lesson(document, facts, settings, seconds, list(figures.alts), data)


def write_lesson(path: str | Path, *, force: bool = False, **options: Any) -> Lesson:
    """Build the lesson (see :func:`build_lesson`) and write it to ``path``.

    The output path is checked before anything is computed, and the file is
    written atomically; an existing file is kept unless ``force``.
    """
    from ipd.core.io import check_output_path

    check_output_path(path, force=force, suffixes=(".html", ".htm"))
    lesson = build_lesson(out=str(path), **options)
    lesson.write(path, force=force)
    return lesson
