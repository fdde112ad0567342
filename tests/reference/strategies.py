"""Naive plain-Python twins of every compiled step function.

Each twin is written from the rule's description, independently of the
compiled code: it keeps the whole history and recomputes what it needs, with
no cleverness. ``TWINS`` maps a step function's ``__name__`` to a factory
``make(params, stream) -> callable(turn, own, opp, length, payoffs, own_score,
opp_score) -> 0 or 1`` where ``own`` and ``opp`` are lists of past moves.
"""

C, D = 0, 1
TWINS = {}


def twin(step_name):
    def register(factory):
        TWINS[step_name] = factory
        return factory

    return register


@twin("memory_one_step")
def memory_one(params, stream):
    p_cc, p_cd, p_dc, p_dd, p_first = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            p = p_first
        else:
            p = {(C, C): p_cc, (C, D): p_cd, (D, C): p_dc, (D, D): p_dd}[(own[-1], opp[-1])]
        return C if stream.bernoulli(p) else D

    return move


@twin("fsm_step")
def finite_state_machine(params, stream):
    n_states, initial_state, first_move = (int(x) for x in params[:3])
    table = {}
    for state in range(n_states):
        for opp_move in (C, D):
            at = 3 + 4 * state + 2 * opp_move
            table[(state, opp_move)] = (int(params[at]), int(params[at + 1]))
    current = [initial_state]

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            current[0] = initial_state
            return first_move
        current[0], action = table[(current[0], opp[-1])]
        return action

    return move


@twin("gradual")
def gradual(params, stream):
    # Replays its own decisions from the start each turn: when idle and the
    # opponent has just defected, schedule n D's and two C's, where n is the
    # opponent's defections so far.
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        plan = []
        action = C
        for u in range(turn + 1):
            if u == 0:
                action = C
            elif plan:
                action = plan.pop(0)
            elif opp[u - 1] == D:
                n = sum(1 for x in opp[:u] if x == D)
                plan = [D] * n + [C, C]
                action = plan.pop(0)
            else:
                action = C
        return action

    return move


from tests.reference import (  # noqa: E402,F401
    axelrod_first,
    axelrod_second,
    families,
    named,
    named_learners,
    teams,
)
