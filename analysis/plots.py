"""Seaborn figures. Each ``plot_*`` function draws on an Axes and returns it (never shows or saves)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

__all__ = ["date_span", "plot_articles_over_time", "plot_article_lengths", "plot_top_terms", "plot_keyness", "plot_term_over_time",
           "plot_dispersion", "plot_loaded_term_rates", "plot_loaded_term_voice", "plot_sentiment_distribution",
           "plot_sentiment_means", "plot_actor_sentiment", "plot_naming_contests", "plot_frame_shares",
           "plot_reporting_verbs", "plot_outlet_comparison", "plot_run_changes", "plot_topic_shares", "plot_agency"]


def _axes(ax: Axes | None, size: tuple[float, float] = (9, 4)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def date_span(dates: pd.Series) -> tuple[pd.Series, list[pd.Timestamp]]:
    """Which dates a time axis should cover, and the outliers it leaves out (to be named in a note).

    An outlier is a date at either end separated from the others by a gap more than twice as long as the
    span of the others (and at least 90 days), e.g. one article misdated to 1970 in a set from 2021-2023;
    at most a tenth of the dates (and at least one) can be outliers. Returns a mask aligned to ``dates``
    (True = inside the span; missing dates are False) and the sorted outlier dates.

    >>> when = pd.Series(pd.to_datetime(["2021-03-02", "2022-02-08", "2023-06-06", "1970-01-01"], utc=True))
    >>> mask, outliers = date_span(when)
    >>> mask.tolist(), [f"{d:%Y-%m-%d}" for d in outliers]
    ([True, True, True, False], ['1970-01-01'])
    """
    ordered = dates.dropna().sort_values()
    low, high = 0, len(ordered) - 1
    for _ in range(max(1, len(ordered) // 10)):
        if high - low < 2:
            break
        first_gap = ordered.iloc[low + 1] - ordered.iloc[low]
        last_gap = ordered.iloc[high] - ordered.iloc[high - 1]
        if first_gap >= last_gap and first_gap > max(2 * (ordered.iloc[high] - ordered.iloc[low + 1]),
                                                     pd.Timedelta(days=90)):
            low += 1
        elif last_gap > max(2 * (ordered.iloc[high - 1] - ordered.iloc[low]), pd.Timedelta(days=90)):
            high -= 1
        else:
            break
    if not len(ordered):
        return dates.notna(), []
    inside = dates.notna() & (dates >= ordered.iloc[low]) & (dates <= ordered.iloc[high])
    return inside, sorted(dates[dates.notna() & ~inside])


def _outlier_note(ax: Axes, outliers: list[pd.Timestamp], what: str = "article") -> None:
    if outliers:
        named = ", ".join(f"{d:%d %b %Y}".lstrip("0") for d in outliers[:5]) + (" ..." if len(outliers) > 5 else "")
        ax.annotate(f"Left out of the time axis: {len(outliers)} {what}{'s' if len(outliers) > 1 else ''} dated far "
                    f"from the rest ({named}).", xy=(0, -0.32), xycoords="axes fraction", fontsize=8, va="top")


def _auto_freq(dates: pd.Series) -> str:
    """Days for a span of up to four months, weeks up to two years, months beyond."""
    span = (dates.max() - dates.min()) if len(dates) else pd.Timedelta(0)
    return "D" if span <= pd.Timedelta(days=120) else "W" if span <= pd.Timedelta(days=730) else "MS"


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
    ax = _axes(ax)
    dated = articles.dropna(subset=["published"])
    inside, outliers = date_span(dated["published"])
    dated = dated[inside]
    freq = freq or _auto_freq(dated["published"])
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
    _outlier_note(ax, outliers)
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


def plot_top_terms(freqs: pd.DataFrame, *, by: str = "outlet", top: int = 10, ax: Axes | None = None) -> Axes:
    """Bars of the ``top`` terms of each group by rate per 1,000 words (from ``term_frequencies(..., by=...)``).

    >>> freqs = pd.DataFrame({"outlet": ["A", "B"], "term": ["war", "operation"], "count": [5, 4],
    ...                       "per_1000": [2.5, 2.0]})
    >>> plot_top_terms(freqs).get_xlabel()
    'Occurrences per 1,000 words'
    """
    ax = _axes(ax, (9, max(3.0, 0.28 * top * freqs[by].nunique())))
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
    ax = _axes(ax, (9, max(3.0, 0.3 * len(shown))))
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
    ax = _axes(ax)
    inside, outliers = date_span(pd.to_datetime(usage["period"]))
    usage = usage[inside.to_numpy()]
    many = usage[by].nunique() > 12
    sns.lineplot(data=usage, x="period", y="per_1000", hue=None if many else by, marker="o", ax=ax)
    ax.set_title(f"Use of {term!r} over time by {by}" + (f" ({usage[by].nunique()} {by}s together)" if many else ""))
    _outlier_note(ax, outliers, "period")
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
    ax = _axes(ax, (9, max(2.5, 0.12 * len(order))))
    sns.scatterplot(data=data, x="position", y="row", hue=by, marker="|", s=200, linewidth=1.5, ax=ax)
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    ax.set_title(f"Dispersion: {len(data)} matches in {len(order)} articles")
    ax.set_xlabel("Position in article (0 = start, 1 = end)")
    ax.set_ylabel("Articles (one row each)")
    return ax


def plot_loaded_term_rates(rates: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Loaded-term hits per 1,000 words by category and group, each bar labelled with its hit count.

    ``rates`` is the output of :func:`analysis.loaded_terms.loaded_term_rates` (or :func:`analysis.rates.rate_table`)
    with the same ``by``; the rate column is ``per_1000``.

    >>> rates = pd.DataFrame({"outlet": ["A", "B"], "category": ["hedge", "hedge"], "hits": [3, 0],
    ...                       "per_1000": [1.5, 0.0]})
    >>> plot_loaded_term_rates(rates).get_xlabel()
    'Hits per 1,000 words (bar labels: number of hits)'
    """
    ax = _axes(ax, (9, 5))
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
    ax = _axes(ax, (9, 4))
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
    ax = _axes(ax)
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
    ax = _axes(ax, (9, 1 + 0.5 * len(summary)))
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
    ax = _axes(ax, (9, 1.5 + 0.45 * table["actor"].nunique()))
    means = table.pivot(index="actor", columns=by, values=score)
    counts = table.pivot(index="actor", columns=by, values="n_sentences").reindex_like(means)
    notes = means.round(2).astype(str).where(means.notna(), "") + counts.map(lambda n: "" if pd.isna(n) else f"\nn={n:.0f}")
    sns.heatmap(means, annot=notes, fmt="", cmap="RdBu", center=0, vmin=-1, vmax=1, ax=ax,
                cbar_kws={"label": f"Mean {score}"}, annot_kws={"fontsize": 8})
    ax.set_title(f"Mean {score} of sentences mentioning each actor, by {by} (n = sentences)")
    ax.set_xlabel(by.capitalize())
    ax.set_ylabel("Actor")
    return ax


def plot_naming_contests(contests: pd.DataFrame, *, concept: str = "the war", by: str = "outlet",
                         voice: str = "own", ax: Axes | None = None) -> Axes:
    """Share of each competing name for one concept per group, in the group's own voice or in all voices.

    ``contests`` is the output of :func:`analysis.naming.naming_contests` with the same ``by``; bars are
    labelled with the hit counts behind them.

    >>> c = pd.DataFrame({"outlet": ["K", "K"], "concept": ["the war"] * 2, "variant": ["war", "conflict"],
    ...     "hits": [1, 3], "own_voice": [1, 2], "share": [0.25, 0.75], "own_share": [1 / 3, 2 / 3]})
    >>> plot_naming_contests(c).get_xlabel()
    "Share of the group's own-voice names for the war (bar labels: hits)"
    """
    share, count = ("own_share", "own_voice") if voice == "own" else ("share", "hits")
    data = contests[contests["concept"] == concept].fillna({share: 0.0})
    ax = _axes(ax, (9, 1.5 + 0.6 * data[by].nunique()))
    sns.barplot(data=data, x=share, y=by, hue="variant", orient="h", ax=ax)
    for container, (_, group) in zip(ax.containers, data.groupby("variant", sort=False), strict=False):
        ax.bar_label(container, labels=[str(n) for n in group[count]], fontsize=8, padding=2)
    sns.move_legend(ax, "upper left", bbox_to_anchor=(1.01, 1), title="Name used")
    voice_label = "own-voice " if voice == "own" else ""
    ax.set_title(f"Naming contest '{concept}': {voice_label}names by {by} (n = {int(data[count].sum())} hits)")
    ax.set_xlabel(f"Share of the group's {voice_label}names for {concept} (bar labels: hits)")
    ax.set_ylabel(by.capitalize())
    return ax


def plot_frame_shares(shares: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Heat map of the share of frame-cue hits per MFC dimension (rows) and group (columns), with counts.

    ``shares`` is the output of :func:`analysis.frames.frame_shares`; a lexicon approximation of framing.

    >>> s = pd.DataFrame({"outlet": ["A", "B"], "frame": ["Economic", "Economic"], "hits": [3, 1], "share": [0.5, 0.1]})
    >>> plot_frame_shares(s).get_ylabel()
    'Frame dimension (Media Frames Corpus)'
    """
    ax = _axes(ax, (9, 1.5 + 0.45 * shares["frame"].nunique()))
    values = shares.pivot(index="frame", columns=by, values="share")
    counts = shares.pivot(index="frame", columns=by, values="hits").reindex_like(values)
    notes = (values * 100).round(0).map(lambda v: "" if pd.isna(v) else f"{v:.0f}%") + \
        counts.map(lambda n: "" if pd.isna(n) else f"\nn={n:.0f}")
    sns.heatmap(values, annot=notes, fmt="", cmap="Blues", vmin=0, ax=ax, annot_kws={"fontsize": 8},
                cbar_kws={"label": "Share of the group's frame-cue hits"})
    ax.set_title(f"Frame dimensions by {by}: share of cue-word hits (lexicon approximation; n = hits)")
    ax.set_xlabel(by.capitalize())
    ax.set_ylabel("Frame dimension (Media Frames Corpus)")
    return ax


def plot_reporting_verbs(attributions: pd.DataFrame, *, by: str = "outlet", top: int = 10,
                         ax: Axes | None = None) -> Axes:
    """Share of each group's attributions made with each of the ``top`` most used reporting verbs or cues.

    >>> a = pd.DataFrame({"outlet": ["A", "A", "B"], "verb": ["said", "claimed", "said"]})
    >>> plot_reporting_verbs(a).get_ylabel()
    'Reporting verb or cue'
    """
    ax = _axes(ax, (9, 1.5 + 0.4 * top))
    verbs = attributions["verb"].astype(str)
    keep = verbs.value_counts().head(top).index
    shares = (pd.crosstab(verbs, attributions[by].astype(str), normalize="columns").loc[keep]
              .rename_axis(index="verb", columns=by).stack().rename("share").reset_index())
    sns.barplot(data=shares, x="share", y="verb", hue=by, orient="h", ax=ax)
    ax.set_title(f"Reporting verbs by {by}: share of each group's attributions (n = {len(attributions)})")
    ax.set_xlabel("Share of the group's attributions")
    ax.set_ylabel("Reporting verb or cue")
    return ax


def _free_spot(text, candidates: list[float], placed: list, x: float, renderer) -> bool:
    """Move ``text`` to the first y of ``candidates`` where its box overlaps none of ``placed`` (display units)."""
    for y in candidates:
        text.set_position((x, y))
        box = text.get_window_extent(renderer).expanded(1.04, 1.15)
        if not any(box.overlaps(other) for other in placed):
            placed.append(box)
            return True
    return False


def plot_outlet_comparison(table: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Terms placed by how characteristic they are of each of N groups: one lane per group, labels never overlap.

    ``table`` is :func:`analysis.explore.compare_outlets`. Each term sits in the lane of the group it is
    most characteristic of, at x = its log ratio there against the rest of the set (1 = twice as
    frequent, 3 = eight times); the dot's area is its count in that group. Labels are placed greedily
    in display coordinates, strongest terms first: just right of the dot if that space is free, else
    at the nearest free height in the lane, with a thin line back to the dot; no label covers another
    label or a dot.

    >>> t = pd.DataFrame({"term": ["operation", "war"], "characteristic_of": ["K", "U"], "keyness": [9.0, 8.0],
    ...     "log_ratio: K": [3.0, -3.0], "log_ratio: U": [-3.0, 3.0], "count: K": [9, 0], "count: U": [0, 8]})
    >>> plot_outlet_comparison(t).get_xlabel()
    'Log ratio against the rest of the set (binary log: 1 = twice as frequent)'
    """
    from matplotlib.transforms import Bbox, ScaledTranslation

    groups = [c.removeprefix("log_ratio: ") for c in table.columns if c.startswith("log_ratio: ")]
    sizes = table["characteristic_of"].value_counts()
    lane_rows = max(4, int(sizes.max()) if len(sizes) else 4)
    ax = _axes(ax, (10, 1.2 + len(groups) * (0.2 + 0.15 * lane_rows)))
    fig = ax.figure
    rows = list(zip(table.index, table["characteristic_of"], strict=True))
    x = np.array([table.at[i, f"log_ratio: {g}"] for i, g in rows], dtype=float)
    counts = np.array([table.at[i, f"count: {g}"] for i, g in rows], dtype=float)
    lane = table["characteristic_of"].map({g: k for k, g in enumerate(groups)}).to_numpy(dtype=float)
    colors = sns.color_palette(n_colors=max(len(groups), 1))
    area = 12 + 80 * np.sqrt(counts / max(counts.max(), 1)) if len(counts) else 12
    ax.scatter(x, lane, s=area, c=[colors[int(k)] for k in lane], alpha=0.8, zorder=3)
    span = (float(np.nanmin(x)), float(np.nanmax(x))) if len(x) else (0.0, 1.0)
    pad = max(0.1 * (span[1] - span[0]), 0.5)
    ax.set_xlim(min(span[0] - pad, 0), span[1] + 3 * pad)
    ax.set_ylim(len(groups) - 0.5, -0.5)  # first group on top
    ax.set_yticks(range(len(groups)), [f"{g}\n({int(sizes.get(g, 0))} terms)" for g in groups])
    for k in range(len(groups) - 1):
        ax.axhline(k + 0.5, color="#bbbbbb", linewidth=0.8)
    renderer = fig.canvas.get_renderer()
    points = ax.transData.transform(np.column_stack([x, lane])) if len(x) else np.zeros((0, 2))
    radius = np.sqrt(np.asarray(area, dtype=float) * np.ones(len(x))) / 2 * fig.dpi / 72
    placed = [Bbox.from_extents(px - r, py - r, px + r, py + r) for (px, py), r in zip(points, radius, strict=True)]
    step = 0.9 / lane_rows
    offsets = [0.0] + [s * step * k for k in range(1, lane_rows + 1) for s in (-1, 1)]
    for i in np.argsort(-table["keyness"].to_numpy(dtype=float), kind="stable"):
        shift = ScaledTranslation((radius[i] * 72 / fig.dpi + 2) / 72, 0, fig.dpi_scale_trans)
        label = ax.text(x[i], lane[i], str(table["term"].iloc[i]), ha="left", va="center", fontsize=8, zorder=4,
                        transform=ax.transData + shift)
        inside = [lane[i] + o for o in offsets if abs(o) <= 0.45]
        outside = [lane[i] + s * step * k for k in range(lane_rows + 1, 40 * lane_rows) for s in (-1, 1)]
        if not _free_spot(label, inside, placed, x[i], renderer):  # lane full: keep going outwards
            _free_spot(label, outside, placed, x[i], renderer)
        if label.get_position()[1] != lane[i]:
            ax.plot([x[i], x[i]], [lane[i], label.get_position()[1]], color="#999999", linewidth=0.5, zorder=2)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(f"Terms most characteristic of each {by} (keyness against the rest; dot area = count)")
    ax.set_xlabel("Log ratio against the rest of the set (binary log: 1 = twice as frequent)")
    ax.set_ylabel(by.capitalize())
    ax.grid(axis="y", visible=False)
    return ax


def plot_run_changes(changes: pd.DataFrame, *, by: str = "outlet", top: int = 20, ax: Axes | None = None) -> Axes:
    """Diverging bars of the ``top`` changes by G² between two article sets (from ``compare_runs``), with counts.

    Bars are the change in rate per 1,000 words (red: rose, blue: fell), labelled ``old → new`` counts.

    >>> c = pd.DataFrame({"aspect": ["term", "frame"], "outlet": ["X", "Y"], "item": ["war", "Economic"],
    ...     "old_count": [0, 9], "new_count": [4, 1], "change": [2.0, -1.5], "g2": [5.5, 7.0]})
    >>> plot_run_changes(c).get_xlabel()
    'Change in rate per 1,000 words (new set minus old set)'
    """
    shown = changes.nlargest(top, "g2").sort_values("change")
    ax = _axes(ax, (10, max(3.0, 0.32 * len(shown) + 1)))
    labels = [f"{a} · {g} · {i}" for a, g, i in zip(shown["aspect"], shown[by], shown["item"], strict=True)]
    values = shown["change"].to_numpy(dtype=float)
    ax.barh(range(len(shown)), values, color=["#c44e52" if v > 0 else "#4c72b0" for v in values])
    ax.set_yticks(range(len(shown)), labels, fontsize=8)
    for y, (value, old, new) in enumerate(zip(values, shown["old_count"], shown["new_count"], strict=True)):
        ax.annotate(f"{old} → {new}", (value, y), xytext=(3 if value > 0 else -3, 0), textcoords="offset points",
                    ha="left" if value > 0 else "right", va="center", fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.margins(x=0.15)  # room for the count labels
    ax.set_title(f"What changed between the two sets: top {len(shown)} changes by G² (labels: old → new count)")
    ax.set_xlabel("Change in rate per 1,000 words (new set minus old set)")
    ax.set_ylabel("Aspect · group · item")
    return ax


def plot_topic_shares(shares: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Heat map of each group's mean topic share (rows: topics by label; columns: groups), values written in.

    ``shares`` is ``topics(...).shares``; the number of articles whose main topic it is stands under each share.

    >>> s = pd.DataFrame({"topic": [1, 1], "label": ["gas · prices", "gas · prices"], "outlet": ["X", "Y"],
    ...                   "share": [0.8, 0.1], "articles": [3, 0]})
    >>> plot_topic_shares(s).get_title()
    'Share of each topic in the articles of each outlet'
    """
    ax = _axes(ax, (9, max(3, 0.45 * shares["topic"].nunique() + 1.5)))
    labels = shares.assign(row=shares["topic"].astype(str) + ". " + shares["label"].astype(str))
    grid = labels.pivot(index="row", columns=by, values="share")
    counts = labels.pivot(index="row", columns=by, values="articles")
    order = sorted(grid.index, key=lambda r: int(r.split(".")[0]))
    grid, counts = grid.loc[order], counts.loc[order]
    text = np.vectorize(lambda s, n: f"{s:.0%}\n(n={int(n)})")(grid.to_numpy(), counts.to_numpy())
    sns.heatmap(grid, annot=text, fmt="", cmap="Blues", vmin=0, cbar_kws={"label": "Mean topic share"}, ax=ax)
    ax.set_title(f"Share of each topic in the articles of each {by}")
    ax.set_xlabel(by.capitalize())
    ax.set_ylabel("Topic (top words)")
    return ax


def plot_agency(summary: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None) -> Axes:
    """Stacked bars: the share of each construction among each group's harm words, with the counts behind them.

    ``summary`` is :func:`analysis.agency_summary` output.

    >>> s = pd.DataFrame({"outlet": ["X", "X"], "construction": ["active", "agentless passive"],
    ...                   "hits": [1, 3], "share": [0.25, 0.75]})
    >>> plot_agency(s).get_xlabel()
    'Share of harm words (%)'
    """
    ax = _axes(ax, (9, max(2.5, 0.6 * summary[by].nunique() + 1.5)))
    grid = summary.pivot_table(index=by, columns="construction", values="share", observed=False, fill_value=0)
    totals = summary.groupby(by)["hits"].sum()
    left = np.zeros(len(grid))
    colours = sns.color_palette("deep", len(grid.columns))
    for colour, construction in zip(colours, grid.columns, strict=True):
        values = 100 * grid[construction].to_numpy()
        ax.barh([f"{g} (n={int(totals[g])})" for g in grid.index], values, left=left, color=colour,
                label=str(construction))
        left += values
    ax.set_title(f"Who does the harm: constructions of harm words by {by}")
    ax.set_xlabel("Share of harm words (%)")
    ax.set_ylabel(by.capitalize())
    ax.legend(title="Construction", bbox_to_anchor=(1.01, 1), loc="upper left")
    return ax
