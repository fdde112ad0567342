"""Finite populations: Moran processes, fixation, the small-mutation limit, spatial games and
cluster invasion.

One module per job: :mod:`.graphs` (population structures), :mod:`.settings`
(population settings), :mod:`.payoffs` (payoff tables and matches played
each generation), :mod:`.moran` (the process), :mod:`.fixation` (fixation
probabilities), :mod:`.small_mutation` (the embedded chain over monomorphic
states), :mod:`.spatial` (Nowak and May's lattice game), :mod:`.invasion`
(Axelrod's cluster invasion) and :mod:`.distribute` (runs over Dask); the
compiled loops are in ``_kernels``.
"""

from ipd.analysis.populations.graphs import (
    Graph,
    complete,
    from_networkx,
    lattice,
    make_graph,
    read_graph,
    ring,
    star,
)
from ipd.analysis.populations.moran import MoranResult, moran
from ipd.analysis.populations.payoffs import Matches, tournament_payoffs
from ipd.analysis.populations.settings import MoranSettings, split_evenly

__all__ = [
    "Graph",
    "Matches",
    "MoranResult",
    "MoranSettings",
    "complete",
    "from_networkx",
    "lattice",
    "make_graph",
    "moran",
    "read_graph",
    "ring",
    "split_evenly",
    "star",
    "tournament_payoffs",
]
