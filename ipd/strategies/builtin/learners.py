"""Learners: rules that adjust their play from the payoffs and moves they observe.

Q-learners, the Bush-Mosteller reinforcement learner, Hauert and Stenull's
Adaptor, Li's Adaptive, Momentum, the Derived Belief Strategy of Au and Nau,
and the Frequency Analyzer. All are compiled steps; each keeps its learned
state in the 32 memory slots.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ipd.engine.random import bernoulli, uniform
from ipd.strategies import catalogue
from ipd.strategies.registry import step

# --------------------------------------------------------------------------- Q-learning

_Q_C = 0
_Q_D = 1
_Q_V = 2  # value of the current state (max of its two Q values)
_Q_CHOSEN = 3  # the move it chose last turn (before noise)
_Q_RUN = 4  # the opponent's current run of defections


@step
def q_learner(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Tabular Q-learning over states "the opponent's last 12 moves and its number of
    co-operations so far", choosing the best-valued move with probability 0.9 and a coin
    flip otherwise (ties go to C).

    The state includes the opponent's co-operation count, which never decreases, so a
    state can only recur on consecutive moves, and only while the opponent's last
    13 (memory_length + 1) moves are all defections: every other state is new, with Q
    values 0, and the rule's preferred move is C. So the table reduces to the Q values
    of the current state (memory slots 0-2). While a state recurs, its value for the
    move chosen last turn becomes (1 - learning_rate) Q + learning_rate (reward +
    discount_rate V), with reward the payoff of last turn's move and V the state's value
    before the update; then V = max(Q). Last turn's move is the one chosen, before noise,
    as in Axelrod-Python. Random draws differ from Axelrod-Python's (it draws two numbers
    on the first move that do not affect play).
    """
    if turn >= 1:
        if opp[turn - 1] == 1:
            memory[_Q_RUN] += 1
        else:
            memory[_Q_RUN] = 0
        if memory[_Q_RUN] >= np.int64(params[3]) + 1:
            chosen = np.int64(memory[_Q_CHOSEN])
            reward = payoffs[2 * chosen + opp[turn - 1]]
            value = memory[_Q_V]
            lr = params[0]
            memory[chosen] = (1.0 - lr) * memory[chosen] + lr * (reward + params[1] * value)
            memory[_Q_V] = max(memory[_Q_C], memory[_Q_D])
        else:
            memory[_Q_C] = 0.0
            memory[_Q_D] = 0.0
            memory[_Q_V] = 0.0
    if uniform(rng) < 1.0 - params[2]:
        move = 0 if memory[_Q_C] >= memory[_Q_D] else 1
    else:
        move = 0 if bernoulli(rng, 0.5) else 1
    memory[_Q_CHOSEN] = move
    return move


# --------------------------------------------------------------------------- Bush-Mosteller

_BM_C = 0
_BM_D = 1


@step
def bush_mosteller(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Aspiration ``A = |max payoff| / divider``; stimulus ``s = (payoff - A) / |max payoff - A|``,
    at least -1. The propensity x of the move just played becomes x + rate s (1 - x) when
    s >= 0 and x + rate s x otherwise; it co-operates with probability c / (c + d).
    Where Axelrod-Python would divide by zero (a game whose best payoff equals the
    aspiration, or both propensities at 0) the stimulus is 0 and the odds even."""
    if turn == 0:
        memory[_BM_C] = params[0]
        memory[_BM_D] = params[1]
    else:
        best = max(max(payoffs[0], payoffs[1]), max(payoffs[2], payoffs[3]))
        aspiration = abs(best / params[2])
        mine = np.int64(own[turn - 1])
        payoff = payoffs[2 * mine + opp[turn - 1]]
        spread = abs(best - aspiration)
        stimulus = (payoff - aspiration) / spread if spread > 0 else 0.0
        if stimulus < -1:
            stimulus = -1.0
        x = memory[mine]
        if stimulus >= 0:
            memory[mine] = x + params[3] * stimulus * (1 - x)
        else:
            memory[mine] = x + params[3] * stimulus * x
    total = memory[_BM_C] + memory[_BM_D]
    return 0 if bernoulli(rng, memory[_BM_C] / total if total > 0 else 0.5) else 1


# --------------------------------------------------------------------------- Adaptor


@step
def adaptor(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """An internal state s (memory[0], 0 at first) moves by a fixed amount after each
    outcome CC, CD, DC, DD; it co-operates with probability 1 - perr while -1 <= s < 1 and
    with probability perr otherwise."""
    if turn >= 1:
        memory[0] += params[2 * own[turn - 1] + opp[turn - 1]]
    s = memory[0]
    inside = (1.0 if s + 1 >= 0 else 0.0) - (1.0 if s - 1 >= 0 else 0.0)
    p = params[4] + (1.0 - 2 * params[4]) * inside
    return 0 if bernoulli(rng, p) else 1


# --------------------------------------------------------------------------- Adaptive

_AD_OPENING = 0b11111000000  # bit k: move k of C, C, C, C, C, C, D, D, D, D, D


@step
def adaptive(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] and memory[1] total the points earned with C and with D. Li et al.
    describe the choice as the move with 'the best average score'; we compare totals,
    as Axelrod-Python does, so that the two libraries play the same rule."""
    if turn >= 1:
        mine = np.int64(own[turn - 1])
        memory[mine] += payoffs[2 * mine + opp[turn - 1]]
    if turn < 11:
        return (_AD_OPENING >> turn) & 1
    return 0 if memory[0] > memory[1] else 1


# --------------------------------------------------------------------------- Momentum


@step
def momentum(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """momentum (memory[0]) = alpha momentum + (1 - alpha) [opponent co-operated]; the
    default alpha and threshold are the values Axelrod-Python found by a genetic search."""
    if turn == 0:
        memory[0] = 1.0
        return 0
    cooperated = 1.0 if opp[turn - 1] == 0 else 0.0
    memory[0] = params[0] * memory[0] + (1 - params[0]) * cooperated
    return 0 if memory[0] >= params[1] else 1


# --------------------------------------------------------------------------- DBS

_DBS_RC = 0  # 4 slots: deterministic rules learned (1 = C, 0 = D, -1 = none)
_DBS_RD = 4  # 4 slots: default rules (start as tit for tat's answers)
_DBS_VIOLATIONS = 8  # 4 slots: consecutive violations of each rule in RC
_DBS_RUN_MOVE = 12  # 4 slots: the opponent's latest answer after each outcome
_DBS_RUN = 16  # 4 slots: how many times in a row it gave that answer
_DBS_V = 20  # violations of the default rules
_DBS_PI = 21  # 4 slots: the model's probability of C after each outcome, this move


@njit(inline="always")
def _best_next(p, value_cc, value_cd, value_dc, value_dd):
    """The better of C and D when the opponent plays C with probability p next."""
    return max(p * value_cc + (1 - p) * value_cd, p * value_dc + (1 - p) * value_dd)


@step
def dbs(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Derived Belief Strategy, following Axelrod-Python's reading of Au and Nau.

    An outcome is (its move, the opponent's move); the opponent's *answer* to
    the outcome of move t - 2 is its move t - 1. Three rule sets model the
    opponent: RC, deterministic rules promoted once the same answer to an
    outcome has been seen ``promotion_threshold`` times in a row; RD, default
    rules (at first tit for tat's answers: C after its C, D after its D); and
    for the other outcomes, the discounted frequency of C answers
    (``discount_factor`` per move, starting from the tit-for-tat hypothesis
    as one observation). A rule of RC answered against ``violation_threshold``
    times in a row moves RC into RD; RD is dropped after more than
    ``reject_threshold`` violations, or when an answer confirms RC while
    violating RD. The move maximises the expected payoff over
    ``tree_depth`` moves when the opponent follows the model (RD taking
    precedence over RC), C on a tie.

    The look-ahead values outcomes with the game's payoffs (Axelrod-Python
    uses 3, 0, 5, 1 whatever the game); it is computed by dynamic programming
    over the four outcomes, with the same arithmetic as the tree search. The
    discounted frequencies are summed from the newest observation back, as in
    Axelrod-Python, so the rule costs time proportional to the moves played;
    if the discounted weight of an outcome underflows to zero (after some
    2,600 moves), its frequency is taken from the tit-for-tat hypothesis.
    """
    return _dbs_body(turn, own, opp, payoffs, params, memory)


@njit(cache=True)
def _dbs_body(turn, own, opp, payoffs, params, memory):
    """The body of :func:`dbs`, compiled out of line (see :mod:`._builders`)."""
    if turn == 0:
        for c in range(4):
            memory[_DBS_RC + c] = -1.0
            memory[_DBS_RD + c] = 1.0 if c < 2 else 0.0
        return 0
    alpha = params[0]
    pi = _DBS_PI
    if turn >= 2:
        c = np.int64(2 * own[turn - 2] + opp[turn - 2])
        answer = 1.0 if opp[turn - 1] == 0 else 0.0  # 1 = C
        if memory[_DBS_RUN + c] > 0 and memory[_DBS_RUN_MOVE + c] == answer:
            memory[_DBS_RUN + c] += 1
        else:
            memory[_DBS_RUN_MOVE + c] = answer
            memory[_DBS_RUN + c] = 1
        if memory[_DBS_RC + c] == -1 and memory[_DBS_RUN + c] >= params[1]:
            memory[_DBS_RC + c] = answer
            memory[_DBS_VIOLATIONS + c] = 0
        if memory[_DBS_RC + c] != -1:
            if memory[_DBS_RC + c] == answer:
                memory[_DBS_VIOLATIONS + c] = 0
            else:
                memory[_DBS_VIOLATIONS + c] += 1
                if memory[_DBS_VIOLATIONS + c] >= params[2]:
                    for j in range(4):
                        if memory[_DBS_RC + j] != -1:
                            memory[_DBS_RD + j] = memory[_DBS_RC + j]
                        memory[_DBS_RC + j] = -1.0
                        memory[_DBS_VIOLATIONS + j] = 0
                    memory[_DBS_V] = 0
        plus_in_rc = memory[_DBS_RC + c] != -1 and memory[_DBS_RC + c] == answer
        minus_in_rd = memory[_DBS_RD + c] != -1 and memory[_DBS_RD + c] == 1.0 - answer
        if minus_in_rd:
            memory[_DBS_V] += 1
        if memory[_DBS_V] > params[3] or (plus_in_rc and minus_in_rd):
            for j in range(4):
                memory[_DBS_RD + j] = -1.0
            memory[_DBS_V] = 0
        for j in range(4):
            if memory[_DBS_RD + j] != -1:
                memory[pi + j] = memory[_DBS_RD + j]
            elif memory[_DBS_RC + j] != -1:
                memory[pi + j] = memory[_DBS_RC + j]
            else:
                g = 0.0
                f = 0.0
                weight = 1.0
                for u in range(turn, 1, -1):
                    if 2 * own[u - 2] + opp[u - 2] == j:
                        f += weight
                        if opp[u - 1] == 0:
                            g += weight
                    weight = alpha * weight
                prior = 1.0 if j < 2 else 0.0
                g += weight * prior
                f += weight
                memory[pi + j] = g / f if f > 0 else prior
    else:
        for j in range(4):
            memory[pi + j] = memory[_DBS_RD + j]
    # Look-ahead: the value of each outcome at the current depth, from the deepest up.
    v_cc, v_cd, v_dc, v_dd = payoffs[0], payoffs[1], payoffs[2], payoffs[3]
    for _ in range(np.int64(params[4]) - 1):
        n_cc = _best_next(memory[pi], v_cc, v_cd, v_dc, v_dd) + payoffs[0]
        n_cd = _best_next(memory[pi + 1], v_cc, v_cd, v_dc, v_dd) + payoffs[1]
        n_dc = _best_next(memory[pi + 2], v_cc, v_cd, v_dc, v_dd) + payoffs[2]
        n_dd = _best_next(memory[pi + 3], v_cc, v_cd, v_dc, v_dd) + payoffs[3]
        v_cc, v_cd, v_dc, v_dd = n_cc, n_cd, n_dc, n_dd
    root = np.int64(2 * own[turn - 1] + opp[turn - 1])
    p = memory[pi + root]
    choose_c = p * v_cc + (1 - p) * v_cd + payoffs[root]
    choose_d = p * v_dc + (1 - p) * v_dd + payoffs[root]
    return 0 if choose_c >= choose_d else 1


# --------------------------------------------------------------------------- Frequency Analyzer

_FA_SEEN = 16  # bit k set once sequence k has been seen


@step
def frequency_analyzer(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """A two-move history is (opponent, own) on a move and the next; its answer is the
    opponent's move after them. From move 7 on, the history of moves t - 3 and t - 2 and
    its answer (move t - 1) are recorded (memory[0:16] count C answers, memory[16] marks
    histories seen). From move 31, when the current history (moves t - 2, t - 1) has been
    seen it co-operates if its recorded C answers exceed a quarter of the moves played so
    far (the moves played, not the times the history was seen, as in Axelrod-Python);
    otherwise it plays tit for tat."""
    known = False
    current = np.int64(0)
    if turn > 5:
        a = turn - 3
        b = turn - 2
        last = 8 * opp[a] + 4 * own[a] + 2 * opp[b] + own[b]
        seen = np.int64(memory[_FA_SEEN])
        memory[_FA_SEEN] = seen | (1 << last)
        if opp[turn - 1] == 0:
            memory[last] += 1
        current = np.int64(8 * opp[b] + 4 * own[b] + 2 * opp[turn - 1] + own[turn - 1])
        known = ((np.int64(memory[_FA_SEEN]) >> current) & 1) == 1
    if turn < 30 or not known:
        if turn == 0:
            return 0
        return np.int64(opp[turn - 1])
    return 0 if memory[current] / turn > 0.25 else 1


catalogue.register(__name__)
