"""Population graphs: the built-in kinds, networkx graphs and files, and the checks."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from ipd.analysis.populations import complete, from_networkx, lattice, make_graph, ring, star
from ipd.core.errors import IpdError


def test_lattices_list_their_neighbours_in_reading_order():
    grid = lattice(4, 5, "von_neumann")
    assert grid.n == 20 and grid.shape == (4, 5)
    # Node 0 (row 0, column 0) on a torus: up is row 3, left is column 4.
    assert grid.neighbours(0) == [15, 4, 1, 5]
    moore = lattice(3, 3, "moore")
    assert moore.neighbours(4) == [0, 1, 2, 3, 5, 6, 7, 8]
    assert set(moore.degrees()) == {8}
    edge = lattice(3, 3, "moore", periodic=False)
    assert edge.neighbours(0) == [1, 3, 4]
    assert edge.description == "lattice:3x3:moore:open"


def test_rings_stars_and_complete_graphs():
    assert ring(6, 2).neighbours(0) == [4, 5, 1, 2]
    assert star(5).neighbours(0) == [1, 2, 3, 4] and star(5).neighbours(3) == [0]
    full = complete(4)
    assert full.neighbours(2) == [0, 1, 3]
    assert full.edges().tolist() == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]
    assert ring(5).edges().shape == (5, 2)


def test_specs_and_networkx_graphs(tmp_path):
    assert make_graph("lattice:moore", 16).neighbours(5) == lattice(4, 4, "moore").neighbours(5)
    assert make_graph("ring:3", 10).neighbours(0) == [7, 8, 9, 1, 2, 3]
    graph = nx.petersen_graph()
    converted = make_graph(graph, 10)
    assert converted.kind == "networkx"
    assert sorted(converted.neighbours(0)) == sorted(graph.neighbors(0))
    labelled = nx.relabel_nodes(nx.path_graph(3), {0: "a", 1: "b", 2: "c"})
    assert from_networkx(labelled).neighbours(1) == [0, 2]
    path = tmp_path / "petersen.graphml"
    nx.write_graphml(graph, path)
    read = make_graph(str(path), 10)
    assert read.description == str(path)
    assert np.array_equal(np.sort(read.degrees()), np.full(10, 3))
    directed = from_networkx(nx.DiGraph([(0, 1), (1, 2), (2, 0)]))
    assert directed.directed and directed.neighbours(0) == [1]
    in_ptr, in_idx = directed.csr[2:]
    assert in_idx[in_ptr[0] : in_ptr[1]].tolist() == [2]


@pytest.mark.parametrize(
    ("spec", "n", "message"),
    [
        ("hexagon", 9, "unknown graph kind 'hexagon'"),
        ("lattice:2x2", 4, "2x2 periodic lattice is too small for the von_neumann neighbourhood"),
        ("lattice:2x5:moore", 10, "too small for the moore neighbourhood"),
        ("lattice", 10, "square number"),
        ("lattice:3x3:hex", 9, "lattice option 'hex'"),
        ("ring:2", 4, "too small for 2 neighbour(s) on each side"),
        ("ring:x", 9, "ring:K needs whole numbers"),
        ("star", 1, "at least 2 individuals"),
        ("lattice:3x3", 10, "has 9 nodes, not 10"),
        ("missing.graphml", 4, "does not exist"),
    ],
)
def test_bad_graphs_are_one_line_errors(spec, n, message):
    with pytest.raises(IpdError) as error:
        make_graph(spec, n)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_isolated_and_disconnected_graphs_are_found():
    graph = nx.cycle_graph(4)
    graph.add_node("lonely")
    with pytest.raises(IpdError, match="node 'lonely' of the reproduction graph has no neighbour"):
        make_graph(graph).check_no_isolated("reproduction")
    only_itself = nx.Graph([(0, 1), (2, 2)])
    with pytest.raises(IpdError, match="node 2"):
        make_graph(only_itself).check_no_isolated("interaction")
    two = make_graph(nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(4)))
    with pytest.raises(IpdError, match="4 of 7 nodes cannot be reached"):
        two.check_connected("reproduction")
    one_way = make_graph(nx.DiGraph([(0, 1), (1, 2)]))
    with pytest.raises(IpdError, match="not strongly connected"):
        one_way.check_connected("reproduction")
