"""The settings of a population process, checked at the door, and the starting population.

Population parameters (size, process, selection, mutation, graphs,
generations, runs) are new and live here; how matches are played (turns,
noise, payoffs, w) stays in :class:`ipd.core.settings.Settings`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ipd.analysis.populations import _kernels as K
from ipd.analysis.populations.graphs import Graph, make_graph
from ipd.core.errors import IpdError
from ipd.core.jsonio import plain
from ipd.core.settings import check_seed
from ipd.core.values import check_probability

PROCESSES = {"bd": K.BIRTH_DEATH, "db": K.DEATH_BIRTH}
"""Birth–death (the parent is chosen by fitness, its offspring replaces a neighbour) and
death–birth (a random individual dies, its neighbours compete by fitness for the place)."""
FITNESS_MAPS = {"linear": K.LINEAR, "exponential": K.EXPONENTIAL}
"""Fitness from payoff π under selection intensity s: 1 - s + s π, or exp(s π)."""
PLACEMENTS = ("shuffled", "ordered")
_ALIASES = {"birth-death": "bd", "death-birth": "db", "birth_death": "bd", "death_birth": "db"}


def whole(name: str, value: Any, least: int) -> int:
    """A whole number >= ``least``, or a one-line error naming it."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < least:
        raise IpdError(f"{name} must be a whole number >= {least}, got {value!r}")
    return int(value)


def check_intensity(value: Any) -> float:
    try:
        s = float(value)
    except (TypeError, ValueError):
        raise IpdError(f"the selection intensity must be a number, got {value!r}") from None
    if not (math.isfinite(s) and s >= 0.0):
        raise IpdError(f"the selection intensity must be a finite number >= 0, got {value!r}")
    return s


def check_mutation_matrix(matrix: Any) -> tuple[tuple[float, ...], ...] | None:
    """Where mutants go: row a gives the probabilities that a mutant of a is each other strategy.

    Rows sum to 1 and the diagonal is 0 (a mutant is another strategy).
    """
    if matrix is None:
        return None
    try:
        values = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise IpdError("the mutation matrix must be a square table of numbers") from None
    if values.ndim != 2 or values.shape[0] != values.shape[1] or values.shape[0] < 2:
        raise IpdError(f"the mutation matrix must be square (k x k, k >= 2), got {values.shape}")
    if not np.isfinite(values).all() or (values < 0).any():
        raise IpdError("the mutation matrix must hold probabilities (numbers >= 0)")
    if np.any(np.diag(values) != 0):
        raise IpdError("the mutation matrix's diagonal must be 0: a mutant is another strategy")
    sums = values.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-9)
    if len(bad):
        raise IpdError(f"row {int(bad[0])} of the mutation matrix sums to {sums[bad[0]]:g}, not 1")
    return tuple(tuple(float(x) for x in row) for row in values)


@dataclass(frozen=True)
class MoranSettings:
    """How a finite population evolves: a Moran process.

    Parameters
    ----------
    process : ``"bd"`` (birth–death: an individual is chosen by fitness to
        reproduce, its offspring replaces a uniformly chosen neighbour in the
        reproduction graph) or ``"db"`` (death–birth: a uniformly chosen
        individual dies, its neighbours compete for the place by fitness).
    intensity : selection intensity s >= 0 (0 is neutral drift).
    fitness : ``"linear"`` (1 - s + s π) or ``"exponential"`` (exp(s π)), π
        the individual's mean payoff per move against its interaction neighbours.
    mutation : probability μ that an offspring is a mutant.
    mutation_matrix : where mutants go (rows: parent strategy, summing to 1,
        diagonal 0); by default to a uniformly chosen other strategy.
    generations : most events per run (one birth and one death each).
    stop_on_fixation : end a run when one strategy has taken over (only
        without mutation: with it no state is final).
    interaction : who plays whom: ``"complete"`` (well mixed), ``"ring"``,
        ``"ring:K"``, ``"lattice"``, ``"lattice:ROWSxCOLS:moore"``, ``"star"``,
        a graph file or a networkx graph (see :func:`.graphs.make_graph`).
    reproduction : who can replace whom (``None``: the interaction graph).
    placement : on graphs, ``"shuffled"`` (each run places the starting
        individuals at random, from its own stream) or ``"ordered"`` (in order of
        the strategies, or as listed node by node).
    runs : independent runs.
    seed : master seed (``None``: drawn and recorded).
    record_every : record the population every this many generations (and
        always the first and last); 0 records only those two.
    assortment : like-mindedness r: the probability that an individual's
        payoff comes from meeting its own kind rather than a random member
        (well mixed) or its neighbours (on a graph); taken through the payoff
        table (:mod:`ipd.analysis.assortment`), so not with matches played
        every generation.
    """

    process: str = "bd"
    intensity: float = 1.0
    fitness: str = "linear"
    mutation: float = 0.0
    mutation_matrix: tuple[tuple[float, ...], ...] | None = None
    generations: int = 100_000
    stop_on_fixation: bool = True
    interaction: Any = "complete"
    reproduction: Any = None
    placement: str = "shuffled"
    runs: int = 1
    seed: int | None = None
    record_every: int = 1
    assortment: float = 0.0

    def __post_init__(self) -> None:
        process = _ALIASES.get(str(self.process).lower(), str(self.process).lower())
        if process not in PROCESSES:
            raise IpdError(
                f"unknown process {self.process!r}: use bd (birth-death) or db (death-birth)"
            )
        if self.fitness not in FITNESS_MAPS:
            raise IpdError(f"unknown fitness map {self.fitness!r}: use linear or exponential")
        if self.placement not in PLACEMENTS:
            raise IpdError(f"placement must be shuffled or ordered, got {self.placement!r}")
        if not isinstance(self.stop_on_fixation, bool):
            raise IpdError(f"stop_on_fixation must be true or false, got {self.stop_on_fixation!r}")
        values = {
            "process": process,
            "intensity": check_intensity(self.intensity),
            "mutation": check_probability("the mutation rate", self.mutation),
            "mutation_matrix": check_mutation_matrix(self.mutation_matrix),
            "generations": whole("generations", self.generations, 1),
            "runs": whole("runs", self.runs, 1),
            "record_every": whole("record_every", self.record_every, 0),
            "seed": None if self.seed is None else check_seed(self.seed),
            "assortment": check_probability("assortment", self.assortment),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def updated(self, **values: Any) -> MoranSettings:
        """A copy with the given settings changed; ``None`` leaves a setting as it is."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise IpdError(f"unknown population setting(s) {unknown}; known: {sorted(known)}")
        given = {k: v for k, v in values.items() if v is not None}
        return dataclasses.replace(self, **given) if given else self

    @property
    def stops(self) -> bool:
        """Whether runs end at fixation (asked for, and possible: no mutation)."""
        return self.stop_on_fixation and self.mutation == 0.0

    def graphs(self, n: int, connected: bool | None = None) -> tuple[Graph, Graph]:
        """The interaction and reproduction graphs for n individuals, checked.

        Every node needs a neighbour in both; the reproduction graph must be
        connected when runs stop at fixation (``connected`` overrides).
        """
        interaction = make_graph(self.interaction, n)
        if interaction.directed:
            raise IpdError(
                "the interaction graph must be undirected: both players of a match score"
            )
        interaction.check_no_isolated("interaction")
        if self.reproduction is None:
            reproduction = interaction
        else:
            reproduction = make_graph(self.reproduction, n).check_no_isolated("reproduction")
        if self.stops if connected is None else connected:
            reproduction.check_connected("reproduction")
        return interaction, reproduction

    def to_config(self) -> dict[str, Any]:
        """The settings as plain data (graphs by their description; assortment when set)."""
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name == "assortment" and value == 0.0:
                continue
            if f.name in ("interaction", "reproduction") and value is not None:
                value = value if isinstance(value, str) else make_graph(value).description
            out[f.name] = plain(value)
        return out


def start_population(
    population: Any, labels: Sequence[str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Counts per strategy and, for a population given node by node, each node's strategy.

    ``population`` is a mapping ``{label: count}`` (unlisted strategies start
    at 0 and can arise by mutation), a sequence of counts in the order of
    ``labels``, or a sequence of one label per individual.
    """
    index = {label: k for k, label in enumerate(labels)}
    k = len(labels)
    nodes = None
    if isinstance(population, Mapping):
        unknown = [x for x in population if x not in index]
        if unknown:
            raise IpdError(
                f"the population names {unknown[0]!r}, which is not one of the strategies "
                f"({', '.join(labels)})"
            )
        counts = np.zeros(k, dtype=np.int64)
        for label, count in population.items():
            counts[index[label]] = whole(f"the count of {label}", count, 0)
    else:
        items = list(population)
        if items and all(isinstance(x, str) for x in items):
            unknown = [x for x in items if x not in index]
            if unknown:
                raise IpdError(f"{unknown[0]!r} is not one of the strategies ({', '.join(labels)})")
            nodes = np.array([index[x] for x in items], dtype=np.int64)
            counts = np.bincount(nodes, minlength=k).astype(np.int64)
        else:
            if len(items) != k:
                raise IpdError(
                    f"give one count per strategy ({k}: {', '.join(labels)}), got {len(items)}"
                )
            counts = np.array([whole("a count", c, 0) for c in items], dtype=np.int64)
    n = int(counts.sum())
    if n < 2:
        raise IpdError(f"a population needs at least 2 individuals (N >= 2), got N = {n}")
    return counts, nodes


def split_evenly(labels: Sequence[str], n: int) -> dict[str, int]:
    """``n`` individuals shared out as evenly as possible, earlier strategies first."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise IpdError(f"a population needs at least 2 individuals (N >= 2), got N = {n!r}")
    k = len(labels)
    return {label: n // k + (1 if j < n % k else 0) for j, label in enumerate(labels)}
