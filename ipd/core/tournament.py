"""Round-robin tournaments."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ipd._version import __version__
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.players import Player, parse_player
from ipd.core.results import Results
from ipd.core.settings import (
    check_lengths,
    check_noise,
    check_probability_open,
    check_repetitions,
    check_seed,
    check_turns,
)
from ipd.strategies import collection, load_strategy_file


class Tournament:
    """A round robin: every strategy meets every other (and, by default, its twin).

    Parameters
    ----------
    strategies : ids, with optional parameters (``"random:p=0.3"``), or players.
    turns : moves per match (when neither ``lengths`` nor ``continuation`` is given).
    repetitions : how many times the whole round robin is played.
    lengths : match lengths by repetition, cycled (Axelrod's second tournament:
        ``[63, 77, 151, 156, 308]``, every pair playing each length once when
        ``repetitions`` is 5). Replaces ``turns``.
    continuation : the probability w that a match goes on after each move;
        every match length is drawn from the geometric distribution with mean
        1 / (1 - w) out of that match's own stream. Strategies are not told it.
    discount : discount factor w: the payoff of move t counts w**(t-1), and
        scores are reported normalised (times 1 - w) so they compare with
        payoffs per turn.
    noise : probability that each intended move is flipped.
    seed : master seed; fixes every random draw. ``None`` draws one (recorded
        in the results' config so the run can be repeated).
    payoffs : ``(R, S, T, P)``, ``"R,S,T,P"`` or a :class:`Game`.
    self_play : whether each strategy also plays its twin, and that match
        counts (Axelrod 1980's convention, the default). ``False`` skips it,
        which gives Axelrod-Python's scores.
    reveal_length : whether strategies are told the match length (Axelrod's
        first tournament told them).
    rank_by : ``"mean"`` (mean score per match) or ``"median"`` over repetitions.
    keep_moves : keep every match's moves (memory grows with turns x matches).
    allow_non_dilemma : accept payoffs that are not a Prisoner's Dilemma.
    strategy_files : user strategy files (``.toml`` or ``.py``) to load first.
    name : a title for reports.

    Examples
    --------
    >>> results = Tournament(["tft", "alld", "grudger"], turns=200, repetitions=5, seed=1).play()
    >>> list(results.summary()["strategy"])
    ['grudger', 'tft', 'alld']
    """

    def __init__(
        self,
        strategies: Sequence[str | Player],
        *,
        turns: int = 200,
        repetitions: int = 10,
        lengths: Sequence[int] | str | None = None,
        continuation: float | None = None,
        discount: float | None = None,
        noise: float = 0.0,
        seed: int | None = None,
        payoffs: Game | str | Sequence[float] | None = None,
        self_play: bool = True,
        reveal_length: bool = False,
        rank_by: str = "mean",
        keep_moves: bool = False,
        allow_non_dilemma: bool = False,
        strategy_files: Iterable[str | Path] = (),
        name: str | None = None,
    ) -> None:
        self.strategy_files = [str(Path(f)) for f in strategy_files]
        for path in self.strategy_files:
            load_strategy_file(path)
        self.players = [parse_player(s) for s in strategies]
        labels = [p.label for p in self.players]
        duplicates = sorted({x for x in labels if labels.count(x) > 1})
        if duplicates:
            raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
        if not self.players:
            raise IpdError("a tournament needs at least one strategy")
        if len(self.players) < 2 and not self_play:
            raise IpdError("without self-play a tournament needs at least two strategies")
        self.turns = check_turns(turns)
        self.repetitions = check_repetitions(repetitions)
        self.lengths = None if lengths is None else check_lengths(lengths)
        self.continuation = (
            None if continuation is None else check_probability_open("continuation", continuation)
        )
        self.discount = None if discount is None else check_probability_open("discount", discount)
        if self.lengths is not None and self.continuation is not None:
            raise IpdError("give either fixed lengths or a continuation probability, not both")
        if self.continuation is not None and reveal_length:
            raise IpdError("with a continuation probability the match length cannot be revealed")
        if self.continuation is not None and keep_moves:
            raise IpdError(
                "keeping moves needs fixed match lengths (not a continuation probability)"
            )
        self.noise = check_noise(noise)
        self.seed = check_seed(seed)
        self.game = _game(payoffs, allow_non_dilemma)
        self.self_play = bool(self_play)
        self.reveal_length = bool(reveal_length)
        if rank_by not in ("mean", "median"):
            raise IpdError(f"rank_by must be 'mean' or 'median', got {rank_by!r}")
        self.rank_by = rank_by
        self.keep_moves = bool(keep_moves)
        self.name = name
        # Build behaviours now: parameter and payoff problems surface before any play.
        self.behaviours = [p.behaviour(self.game) for p in self.players]

    @classmethod
    def from_spec(
        cls, path: str | Path, strategies: Sequence[str] = (), **overrides: Any
    ) -> Tournament:
        """A tournament from a TOML spec (see :mod:`ipd.core.spec`).

        ``strategies`` are added to the spec's; keyword overrides that are not
        ``None`` replace the spec's settings.
        """
        from ipd.core.spec import load_spec

        settings = load_spec(path)
        settings.pop("description", None)
        settings.pop("published", None)
        names = list(settings.pop("strategies", []))
        files = settings.pop("strategy_files", []) + list(overrides.pop("strategy_files", []))
        for file in files:
            load_strategy_file(file)
        for group in settings.pop("collections", []):
            names += [s for s in collection(group) if s not in names]
        names += [s for s in strategies if s not in names]
        settings.update({k: v for k, v in overrides.items() if v is not None})
        return cls(names, strategy_files=files, **settings)

    @property
    def pairs(self) -> np.ndarray:
        """Row and column index of every pairing, row <= column."""
        n = len(self.players)
        return np.array(
            [(i, j) for i in range(n) for j in range(i if self.self_play else i + 1, n)],
            dtype=np.int64,
        ).reshape(-1, 2)

    @property
    def rep_lengths(self) -> np.ndarray:
        """The fixed length of the matches of each repetition."""
        if self.lengths is None:
            return np.full(self.repetitions, self.turns, dtype=np.int64)
        cycle = np.asarray(self.lengths, dtype=np.int64)
        return cycle[np.arange(self.repetitions) % len(cycle)]

    @property
    def expected_turns(self) -> float:
        """Moves the whole tournament plays (expected, under a continuation probability)."""
        if self.continuation is not None:
            return len(self.pairs) * self.repetitions / (1.0 - self.continuation)
        return float(len(self.pairs) * self.rep_lengths.sum())

    def config(self) -> dict[str, Any]:
        """Every setting needed to rerun this tournament exactly."""
        import numba

        return {
            "name": self.name,
            "strategies": [p.label for p in self.players],
            "turns": self.turns,
            "repetitions": self.repetitions,
            "lengths": self.lengths,
            "continuation": self.continuation,
            "discount": self.discount,
            "noise": self.noise,
            "seed": self.seed,
            "payoffs": self.game.as_dict(),
            "allow_non_dilemma": self.game.allow_non_dilemma,
            "self_play": self.self_play,
            "reveal_length": self.reveal_length,
            "rank_by": self.rank_by,
            "strategy_files": self.strategy_files,
            "ipd_version": __version__,
            "numba_version": numba.__version__,
            "python_version": platform.python_version(),
        }

    def play(self, progress: bool | Callable[[int], None] | None = None) -> Results:
        """Play the tournament.

        Parameters
        ----------
        progress : ``True`` shows a progress bar (after two seconds) on
            stderr; a callable is called with the number of repetitions
            finished after each block; ``None``/``False`` is silent.
        """
        from ipd.engine import api

        bar = None
        callback = progress if callable(progress) else None
        if progress is True:
            from tqdm import tqdm

            bar = tqdm(total=self.repetitions, unit="rep", delay=2.0, desc="tournament")
            callback = bar.update
        try:
            totals = api.play_tournament(
                self.behaviours,
                self.pairs,
                rep_lengths=self.rep_lengths,
                continuation=self.continuation or 0.0,
                discount=self.discount or 0.0,
                reveal_length=self.reveal_length,
                payoffs=self.game.payoffs,
                noise=self.noise,
                seed=self.seed,
                keep_moves=self.keep_moves,
                progress=callback,
            )
        finally:
            if bar is not None:
                bar.close()
        return Results(
            config=self.config(),
            labels=[p.label for p in self.players],
            names=[p.name for p in self.players],
            pairs=self.pairs,
            pair_scores=totals.pair_scores,
            pair_rate_shift=totals.pair_rate_shift,
            pair_rates=totals.pair_rates,
            pair_rate_squares=totals.pair_rate_squares,
            pair_counts=totals.pair_counts,
            strategy_rep_scores=totals.strategy_rep_scores,
            strategy_rep_turns=totals.strategy_rep_turns,
            moves=totals.moves,
        )


def _game(payoffs, allow_non_dilemma: bool) -> Game:
    if payoffs is None:
        return Game(allow_non_dilemma=allow_non_dilemma)
    if isinstance(payoffs, Game):
        return payoffs
    if isinstance(payoffs, str):
        return Game.parse(payoffs, allow_non_dilemma=allow_non_dilemma)
    values = list(payoffs)
    if len(values) != 4:
        raise IpdError(f"payoffs must be four numbers R, S, T, P, got {payoffs!r}")
    return Game(*values, allow_non_dilemma=allow_non_dilemma)
