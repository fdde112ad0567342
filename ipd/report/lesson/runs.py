"""The tournaments a lesson page tells about, played in one place.

The base tournament (a spec, by default Axelrod's first tournament, else the
classic strategies) and its variants: the same settings (``replace`` of the
base's :class:`~ipd.core.settings.Settings`) with a few strategies added or
one setting changed. Sections are then written from these results alone.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ipd.core.results import Results
from ipd.core.spec import Spec, load_spec
from ipd.core.tournament import Tournament
from ipd.report.lesson.changes import EXPLOITER, NOISE_PLAYERS

DEMO_POPULATION = ("tft", "allc", "alld")
"""A population small enough to watch an exploiter rise and fall."""


@dataclass
class Runs:
    """Every tournament of the page, played."""

    base: Tournament
    spec: Spec | None
    results: Results
    demo: Results
    quiet: Results
    noisy: Results
    short: Results
    long: Results

    def all(self) -> list[Results]:
        """The tournaments behind the page's tables, in the order the page lists them."""
        return [self.results, self.quiet, self.noisy, self.short, self.long]


def base_tournament(spec_path, seed, repetitions, turns, strategy_files):
    """The page's main tournament, and its spec (``None`` without one)."""
    from ipd.strategies import collection

    if spec_path is not None:
        spec = load_spec(spec_path)
        # The ecological simulation needs every strategy's payoff against its own kind.
        return Tournament.from_spec(
            spec,
            seed=seed,
            repetitions=repetitions,
            turns=turns,
            self_play=True,
            strategy_files=list(strategy_files),
        ), spec
    game = Tournament(
        collection("classic"),
        turns=turns or 200,
        repetitions=repetitions,
        seed=seed,
        self_play=True,
        strategy_files=strategy_files,
        name="Classic strategies",
    )
    return game, None


def variant(base: Tournament, extra=(), *, only=None, **changes) -> Tournament:
    """The base tournament with more (or ``only`` these) strategies and some settings changed."""
    labels = list(only) if only is not None else list(base.labels)
    labels += [s for s in extra if s not in labels]
    settings = dataclasses.replace(base.settings, self_play=True, **changes)
    return Tournament(labels, settings, strategy_files=base.strategy_files, name=base.name)


def play(base: Tournament, spec, *, noise: float, short_w: float, long_w: float) -> Runs:
    """Play the base tournament (and its ``spec``, from :func:`base_tournament`) and every
    variant the page needs."""
    shadow = {"lengths": None, "reveal_length": False, "discount": None}
    return Runs(
        base=base,
        spec=spec,
        results=base.play(),
        demo=variant(base, only=DEMO_POPULATION).play(),
        quiet=variant(base, NOISE_PLAYERS, noise=0.0).play(),
        noisy=variant(base, NOISE_PLAYERS, noise=noise).play(),
        short=variant(base, [EXPLOITER], continuation=short_w, **shadow).play(),
        long=variant(base, [EXPLOITER], continuation=long_w, **shadow).play(),
    )
