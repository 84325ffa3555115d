"""Seaborn figures. Each ``plot_*`` function draws on an Axes and returns it (never shows or saves)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

__all__ = ["plot_articles_over_time", "plot_article_lengths"]


def _axes(ax: Axes | None, size: tuple[float, float] = (9, 4)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def plot_articles_over_time(articles: pd.DataFrame, *, by: str = "outlet", freq: str = "D",
                            ax: Axes | None = None) -> Axes:
    """Articles published per day (or ``freq``) for each group; undated articles are noted in the title.

    >>> frame = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [5, 9, 7],
    ...     "published": pd.to_datetime(["2022-02-24", "2022-02-24", "2022-02-25"], utc=True)})
    >>> plot_articles_over_time(frame).get_ylabel()
    'Articles per day'
    """
    ax = _axes(ax)
    dated = articles.dropna(subset=["published"])
    counts = (dated.groupby([by, pd.Grouper(key="published", freq=freq)], observed=True)
              .size().rename("articles").reset_index())
    sns.lineplot(data=counts, x="published", y="articles", hue=by, marker="o", ax=ax)
    undated = len(articles) - len(dated)
    unit = {"D": "day", "W": "week", "MS": "month", "ME": "month"}.get(freq, freq)
    ax.set_title(f"Articles per {unit} by {by}" + (f" ({undated} undated not shown)" if undated else ""))
    ax.set_xlabel("Publication date (UTC)")
    ax.set_ylabel(f"Articles per {unit}")
    ax.tick_params(axis="x", rotation=30)
    return ax


def plot_article_lengths(articles: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Distribution of article length in words per group (log scale, so long transcripts stay visible).

    >>> frame = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [50, 900, 70]})
    >>> plot_article_lengths(frame).get_title()
    'Article length by outlet (n = 3 articles)'
    """
    ax = _axes(ax)
    sns.histplot(data=articles, x="n_words", hue=by, log_scale=True, element="step", ax=ax)
    ax.set_title(f"Article length by {by} (n = {len(articles)} articles)")
    ax.set_xlabel("Words per article (log scale)")
    ax.set_ylabel("Articles")
    return ax
