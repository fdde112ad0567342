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

from ipd.strategies import catalogue
from ipd.strategies.builtin.trained_data import ANN_WEIGHTS, row
from ipd.strategies.families import NeuralNetwork


def published(sid: str) -> NeuralNetwork:
    """The network whose hidden size and weights are the data file's row ``sid``."""
    hidden, *weights = row(ANN_WEIGHTS, sid)
    return NeuralNetwork.from_flat([float(w) for w in weights], int(hidden), axelrod_relu=True)


catalogue.register(__name__)
