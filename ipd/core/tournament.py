"""Tournaments: entrants, pairings and settings in; :class:`~ipd.core.results.Results` out."""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ipd._version import __version__
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.pairings import check_pairings, round_robin
from ipd.core.players import Player, parse_player
from ipd.core.results import Results
from ipd.core.settings import Settings, check_seed
from ipd.core.spec import Spec, load_spec
from ipd.strategies import collection, load_strategy_file


def lineup(
    strategies: Iterable[str] = (),
    collections: Iterable[str] = (),
    strategy_files: Iterable[str | Path] = (),
) -> list[str]:
    """Entrant ids: the strategies as given, then the collections' members not listed yet.

    Strategy files are loaded first, so their strategies can be named.
    """
    for path in strategy_files:
        load_strategy_file(path)
    names = list(strategies)
    for group in collections:
        names += [s for s in collection(group) if s not in names]
    return names


class Tournament:
    """Entrants, who meets whom, and how they play.

    Parameters
    ----------
    strategies : sequence of str or Player
        Ids, with optional parameters (``"random:p=0.3"``) and copy numbers
        (``"tft#2"``, see :func:`ipd.population`), or players.
    settings : Settings, optional
        How to play (:class:`ipd.Settings`; the defaults if not given).
    pairings : sequence of pairs, or networkx.Graph, optional
        Who meets whom: ``None`` for a round robin (each pair once, and each
        entrant its twin when ``settings.self_play``), else pairs of entrant
        indices or labels, or a networkx graph of them.
    strategy_files : iterable of str or Path
        User strategy files (``.toml`` or ``.py``) to load first.
    name : str, optional
        A title for reports.
    **overrides
        Settings by name (``turns=200, noise=0.05``), applied over ``settings``.

    See Also
    --------
    Tournament.from_spec : a tournament from a TOML spec.
    Results : what :meth:`play` returns.

    Examples
    --------
    >>> import ipd
    >>> tournament = ipd.Tournament(["tft", "alld", "grudger"], turns=200, repetitions=5, seed=1)
    >>> results = tournament.play()
    >>> list(results.summary()["strategy"])
    ['tft', 'grudger', 'alld']

    Settings can also come as one object, and copies of a strategy as entrants:

    >>> settings = ipd.Settings(turns=50, repetitions=3, seed=2)
    >>> ipd.Tournament(ipd.population({"tft": 2, "alld": 1}), settings).labels
    ['tft#1', 'tft#2', 'alld#1']
    """

    def __init__(
        self,
        strategies: Sequence[str | Player],
        settings: Settings | None = None,
        *,
        pairings: Any = None,
        strategy_files: Iterable[str | Path] = (),
        name: str | None = None,
        **overrides: Any,
    ) -> None:
        self.strategy_files = [str(Path(f)) for f in strategy_files]
        for path in self.strategy_files:
            load_strategy_file(path)
        self.players = [parse_player(s) for s in strategies]
        labels = self.labels
        duplicates = sorted({x for x in labels if labels.count(x) > 1})
        if duplicates:
            raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
        if not self.players:
            raise IpdError("a tournament needs at least one strategy")
        settings = (settings or Settings()).updated(**overrides)
        if settings.seed is None:
            settings = settings.updated(seed=check_seed(None))
        self.settings = settings
        if pairings is None:
            if len(self.players) < 2 and not settings.self_play:
                raise IpdError("without self-play a tournament needs at least two strategies")
            self.pairs = round_robin(len(self.players), settings.self_play)
            self.custom_pairings = False
        else:
            self.pairs = check_pairings(pairings, labels)
            self.custom_pairings = True
        self.name = name
        # Build behaviours now: parameter and payoff problems surface before any play.
        self.behaviours = [p.behaviour(settings.payoffs) for p in self.players]

    @classmethod
    def from_spec(
        cls,
        spec: str | Path | Spec,
        strategies: Sequence[str] = (),
        *,
        collections: Sequence[str] = (),
        strategy_files: Sequence[str] = (),
        **overrides: Any,
    ) -> Tournament:
        """A tournament from a TOML spec (a path, or a :class:`~ipd.core.spec.Spec` read already).

        ``strategies`` and ``collections`` are added to the spec's; settings
        given as keywords (not ``None``) replace the spec's.
        """
        spec = spec if isinstance(spec, Spec) else load_spec(spec)
        files = [*spec.strategy_files, *strategy_files]
        names = lineup(spec.strategies, spec.collections, files)
        names += [s for s in lineup(strategies, collections) if s not in names]
        return cls(
            names,
            spec.settings.updated(**overrides),
            strategy_files=files,
            name=spec.name,
        )

    @classmethod
    def rerun(cls, results: Results, **changes: Any) -> Tournament:
        """The tournament behind ``results``, settings changed by ``changes`` (not ``None``).

        Same entrants, pairings, seed and strategy files: a match of a rerun
        plays exactly as the same match did (streams are keyed by seed,
        repetition and entrants), so rerunning the first k repetitions with
        ``keep_moves=True`` recovers their moves.
        """
        about = results.about
        return cls(
            results.labels,
            results.settings.updated(**changes),
            pairings=about.get("pairings"),
            strategy_files=about.get("strategy_files") or (),
            name=about.get("name"),
        )

    def with_entrant(self, index: int, player: str | Player) -> Tournament:
        """The same tournament with entrant ``index`` replaced by ``player``: same
        settings, pairings and places, so every match of the others plays as before
        and the newcomer meets each opponent with the same random streams."""
        players = list(self.players)
        players[index] = parse_player(player)
        return Tournament(players, self.settings, pairings=self.pairs, name=self.name)

    @property
    def labels(self) -> list[str]:
        """The entrants' labels, as results show them."""
        return [p.label for p in self.players]

    @property
    def game(self) -> Game:
        return self.settings.payoffs

    @property
    def rep_lengths(self) -> np.ndarray:
        """The fixed length of the matches of each repetition."""
        return np.asarray(self.settings.rep_lengths(), dtype=np.int64)

    @property
    def expected_turns(self) -> float:
        """Moves the whole tournament plays (expected, under a continuation probability)."""
        s = self.settings
        if s.continuation is not None:
            return len(self.pairs) * s.repetitions / (1.0 - s.continuation)
        cycle = list(s.lengths) if s.lengths is not None else [s.turns]
        whole, rest = divmod(s.repetitions, len(cycle))
        return float(len(self.pairs) * (whole * sum(cycle) + sum(cycle[:rest])))

    def longest_match(self) -> int:
        """The longest match this tournament plays (under a continuation probability, a
        length that all but about one match in a million fall short of)."""
        s = self.settings
        if s.continuation is None:
            return max(s.lengths) if s.lengths is not None else s.turns
        import math

        matches = len(self.pairs) * s.repetitions
        return 1 + int(math.log(1e-6 / matches) / math.log(s.continuation))

    def check_size(self) -> None:
        """Refuse, in one line, a tournament that cannot fit in this machine's memory."""
        from ipd.engine.play import available_memory, footprint

        needed = footprint(
            len(self.players),
            len(self.pairs),
            self.settings.repetitions,
            self.longest_match(),
            self.settings.keep_moves,
        )
        available = available_memory()
        if available is not None and needed > available:
            raise IpdError(
                f"this tournament needs about {_bytes(needed)} of memory "
                f"({self.expected_turns:.3g} moves, the longest match {self.longest_match():,} "
                f"moves); this machine has {_bytes(available)} available"
            )

    def about(self) -> dict[str, Any]:
        """What results record besides the settings: title, files, pairings and versions."""
        import numba

        about: dict[str, Any] = {"name": self.name, "strategy_files": self.strategy_files}
        if self.custom_pairings:
            about["pairings"] = self.pairs.tolist()
        about.update(
            ipd_version=__version__,
            numba_version=numba.__version__,
            python_version=platform.python_version(),
        )
        return about

    def config(self) -> dict[str, Any]:
        """Every setting needed to rerun this tournament exactly, as plain data."""
        return Results.config_of(self.settings, self.labels, self.about())

    def play(
        self,
        progress: bool | Callable[[int], None] | None = None,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
    ) -> Results:
        """Play the tournament.

        Parameters
        ----------
        progress : ``True`` shows a progress bar (after two seconds) on
            stderr; a callable is called with the number of repetitions
            finished after each block; ``None``/``False`` is silent.
        scheduler : play here (``None``, the default), or spread the
            repetitions over ``"processes"`` (a local pool of ``workers``) or a
            Dask cluster (``"tcp://HOST:PORT"``): the results are bit-identical
            (:mod:`ipd.sweep.spread`).
        """
        self.check_size()
        s = self.settings
        bar = None
        callback = progress if callable(progress) else None
        if progress is True:
            from tqdm import tqdm

            if self.expected_turns >= LONG_RUN_MOVES:
                print(
                    f"ipd: about {self.expected_turns:.2g} moves to play "
                    f"({_duration(self.expected_turns / NOMINAL_MOVES_PER_SECOND)} at "
                    f"{NOMINAL_MOVES_PER_SECOND / 1e6:.0f} M moves/s)",
                    file=sys.stderr,
                )
            bar = tqdm(total=s.repetitions, unit="rep", delay=2.0, desc="tournament")
            callback = bar.update
        try:
            if scheduler is not None:
                from ipd.sweep.spread import play_spread

                return play_spread(self, scheduler, workers=workers, progress=callback)
            totals = self.play_totals(progress=callback)
        finally:
            if bar is not None:
                bar.close()
        return self.results(totals)

    def results(self, totals) -> Results:
        """The :class:`Results` of this tournament from the engine's totals of every pairing."""
        names = [p.name for p in self.players]
        return results_of(totals, self.settings, self.labels, names, self.pairs, self.about())

    def play_totals(
        self,
        *,
        progress=None,
        reps: tuple[int, int] | None = None,
        pairs: np.ndarray | None = None,
    ):
        """The engine's totals for these repetitions (all by default) of these pairings
        (rows of ``self.pairs``; all by default); see :func:`ipd.engine.play.play_cells`.

        A match plays the same whatever else is played with it (its random
        streams are keyed by seed, repetition and the two entrants' places), so
        the totals of a subset are that subset's share of the whole."""
        from ipd.engine import api

        s = self.settings
        return api.play_tournament(
            self.behaviours,
            self.pairs if pairs is None else np.asarray(pairs, dtype=np.int64),
            rep_lengths=self.rep_lengths,
            seed=s.seed,
            keep_moves=s.keep_moves,
            progress=progress,
            reps=reps,
            **s.engine_args(),
        )


LONG_RUN_MOVES = 1e9
"""A run this long says how long it is before it starts."""
NOMINAL_MOVES_PER_SECOND = 50e6
"""A rough engine speed for that estimate (this machine plays 40-130 M moves/s)."""


def results_of(
    totals,
    settings: Settings,
    labels: list[str],
    names: list[str],
    pairs: np.ndarray,
    about: dict[str, Any] | None = None,
    *,
    pair_rows: slice = slice(None),
    strategy_rows: slice = slice(None),
) -> Results:
    """:class:`Results` from the engine's :class:`~ipd.engine.play.Totals`.

    ``pair_rows`` and ``strategy_rows`` pick one cell's share of totals that
    hold several cells (a sweep's batch played in one engine call).
    """
    moves = None if totals.moves is None else totals.moves[:, pair_rows]
    return Results(
        settings=settings,
        labels=labels,
        names=names,
        pairs=pairs,
        pair_scores=totals.pair_scores[pair_rows],
        pair_rate_shift=totals.pair_rate_shift[pair_rows],
        pair_rates=totals.pair_rates[pair_rows],
        pair_rate_squares=totals.pair_rate_squares[pair_rows],
        pair_counts=totals.pair_counts[pair_rows],
        strategy_rep_scores=totals.strategy_rep_scores[strategy_rows],
        strategy_rep_turns=totals.strategy_rep_turns[strategy_rows],
        moves=moves,
        about={} if about is None else about,
    )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"about {seconds:.0f} s"
    if seconds < 5400:
        return f"about {seconds / 60:.0f} min"
    return f"about {seconds / 3600:.1f} h"


def _bytes(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:.3g} {unit}" if unit != "bytes" else f"{int(n)} bytes"
        n /= 1000
    return f"{n:.3g} PB"  # pragma: no cover
