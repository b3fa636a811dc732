"""The tables lessons, dossiers and exports show of the stakeholder analyses, labelled in the
reader's language (the computations live in ``salience``, ``network`` and ``mactor``)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from saara_kit.charts import ChartFigure
from saara_kit.i18n import t
from saara_kit.stakeholders.mactor import actor_roles, force_ratios, influence_dependence, objective_balance
from saara_kit.stakeholders.network import communities, network_metrics
from saara_kit.stakeholders.salience import SALIENCE_TYPES, UNTYPED, with_salience

__all__ = ["chart_key", "mactor_table", "network_table", "objectives_table", "salience_counts", "strongest_pairs"]


def chart_key(figure: ChartFigure, lang: str = "fr") -> pd.DataFrame | None:
    """Return the key of a chart that numbers its actors, headers in ``lang`` (None when it names them)."""
    if getattr(figure, "key", None) is None:
        return None
    return figure.key.rename(
        columns={
            column: t("stakeholders.grid.number" if column == "number" else f"stakeholders.field.{column}", lang)
            for column in figure.key
        }
    )


def salience_counts(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Count the register's actors per salience type, most salient first, every type listed (then the
    actors not typed yet, if any)."""
    found = with_salience(frame)["salience"].value_counts()
    counts = found.reindex([*SALIENCE_TYPES, *([UNTYPED] if found.get(UNTYPED) else [])], fill_value=0)
    return pd.DataFrame(
        {
            t("stakeholders.field.salience", lang): [t(f"stakeholders.salience.{code}", lang) for code in counts.index],
            t("stakeholders.count", lang): counts.to_list(),
        }
    )


def network_table(graph: nx.MultiDiGraph, lang: str = "fr") -> pd.DataFrame:
    """Return each actor's links (all, in, out), betweenness, community (1 = the largest) and
    whether it is isolated: brokers and gatekeepers first."""
    metrics = network_metrics(graph)
    group_of = {actor: number for number, group in enumerate(communities(graph), start=1) for actor in group}
    metrics["community"] = [group_of.get(actor, "") for actor in metrics.index]
    metrics["isolated"] = [t("template.yes" if isolated else "template.no", lang) for isolated in metrics["isolated"]]
    metrics["betweenness"] = metrics["betweenness"].round(3)
    metrics = metrics.sort_values(["betweenness", "degree"], ascending=False).rename_axis("actor").reset_index()
    columns = ["actor", "degree", "in_degree", "out_degree", "betweenness", "community", "isolated"]
    return metrics[columns].rename(columns={column: t(f"stakeholders.metric.{column}", lang) for column in columns})


def mactor_table(midi: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return each actor's number on the plane, influence, dependence, force ratio and zone of the
    plane, strongest first."""
    table = influence_dependence(midi)
    table.insert(0, "number", range(1, len(table) + 1))
    table["force"] = force_ratios(midi).round(2)
    table["role"] = [t(f"mactor.role.{role}", lang) for role in actor_roles(table)]
    table = table.sort_values("force", ascending=False).rename_axis("actor").reset_index()
    table = table[["number", "actor", "influence", "dependence", "force", "role"]]
    return table.rename(
        columns={
            "number": t("stakeholders.grid.number", lang),
            "actor": t("stakeholders.metric.actor", lang),
            "influence": t("mactor.influence", lang),
            "dependence": t("mactor.dependence", lang),
            "force": t("mactor.force", lang),
            "role": t("mactor.role", lang),
        }
    )


def objectives_table(weighted: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return, per objective, the weighted support, opposition and balance, most disputed first."""
    balance = objective_balance(weighted).round(1)
    balance = balance.sort_values("opposition", ascending=False).rename_axis("objective").reset_index()
    return balance.rename(
        columns={
            "objective": t("objectives.field.name", lang),
            "support": t("mactor.support", lang),
            "opposition": t("mactor.opposition", lang),
            "balance": t("mactor.balance", lang),
        }
    )


def strongest_pairs(matrix: pd.DataFrame, lang: str = "fr", count: int = 5) -> pd.DataFrame:
    """Return the ``count`` pairs of actors with the highest values of a symmetric matrix
    (convergences or divergences), strongest first; pairs at 0 are left out."""
    names = list(matrix.index)
    pairs = [(names[i], names[j], float(matrix.iat[i, j])) for i in range(len(names)) for j in range(i + 1, len(names))]
    pairs = sorted((pair for pair in pairs if pair[2] > 0), key=lambda pair: -pair[2])[:count]
    actor = t("stakeholders.metric.actor", lang)
    return pd.DataFrame(
        [(a, b, round(value, 1)) for a, b, value in pairs],
        columns=[f"{actor} 1", f"{actor} 2", t("mactor.pair_value", lang)],
    )
