"""Neural-network strategies trained by evolution (Harper et al. 2017), as data for the ANN family.

The weights are read from ``ipd/data/harper_2017_ann_weights.csv`` (the
published weights; layout in the file's header). Each network has one hidden
layer over the 17 history features of :mod:`ipd.strategies.families.ann`;
the totals and the turn count make their memory unbounded. They are played
with ``axelrod_relu`` (see that module): the networks were trained and are
played by Axelrod-Python with its rectifier, which truncates the hidden
activations to integers on turns when the first hidden unit is inactive, and
without it they play differently (Evolved ANN 5 Noise 05 departs from turn
34 against a co-operator).
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies.builtin.lookup_tables import HARPER_2017
from ipd.strategies.builtin.trained_data import ANN_WEIGHTS, row
from ipd.strategies.families import NeuralNetwork
from ipd.strategies.registry import strategy

SOURCE = (
    f"{HARPER_2017}; weights as published in Axelrod-Python 4.14 (axelrod/data/ann_weights.csv)"
)
TAGS = ("harper_2017", "ann")


def published(sid: str) -> NeuralNetwork:
    """The network whose hidden size and weights are the data file's row ``sid``."""
    hidden, *weights = row(ANN_WEIGHTS, sid)
    return NeuralNetwork.from_flat([float(w) for w in weights], int(hidden), axelrod_relu=True)


@strategy(
    "evolved_ann",
    "Evolved ANN",
    aliases=("evolvedann",),
    description=(
        "A neural network with ten hidden units over features of the history (openings, "
        "last two moves, totals, turn number), evolved to score well in tournaments."
    ),
    source=f"{SOURCE}; training data doi.org/10.5281/zenodo.1306926",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Evolved ANN",
)
def evolved_ann(game: Game) -> NeuralNetwork:
    """Evolved ANN: 17 features, 10 hidden units (after M. Jones)."""
    return published("evolved_ann")


@strategy(
    "evolved_ann_5",
    "Evolved ANN 5",
    aliases=("evolvedann5",),
    description=(
        "A neural network with five hidden units over features of the history, evolved to "
        "score well in tournaments."
    ),
    source=f"{SOURCE}; training data doi.org/10.5281/zenodo.1306931",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Evolved ANN 5",
)
def evolved_ann_5(game: Game) -> NeuralNetwork:
    """Evolved ANN 5: 17 features, 5 hidden units."""
    return published("evolved_ann_5")


@strategy(
    "evolved_ann_5_noise05",
    "Evolved ANN 5 Noise 05",
    aliases=("evolvedannnoise05", "evolved_ann_noise05"),
    description=(
        "A five-hidden-unit neural network over features of the history, evolved in matches "
        "with 5% noise."
    ),
    source=f"{SOURCE}; training data doi.org/10.5281/zenodo.1314247",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Evolved ANN 5 Noise 05",
)
def evolved_ann_5_noise05(game: Game) -> NeuralNetwork:
    """Evolved ANN 5 Noise 05: 17 features, 5 hidden units, trained with noise 0.05."""
    return published("evolved_ann_5_noise05")
