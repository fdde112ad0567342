"""What co-operation becomes under a dynamic, from a pool's payoff and co-operation tables.

Every dynamic reads two square tables of the pool (row strategy against
column strategy): ``V``, the payoff per move, and ``C``, how often the row
strategy co-operated. Under assortment r (:mod:`ipd.analysis.assortment`) a
member meets its own kind with probability r, so with shares ``x`` the
population co-operates at the rate

    cooperation(x) = sum_i x_i (r C[i, i] + (1 - r) sum_j x_j C[i, j]),

the chance that a move of a randomly drawn member, in a match it is drawn
into, is C. The dynamics:

``tournament``
    the pool as it stands, every strategy one share: co-operation is the
    rate above at equal shares, the strategy that dominates the one with the
    highest (assorted) mean payoff.
``ecology``
    Axelrod's ecological simulation (:mod:`ipd.analysis.ecology`) for a
    number of generations: co-operation at the final shares; the dominant
    strategy has the largest final share. Payoffs below 0 are shifted up to 0
    first (the replicator dynamic needs non-negative fitness; a common shift
    keeps its rest points and their stability).
``moran``
    a finite population's Moran process (:mod:`ipd.analysis.populations`),
    run many times: co-operation averaged over the runs' final populations;
    the dominant strategy is the one that takes over most often.

A *co-operator* is a strategy that co-operates with its own kind more often
than not (``C[i, i] > 1/2``); ``cooperator_share`` is their share in the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.assortment import assorted, check_assortment
from ipd.core.errors import IpdError

DYNAMICS = ("tournament", "ecology", "moran")


@dataclass(frozen=True)
class Dynamic:
    """Which dynamic turns the tables into a long-run population, and how.

    Parameters
    ----------
    kind : ``"tournament"``, ``"ecology"`` or ``"moran"``.
    start : the starting population: ``"even"``, ``{strategy: share}``
        (ecology; counts for moran), or ``"mutant:ID"`` (moran: one ID among
        residents of the first other strategy; ecology: ID at a share of
        1/1000).
    generations : ecology generations, or the most events of a Moran run.
    n, runs, intensity, fitness, process, graph : the Moran process (see
        :class:`ipd.analysis.populations.MoranSettings`); fitness
        ``exponential`` by default so that any payoffs make a fitness.
    """

    kind: str = "ecology"
    start: Any = "even"
    generations: int | None = None
    n: int = 20
    runs: int = 100
    intensity: float = 1.0
    fitness: str = "exponential"
    process: str = "bd"
    graph: Any = "complete"
    options: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in DYNAMICS:
            raise IpdError(f"unknown dynamic {self.kind!r}; use one of {', '.join(DYNAMICS)}")
        if self.generations is not None and (
            isinstance(self.generations, bool)
            or not isinstance(self.generations, int)
            or self.generations < 1
        ):
            raise IpdError(f"generations must be a whole number >= 1, got {self.generations!r}")
        if self.kind == "moran":
            self.moran_settings(seed=0)  # checks n, runs, intensity, fitness, process, graph
            if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 2:
                raise IpdError(f"a population needs N >= 2 individuals, got {self.n!r}")

    def moran_settings(self, seed: int):
        from ipd.analysis.populations import MoranSettings

        return MoranSettings(
            process=self.process,
            intensity=self.intensity,
            fitness=self.fitness,
            interaction=self.graph,
            runs=self.runs,
            generations=self.generations or 100_000,
            record_every=0,
            seed=seed,
            **self.options,
        )

    def describe(self) -> str:
        if self.kind == "tournament":
            return "the tournament (every strategy one share)"
        if self.kind == "ecology":
            return f"the ecological simulation ({self.generations or 1000} generations)"
        return (
            f"the Moran process (N = {self.n}, {self.runs} runs, intensity {self.intensity:g}, "
            f"{self.fitness} fitness, graph {self.graph})"
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "start": self.start}
        if self.kind != "tournament":
            out["generations"] = self.generations or (1000 if self.kind == "ecology" else 100_000)
        if self.kind == "moran":
            out.update(
                n=self.n,
                runs=self.runs,
                intensity=self.intensity,
                fitness=self.fitness,
                process=self.process,
                graph=self.graph if isinstance(self.graph, str) else "custom",
            )
        return out


def population_cooperation(shares, C: np.ndarray, r: float) -> float:
    """The population's co-operation rate at ``shares`` under assortment ``r`` (see above)."""
    x = np.asarray(shares, dtype=float)
    meet = (1.0 - r) * (C @ x) + r * np.diag(C)
    return float(x @ meet)


def outcome(
    V: pd.DataFrame, C: pd.DataFrame, dynamic: Dynamic, assortment: float = 0.0, seed: int = 0
) -> dict[str, Any]:
    """Co-operation in the long run under ``dynamic``: a dict with ``cooperation``,
    ``cooperator_share``, ``dominant``, ``dominant_share`` and ``shares`` (by strategy)."""
    r = check_assortment(assortment)
    labels = [str(c) for c in V.columns]
    values = V.to_numpy(dtype=float)
    coop = C.loc[V.index, V.columns].to_numpy(dtype=float)
    if np.isnan(values).any() or np.isnan(coop).any():
        raise IpdError("the levers need every pairing, each strategy against its own kind too")
    if dynamic.kind == "tournament":
        shares = np.full(len(labels), 1.0 / len(labels))
        score = assorted(values, r) @ shares
        top = int(np.lexsort((np.arange(len(labels)), -score))[0])
        runs_shares = [shares]
        dominant, dominant_share = labels[top], float(shares[top])
    elif dynamic.kind == "ecology":
        from ipd.analysis.ecology import simulate

        low = float(values.min())
        table = pd.DataFrame(values - min(low, 0.0), index=labels, columns=labels)
        eco = simulate(
            table,
            generations=dynamic.generations or 1000,
            initial=_ecology_start(dynamic.start, labels),
            assortment=r,
        )
        shares = eco.shares.iloc[-1].to_numpy(dtype=float)
        runs_shares = [shares]
        top = int(np.argmax(shares))
        dominant, dominant_share = labels[top], float(shares[top])
    else:
        shares, runs_shares, dominant, dominant_share = _moran(V, dynamic, labels, r, seed)
    cooperation = float(np.mean([population_cooperation(x, coop, r) for x in runs_shares]))
    cooperators = np.diag(coop) > 0.5
    return {
        "cooperation": cooperation,
        "cooperator_share": float(shares[cooperators].sum()),
        "dominant": dominant,
        "dominant_share": dominant_share,
        "shares": dict(zip(labels, map(float, shares), strict=True)),
    }


def _ecology_start(start: Any, labels: list[str]) -> dict[str, float] | None:
    if start in (None, "even"):
        return None
    if isinstance(start, str) and start.startswith("mutant:"):
        mutant = start.partition(":")[2]
        if mutant not in labels:
            raise IpdError(f"the mutant {mutant!r} is not one of {', '.join(labels)}")
        rest = [x for x in labels if x != mutant]
        if not rest:
            raise IpdError("a mutant needs residents of another strategy")
        return {mutant: 0.001, **{x: 0.999 / len(rest) for x in rest}}
    if isinstance(start, dict):
        return {str(k): float(v) for k, v in start.items()}
    raise IpdError(f"the start must be 'even', 'mutant:ID' or shares by strategy, got {start!r}")


def _moran(V: pd.DataFrame, dynamic: Dynamic, labels: list[str], r: float, seed: int):
    from ipd.analysis.populations import moran, split_evenly

    start = dynamic.start
    if start in (None, "even"):
        population = split_evenly(labels, dynamic.n)
    elif isinstance(start, str) and start.startswith("mutant:"):
        mutant = start.partition(":")[2]
        if mutant not in labels:
            raise IpdError(f"the mutant {mutant!r} is not one of {', '.join(labels)}")
        resident = next((x for x in labels if x != mutant), None)
        if resident is None:
            raise IpdError("a mutant needs residents of another strategy")
        population = {mutant: 1, resident: dynamic.n - 1}
    elif isinstance(start, dict):
        population = {str(k): int(v) for k, v in start.items()}
    else:
        raise IpdError(f"the start must be 'even', 'mutant:ID' or counts, got {start!r}")
    settings = dynamic.moran_settings(seed).updated(assortment=r)
    result = moran(V, population, settings)
    final = result.final / result.n
    fixed = result.fixed
    counts = np.bincount(fixed[fixed >= 0], minlength=len(labels))
    mean_share = final.mean(axis=0)
    top = int(np.lexsort((np.arange(len(labels)), -mean_share, -counts))[0])
    return mean_share, list(final), labels[top], float(mean_share[top])
