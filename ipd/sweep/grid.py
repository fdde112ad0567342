"""A sweep's grid: the w values, the cells (w, noise, misperception, payoffs) and the settings
of a sweep."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ipd._version import __version__
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.settings import (
    MAX_SEED,
    check_misperception,
    check_noise,
    check_payoffs,
    check_repetitions,
    check_seed,
    check_turns,
)

FORMAT = "ipd-sweep/2"
MODES = ("continuation", "discount", "exact")
DISCOUNT_TAIL = 1e-6
"""In discount mode (without explicit turns) matches are long enough that the
weight of the moves left out, w**turns, is at most this."""
_ROUND = 12
"""Grid values are rounded to this many decimals, so 0.5 + 7 * 0.01 is 0.57."""


def parse_floats(text: str, name: str) -> list[float]:
    """Comma-separated numbers (``"0.5,0.9,0.99"``) as floats; bad input is an IpdError."""
    from ipd.core.values import split_numbers

    return split_numbers(text, float, f"{name} must be numbers separated by commas, got {text!r}")


def w_grid(
    values: Sequence[float] | str | None = None,
    w_range: str | Sequence[float] | None = None,
    count: int | None = None,
) -> list[float]:
    """The w values of a sweep, from exactly one of three forms.

    Parameters
    ----------
    values : an explicit list (``[0.5, 0.9, 0.99]`` or ``"0.5,0.9,0.99"``).
    w_range : ``"START:STOP:STEP"`` (STOP included when the steps land on it),
        or ``"START:STOP"`` with ``count``.
    count : number of evenly spaced points from START to STOP inclusive.

    Every value must lie strictly between 0 and 1.

    Examples
    --------
    >>> w_grid(w_range="0.5:0.6:0.05")
    [0.5, 0.55, 0.6]
    >>> w_grid(w_range="0.5:0.9", count=3)
    [0.5, 0.7, 0.9]
    """
    if values is not None and (w_range is not None or count is not None):
        raise IpdError("give either a list of w values or a range, not both")
    if values is not None:
        grid = parse_floats(values, "w") if isinstance(values, str) else [float(v) for v in values]
    elif w_range is not None:
        grid = _range(w_range, count)
    else:
        if count is not None:
            raise IpdError("a count of w values needs a range START:STOP")
        raise IpdError(
            "give the w values: a list (--w 0.5,0.9) or a range (--w-range 0.5:0.99:0.01)"
        )
    if not grid:
        raise IpdError("the w grid is empty")
    for w in grid:
        if not (0.0 < w < 1.0) or math.isnan(w):
            raise IpdError(f"every w must be strictly between 0 and 1, got {w:g}")
    grid = [round(w, _ROUND) for w in grid]
    duplicates = sorted({w for w in grid if grid.count(w) > 1})
    if duplicates:
        raise IpdError(f"w listed twice: {', '.join(f'{w:g}' for w in duplicates)}")
    return grid


def _range(w_range, count) -> list[float]:
    parts = (
        parse_floats(w_range.replace(":", ","), "w range")
        if isinstance(w_range, str)
        else ([float(v) for v in w_range])
    )
    if len(parts) == 3:
        if count is not None:
            raise IpdError("give either a step (START:STOP:STEP) or a count, not both")
        start, stop, step = parts
        if not step > 0:
            raise IpdError(f"the w step must be positive, got {step:g}")
        if stop < start:
            raise IpdError(f"the w range {start:g}:{stop:g} is empty (STOP < START)")
        # A small allowance so STOP itself is included despite rounding (0.5:0.99:0.01).
        n = math.floor((stop - start) / step + 1e-9) + 1
        if n > 1_000_000:
            raise IpdError(f"the w range has {n} points; use a larger step")
        return [start + k * step for k in range(n)]
    if len(parts) == 2:
        start, stop = parts
        if count is None:
            raise IpdError("a range START:STOP needs a step (START:STOP:STEP) or a count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise IpdError(f"the count of w values must be a whole number >= 1, got {count!r}")
        if stop < start:
            raise IpdError(f"the w range {start:g}:{stop:g} is empty (STOP < START)")
        if count == 1:
            return [start]
        return [start + (stop - start) * k / (count - 1) for k in range(count)]
    raise IpdError(f"a w range is START:STOP:STEP or START:STOP (with a count), got {w_range!r}")


def discount_turns(w: float, tail: float = DISCOUNT_TAIL) -> int:
    """Match length in discount mode: the smallest N with w**N <= tail."""
    return max(1, math.ceil(math.log(tail) / math.log(w)))


@dataclass(frozen=True)
class Cell:
    """One point of the grid."""

    w: float
    noise: float
    payoffs: tuple[float, float, float, float]
    misperception: float = 0.0

    def key(self) -> dict[str, Any]:
        """The cell's parameters; misperception only when there is some (so a cell without it
        keeps the id and seed it had before misperception existed)."""
        key: dict[str, Any] = {"w": self.w, "noise": self.noise, "payoffs": list(self.payoffs)}
        if self.misperception:
            key["misperception"] = self.misperception
        return key

    @property
    def id(self) -> str:
        """A name derived from the parameters alone (16 hex digits)."""
        text = json.dumps(self.key(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def seed(self, master: int) -> int:
        """The cell's seed: a hash of the master seed and the cell's parameters."""
        text = json.dumps({"seed": master, **self.key()}, sort_keys=True)
        return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16) & MAX_SEED


@dataclass(frozen=True)
class Batch:
    """Cells computed together: one kernel call, one task, one file."""

    cells: tuple[Cell, ...]

    @property
    def id(self) -> str:
        """A name derived from its cells (16 hex digits)."""
        text = ",".join(cell.id for cell in self.cells)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


BATCH_MOVES = 1e8
"""About how many moves a batch plays: a second or two of engine time."""
MAX_BATCH_CELLS = 256
EXACT_PAIR_MOVES = 2_000
"""What an exact pair is taken to cost, in moves, when batching exact cells."""


@dataclass(frozen=True)
class SweepSettings:
    """Everything that determines a sweep's numbers (and is checked when resuming).

    Parameters
    ----------
    strategies : the pool (ids with optional parameters).
    w : the grid of continuation probabilities / discount factors.
    noise : noise levels crossed with w.
    payoffs : payoff sets ``(R, S, T, P)`` crossed with w and noise.
    misperception : misperception rates crossed with the rest (the probability
        that a player sees one of the other's moves wrongly).
    mode : ``"continuation"`` (geometric match lengths with mean 1 / (1 - w)),
        ``"discount"`` (fixed-length matches, move t weighted w**(t-1)) or
        ``"exact"`` (expected values without sampling, :mod:`ipd.analysis.exact`).
    repetitions : round robins per cell (exact mode: matches per simulated pair).
    seed : master seed (``None``: adopt the folder's when resuming, else draw one).
    self_play : each strategy also meets its twin, and the match counts.
    turns : discount mode's match length (``None``: enough that w**turns <= 1e-6).
    fallback : exact mode: ``"simulate"`` estimates pairs without an exact answer.
    pairs : also write the pair-level table.
    strategy_files : user strategy files to load (in every worker).
    allow_non_dilemma : accept payoffs that are not a Prisoner's Dilemma.
    batch_cells : at most this many cells per batch (default: batches of about
        :data:`BATCH_MOVES` moves, at most :data:`MAX_BATCH_CELLS` cells).
    """

    strategies: tuple[str, ...]
    w: tuple[float, ...]
    noise: tuple[float, ...] = (0.0,)
    payoffs: tuple[tuple[float, float, float, float], ...] = ((3.0, 0.0, 5.0, 1.0),)
    mode: str = "continuation"
    repetitions: int = 10
    seed: int | None = None
    self_play: bool = True
    turns: int | None = None
    fallback: str | None = None
    pairs: bool = False
    strategy_files: tuple[str, ...] = ()
    allow_non_dilemma: bool = False
    batch_cells: int | None = None
    misperception: tuple[float, ...] = (0.0,)
    ipd_version: str = field(default=__version__)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "strategy_files", tuple(str(Path(f).resolve()) for f in self.strategy_files))
        set_(self, "w", tuple(w_grid(list(self.w))))
        noise = [check_noise(v) for v in self.noise]
        if not noise:
            raise IpdError("give at least one noise level")
        if len(set(noise)) != len(noise):
            raise IpdError("a noise level is listed twice")
        set_(self, "noise", tuple(noise))
        misperception = [check_misperception(v) for v in self.misperception]
        if not misperception:
            raise IpdError("give at least one misperception rate")
        if len(set(misperception)) != len(misperception):
            raise IpdError("a misperception rate is listed twice")
        set_(self, "misperception", tuple(misperception))
        payoffs = []
        for p in self.payoffs:
            game = Game(*check_payoffs(p).payoffs, allow_non_dilemma=self.allow_non_dilemma)
            payoffs.append(game.payoffs)
        if not payoffs:
            raise IpdError("give at least one set of payoffs")
        if len(set(payoffs)) != len(payoffs):
            raise IpdError("a set of payoffs is listed twice")
        set_(self, "payoffs", tuple(payoffs))
        if self.mode not in MODES:
            raise IpdError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        set_(self, "repetitions", check_repetitions(self.repetitions))
        if self.seed is not None:
            check_seed(self.seed)
        if self.turns is not None:
            if self.mode != "discount":
                raise IpdError("turns applies only to discount mode (match lengths are drawn)")
            check_turns(self.turns)
        if self.fallback not in (None, "simulate"):
            raise IpdError(f"fallback must be 'simulate' or nothing, got {self.fallback!r}")
        if self.batch_cells is not None and (
            isinstance(self.batch_cells, bool)
            or not isinstance(self.batch_cells, int)
            or self.batch_cells < 1
        ):
            raise IpdError(f"cells per batch must be a whole number >= 1, got {self.batch_cells!r}")
        if self.fallback is not None and self.mode != "exact":
            raise IpdError("a fallback applies only to exact mode")
        if not self.strategies:
            raise IpdError("a sweep needs at least one strategy")
        if len(self.strategies) < 2 and not self.self_play:
            raise IpdError("without self-play a sweep needs at least two strategies")
        set_(self, "strategies", tuple(self.strategies))

    def cells(self) -> list[Cell]:
        """Every cell, ordered by payoffs, noise, misperception, then w."""
        return [
            Cell(w, noise, payoffs, misperception)
            for payoffs, noise, misperception, w in itertools.product(
                self.payoffs, self.noise, self.misperception, self.w
            )
        ]

    @property
    def misperceives(self) -> bool:
        """Whether misperception is a dimension (its column appears in the tables only then)."""
        return self.misperception != (0.0,)

    def moves(self, cell: Cell) -> float:
        """About how many moves a cell plays (what batches are sized by)."""
        n = len(self.strategies)
        pairs = n * (n + 1) // 2 if self.self_play else n * (n - 1) // 2
        if self.mode == "exact":
            return pairs * EXACT_PAIR_MOVES
        length = 1 / (1 - cell.w) if self.mode == "continuation" else self.cell_turns(cell)
        return pairs * self.repetitions * length

    def cell_turns(self, cell: Cell) -> int | None:
        """Discount mode's match length in a cell (``None`` in the other modes)."""
        if self.mode != "discount":
            return None
        return self.turns or discount_turns(cell.w)

    def batches(self) -> list[Batch]:
        """The cells in batches of about :data:`BATCH_MOVES` moves each, in cell order.

        A batch is the unit of work: one kernel call, one task sent to a
        worker, one file written. It depends on the settings alone, so a
        resumed sweep has the same batches.
        """
        out: list[Batch] = []
        current: list[Cell] = []
        moves = 0.0
        most = self.batch_cells or MAX_BATCH_CELLS
        for cell in self.cells():
            cost = self.moves(cell)
            if current and (moves + cost > BATCH_MOVES or len(current) >= most):
                out.append(Batch(tuple(current)))
                current, moves = [], 0.0
            current.append(cell)
            moves += cost
        if current:
            out.append(Batch(tuple(current)))
        return out

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["payoffs"] = [list(p) for p in self.payoffs]
        for key in ("strategies", "w", "noise", "strategy_files", "misperception"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SweepSettings:
        values = dict(data)
        for key in ("strategies", "w", "noise", "strategy_files"):
            values[key] = tuple(values.get(key, ()))
        values["misperception"] = tuple(values.get("misperception", (0.0,)))
        values["payoffs"] = tuple(tuple(p) for p in values["payoffs"])
        return cls(**values)


def prepare_pool(settings: SweepSettings) -> SweepSettings:
    """Load strategy files, canonicalise the labels and check the pool for every payoff set.

    Problems (unknown strategies, a zero-determinant strategy impossible for
    some payoffs, a pair with no exact answer) surface before any cell runs.
    """
    from ipd.analysis.exact import check_exact
    from ipd.core.players import parse_player
    from ipd.strategies import load_strategy_file

    for path in settings.strategy_files:
        load_strategy_file(path)
    players = [parse_player(s) for s in settings.strategies]
    labels = [p.label for p in players]
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
    for payoffs in settings.payoffs:
        game = Game(*payoffs, allow_non_dilemma=settings.allow_non_dilemma)
        for player in players:
            player.behaviour(game)
        if settings.mode == "exact" and settings.fallback is None:
            for noise in settings.noise:
                for misperception in settings.misperception:
                    check_exact(players, noise, game, misperception=misperception)
    return replace(settings, strategies=tuple(labels))
