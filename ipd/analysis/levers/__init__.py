"""The rules of the game: which lever makes co-operation win, and by how much.

Starting from a baseline (a pool of strategies, the settings of its matches,
a dynamic and an assortment), :func:`levers` moves one lever at a time over
a range of values (the shadow of the future w, the match length, the
payoffs T and S, misperception, noise, assortment; see
:mod:`.definitions`) and reports what co-operation becomes in the long run
under the dynamic (:mod:`.dynamics`: the tournament itself, Axelrod's
ecological simulation, or a Moran process): the co-operation rate, the share
of co-operators, the strategy that dominates, and where co-operation takes
over (the value beyond which the co-operation rate stays above one half), beside the
closed form for tit for tat against always-defect where there is one.

Modules: :mod:`.definitions` (the levers), :mod:`.dynamics` (long-run
co-operation from a pool's tables), :mod:`.cells` (the settings played, in
batches), :mod:`.run` (the problem, the result). Analyses only: the text and
figures are in :mod:`ipd.report.levers`.
"""

from ipd.analysis.levers.definitions import (
    LEVER_INFO,
    LEVERS,
    apply,
    baseline_value,
    check_values,
    default_values,
    equivalent_w,
    theory,
)
from ipd.analysis.levers.dynamics import DYNAMICS, Dynamic, outcome, population_cooperation
from ipd.analysis.levers.run import TAKEOVER, LeversResult, Problem, crossing, levers, prepare

__all__ = [
    "DYNAMICS",
    "LEVERS",
    "LEVER_INFO",
    "TAKEOVER",
    "Dynamic",
    "LeversResult",
    "Problem",
    "apply",
    "baseline_value",
    "check_values",
    "crossing",
    "default_values",
    "equivalent_w",
    "levers",
    "outcome",
    "population_cooperation",
    "prepare",
    "theory",
]
