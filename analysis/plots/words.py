"""Figures of the set and its words: articles over time, lengths, top terms, keyness, a term over time, dispersion."""

from __future__ import annotations

import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from .base import auto_freq, date_span, new_axes, outlier_note

__all__ = ["plot_articles_over_time", "plot_article_lengths", "plot_top_terms", "plot_keyness", "plot_term_over_time", "plot_dispersion"]


def plot_articles_over_time(articles: pd.DataFrame, *, by: str = "outlet", freq: str | None = None,
                            ax: Axes | None = None) -> Axes:
    """Articles published per day, week or month (``freq``, chosen from the span when ``None``) for each group.

    Undated articles are noted in the title; the axis covers the span that holds the articles, and
    outliers (:func:`date_span`) are named in a note under it instead of squashing the rest.

    >>> frame = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [5, 9, 7],
    ...     "published": pd.to_datetime(["2022-02-24", "2022-02-24", "2022-02-25"], utc=True)})
    >>> plot_articles_over_time(frame).get_ylabel()
    'Articles per day'
    """
    ax = new_axes(ax)
    dated = articles.dropna(subset=["published"])
    inside, outliers = date_span(dated["published"])
    dated = dated[inside]
    freq = freq or auto_freq(dated["published"])
    counts = (dated.groupby([by, pd.Grouper(key="published", freq=freq)], observed=True)
              .size().rename("articles").reset_index())
    sns.lineplot(data=counts, x="published", y="articles", hue=by if counts[by].nunique() <= 12 else None,
                 marker="o", ax=ax)
    undated = len(articles) - len(articles.dropna(subset=["published"]))
    unit = {"D": "day", "W": "week", "MS": "month", "ME": "month"}.get(freq, freq)
    many = f", {counts[by].nunique()} {by}s together" if counts[by].nunique() > 12 else ""
    ax.set_title(f"Articles per {unit} by {by}{many}" + (f" ({undated} undated not shown)" if undated else ""))
    ax.set_xlabel("Publication date (UTC)")
    ax.set_ylabel(f"Articles per {unit}")
    ax.tick_params(axis="x", rotation=30)
    outlier_note(ax, outliers)
    return ax


def plot_article_lengths(articles: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Distribution of article length in words per group (log scale, so long transcripts stay visible).

    >>> frame = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [50, 900, 70]})
    >>> plot_article_lengths(frame).get_title()
    'Article length by outlet (n = 3 articles)'
    """
    ax = new_axes(ax)
    sns.histplot(data=articles, x="n_words", hue=by, log_scale=True, element="step", ax=ax)
    ax.set_title(f"Article length by {by} (n = {len(articles)} articles)")
    ax.set_xlabel("Words per article (log scale)")
    ax.set_ylabel("Articles")
    return ax


def plot_top_terms(freqs: pd.DataFrame, *, by: str = "outlet", top: int = 10, ax: Axes | None = None) -> Axes:
    """Bars of the ``top`` terms of each group by rate per 1,000 words (from ``term_frequencies(..., by=...)``).

    >>> freqs = pd.DataFrame({"outlet": ["A", "B"], "term": ["war", "operation"], "count": [5, 4],
    ...                       "per_1000": [2.5, 2.0]})
    >>> plot_top_terms(freqs).get_xlabel()
    'Occurrences per 1,000 words'
    """
    ax = new_axes(ax, (9, max(3.0, 0.28 * top * freqs[by].nunique())))
    shown = freqs.sort_values("per_1000", ascending=False).groupby(by, observed=True).head(top)
    sns.barplot(data=shown, y="term", x="per_1000", hue=by, dodge=True, ax=ax)
    ax.set_title(f"Top {top} terms per {by} (rate per 1,000 words)")
    ax.set_xlabel("Occurrences per 1,000 words")
    ax.set_ylabel("Term")
    return ax


def plot_keyness(key: pd.DataFrame, *, top: int = 15, ax: Axes | None = None) -> Axes:
    """Diverging bars of log ratio for the ``top`` terms most over- and under-used in the target (from ``keyness``).

    Each bar is labelled with its counts (target / reference) so small numbers stay visible.

    >>> key = pd.DataFrame({"target": ["K", "K"], "term": ["operation", "war"], "target_count": [30, 1],
    ...                     "reference_count": [0, 40], "log_ratio": [5.2, -5.0], "keyness": [40.0, -38.0]})
    >>> plot_keyness(key).get_xlabel()
    'Log ratio (binary log of relative frequency, target vs reference)'
    """
    target = key["target"].iloc[0] if len(key) else ""
    rows = key[key["target"] == target]
    shown = pd.concat([rows.nlargest(top, "keyness"), rows.nsmallest(top, "keyness")]).drop_duplicates("term")
    shown = shown.sort_values("log_ratio")
    ax = new_axes(ax, (9, max(3.0, 0.3 * len(shown))))
    colors = ["#c44e52" if v > 0 else "#4c72b0" for v in shown["log_ratio"]]
    ax.barh(shown["term"].astype(str), shown["log_ratio"], color=colors)
    for y, (value, a, b) in enumerate(zip(shown["log_ratio"], shown["target_count"], shown["reference_count"],
                                         strict=True)):
        ax.annotate(f"{a}/{b}", (value, y), xytext=(3 if value > 0 else -3, 0), textcoords="offset points",
                    ha="left" if value > 0 else "right", va="center", fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(f"Key terms: {target} (red, right) vs reference (blue, left)\nbar labels: count in target / reference")
    ax.set_xlabel("Log ratio (binary log of relative frequency, target vs reference)")
    ax.set_ylabel("Term")
    return ax


def plot_term_over_time(usage: pd.DataFrame, *, by: str = "outlet", term: str = "", ax: Axes | None = None) -> Axes:
    """Rate of a term per 1,000 words per period and group (from ``term_over_time``).

    >>> usage = pd.DataFrame({"outlet": ["A", "A"], "period": pd.to_datetime(["2022-02-21", "2022-02-28"]),
    ...                       "per_1000": [1.0, 2.0], "hits": [1, 2]})
    >>> plot_term_over_time(usage, term="war").get_title()
    "Use of 'war' over time by outlet"
    """
    ax = new_axes(ax)
    inside, outliers = date_span(pd.to_datetime(usage["period"]))
    usage = usage[inside.to_numpy()]
    many = usage[by].nunique() > 12
    sns.lineplot(data=usage, x="period", y="per_1000", hue=None if many else by, marker="o", ax=ax)
    ax.set_title(f"Use of {term!r} over time by {by}" + (f" ({usage[by].nunique()} {by}s together)" if many else ""))
    outlier_note(ax, outliers, "period")
    ax.set_xlabel("Period start (UTC)")
    ax.set_ylabel("Matches per 1,000 words")
    ax.tick_params(axis="x", rotation=30)
    return ax


def plot_dispersion(hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet",
                    ax: Axes | None = None) -> Axes:
    """Where in each article a term occurs (AntConc-style dispersion plot), from ``kwic`` lines.

    x is the match's position as a share of the article's length; one row per article with a hit.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["A"], "text": ["war and peace and war"]})
    >>> hits = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 18]})
    >>> plot_dispersion(hits, arts).get_xlabel()
    'Position in article (0 = start, 1 = end)'
    """
    lengths = articles.set_index("article_id")["text"].str.len()
    data = hits[["article_id", "start"]].copy()
    data["position"] = data["start"] / data["article_id"].map(lengths).astype("float64")
    data[by] = data["article_id"].map(articles.set_index("article_id")[by])
    order = data.sort_values([by, "article_id"])["article_id"].drop_duplicates().tolist()
    data["row"] = data["article_id"].map({a: i for i, a in enumerate(order)})
    ax = new_axes(ax, (9, max(2.5, 0.12 * len(order))))
    sns.scatterplot(data=data, x="position", y="row", hue=by, marker="|", s=200, linewidth=1.5, ax=ax)
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    ax.set_title(f"Dispersion: {len(data)} matches in {len(order)} articles")
    ax.set_xlabel("Position in article (0 = start, 1 = end)")
    ax.set_ylabel("Articles (one row each)")
    return ax
