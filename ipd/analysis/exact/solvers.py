"""The three exact solvers of a pair: a proven cycle, a Markov chain, a bounded truncation."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from ipd.analysis.exact.pairs import MAX_CHAIN_STATES, MAX_TRUNCATED_MOVES, Automaton, Entrant
from ipd.core.errors import IpdError


def _noisy(p: np.ndarray | float, noise: float):
    """Probability of actually co-operating when intending to with probability ``p``."""
    return p * (1.0 - noise) + (1.0 - p) * noise


def markov_values(
    a: Automaton,
    b: Automaton,
    w: float,
    payoffs: Sequence[float],
    noise: float,
    misperception: float = 0.0,
) -> tuple[float, float, float, float]:
    """Exact (V_a, V_b, cooperation_a, cooperation_b) of two automata by the joint chain.

    The state after a move is ``(machine state of a, of b, a's move, b's move)``
    (and, under misperception, what each saw of the other's move: see
    :func:`joint_chain`); cooperation rates are discounted the same way as
    payoffs.
    """
    start, transition, reward = joint_chain(a, b, payoffs, noise, misperception)
    # V = (1 - w) p0 (I - wM)^-1 r: one solve with all four reward vectors at once.
    discounted = np.linalg.solve(np.eye(len(start)) - w * transition, reward)
    values = (1.0 - w) * (start @ discounted)
    return tuple(float(v) for v in values)


def markov_series(
    a: Automaton,
    b: Automaton,
    turns: int,
    payoffs: Sequence[float],
    noise: float = 0.0,
    misperception: float = 0.0,
) -> np.ndarray:
    """Expected (payoff of a, payoff of b, a co-operates, b co-operates) at each of ``turns``
    moves of a match of fixed length, from the joint chain: a ``(turns, 4)`` array."""
    start, transition, reward = joint_chain(a, b, payoffs, noise, misperception)
    out = np.empty((turns, 4))
    state = start
    for t in range(turns):
        out[t] = state @ reward
        state = state @ transition
    return out


def joint_chain(
    a: Automaton, b: Automaton, payoffs: Sequence[float], noise: float, misperception: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The joint Markov chain of two automata: start distribution, transitions, rewards.

    Rewards are per state (the payoffs of a and b, and whether each
    co-operated, on the move that led there). Without misperception the state
    is ``(machine state of a, of b, a's move, b's move)``. Under misperception
    e each player sees the other's move wrongly with probability e, and its
    next move and machine state follow what it saw (its own move it knows):
    the state grows by a's view of b's move and b's view of a's, 16 x states
    of a x states of b in all; payoffs follow the real moves.
    """
    na, nb = a.n_states, b.n_states
    # Under misperception the state also holds (a's view of y, b's view of x).
    views = 4 if misperception > 0.0 else 1
    n = 4 * views * na * nb
    if n > MAX_CHAIN_STATES:
        raise IpdError(
            f"the joint chain of these machines has {n} states (more than {MAX_CHAIN_STATES})"
        )

    def index(ma, mb, x, y, y_seen, x_seen):
        real = ((ma * nb + mb) * 2 + x) * 2 + y
        return real if views == 1 else (real * 2 + y_seen) * 2 + x_seen

    def seen(move):  # (what is seen, probability)
        if views == 1:
            return ((move, 1.0),)
        return ((move, 1.0 - misperception), (1 - move, misperception))

    def outcomes(ca, cb):  # each pair of moves with its probability, and how it may be seen
        for x, pa in ((0, ca), (1, 1.0 - ca)):
            for y, pb in ((0, cb), (1, 1.0 - cb)):
                for y_seen, qa in seen(y):
                    for x_seen, qb in seen(x):
                        yield x, y, y_seen, x_seen, pa * pb * qa * qb

    transition = np.zeros((n, n))
    reward = np.zeros((n, 4))
    R, S, T, P = (float(v) for v in payoffs)
    table = np.array([[R, S], [T, P]])  # table[own move, opponent's move]
    for ma, mb, x, y in np.ndindex(na, nb, 2, 2):
        for (y_seen, _), (x_seen, _) in itertools.product(seen(y), seen(x)):
            s = index(ma, mb, x, y, y_seen, x_seen)
            reward[s] = (table[x, y], table[y, x], 1.0 - x, 1.0 - y)
            # Each player's next move and machine state follow what it saw.
            ca = _noisy(a.coop[ma, x, y_seen], noise)
            cb = _noisy(b.coop[mb, y, x_seen], noise)
            na_next, nb_next = a.next_state[ma, y_seen], b.next_state[mb, x_seen]
            for x2, y2, y2_seen, x2_seen, p in outcomes(ca, cb):
                transition[s, index(na_next, nb_next, x2, y2, y2_seen, x2_seen)] += p
    start = np.zeros(n)
    first = outcomes(_noisy(a.first_coop, noise), _noisy(b.first_coop, noise))
    for x, y, y_seen, x_seen, p in first:
        start[index(a.initial_state, b.initial_state, x, y, y_seen, x_seen)] += p
    return start, transition, reward


def _play(ea: Entrant, eb: Entrant, length: int, payoffs: Sequence[float], seed: int):
    """One noiseless match of the two entrants, the length hidden from them."""
    from ipd.engine import api

    return api.play_match(
        ea.behaviour,
        eb.behaviour,
        length=length,
        reveal_length=False,
        payoffs=payoffs,
        noise=0.0,
        seed=seed,
    )


def cycle_values(
    ea: Entrant, eb: Entrant, w: float, payoffs: Sequence[float]
) -> tuple[float, float, float, float]:
    """Exact values of two deterministic automata: engine play, proved cycle, geometric sums."""
    a, b = ea.automaton, eb.automaton
    # Joint states before moves 1, 2, ...: at most 4 * na * nb distinct ones, so
    # that many + 2 moves contain a repeat (pigeonhole).
    length = 4 * a.n_states * b.n_states + 2
    record = _play(ea, eb, length, payoffs, seed=0)
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
    moves = truncated_moves(w, payoffs, tol)
    plays = [_play(ea, eb, moves, payoffs, seed) for seed in (0, 1)]
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
