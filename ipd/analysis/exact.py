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
    ``p (1 - e) + (1 - p) e``.
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
    Anything else (a stochastic code strategy, or a code strategy with noise)
    has no exact answer: :func:`exact_analysis` raises :class:`IpdError` naming
    the strategy and the reason, unless ``fallback="simulate"``, in which case
    the pair is estimated from ``repetitions`` matches of geometric length.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.players import Player, parse_player
from ipd.core.settings import check_noise, check_probability_open, check_repetitions, check_seed
from ipd.strategies.families import FiniteStateMachine, MemoryOne, fsm_step, memory_one_step
from ipd.strategies.registry import Behaviour

METHODS = ("cycle", "markov", "truncated", "simulated")
MAX_CHAIN_STATES = 4096
"""Largest joint Markov chain solved densely (4 x states of A x states of B)."""
MAX_TRUNCATED_MOVES = 20_000_000
"""Longest play used to bound a code strategy's value; beyond it w is too close to 1."""


@dataclass(frozen=True)
class Automaton:
    """A data strategy as a finite automaton with random output.

    Before move t >= 1 the strategy is in machine state ``m``; it co-operates
    with probability ``coop[m, own_last, opp_last]`` and moves to machine state
    ``next_state[m, opp_last]``. A memory-one strategy has one machine state.
    """

    n_states: int
    initial_state: int
    first_coop: float
    coop: np.ndarray  # (n_states, 2, 2)
    next_state: np.ndarray  # (n_states, 2) int

    @property
    def deterministic(self) -> bool:
        values = np.concatenate([[self.first_coop], self.coop.ravel()])
        return bool(np.all((values == 0.0) | (values == 1.0)))


@dataclass(frozen=True)
class Entrant:
    """One strategy of the pool: its label, name, engine behaviour and, if data, automaton."""

    label: str
    name: str
    behaviour: Behaviour
    automaton: Automaton | None
    memory_depth: int | None = None

    @property
    def deterministic(self) -> bool:
        if self.automaton is not None:
            return self.automaton.deterministic
        return not self.behaviour.stochastic


def automaton(behaviour: Behaviour) -> Automaton | None:
    """The automaton of a memory-one or finite-state behaviour; ``None`` for code strategies."""
    params = np.asarray(behaviour.params, dtype=np.float64)
    if behaviour.step is memory_one_step:
        coop = np.empty((1, 2, 2))
        for own in (0, 1):
            for opp in (0, 1):
                coop[0, own, opp] = params[2 * own + opp]
        return Automaton(1, 0, float(params[4]), coop, np.zeros((1, 2), dtype=np.int64))
    if behaviour.step is fsm_step:
        n = int(params[0])
        table = params[3:].reshape(n, 2, 2)  # (state, opponent's move) -> (next state, move)
        move = table[:, :, 1]
        # A machine's move ignores its own last move: copy it along that axis.
        coop = np.repeat((1.0 - move)[:, None, :], 2, axis=1)
        return Automaton(
            n, int(params[1]), 1.0 - float(params[2]), coop, table[:, :, 0].astype(np.int64)
        )
    return None


def entrants(strategies: Sequence, game: Game) -> list[Entrant]:
    """Resolve a pool: ids (``"random:p=0.3"``), players, or ``(label, strategy)`` pairs.

    A ``strategy`` in a pair is a :class:`MemoryOne`, a :class:`FiniteStateMachine`
    or an engine :class:`Behaviour`.
    """
    out = []
    for item in strategies:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            label, obj = item
            if isinstance(obj, MemoryOne | FiniteStateMachine):
                behaviour = obj.behaviour()
            elif isinstance(obj, Behaviour):
                behaviour = obj
            else:
                raise IpdError(
                    f"strategy {label!r} must be a MemoryOne, a FiniteStateMachine or a "
                    f"Behaviour, got {type(obj).__name__}"
                )
            out.append(Entrant(label, label, behaviour, automaton(behaviour), None))
        else:
            player = item if isinstance(item, Player) else parse_player(item)
            behaviour = player.behaviour(game)
            out.append(
                Entrant(
                    player.label,
                    player.name,
                    behaviour,
                    automaton(behaviour),
                    player.info.memory_depth,
                )
            )
    labels = [e.label for e in out]
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
    if not out:
        raise IpdError("give at least one strategy")
    return out


def pair_method(a: Entrant, b: Entrant, noise: float) -> tuple[str | None, str]:
    """How the pair (a, b) can be solved, and if it cannot, why.

    Returns ``(method, reason)``: ``method`` is ``"cycle"``, ``"markov"`` or
    ``"truncated"``, or ``None`` with ``reason`` naming the strategy at fault.
    """
    if a.automaton is not None and b.automaton is not None:
        if noise == 0.0 and a.deterministic and b.deterministic:
            return "cycle", ""
        return "markov", ""
    code = a if a.automaton is None else b
    other = b if code is a else a
    depth = "unbounded" if code.memory_depth is None else str(code.memory_depth)
    if not code.deterministic:
        return None, (
            f"{code.label} is a stochastic strategy written as code: its internal state is "
            "hidden, so its play is not a Markov chain ipd can solve"
        )
    if noise > 0.0:
        return None, (
            f"{code.label} is a strategy written as code (memory depth {depth}): with noise its "
            "play is random and its internal state is hidden, so there is no chain to solve"
        )
    if not other.deterministic:
        return None, (
            f"{code.label} is a strategy written as code (memory depth {depth}) and "
            f"{other.label} is stochastic: their joint play is random and {code.label}'s "
            "internal state is hidden"
        )
    return "truncated", ""


def check_exact(strategies: Sequence, noise: float = 0.0, game: Game | None = None) -> None:
    """Raise :class:`IpdError` unless every pair of the pool has an exact answer.

    Cheap: it classifies the strategies and plays nothing.
    """
    pool = entrants(strategies, game or Game())
    for i, a in enumerate(pool):
        for b in pool[i:]:
            method, reason = pair_method(a, b, check_noise(noise))
            if method is None:
                raise IpdError(_no_exact_message(a, b, reason))


def _no_exact_message(a: Entrant, b: Entrant, reason: str) -> str:
    return (
        f"no exact payoff for {a.label} against {b.label}: {reason}; "
        "ask for fallback='simulate' (--fallback simulate) to estimate it by simulation"
    )


# --------------------------------------------------------------------------- the three solvers


def _noisy(p: np.ndarray | float, noise: float):
    """Probability of actually co-operating when intending to with probability ``p``."""
    return p * (1.0 - noise) + (1.0 - p) * noise


def markov_values(
    a: Automaton, b: Automaton, w: float, payoffs: Sequence[float], noise: float
) -> tuple[float, float, float, float]:
    """Exact (V_a, V_b, cooperation_a, cooperation_b) of two automata by the joint chain.

    The state after a move is ``(machine state of a, of b, a's move, b's move)``;
    cooperation rates are discounted the same way as payoffs.
    """
    na, nb = a.n_states, b.n_states
    n = 4 * na * nb
    if n > MAX_CHAIN_STATES:
        raise IpdError(
            f"the joint chain of these machines has {n} states (more than {MAX_CHAIN_STATES})"
        )

    def index(ma, mb, x, y):
        return ((ma * nb + mb) * 2 + x) * 2 + y

    transition = np.zeros((n, n))
    reward = np.zeros((n, 4))
    R, S, T, P = (float(v) for v in payoffs)
    table = np.array([[R, S], [T, P]])  # table[own move, opponent's move]
    for ma in range(na):
        for mb in range(nb):
            for x in (0, 1):
                for y in (0, 1):
                    s = index(ma, mb, x, y)
                    reward[s] = (table[x, y], table[y, x], 1.0 - x, 1.0 - y)
                    ca = _noisy(a.coop[ma, x, y], noise)
                    cb = _noisy(b.coop[mb, y, x], noise)
                    na_next = a.next_state[ma, y]
                    nb_next = b.next_state[mb, x]
                    for x2, pa in ((0, ca), (1, 1.0 - ca)):
                        for y2, pb in ((0, cb), (1, 1.0 - cb)):
                            transition[s, index(na_next, nb_next, x2, y2)] += pa * pb
    start = np.zeros(n)
    fa = _noisy(a.first_coop, noise)
    fb = _noisy(b.first_coop, noise)
    for x, pa in ((0, fa), (1, 1.0 - fa)):
        for y, pb in ((0, fb), (1, 1.0 - fb)):
            start[index(a.initial_state, b.initial_state, x, y)] += pa * pb
    # V = (1 - w) p0 (I - wM)^-1 r: one solve with all four reward vectors at once.
    discounted = np.linalg.solve(np.eye(n) - w * transition, reward)
    values = (1.0 - w) * (start @ discounted)
    return tuple(float(v) for v in values)


def cycle_values(
    ea: Entrant, eb: Entrant, w: float, payoffs: Sequence[float]
) -> tuple[float, float, float, float]:
    """Exact values of two deterministic automata: engine play, proved cycle, geometric sums."""
    from ipd.engine import api

    a, b = ea.automaton, eb.automaton
    # Joint states before moves 1, 2, ...: at most 4 * na * nb distinct ones, so
    # that many + 2 moves contain a repeat (pigeonhole).
    length = 4 * a.n_states * b.n_states + 2
    record = api.play_match(
        ea.behaviour,
        eb.behaviour,
        length=length,
        reveal_length=False,
        payoffs=payoffs,
        noise=0.0,
        seed=0,
    )
    moves_a = record.moves_a.astype(np.int64)
    moves_b = record.moves_b.astype(np.int64)
    seen: dict[tuple[int, int, int, int], int] = {}
    ma, mb = a.initial_state, b.initial_state
    start = period = None
    for t in range(1, length):
        x, y = moves_a[t - 1], moves_b[t - 1]
        state = (ma, mb, x, y)
        if state in seen:
            start, period = seen[state], t - seen[state]
            break
        seen[state] = t
        # The engine's move must be the one the automaton predicts from this state;
        # otherwise the state we track is not the strategy's real state.
        if moves_a[t] != (a.coop[ma, x, y] == 0.0) or moves_b[t] != (b.coop[mb, y, x] == 0.0):
            raise RuntimeError(f"engine play of {ea.label} v {eb.label} departs from its table")
        ma, mb = int(a.next_state[ma, y]), int(b.next_state[mb, x])
    if start is None:  # pragma: no cover - impossible by the pigeonhole argument
        raise RuntimeError("no repeated joint state found")
    return _periodic_sum(moves_a, moves_b, start, period, w, payoffs)


def _play_series(moves_a, moves_b, payoffs) -> np.ndarray:
    """Per move: A's payoff, B's payoff, A co-operated, B co-operated (columns, float)."""
    payoff_array = np.asarray(payoffs, dtype=np.float64)
    return np.stack(
        [
            payoff_array[2 * moves_a + moves_b],
            payoff_array[2 * moves_b + moves_a],
            1.0 - moves_a,
            1.0 - moves_b,
        ],
        axis=1,
    ).astype(np.float64)


def _periodic_sum(moves_a, moves_b, start, period, w, payoffs):
    """Normalised discounted sums of a play whose moves repeat from ``start`` with ``period``."""
    series = _play_series(moves_a, moves_b, payoffs)
    head = series[:start]
    cycle = series[start : start + period]
    head_weights = w ** np.arange(start)
    cycle_weights = w ** np.arange(period)
    # (1 - w) w^start / (1 - w^period) = w^start / sum(cycle weights): no cancellation near w = 1.
    values = (1.0 - w) * (head_weights @ head) + w**start * (cycle_weights @ cycle) / (
        cycle_weights.sum()
    )
    return tuple(float(v) for v in values)


def truncated_moves(w: float, payoffs: Sequence[float], tol: float) -> int:
    """Moves N with ``w**N * spread / 2 <= tol``, where spread is max - min payoff."""
    spread = max(payoffs) - min(payoffs)
    if spread <= 0.0:
        return 1
    moves = max(1, math.ceil(math.log(2.0 * tol / spread) / math.log(w)))
    if moves > MAX_TRUNCATED_MOVES:
        raise IpdError(
            f"w={w:g} is too close to 1 to bound a code strategy's value to {tol:g} "
            f"({moves} moves needed, limit {MAX_TRUNCATED_MOVES}); use a larger tolerance"
        )
    return moves


def truncated_values(
    ea: Entrant, eb: Entrant, w: float, payoffs: Sequence[float], tol: float
) -> tuple[tuple[float, float, float, float], float]:
    """Values of a deterministic pair from its first N moves, and the bound on their error."""
    from ipd.engine import api

    moves = truncated_moves(w, payoffs, tol)
    plays = [
        api.play_match(
            ea.behaviour,
            eb.behaviour,
            length=moves,
            reveal_length=False,
            payoffs=payoffs,
            noise=0.0,
            seed=seed,
        )
        for seed in (0, 1)
    ]
    if not (
        np.array_equal(plays[0].moves_a, plays[1].moves_a)
        and np.array_equal(plays[0].moves_b, plays[1].moves_b)
    ):
        raise IpdError(
            f"{ea.label} or {eb.label} is declared deterministic but its moves depend on the seed"
        )
    moves_a = plays[0].moves_a.astype(np.int64)
    moves_b = plays[0].moves_b.astype(np.int64)
    weights = w ** np.arange(moves)
    series = _play_series(moves_a, moves_b, payoffs)
    head = (1.0 - w) * (weights @ series)
    # The tail weighs w^N in total; each of its entries lies in [min, max] of its series.
    tail_mid = np.array(
        [(max(payoffs) + min(payoffs)) / 2, (max(payoffs) + min(payoffs)) / 2, 0.5, 0.5]
    )
    values = head + w**moves * tail_mid
    bound = w**moves * (max(payoffs) - min(payoffs)) / 2
    return tuple(float(v) for v in values), float(bound)


# --------------------------------------------------------------------------- public API


@dataclass
class ExactResult:
    """Expected normalised discounted values of every ordered pair of a pool.

    Attributes
    ----------
    w, noise, game : the settings.
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
) -> ExactResult:
    """Expected discounted payoffs and co-operation rates of every pair, without sampling.

    Parameters
    ----------
    strategies : ids (with parameters, ``"random:p=0.3"``), players, or
        ``(label, MemoryOne | FiniteStateMachine | Behaviour)`` pairs.
    w : continuation probability / discount factor, strictly between 0 and 1.
    game : payoffs (default 3, 0, 5, 1).
    noise : probability that each intended move is flipped.
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
            kind, reason = pair_method(pool[i], pool[j], noise)
            if kind is None:
                if fallback is None:
                    raise IpdError(_no_exact_message(pool[i], pool[j], reason))
                to_simulate.append((i, j))
                continue
            err = 0.0
            if kind == "cycle":
                va, vb, ca, cb = cycle_values(pool[i], pool[j], w, payoffs)
            elif kind == "markov":
                va, vb, ca, cb = markov_values(
                    pool[i].automaton, pool[j].automaton, w, payoffs, noise
                )
            else:
                (va, vb, ca, cb), err = truncated_values(pool[i], pool[j], w, payoffs, tol)
            _store(value, coop, method, bound, i, j, (va, vb, ca, cb), kind, err)
    if to_simulate:
        estimates = _simulate(
            pool, to_simulate, w, payoffs, noise, check_repetitions(repetitions), check_seed(seed)
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


def _simulate(pool, pairs, w, payoffs, noise, repetitions, seed):
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
        noise=noise,
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


def exact_payoffs(
    strategies: Sequence,
    w: float,
    game: Game | None = None,
    noise: float = 0.0,
    fallback: str | None = None,
    **options,
) -> pd.DataFrame:
    """Expected normalised discounted payoff of the row strategy against the column strategy.

    A shortcut for ``exact_analysis(...).payoffs``; see :func:`exact_analysis`
    for the parameters, the methods and the errors.

    Examples
    --------
    >>> v = exact_payoffs(["tft", "alld"], 0.9)
    >>> round(float(v.loc["tft", "alld"]), 12)  # (1 - w) S + w P
    0.9
    """
    return exact_analysis(
        strategies, w, game=game, noise=noise, fallback=fallback, **options
    ).payoffs


def exact_results_table(
    strategies: Sequence,
    w: float,
    *,
    game: Game | None = None,
    noise: float = 0.0,
    self_play: bool = True,
    fallback: str | None = None,
    repetitions: int = 100,
    seed: int | None = None,
) -> pd.DataFrame:
    """A tournament's summary computed exactly: one row per strategy, best first.

    What ``ipd tournament --exact`` prints; see :func:`exact_summary` for the
    columns and :func:`exact_analysis` for the parameters.
    """
    result = exact_analysis(
        strategies,
        w,
        game=game,
        noise=noise,
        fallback=fallback,
        repetitions=repetitions,
        seed=seed,
    )
    return exact_summary(result, self_play=self_play)


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
