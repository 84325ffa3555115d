"""Figures of how things are said: loaded-term rates and voices, sentiment distributions and means, actors."""

from __future__ import annotations

import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from .base import new_axes

__all__ = ["plot_loaded_term_rates", "plot_loaded_term_voice", "plot_sentiment_distribution", "plot_sentiment_means", "plot_actor_sentiment"]


def plot_loaded_term_rates(rates: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Loaded-term hits per 1,000 words by category and group, each bar labelled with its hit count.

    ``rates`` is the output of :func:`analysis.loaded_terms.loaded_term_rates` (or :func:`analysis.rates.rate_table`)
    with the same ``by``; the rate column is ``per_1000``.

    >>> rates = pd.DataFrame({"outlet": ["A", "B"], "category": ["hedge", "hedge"], "hits": [3, 0],
    ...                       "per_1000": [1.5, 0.0]})
    >>> plot_loaded_term_rates(rates).get_xlabel()
    'Hits per 1,000 words (bar labels: number of hits)'
    """
    ax = new_axes(ax, (9, 5))
    sns.barplot(data=rates, x="per_1000", y="category", hue=by, orient="h", ax=ax)
    for container, (_, group) in zip(ax.containers, rates.groupby(by, sort=False, observed=True), strict=False):
        ax.bar_label(container, labels=[str(n) for n in group["hits"]], fontsize=8, padding=2)
    ax.set_title(f"Loaded-term hits per 1,000 words, by category and {by} (n = {int(rates['hits'].sum())} hits)")
    ax.set_xlabel("Hits per 1,000 words (bar labels: number of hits)")
    ax.set_ylabel("Lexicon category")
    return ax


def plot_loaded_term_voice(hits: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Share of loaded-term hits in each voice (own, quoted, scare-quoted, attributed, negated) per group.

    >>> hits = pd.DataFrame({"outlet": ["A", "A", "B"], "voice": ["own", "quoted", "own"]})
    >>> plot_loaded_term_voice(hits).get_title()
    'Voice of loaded-term hits by outlet (n = 3 hits)'
    """
    ax = new_axes(ax, (9, 4))
    groups = hits[by].astype(str)
    counts = groups.value_counts()
    data = pd.DataFrame({"group": groups.map(lambda g: f"{g} ({counts[g]} hits)"), "voice": hits["voice"]})
    sns.histplot(data=data, y="group", hue="voice", multiple="fill", discrete=True, shrink=0.8, ax=ax)
    sns.move_legend(ax, "upper left", bbox_to_anchor=(1.01, 1), title="Voice")
    ax.set_title(f"Voice of loaded-term hits by {by} (n = {len(hits)} hits)")
    ax.set_xlabel("Share of the group's hits")
    ax.set_ylabel(by.capitalize())
    return ax


def plot_sentiment_distribution(scores: pd.DataFrame, *, by: str = "outlet", score: str = "vader_compound",
                                ax: Axes | None = None) -> Axes:
    """Distribution of a sentiment score per group (share of each group's rows per bin, so sizes compare).

    >>> s = pd.DataFrame({"outlet": ["A", "A", "B"], "vader_compound": [-0.5, 0.0, 0.6]})
    >>> plot_sentiment_distribution(s).get_xlabel()
    'vader_compound (sentence score)'
    """
    ax = new_axes(ax)
    data = scores.dropna(subset=[score])
    sns.histplot(data=data, x=score, hue=by, stat="percent", common_norm=False, element="step", fill=False,
                 bins=40, ax=ax)
    ax.set_title(f"Distribution of {score} by {by} (n = {len(data):,} rows; spike at 0 = no lexicon word)")
    ax.set_xlabel(f"{score} (sentence score)")
    ax.set_ylabel(f"Share of the {by}'s rows (%)")
    return ax


def plot_sentiment_means(summary: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Mean score per group with its bootstrap interval (a ``summarize_sentiment`` table), one panel row per score.

    >>> t = pd.DataFrame({"outlet": ["A", "B"], "score": ["vader_compound"] * 2, "n": [10, 12],
    ...     "n_articles": [2, 3], "mean": [0.1, -0.2], "ci_low": [0.0, -0.3], "ci_high": [0.2, -0.1]})
    >>> plot_sentiment_means(t).get_xlabel()
    'Mean score (bars: bootstrap confidence interval)'
    """
    ax = new_axes(ax, (9, 1 + 0.5 * len(summary)))
    labels = [f"{g} · {s} (n = {n:,})" for g, s, n in zip(summary[by], summary["score"], summary["n"], strict=True)]
    y = range(len(summary))
    colors = sns.color_palette(n_colors=max(summary["score"].nunique(), 1))
    color_of = dict(zip(summary["score"].unique(), colors, strict=False))
    for row, (_, item) in zip(y, summary.iterrows(), strict=True):
        ax.errorbar(item["mean"], row, xerr=[[item["mean"] - item["ci_low"]], [item["ci_high"] - item["mean"]]],
                    fmt="o", color=color_of[item["score"]], capsize=3)
    ax.set_yticks(list(y), labels)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(f"Mean sentiment by {by} with bootstrap intervals (n = rows behind each mean)")
    ax.set_xlabel("Mean score (bars: bootstrap confidence interval)")
    ax.set_ylabel(f"{by.capitalize()} · score")
    return ax


def plot_actor_sentiment(table: pd.DataFrame, *, by: str = "outlet", score: str = "vader_compound",
                         ax: Axes | None = None) -> Axes:
    """Heat map of the mean score of sentences mentioning each actor (rows) per group (columns), with counts.

    >>> t = pd.DataFrame({"actor": ["NATO", "NATO"], "outlet": ["A", "B"], "n_sentences": [3, 1],
    ...     "vader_compound": [-0.2, 0.4]})
    >>> plot_actor_sentiment(t).get_ylabel()
    'Actor'
    """
    ax = new_axes(ax, (9, 1.5 + 0.45 * table["actor"].nunique()))
    means = table.pivot(index="actor", columns=by, values=score)
    counts = table.pivot(index="actor", columns=by, values="n_sentences").reindex_like(means)
    notes = means.round(2).astype(str).where(means.notna(), "") + counts.map(lambda n: "" if pd.isna(n) else f"\nn={n:.0f}")
    sns.heatmap(means, annot=notes, fmt="", cmap="RdBu", center=0, vmin=-1, vmax=1, ax=ax,
                cbar_kws={"label": f"Mean {score}"}, annot_kws={"fontsize": 8})
    ax.set_title(f"Mean {score} of sentences mentioning each actor, by {by} (n = sentences)")
    ax.set_xlabel(by.capitalize())
    ax.set_ylabel("Actor")
    return ax
