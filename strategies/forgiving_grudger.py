"""Worked example: a user strategy written as a compiled step function.

Load with:
    ipd tournament -s tft -s grudger -s forgiving_grudger \
        --strategy-file strategies/forgiving_grudger.py

The step function follows the contract printed by `ipd strategies --contract`.
"""

import ipd


@ipd.strategy(
    "forgiving_grudger",
    "Forgiving Grudger",
    description="Like Grudger, but the grudge lasts only `patience` moves after each defection.",
    source="ipd example",
    memory_depth=None,
    params={"patience": (10.0, 1.0, 1000.0)},
)
@ipd.step
def forgiving_grudger(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    # memory[0]: moves of punishment still to play.
    if turn > 0 and opp[turn - 1] == 1:
        memory[0] = params[0]
    if memory[0] > 0:
        memory[0] -= 1
        return 1
    return 0
