"""Who meets and who replaces whom: population graphs, built in or from networkx, and checked.

A :class:`Graph` is a population structure over nodes ``0 .. n - 1`` kept as
compressed neighbour lists (CSR), the form the compiled kernels loop over.
Built-in kinds: ``complete`` (well mixed), ``ring`` (each node linked to
its k nearest on each side), ``lattice`` (square grid, von Neumann or
Moore neighbourhood, periodic edges by default) and ``star``. Any networkx
graph can be given too (directed ones as reproduction graphs only).

A neighbour list's order matters only for ties in imitation dynamics
(:mod:`.spatial`): on a lattice neighbours come in reading order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ipd.core.errors import IpdError

KINDS = ("complete", "ring", "lattice", "star")
NEIGHBOURHOODS = ("von_neumann", "moore")
GRAPH_FILES = (".graphml", ".gml", ".edgelist", ".edges", ".adjlist")
LARGEST_COMPLETE = 5000
"""Largest complete graph laid out node by node; larger well-mixed runs use counts."""


@dataclass(frozen=True, eq=False)
class Graph:
    """A population structure: nodes ``0 .. n - 1`` and their neighbours.

    Attributes
    ----------
    kind : ``complete``, ``ring``, ``lattice``, ``star`` or ``networkx``.
    n : number of nodes.
    description : how it was asked for (``"lattice:20x20:moore"``), for records.
    shape : rows and columns of a lattice (node ``r * cols + c``), else ``None``.
    directed : whether edges have a direction (reproduction graphs only).
    nodes : the networkx node of each index, for graphs given as networkx graphs.
    """

    kind: str
    n: int
    description: str
    shape: tuple[int, int] | None = None
    directed: bool = False
    nodes: tuple = ()
    _lists: Any = field(default=None, repr=False)

    @property
    def complete(self) -> bool:
        return self.kind == "complete"

    @functools.cached_property
    def csr(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(out_ptr, out_idx, in_ptr, in_idx)``: out- and in-neighbours of every node."""
        if self.complete:
            if self.n > LARGEST_COMPLETE:
                raise IpdError(
                    f"a complete graph of {self.n} nodes is too large to lay out node by node "
                    f"(at most {LARGEST_COMPLETE}); a well-mixed population needs no graph"
                )
            out = [[j for j in range(self.n) if j != i] for i in range(self.n)]
            back = out
        else:
            out, back = self._lists
        out_ptr, out_idx = _pack(out)
        if back is out:
            return out_ptr, out_idx, out_ptr, out_idx
        in_ptr, in_idx = _pack(back)
        return out_ptr, out_idx, in_ptr, in_idx

    def neighbours(self, i: int) -> list[int]:
        """The (out-)neighbours of node i, in order."""
        out_ptr, out_idx, _, _ = self.csr
        return out_idx[out_ptr[i] : out_ptr[i + 1]].tolist()

    def degrees(self) -> np.ndarray:
        out_ptr = self.csr[0]
        return np.diff(out_ptr)

    def edges(self) -> np.ndarray:
        """Each undirected edge once as ``(i, j)`` with ``i <= j`` (self-loops ``(i, i)``)."""
        out_ptr, out_idx, _, _ = self.csr
        rows = np.repeat(np.arange(self.n), np.diff(out_ptr))
        keep = rows <= out_idx
        return np.stack([rows[keep], out_idx[keep]], axis=1).astype(np.int64)

    def to_networkx(self):
        import networkx as nx

        graph = nx.DiGraph() if self.directed else nx.Graph()
        graph.add_nodes_from(range(self.n))
        out_ptr, out_idx, _, _ = self.csr
        for i in range(self.n):
            graph.add_edges_from((i, int(j)) for j in out_idx[out_ptr[i] : out_ptr[i + 1]])
        return graph

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "description": self.description,
            "n": self.n,
            "directed": self.directed,
            "shape": list(self.shape) if self.shape else None,
        }

    # ---- checks --------------------------------------------------------
    def check_no_isolated(self, role: str) -> Graph:
        """Refuse a node with no neighbour other than itself."""
        if self.complete:
            return self
        out_ptr, out_idx, in_ptr, in_idx = self.csr
        for ptr, idx, way in ((out_ptr, out_idx, "out-"), (in_ptr, in_idx, "in-")):
            for i in range(self.n):
                others = idx[ptr[i] : ptr[i + 1]]
                if not np.any(others != i):
                    which = self.nodes[i] if self.nodes else i
                    kind = way if self.directed else ""
                    raise IpdError(
                        f"node {which!r} of the {role} graph has no {kind}neighbour "
                        "(an isolated node cannot take part)"
                    )
        return self

    def check_connected(self, role: str) -> Graph:
        """Refuse a graph that is not connected (strongly, when directed)."""
        if self.complete or self.n <= 1:
            return self
        out_ptr, out_idx, in_ptr, in_idx = self.csr
        for ptr, idx in ((out_ptr, out_idx), (in_ptr, in_idx)):
            seen = np.zeros(self.n, dtype=bool)
            seen[0] = True
            stack = [0]
            while stack:
                i = stack.pop()
                for j in idx[ptr[i] : ptr[i + 1]]:
                    if not seen[j]:
                        seen[j] = True
                        stack.append(int(j))
            if not seen.all():
                strongly = "strongly " if self.directed else ""
                raise IpdError(
                    f"the {role} graph is not {strongly}connected "
                    f"({int((~seen).sum())} of {self.n} nodes cannot be reached from node "
                    f"{self.nodes[0] if self.nodes else 0!r}); the process needs one population"
                )
            if not self.directed:
                break
        return self


def _pack(lists: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(lists) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(x) for x in lists])
    idx = np.fromiter((j for x in lists for j in x), dtype=np.int64, count=int(ptr[-1]))
    return ptr, idx


def _check_size(n: Any, what: str = "a population") -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise IpdError(f"{what} needs at least 2 individuals, got {n!r}")
    return int(n)


# --------------------------------------------------------------------------- built-in kinds


def complete(n: int) -> Graph:
    """Everyone's neighbour is everyone else (a well-mixed population)."""
    return Graph("complete", _check_size(n), "complete")


def ring(n: int, k: int = 1) -> Graph:
    """A cycle where each node is linked to its ``k`` nearest nodes on each side."""
    n = _check_size(n)
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise IpdError(f"a ring needs k >= 1 neighbours on each side, got {k!r}")
    if n < 2 * k + 1:
        raise IpdError(
            f"a ring of {n} nodes is too small for {k} neighbour(s) on each side "
            f"(it needs at least {2 * k + 1} nodes)"
        )
    lists = [
        [(i - d) % n for d in range(k, 0, -1)] + [(i + d) % n for d in range(1, k + 1)]
        for i in range(n)
    ]
    return Graph("ring", n, f"ring:{k}", _lists=(lists, lists))


_OFFSETS = {
    "von_neumann": ((-1, 0), (0, -1), (0, 1), (1, 0)),
    "moore": ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)),
}


def lattice(
    rows: int, cols: int | None = None, neighbourhood: str = "von_neumann", periodic: bool = True
) -> Graph:
    """A square grid: node ``r * cols + c``; neighbours in reading order.

    ``neighbourhood`` is ``von_neumann`` (4 neighbours) or ``moore`` (8). With
    ``periodic`` edges (a torus, as Nowak and May's) every side needs at least
    3 cells, or a neighbour would be counted twice (or be the node itself).
    """
    cols = rows if cols is None else cols
    for side in (rows, cols):
        if isinstance(side, bool) or not isinstance(side, int | np.integer) or side < 1:
            raise IpdError(f"a lattice's sides must be whole numbers >= 1, got {rows!r}x{cols!r}")
    rows, cols = int(rows), int(cols)
    if neighbourhood not in _OFFSETS:
        raise IpdError(
            f"unknown neighbourhood {neighbourhood!r}: use {' or '.join(NEIGHBOURHOODS)}"
        )
    if periodic and min(rows, cols) < 3:
        raise IpdError(
            f"a {rows}x{cols} periodic lattice is too small for the {neighbourhood} "
            "neighbourhood: each side needs at least 3 cells"
        )
    _check_size(rows * cols, "a lattice")
    lists = []
    for r in range(rows):
        for c in range(cols):
            here = []
            for dr, dc in _OFFSETS[neighbourhood]:
                rr, cc = r + dr, c + dc
                if periodic:
                    rr, cc = rr % rows, cc % cols
                elif not (0 <= rr < rows and 0 <= cc < cols):
                    continue
                here.append(rr * cols + cc)
            lists.append(here)
    edge = "" if periodic else ":open"
    return Graph(
        "lattice",
        rows * cols,
        f"lattice:{rows}x{cols}:{neighbourhood}{edge}",
        shape=(rows, cols),
        _lists=(lists, lists),
    )


def star(n: int) -> Graph:
    """Node 0 at the centre, linked to every other node; the others only to it."""
    n = _check_size(n)
    lists = [list(range(1, n))] + [[0] for _ in range(1, n)]
    return Graph("star", n, "star", _lists=(lists, lists))


def from_networkx(graph: Any, description: str | None = None) -> Graph:
    """A :class:`Graph` from any networkx graph (its nodes in their order; multi-edges once)."""
    nodes = list(graph.nodes)
    n = _check_size(len(nodes), "a graph")
    index = {node: k for k, node in enumerate(nodes)}
    directed = bool(graph.is_directed())

    def lists(neighbours) -> list[list[int]]:
        return [list(dict.fromkeys(index[m] for m in neighbours(node))) for node in nodes]

    if directed:
        pair = (lists(graph.successors), lists(graph.predecessors))
    else:
        out = lists(graph.neighbors)
        pair = (out, out)
    text = description or (
        f"networkx {'directed ' if directed else ''}graph "
        f"({n} nodes, {graph.number_of_edges()} edges)"
    )
    return Graph("networkx", n, text, directed=directed, nodes=tuple(nodes), _lists=pair)


def read_graph(path: str | Path) -> Graph:
    """A graph file read by networkx: GraphML, GML, an edge list or an adjacency list."""
    import networkx as nx

    path = Path(path).expanduser()
    if path.suffix not in GRAPH_FILES:
        raise IpdError(f"cannot read a graph from {path}: use {', '.join(GRAPH_FILES)}")
    if not path.is_file():
        raise IpdError(f"graph file {path} does not exist")
    readers = {
        ".graphml": nx.read_graphml,
        ".gml": nx.read_gml,
        ".edgelist": nx.read_edgelist,
        ".edges": nx.read_edgelist,
        ".adjlist": nx.read_adjlist,
    }
    try:
        graph = readers[path.suffix](path)
    except Exception as exc:
        raise IpdError(f"cannot read the graph in {path}: {exc}") from None
    return from_networkx(graph, description=str(path))


# --------------------------------------------------------------------------- specs


def make_graph(spec: Any, n: int | None = None) -> Graph:
    """A graph from a spec: a :class:`Graph`, a networkx graph, a file, or a kind.

    Kinds: ``complete`` (also ``well-mixed``), ``ring`` or ``ring:K``,
    ``lattice`` (n a perfect square) or ``lattice:ROWSxCOLS``, either followed
    by ``:moore`` or ``:von_neumann`` and optionally ``:open`` (no wrap-around),
    and ``star``. ``n``, when given, is the population size the graph must have.
    """
    if spec is None:
        spec = "complete"
    if isinstance(spec, Graph):
        graph = spec
    elif hasattr(spec, "nodes") and hasattr(spec, "edges"):
        graph = from_networkx(spec)
    elif isinstance(spec, str | Path) and Path(str(spec)).suffix in GRAPH_FILES:
        graph = read_graph(spec)
    elif isinstance(spec, str):
        graph = _from_text(spec.strip(), n)
    else:
        raise IpdError(f"a graph must be a kind, a file or a networkx graph, got {spec!r}")
    if n is not None and graph.n != n:
        raise IpdError(f"the graph {graph.description} has {graph.n} nodes, not {n}")
    return graph


def _from_text(text: str, n: int | None) -> Graph:
    kind, *options = text.split(":")
    kind = kind.strip().lower().replace("-", "_")
    if kind in ("complete", "well_mixed", "mixed"):
        if options:
            raise IpdError(f"a complete graph takes no options, got {text!r}")
        return complete(_needs_n(n, kind))
    if kind == "ring":
        if len(options) > 1:
            raise IpdError(f"write a ring as ring or ring:K, got {text!r}")
        k = _whole(options[0], "ring:K") if options else 1
        return ring(_needs_n(n, kind), k)
    if kind == "star":
        if options:
            raise IpdError(f"a star takes no options, got {text!r}")
        return star(_needs_n(n, kind))
    if kind == "lattice":
        return _lattice_from_text(text, options, n)
    raise IpdError(
        f"unknown graph kind {kind!r}: use {', '.join(KINDS)}, a networkx graph, "
        f"or a graph file ({', '.join(GRAPH_FILES)})"
    )


def _lattice_from_text(text: str, options: list[str], n: int | None) -> Graph:
    rows = cols = None
    neighbourhood = "von_neumann"
    periodic = True
    for option in (o.strip().lower().replace("-", "_") for o in options):
        if re.fullmatch(r"\s*\d+\s*x\s*\d+\s*", option):
            first, _, second = option.partition("x")
            rows, cols = int(first), int(second)
        elif option in NEIGHBOURHOODS:
            neighbourhood = option
        elif option == "open":
            periodic = False
        elif option == "periodic":
            periodic = True
        else:
            raise IpdError(
                f"cannot read the lattice option {option!r} in {text!r}: give ROWSxCOLS, "
                f"{' or '.join(NEIGHBOURHOODS)}, open or periodic"
            )
    if rows is None:
        size = _needs_n(n, "lattice")
        side = round(size**0.5)
        if side * side != size:
            raise IpdError(
                f"a square lattice needs a square number of individuals, got {size}; "
                "give its shape as lattice:ROWSxCOLS"
            )
        rows = cols = side
    return lattice(rows, cols, neighbourhood, periodic)


def _needs_n(n: int | None, kind: str) -> int:
    if n is None:
        raise IpdError(f"a {kind} graph needs the population size")
    return n


def _whole(text: str, form: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise IpdError(f"{form} needs whole numbers, got {text!r}") from None
