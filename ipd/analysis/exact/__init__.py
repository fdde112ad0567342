"""Expected discounted payoffs without sampling.

For a continuation probability (or discount factor) ``w`` the value of a match
to a player is the normalised discounted sum

    V = (1 - w) * sum_{t >= 1} w**(t - 1) * E[payoff of move t],

which is also the expected payoff per move when the match goes on after each
move with probability ``w`` (geometric lengths with mean 1 / (1 - w)): the
expected total is ``sum_t w**(t-1) E[payoff_t]`` and the expected length is
``1 / (1 - w)``.

How each pair is solved (the ``method`` of a pair)
--------------------------------------------------
``cycle``
    Both strategies are deterministic *data* strategies (memory-one with every
    probability 0 or 1, or finite-state machines) and there is no noise. The
    pair is played with the compiled engine and its joint state, the pair
    ``(machine states, last moves)``, is tracked; that state alone decides every
    later move, so the first repeated state proves the play periodic. The
    transient and the geometric series of the cycle are summed exactly.
``markov``
    Both strategies are data strategies, at least one stochastic or noise > 0.
    The joint state ``(machine state of each, last moves)`` is a finite Markov
    chain (four states for two memory-one strategies) with transition matrix
    ``M``; with ``p0`` the distribution after the first move and ``r`` the payoff
    of each state, ``V = (1 - w) p0 (I - w M)^-1 r``, solved with numpy.linalg.
    Noise ``e`` turns an intended co-operation probability ``p`` into
    ``p (1 - e) + (1 - p) e``. Under misperception each player moves (and
    changes machine state) on what it saw of the other's last move, which is
    wrong with probability ``e``; the state then also holds both views (16
    states for two memory-one strategies), and payoffs follow the real moves.
``truncated``
    At least one strategy is deterministic *code* (a compiled step function,
    such as Gradual). Its internal state (its memory slots) is hidden, and
    some such strategies never repeat a state (Gradual against Defector
    punishes 1, 2, 3, ... times), so no cycle can be proved. Instead the pair
    is played for ``N`` moves with ``w**N * (max payoff - min payoff) / 2 <=
    tol``: the first ``N`` moves fix ``V`` up to that bound, reported as the
    pair's ``error_bound`` (the unknown tail is replaced by its midpoint).
    The play is repeated with a second seed to check that the strategy really
    ignores its random stream.
``simulated``
    Anything else (a stochastic code strategy, or a code strategy with noise or
    misperception)
    has no exact answer: :func:`exact_analysis` raises :class:`IpdError` naming
    the strategy and the reason, unless ``fallback="simulate"``, in which case
    the pair is estimated from ``repetitions`` matches of geometric length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ipd.analysis.exact.pairs import (
    METHODS,
    Automaton,
    Entrant,
    automaton,
    check_exact,
    entrants,
    no_exact_message,
    pair_method,
)
from ipd.analysis.exact.solvers import (
    cycle_values,
    joint_chain,
    markov_series,
    markov_values,
    truncated_moves,
    truncated_values,
)
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.settings import (
    check_misperception,
    check_noise,
    check_probability_open,
    check_repetitions,
    check_seed,
)

__all__ = [
    "METHODS",
    "Automaton",
    "Entrant",
    "ExactResult",
    "automaton",
    "check_exact",
    "cycle_values",
    "entrants",
    "exact_analysis",
    "exact_payoffs",
    "exact_results_table",
    "exact_summary",
    "joint_chain",
    "markov_series",
    "markov_values",
    "pair_method",
    "truncated_moves",
    "truncated_values",
]


@dataclass
class ExactResult:
    """Expected normalised discounted values of every ordered pair of a pool.

    Attributes
    ----------
    w, noise, game, misperception : the settings.
    labels, names : the strategies, in pool order.
    payoffs : V(row against column), on the scale of a payoff per move.
    cooperation : discounted co-operation rate of the row strategy against the column.
    method : how each pair was solved (``cycle``, ``markov``, ``truncated``, ``simulated``).
    error_bound : a bound on the error of ``payoffs`` beyond rounding: 0 for ``cycle``
        and ``markov``, ``w**N (max - min payoff) / 2`` for ``truncated``, NaN
        (a sampling error, not a bound) for ``simulated``.
    """

    w: float
    noise: float
    game: Game
    labels: list[str]
    names: list[str]
    payoffs: pd.DataFrame
    cooperation: pd.DataFrame
    method: pd.DataFrame
    error_bound: pd.DataFrame
    misperception: float = 0.0


def exact_analysis(
    strategies: Sequence,
    w: float,
    *,
    game: Game | None = None,
    noise: float = 0.0,
    fallback: str | None = None,
    repetitions: int = 100,
    seed: int | None = None,
    tol: float = 1e-12,
    misperception: float = 0.0,
) -> ExactResult:
    """Expected discounted payoffs and co-operation rates of every pair, without sampling.

    Parameters
    ----------
    strategies : ids (with parameters, ``"random:p=0.3"``), players, or
        ``(label, MemoryOne | FiniteStateMachine | Behaviour)`` pairs.
    w : continuation probability / discount factor, strictly between 0 and 1.
    game : payoffs (default 3, 0, 5, 1).
    noise : probability that each intended move is flipped.
    misperception : probability that a player sees one of the other's moves
        wrongly (exact for memory-one and state-machine strategies only).
    fallback : ``None`` (raise for pairs without an exact answer) or
        ``"simulate"`` (estimate them from ``repetitions`` matches of
        geometric length, seeded with ``seed``).
    repetitions, seed : the simulation fallback's matches per pair and master seed.
    tol : error allowed for pairs involving deterministic code strategies.

    Returns
    -------
    ExactResult

    Raises
    ------
    IpdError
        For bad settings, or for a pair with no exact answer when ``fallback``
        is ``None``: the message names the strategy at fault and why.
    """
    w = check_probability_open("w", w)
    noise = check_noise(noise)
    misperception = check_misperception(misperception)
    game = game or Game()
    if fallback not in (None, "simulate"):
        raise IpdError(f"fallback must be None or 'simulate', got {fallback!r}")
    if not (isinstance(tol, int | float) and tol > 0):
        raise IpdError(f"tol must be a positive number, got {tol!r}")
    pool = entrants(strategies, game)
    n = len(pool)
    payoffs = game.payoffs
    value = np.full((n, n), np.nan)
    coop = np.full((n, n), np.nan)
    method = np.full((n, n), "", dtype=object)
    bound = np.zeros((n, n))
    to_simulate = []
    for i in range(n):
        for j in range(i, n):
            kind, reason = pair_method(pool[i], pool[j], noise, misperception)
            if kind is None:
                if fallback is None:
                    raise IpdError(no_exact_message(pool[i], pool[j], reason))
                to_simulate.append((i, j))
                continue
            err = 0.0
            if kind == "cycle":
                va, vb, ca, cb = cycle_values(pool[i], pool[j], w, payoffs)
            elif kind == "markov":
                va, vb, ca, cb = markov_values(
                    pool[i].automaton, pool[j].automaton, w, payoffs, noise, misperception
                )
            else:
                (va, vb, ca, cb), err = truncated_values(pool[i], pool[j], w, payoffs, tol)
            _store(value, coop, method, bound, i, j, (va, vb, ca, cb), kind, err)
    if to_simulate:
        estimates = _simulate(
            pool,
            to_simulate,
            w,
            payoffs,
            (noise, misperception),
            check_repetitions(repetitions),
            check_seed(seed),
        )
        for (i, j), values in zip(to_simulate, estimates, strict=True):
            _store(value, coop, method, bound, i, j, values, "simulated", np.nan)
    labels = [e.label for e in pool]

    def frame(data):
        return pd.DataFrame(
            data, index=pd.Index(labels, name="row"), columns=pd.Index(labels, name="column")
        )

    return ExactResult(
        w=w,
        noise=noise,
        game=game,
        labels=labels,
        names=[e.name for e in pool],
        payoffs=frame(value),
        cooperation=frame(coop),
        method=frame(method),
        error_bound=frame(bound),
        misperception=misperception,
    )


def _store(value, coop, method, bound, i, j, values, kind, err):
    va, vb, ca, cb = values
    if i == j:
        # A strategy against its twin: both sides are the same strategy; use their mean
        # (equal for exact methods up to rounding, as in the tournament's self-play).
        value[i, i] = 0.5 * (va + vb)
        coop[i, i] = 0.5 * (ca + cb)
    else:
        value[i, j], value[j, i] = va, vb
        coop[i, j], coop[j, i] = ca, cb
    method[i, j] = method[j, i] = kind
    bound[i, j] = bound[j, i] = err


def _simulate(pool, pairs, w, payoffs, errors, repetitions, seed):
    """Estimate (V_a, V_b, coop_a, coop_b) of ``pairs`` from matches of geometric length.

    Totals over all matches divided by total moves: consistent for the
    discounted values (expected total / expected length), unlike the mean of
    per-match rates.
    """
    from ipd.engine import api
    from ipd.engine import layout as L

    totals = api.play_tournament(
        [e.behaviour for e in pool],
        np.asarray(pairs, dtype=np.int64),
        rep_lengths=np.ones(repetitions, dtype=np.int64),
        continuation=w,
        reveal_length=False,
        payoffs=payoffs,
        noise=errors[0],
        misperception=errors[1],
        seed=seed,
    )
    out = []
    for p in range(len(pairs)):
        c = totals.pair_counts[p]
        turns = float(c[L.TURNS])
        out.append(
            (
                totals.pair_scores[p, 0] / turns,
                totals.pair_scores[p, 1] / turns,
                (c[L.CC] + c[L.CD]) / turns,
                (c[L.CC] + c[L.DC]) / turns,
            )
        )
    return out


def exact_payoffs(strategies: Sequence, w: float, **options) -> pd.DataFrame:
    """Expected normalised discounted payoff of the row strategy against the column strategy.

    A shortcut for ``exact_analysis(...).payoffs``; see :func:`exact_analysis`
    for the parameters, the methods and the errors.

    Examples
    --------
    >>> v = exact_payoffs(["tft", "alld"], 0.9)
    >>> round(float(v.loc["tft", "alld"]), 12)  # (1 - w) S + w P
    0.9
    """
    return exact_analysis(strategies, w, **options).payoffs


def exact_results_table(
    strategies: Sequence, w: float, *, self_play: bool = True, **options
) -> pd.DataFrame:
    """A tournament's summary computed exactly: one row per strategy, best first.

    What ``ipd tournament --exact`` prints; see :func:`exact_summary` for the
    columns and :func:`exact_analysis` for the parameters.
    """
    return exact_summary(exact_analysis(strategies, w, **options), self_play=self_play)


def exact_summary(result: ExactResult, self_play: bool = True) -> pd.DataFrame:
    """One row per strategy of an :class:`ExactResult`, best first.

    Columns: ``rank``, ``strategy``, ``name``, ``score`` (expected points per
    match under geometric ending, ``score_per_turn / (1 - w)``),
    ``score_per_turn`` (mean over opponents, the twin included when
    ``self_play``, of the expected normalised payoff: the value of a
    discounted tournament), ``cooperation_rate`` (discounted), ``stable``
    (collectively stable in this pool; uses the payoff against the twin
    whether or not self-play is scored), ``n_invaders``, ``invaders`` and
    ``method`` (the least exact method among its scored pairs).
    """
    from ipd.analysis.stability import stability

    labels = result.labels
    n = len(labels)
    if n < 2 and not self_play:
        raise IpdError("without self-play a tournament needs at least two strategies")
    values = result.payoffs.to_numpy()
    coop = result.cooperation.to_numpy()
    scored = np.ones((n, n), dtype=bool)
    if not self_play:
        np.fill_diagonal(scored, False)
    per_turn = np.where(scored, values, 0.0).sum(axis=1) / scored.sum(axis=1)
    coop_rate = np.where(scored, coop, 0.0).sum(axis=1) / scored.sum(axis=1)
    stable = stability(result.payoffs)
    rank_of = {m: k for k, m in enumerate(METHODS)}
    methods = result.method.to_numpy()
    worst = [max(methods[i][scored[i]], key=rank_of.__getitem__) for i in range(n)]
    frame = pd.DataFrame(
        {
            "strategy": labels,
            "name": result.names,
            "score": per_turn / (1.0 - result.w),
            "score_per_turn": per_turn,
            "cooperation_rate": coop_rate,
            "stable": stable["stable"].to_numpy(),
            "n_invaders": stable["n_invaders"].to_numpy(),
            "invaders": stable["invaders"].to_numpy(),
            "method": worst,
        }
    )
    order = np.lexsort((np.arange(n), -frame["score_per_turn"].to_numpy()))
    frame = frame.iloc[order].reset_index(drop=True)
    frame.insert(0, "rank", np.arange(1, n + 1))
    return frame
