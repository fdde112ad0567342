"""Gradual (Beaufils, Delahaye and Mathieu 1997): punishments that grow with the offence."""

from ipd.strategies import catalogue
from ipd.strategies.registry import step

_DEFECTIONS = 0  # opponent's defections so far
_PUNISH = 1  # defections still to play
_CALM = 2  # co-operations still to play after a punishment


@step
def gradual(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Gradual, as published.

    Interpretation: n counts every defection of the opponent so far, those
    made during a punishment or the calming moves included; a defection seen
    while punishing or calming does not start a new punishment (the original
    description reacts to defections only when it is co-operating). The
    punishment starts on the move right after the defection that triggers it.
    """
    if turn == 0:
        return 0
    if opp[turn - 1] == 1:
        memory[_DEFECTIONS] += 1
    if memory[_PUNISH] > 0:
        memory[_PUNISH] -= 1
        return 1
    if memory[_CALM] > 0:
        memory[_CALM] -= 1
        return 0
    if opp[turn - 1] == 1:
        memory[_PUNISH] = memory[_DEFECTIONS] - 1
        memory[_CALM] = 2
        return 1
    return 0


catalogue.register(__name__)
