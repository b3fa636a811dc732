"""The kit's betweenness gives networkx's figures, exact and sampled, on any directed network."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saara_kit.stakeholders.betweenness import BATCH, betweenness_centrality


@st.composite
def networks(draw) -> nx.DiGraph:
    size = draw(st.integers(0, 40))
    graph = nx.DiGraph()
    graph.add_nodes_from(f"A{n}" for n in range(size))
    if size:
        pairs = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1))
        graph.add_edges_from((f"A{u}", f"A{v}") for u, v in draw(st.lists(pairs, max_size=4 * size)))
    return graph


def _same(ours: dict, theirs: dict) -> bool:
    return ours.keys() == theirs.keys() and all(
        ours[node] == pytest.approx(theirs[node], abs=1e-12, nan_ok=True) for node in ours
    )


@settings(max_examples=60, deadline=None)
@given(networks())
def test_exact_betweenness_is_networkxs(graph):
    assert _same(betweenness_centrality(graph), nx.betweenness_centrality(graph, normalized=True))


@settings(max_examples=40, deadline=None)
@given(networks(), st.integers(0, 2**16), st.data())
def test_sampled_betweenness_is_networkxs_from_the_same_sources(graph, seed, data):
    if len(graph) < 2:
        return
    k = data.draw(st.integers(1, len(graph)))
    theirs = nx.betweenness_centrality(graph, k=k, normalized=True, seed=seed)
    assert _same(betweenness_centrality(graph, k=k, seed=seed), theirs)


def test_sources_beyond_one_batch_all_count():
    graph = nx.gnp_random_graph(2 * BATCH + 5, 0.05, seed=3, directed=True)
    assert _same(betweenness_centrality(graph), nx.betweenness_centrality(graph, normalized=True))
