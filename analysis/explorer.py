"""The explorer panel for JupyterLab: groups, period, term or category → counts, KWIC lines, one article.

:func:`explore` is an ipywidgets panel (core widgets only, no JupyterLab extension). It only lays out
and wires the widgets: every view it shows comes from a data function of :mod:`analysis.explore`
(:func:`~analysis.explore.explore_counts`, :func:`~analysis.explore.explore_lines`,
:func:`~analysis.explore.highlight_article`) and every piece of HTML from :mod:`analysis.html`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .explore import explore_counts, explore_lines, highlight_article
from .html import escape_text, figure_png, kwic_table
from .lexicons import LexiconLike, resolve_lexicon

__all__ = ["explore"]


def explore(
    articles: pd.DataFrame,
    *,
    by: str = "outlet",
    term: str = "war",
    lexicon: LexiconLike = None,
    freq: str = "D",
    window: int = 8,
    max_lines: int = 200,
):
    """An interactive explorer (ipywidgets): groups, period, term or category → counts, KWIC lines, article.

    Pick groups (several with Ctrl/Cmd-click), a period, and type a term (word, phrase or glob such
    as ``annex*``) or choose a lexicon category; the panel shows matches per 1,000 words over time,
    the KWIC lines, and a selector of those lines: choosing one shows the whole article with the term,
    loaded terms and attributions highlighted (:func:`highlight_article`). Uses only the core widgets
    of ipywidgets 8, so it works in JupyterLab and Notebook without any extension; the data behind each
    view comes from :func:`explore_counts`, :func:`explore_lines` and :func:`highlight_article`.

    Args:
        articles: article table.
        by: article column to group by.
        term: the term shown first.
        lexicon: loaded-terms lexicon (categories and highlights); default the shipped ``loaded_terms``.
        freq: period of the figure (``"D"``, ``"W"``, ``"M"``).
        window: words of context in the KWIC lines.
        max_lines: lines shown in the table and the selector.

    Returns:
        an :class:`ipywidgets.VBox`; its ``views`` attribute maps view names to the widgets inside
        (``groups``, ``start``, ``end``, ``term``, ``hint``, ``category``, ``counts``, ``lines``, ``line``,
        ``article``, ``status``), and ``refresh()`` redraws it. A filter that leaves no line empties the
        article view; the term box applies on Enter (the ``hint`` under it says so).

    >>> panel = explore(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "title": ["T"], "text": ["A war."],
    ...     "n_words": [2], "published": pd.to_datetime(["2022-02-24"], utc=True)}))
    >>> panel.views["line"].options[0][0], "<mark" in panel.views["article"].value
    ('1. X 2022-02-24: …A [war]…', True)
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from .plots import plot_term_over_time

    table = resolve_lexicon(lexicon)
    names = sorted(articles[by].dropna().astype(str).unique())
    dates = articles["published"].dropna()
    first = dates.min().date() if len(dates) else None
    last = dates.max().date() if len(dates) else None
    views = {
        "groups": widgets.SelectMultiple(options=names, value=tuple(names), rows=min(6, max(len(names), 2)),
                                         description=by.capitalize()),
        "start": widgets.DatePicker(value=first, description="From"),
        "end": widgets.DatePicker(value=last, description="To"),
        "term": widgets.Text(value=term, description="Term", placeholder="word, phrase or glob, then Enter",
                             continuous_update=False),
        "hint": widgets.HTML("<small>The term applies when you press Enter (or leave the box).</small>"),
        "category": widgets.Dropdown(options=[("(the term)", "")] + [(c, c) for c in
                                     dict.fromkeys(table["category"].astype(str))], value="",
                                     description="or category"),
        "status": widgets.HTML(),
        "counts": widgets.Output(),
        "lines": widgets.HTML(),
        "line": widgets.Select(options=[], rows=8, description="Read line", layout=widgets.Layout(width="100%")),
        "article": widgets.HTML(),
    }
    state: dict[str, object] = {"lines": pd.DataFrame()}

    def options() -> dict:
        category = views["category"].value
        return {"term": None if category else (views["term"].value.strip() or None), "category": category or None,
                "lexicon": table, "by": by, "groups": list(views["groups"].value), "start": views["start"].value,
                "end": views["end"].value}

    def show_article(change=None) -> None:
        lines = state["lines"]
        position = views["line"].value
        if position is None or not len(lines):
            views["article"].value = ""
            return
        chosen = options()
        views["article"].value = highlight_article(articles, str(lines["article_id"].iloc[position]),
                                                   term=chosen["term"], lexicon=table)

    def refresh(change=None) -> None:
        chosen = options()
        views["counts"].outputs = ()
        if not (chosen["term"] or chosen["category"]):
            views["status"].value = "<b>Type a term and press Enter, or choose a category.</b>"
            state["lines"] = pd.DataFrame()
            views["lines"].value, views["line"].options, views["article"].value = "", [], ""
            return
        try:
            counts = explore_counts(articles, freq=freq, **chosen)
            lines = explore_lines(articles, window=window, **chosen)
        except ValueError as exc:  # a malformed regex or glob: say so in the panel
            views["status"].value = f"<b>{escape_text(exc)}</b>"
            state["lines"] = pd.DataFrame()
            views["lines"].value, views["line"].options, views["article"].value = "", [], ""
            return
        state["lines"] = lines
        searched = chosen["term"] or f"category {chosen['category']}"
        views["status"].value = escape_text(f"{len(lines)} matches of {searched!r} in "
                                            f"{lines['article_id'].nunique()} articles")
        if len(counts):  # the figure as a PNG output: works the same with or without a live kernel
            ax = plot_term_over_time(counts, by=by, term=searched)
            views["counts"].outputs = ({"output_type": "display_data", "metadata": {},
                                        "data": {"image/png": figure_png(ax), "text/plain": f"figure: {searched}"}},)
            plt.close(ax.figure)
        views["lines"].value = kwic_table(lines, by=by, limit=max_lines)
        views["line"].options = [(label, i) for i, label in enumerate(lines["label"].head(max_lines))]
        views["line"].value = 0 if len(lines) else None
        if not len(lines):  # a filter that leaves no line leaves no article to read
            views["article"].value = ""
        show_article()

    for name in ("groups", "start", "end", "term", "category"):
        views[name].observe(refresh, names="value")
    views["line"].observe(show_article, names="value")
    panel = _Explorer([
        widgets.HBox([views["groups"], widgets.VBox([views["start"], views["end"]]),
                      widgets.VBox([views["term"], views["hint"], views["category"]])]),
        views["status"], views["counts"], views["lines"], views["line"], views["article"]])
    panel.views, panel.refresh = views, refresh
    refresh()
    return panel


@lru_cache(maxsize=1)
def _explorer_class() -> type:
    import ipywidgets as widgets

    class Explorer(widgets.VBox):
        """The explorer panel; a short text stands in for it where widgets cannot be shown (static HTML)."""

        def __repr__(self) -> str:
            return "Framing Lab explorer (interactive: open the notebook in JupyterLab and run it to use it)"

    return Explorer


def _Explorer(children: list) -> object:  # noqa: N802 - made on first use: importing analysis skips ipywidgets
    return _explorer_class()(children)
