"""Hidden-Markov-model strategies trained by evolution (Harper et al. 2017), as HMM-family data.

Memory depth: Axelrod-Python 4.14 declares Evolved HMM 5's memory depth as
5; its hidden state can stay put for arbitrarily long (state 0 keeps itself
while the opponent co-operates), so two histories that agree on their last
five rounds can leave it in different states. We declare it unbounded.
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.families import HiddenMarkovModel


def evolved_hmm_5(game: Game) -> HiddenMarkovModel:
    """Evolved HMM 5: five hidden states, initial state 3, first move C.

    Rows: the current state; columns: the next state. Emissions are each
    state's probability of co-operating.
    """
    after_c = [
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0.631, 0, 0, 0.369, 0],
        [0.143, 0.018, 0.118, 0, 0.721],
    ]
    after_d = [
        [0, 1, 0, 0, 0],
        [0, 0.487, 0.513, 0, 0],
        [0, 0, 0, 0.590, 0.410],
        [1, 0, 0, 0, 0],
        [0, 0.287, 0.456, 0.146, 0.111],
    ]
    emissions = [1, 0, 0, 1, 0.111]
    return HiddenMarkovModel(after_c, after_d, emissions, initial_state=3, initial_action="C")


catalogue.register(__name__)
