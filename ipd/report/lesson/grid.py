"""The lesson's slider grid: tournaments the engine plays at build time, exported as data.

Every combination of noise, w (the continuation probability: the shadow of
the future), payoffs and starting population mix is one *cell*. A cell's
tournament (one per noise, w and payoffs; the mix changes only where the
ecology starts) is played by the engine with a seed derived from the master
seed and the cell's own parameters (as :mod:`ipd.sweep` derives it), so a
cell's numbers do not depend on the rest of the grid. The page's sliders
pick a cell and redraw its tournament table, its ecology and its principles
verdicts from these numbers: nothing is computed in the browser.

:func:`play_grid` returns plain JSON-ready data; see :func:`cell_data` for
one cell's layout. Numbers are rounded (:data:`DIGITS`) to keep the page
small; the tests compare them with independent engine runs to that rounding.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ipd.core.errors import IpdError

DIGITS = 4
"""Decimals kept for scores and rates."""
SHARE_SCALE = 10_000
"""Ecology shares are stored as whole numbers of 1/SHARE_SCALE."""
GRID_ADDED = ("gtft", "wsls", "alld", "allc")
"""Added to the page's population in the grid when absent (the mixes and the story need them)."""
MAX_GRID_STRATEGIES = 24
"""A larger population is replaced in the grid by the classic strategies (page size and time)."""
ECOLOGY_GENERATIONS = 500
"""Generations of each cell's ecological simulation."""
ECOLOGY_FRAMES = (
    *range(0, 21),
    *range(25, 51, 5),
    *range(60, 101, 10),
    *range(125, 251, 25),
    *range(300, 501, 50),
)
"""The generations kept of each ecology: every one early on, when most happens, then sparser."""


@dataclass(frozen=True)
class Mix:
    """A starting population for the ecology: shares of named strategies, the rest equal."""

    key: str
    label: str
    shares: tuple[tuple[str, float], ...] = ()

    def initial(self, labels: Sequence[str]) -> dict[str, float]:
        """Starting shares of every strategy of ``labels`` (summing to 1)."""
        given = dict(self.shares)
        unknown = [s for s in given if s not in labels]
        if unknown:
            raise IpdError(f"mix {self.key!r} names strategies not in the grid: {unknown}")
        rest = [s for s in labels if s not in given]
        left = 1.0 - sum(given.values())
        if left < -1e-12 or (left > 1e-12 and not rest):
            raise IpdError(f"mix {self.key!r}: shares must add up to at most 1")
        out = {s: given.get(s, left / len(rest) if rest else 0.0) for s in labels}
        return out


@dataclass(frozen=True)
class GridSpec:
    """The axes of the slider grid. Payoffs are (label, (R, S, T, P)) pairs."""

    noise: tuple[float, ...] = (0.0, 0.01, 0.05, 0.1)
    w: tuple[float, ...] = (0.5, 0.75, 0.9, 0.99)
    payoffs: tuple[tuple[str, tuple[float, float, float, float]], ...] = (
        ("T = 4: less tempting", (3.0, 0.0, 4.0, 1.0)),
        ("T = 5: Axelrod's payoffs", (3.0, 0.0, 5.0, 1.0)),
        ("T = 5.5: more tempting", (3.0, 0.0, 5.5, 1.0)),
    )
    mixes: tuple[Mix, ...] = field(
        default_factory=lambda: (
            Mix("equal", "every strategy in equal shares"),
            Mix("defectors", "always-defect is half the population", (("alld", 0.5),)),
            Mix("cooperators", "always-co-operate is half the population", (("allc", 0.5),)),
        )
    )

    def __post_init__(self) -> None:
        from ipd.core.settings import check_noise, check_payoffs

        for value in self.w:
            if isinstance(value, bool) or not 0 < value < 1:
                raise IpdError(f"grid w values must be strictly between 0 and 1, got {value!r}")
        for value in self.noise:
            check_noise(value)
        for _, game in self.payoffs:
            check_payoffs(game)
        for name in ("noise", "w", "payoffs", "mixes"):
            values = getattr(self, name)
            if not values:
                raise IpdError(f"the grid needs at least one {name} value")
        if len({m.key for m in self.mixes}) != len(self.mixes):
            raise IpdError("the grid's mixes need distinct keys")

    @property
    def shape(self) -> tuple[int, int, int, int]:
        return (len(self.noise), len(self.w), len(self.payoffs), len(self.mixes))

    def tournaments(self):
        """(noise index, w index, payoffs index, noise, w, (R, S, T, P)) of every tournament."""
        for (i, noise), (j, w), (k, (_, game)) in itertools.product(
            enumerate(self.noise), enumerate(self.w), enumerate(self.payoffs)
        ):
            yield i, j, k, noise, w, tuple(float(x) for x in game)

    def axes(self) -> dict[str, Any]:
        return {
            "noise": list(self.noise),
            "w": list(self.w),
            "payoffs": [{"label": label, "RSTP": list(game)} for label, game in self.payoffs],
            "mixes": [
                {"key": m.key, "label": m.label, "shares": dict(m.shares)} for m in self.mixes
            ],
        }


def cell_seed(master: int, w: float, noise: float, payoffs) -> int:
    """A cell's seed, from the master seed and its parameters (as a sweep's cell)."""
    from ipd.sweep.grid import Cell

    return Cell(float(w), float(noise), tuple(float(x) for x in payoffs)).seed(master)


def grid_pool(labels: Sequence[str]) -> tuple[list[str], bool]:
    """The grid's strategies: the page's own plus :data:`GRID_ADDED`, or the classic
    collection (and ``True``) when that is more than :data:`MAX_GRID_STRATEGIES`."""
    pool = list(labels) + [s for s in GRID_ADDED if s not in labels]
    if len(pool) <= MAX_GRID_STRATEGIES:
        return pool, False
    from ipd.strategies import collection

    classic = list(collection("classic"))
    return classic + [s for s in GRID_ADDED if s not in classic], True


def cell_tournament(pool, noise, w, payoffs, *, seed, repetitions, strategy_files=()):
    """The tournament of one cell: w as a continuation probability, self-play on."""
    from ipd.core.tournament import Tournament

    return Tournament(
        list(pool),
        continuation=w,
        noise=noise,
        payoffs=payoffs,
        repetitions=repetitions,
        seed=cell_seed(seed, w, noise, payoffs),
        self_play=True,
        reveal_length=False,
        strategy_files=list(strategy_files),
    )


def _round(value: float) -> float | None:
    value = float(value)
    return None if value != value else round(value, DIGITS)


def ecology_frames(ecology) -> list[list[int]]:
    """The kept generations of an ecology, shares in 1/:data:`SHARE_SCALE`, pool order."""
    shares = ecology.shares.to_numpy()
    kept = [g for g in ECOLOGY_FRAMES if g < len(shares)]
    return [[round(float(x) * SHARE_SCALE) for x in shares[g]] for g in kept]


def cell_data(results, spec: GridSpec, principles_data) -> dict[str, Any]:
    """One tournament's numbers, in the pool's order.

    ``rank``, ``score`` (mean points per match: what ranks), ``per_move``
    (points per move), ``cooperation`` (rate), ``stable``
    (collectively stable in this pool), ``ecology`` (one entry per mix: the
    kept frames, :func:`ecology_frames`, and the generation of each
    extinction), ``principles`` (``principles_data`` of the cell's report).
    """
    from ipd.analysis import principles
    from ipd.analysis.ecology import simulate
    from ipd.analysis.stability import stability_columns

    labels = list(results.labels)
    summary = results.summary().set_index("strategy").loc[labels]
    matrix = results.payoff_matrix()
    stable = stability_columns(results.payoff_values(), labels)["stable"]
    ecology = []
    for mix in spec.mixes:
        eco = simulate(matrix, generations=ECOLOGY_GENERATIONS, initial=mix.initial(labels))
        ecology.append({"frames": ecology_frames(eco), "extinct": dict(eco.extinctions)})
    return {
        "rank": [int(x) for x in summary["rank"]],
        "score": [_round(x) for x in summary["score"]],
        "per_move": [_round(x) for x in summary["score_per_turn"]],
        "cooperation": [_round(x) for x in summary["cooperation_rate"]],
        "stable": [bool(x) for x in stable],
        "ecology": ecology,
        "principles": principles_data(principles.report(results)),
    }


def play_grid(
    labels: Sequence[str],
    *,
    seed: int,
    repetitions: int,
    spec: GridSpec | None = None,
    strategy_files: Sequence[str] = (),
    principles_data=None,
) -> dict[str, Any]:
    """Play every cell of the grid and return the page's grid data.

    ``cells[i][j][k]`` is the cell of noise ``i``, w ``j`` and payoffs ``k``
    (see :func:`cell_data`); ``strategies`` and ``names`` are the pool, in the
    order of every per-strategy list.
    """
    if principles_data is None:
        from ipd.report.lesson.principles import principles_data
    spec = spec or GridSpec()
    pool, replaced = grid_pool(labels)
    n_noise, n_w, n_payoffs, _ = spec.shape
    cells: list[list[list[Any]]] = [
        [[None] * n_payoffs for _ in range(n_w)] for _ in range(n_noise)
    ]
    names: list[str] = []
    for i, j, k, noise, w, game in spec.tournaments():
        tournament = cell_tournament(
            pool,
            noise,
            w,
            game,
            seed=seed,
            repetitions=repetitions,
            strategy_files=strategy_files,
        )
        results = tournament.play()
        names = list(results.names)
        cells[i][j][k] = cell_data(results, spec, principles_data)
    return {
        "axes": spec.axes(),
        "strategies": pool,
        "names": names,
        "replaced": replaced,
        "seed": int(seed),
        "repetitions": int(repetitions),
        "generations": ECOLOGY_GENERATIONS,
        "frames": [g for g in ECOLOGY_FRAMES if g <= ECOLOGY_GENERATIONS],
        "share_scale": SHARE_SCALE,
        "cells": cells,
    }
