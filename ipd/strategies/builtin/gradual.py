"""Gradual (Beaufils, Delahaye and Mathieu 1997): punishments that grow with the offence."""

from ipd.strategies.registry import step, strategy

_DEFECTIONS = 0  # opponent's defections so far
_PUNISH = 1  # defections still to play
_CALM = 2  # co-operations still to play after a punishment


@strategy(
    "gradual",
    "Gradual",
    description=(
        "Co-operates until the opponent defects; after the opponent's n-th defection "
        "it defects n times in a row, then co-operates twice to calm things down."
    ),
    source=(
        "B. Beaufils, J.-P. Delahaye, P. Mathieu (1997), 'Our meeting with gradual, a good "
        "strategy for the iterated prisoner's dilemma', Artificial Life V, 202-209"
    ),
    memory_depth=None,
    tags=("classic", "beaufils_1997"),
    axelrod_name="Gradual",
)
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
