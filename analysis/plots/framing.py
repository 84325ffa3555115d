"""Figures of framing and comparison: naming contests, frame shares, reporting verbs, outlets side by side,
run changes, topics and agency."""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from .base import new_axes

__all__ = ["plot_naming_contests", "plot_frame_shares", "plot_reporting_verbs", "plot_outlet_comparison", "plot_run_changes", "plot_topic_shares", "plot_agency"]


def plot_naming_contests(contests: pd.DataFrame, *, concept: str | None = None, by: str = "outlet",
                         voice: str = "own", ax: Axes | None = None) -> Axes:
    """Share of each competing name for one concept per group, in the group's own voice or in all voices.

    ``contests`` is the output of :func:`analysis.naming.naming_contests` with the same ``by``; bars are
    labelled with the hit counts behind them. ``concept`` defaults to the concept with the most hits.

    >>> c = pd.DataFrame({"outlet": ["K", "K"], "concept": ["the war"] * 2, "variant": ["war", "conflict"],
    ...     "hits": [1, 3], "own_voice": [1, 2], "share": [0.25, 0.75], "own_share": [1 / 3, 2 / 3]})
    >>> plot_naming_contests(c).get_xlabel()
    "Share of the group's own-voice names for the war (bar labels: hits)"
    """
    share, count = ("own_share", "own_voice") if voice == "own" else ("share", "hits")
    if concept is None:
        totals = contests.groupby("concept", sort=True)["hits"].sum()
        concept = str(totals.idxmax()) if len(totals) else ""
    data = contests[contests["concept"] == concept].fillna({share: 0.0})
    ax = new_axes(ax, (9, 1.5 + 0.6 * data[by].nunique()))
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
    ax = new_axes(ax, (9, 1.5 + 0.45 * shares["frame"].nunique()))
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
    ax = new_axes(ax, (9, 1.5 + 0.4 * top))
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
    ax = new_axes(ax, (10, 1.2 + len(groups) * (0.2 + 0.15 * lane_rows)))
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
    ax = new_axes(ax, (10, max(3.0, 0.32 * len(shown) + 1)))
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
    ax = new_axes(ax, (9, max(3, 0.45 * shares["topic"].nunique() + 1.5)))
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
    ax = new_axes(ax, (9, max(2.5, 0.6 * summary[by].nunique() + 1.5)))
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
