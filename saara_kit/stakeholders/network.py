"""The relations network (Net-Map): typed, weighted links between stakeholders, and what they show.

A link runs from one actor to another (or ``both_ways``: ``DIRECTIONS``) and has a ``kind`` (``LINK_KINDS``)
and a ``weight`` (1–5). The metrics come from networkx: degree, in and out, betweenness (who
brokers or guards the way between others: networkx's figures, computed faster by ``betweenness``),
isolated actors and communities.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd

from saara_kit.stakeholders.betweenness import betweenness_centrality
from saara_kit.stakeholders.links import DIRECTIONS, LINK_KINDS

__all__ = ["DIRECTIONS", "LINK_KINDS", "communities", "network", "network_metrics"]


EXACT_BETWEENNESS_UP_TO = 300  # actors; beyond, betweenness is estimated from this many sources (seeded)
SEED = 7


def network(actors: Iterable[str], links: pd.DataFrame) -> nx.MultiDiGraph:
    """Return the directed multigraph of ``actors`` and ``links`` (columns ``source``, ``target``,
    ``kind``, ``weight``, ``direction``); a link both ways is two edges. A link to oneself is refused.
    An actor a link names but ``actors`` lacks (withdrawn from the register since) is left out with its links."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(actors)
    for link in links.itertuples(index=False):
        if link.source == link.target:
            raise ValueError(f"a link from {link.source!r} to itself")
        if link.source not in graph or link.target not in graph:
            continue
        both = link.direction == "both_ways"
        for mirror, (source, target) in enumerate(
            [(link.source, link.target)] + ([(link.target, link.source)] if both else [])
        ):
            # the way back of a both-ways relation is an arc for paths, not a second relation to count
            graph.add_edge(source, target, kind=link.kind, weight=float(link.weight), relation=0 if mirror else 1)
    return graph


def _summed(graph: nx.MultiDiGraph, into: nx.Graph, links) -> nx.Graph:
    """Fill ``into`` with ``graph``'s actors and ``links`` (source, target, weight), the weights of
    links between the same two actors summed into one edge."""
    into.add_nodes_from(graph)
    for source, target, weight in links:
        before = into.get_edge_data(source, target, {"weight": 0.0})["weight"]
        into.add_edge(source, target, weight=before + weight)
    return into


def _simple(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Collapse parallel links into one edge whose weight is their sum."""
    return _summed(graph, nx.DiGraph(), graph.edges(data="weight"))


def _ties(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected network of ties: two actors' tie weighs the sum of their relations' weights,
    either way, a both-ways relation once (its way back is no second relation)."""
    relations = (
        (source, target, link["weight"]) for source, target, link in graph.edges(data=True) if link["relation"]
    )
    return _summed(graph, nx.Graph(), relations)


def network_metrics(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Return, per actor: ``degree`` (its relations, a both-ways one counted once), ``in_degree`` and
    ``out_degree`` (the relations that reach it and that leave it: a both-ways one is both),
    ``betweenness`` (0–1: the share of the shortest paths between two other actors that pass through
    it, on paths that count each link once; estimated from ``EXACT_BETWEENNESS_UP_TO`` sources in a
    larger network) and ``isolated``."""
    simple = _simple(graph)
    sample = None if len(simple) <= EXACT_BETWEENNESS_UP_TO else EXACT_BETWEENNESS_UP_TO
    # hops, not weights: a strong link is no shorter; a hub's whole register is estimated (Brandes' sampling)
    betweenness = betweenness_centrality(simple, k=sample, seed=SEED)
    rows = {
        actor: {
            "degree": graph.degree(actor, weight="relation"),
            "in_degree": graph.in_degree(actor),
            "out_degree": graph.out_degree(actor),
            "betweenness": betweenness[actor],
            "isolated": graph.degree(actor) == 0,
        }
        for actor in graph
    }
    return pd.DataFrame.from_dict(
        rows, orient="index", columns=["degree", "in_degree", "out_degree", "betweenness", "isolated"]
    )


def communities(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Return groups of actors more tied among themselves than with others (Louvain, seeded, on the
    ties of ``_ties``), largest first; isolated actors are left out."""
    ties = _ties(graph)
    ties.remove_nodes_from(list(nx.isolates(ties)))
    if ties.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(ties, weight="weight", seed=SEED)
    return sorted((set(group) for group in found), key=lambda group: (-len(group), sorted(group)))
