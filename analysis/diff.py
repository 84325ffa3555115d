"""What changed between two runs: the same analyses on an old and a new article set, compared per group.

:func:`compare_runs` answers "what rose or fell since last week?" for words, loaded terms, naming
variants, sources and frames, with the articles responsible; :func:`run_changes_section` turns the
result into a notebook section (figure and table) for ``python -m analysis diff`` and for the
"What changed" section of ``python -m analysis report --compare``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import find_frame_cues
from .frequencies import g2, term_frequencies
from .html import escape_markdown, figure_png
from .lexicons import LexiconLike
from .loaded_terms import find_loaded_terms
from .naming import find_naming_variants
from .rates import article_words, per_1000
from .sources import attributions
from .tokens import english_only

__all__ = ["ASPECTS", "RUN_CHANGE_COLUMNS", "compare_runs", "run_changes_section"]

#: The aspects compared, in the order of the output.
ASPECTS = ["term", "loaded_term", "naming", "source", "frame"]
#: Columns of :func:`compare_runs` (``outlet`` is the ``by`` column).
RUN_CHANGE_COLUMNS = ["aspect", "outlet", "item", "old_count", "new_count", "old_rate", "new_rate", "change", "g2",
                      "direction", "articles"]


def _per_article(articles: pd.DataFrame, *, lexicon: LexiconLike, naming: LexiconLike,
                 frames: LexiconLike) -> pd.DataFrame:
    """Counts per article and item for every aspect: ``aspect``, ``article_id``, ``item``, ``n`` (body text only)."""
    words = term_frequencies(articles, by="article_id", stopwords=True)
    parts = [pd.DataFrame({"aspect": "term", "article_id": words["article_id"].astype(str),
                           "item": words["term"].astype(str), "n": words["count"]})]
    loaded = find_loaded_terms(articles, lexicon)
    loaded = loaded[(loaded["field"] == "text").to_numpy(dtype=bool)]
    category = loaded["category"].astype(str)
    names = find_naming_variants(articles, naming)
    names = names[(names["field"] == "text").to_numpy(dtype=bool)]
    cues = find_frame_cues(articles, frames)
    cues = cues[(cues["field"] == "text").to_numpy(dtype=bool)]
    cited = attributions(articles)
    hits = [("loaded_term", loaded["article_id"], loaded["term"].astype(str) + " (" + category + ")"),
            ("loaded_term", loaded["article_id"], category + " (all terms)"),
            ("naming", names["article_id"], names["concept"].astype(str) + ": " + names["variant"].astype(str)),
            ("source", cited["article_id"], cited["source"].astype(str)),
            ("frame", cues["article_id"], cues["frame"].astype(str))]
    for aspect, article_ids, items in hits:
        counted = pd.DataFrame({"article_id": article_ids.astype(str).to_numpy(), "item": items.to_numpy()})
        counted = counted.groupby(["article_id", "item"], sort=False).size().rename("n").reset_index()
        parts.append(counted.assign(aspect=aspect))
    return pd.concat(parts, ignore_index=True)[["aspect", "article_id", "item", "n"]]


def _responsible(per_article: pd.DataFrame, by: str, shown: int) -> pd.Series:
    """``"id (n), id (n)"``: the ``shown`` articles with most hits, per aspect, group and item."""
    keys = ["aspect", by, "item"]
    ranked = per_article.sort_values(["n", "article_id"], ascending=[False, True])
    ranked = ranked.groupby(keys, sort=False).head(shown)
    labels = (ranked["article_id"] + " (" + ranked["n"].astype(str) + ")").tolist()
    group = ranked.groupby(keys, sort=False).ngroup().to_numpy()  # -1: a key is missing (no group, as groupby drops it)
    order = np.argsort(group, kind="stable")
    bounds = np.flatnonzero(np.diff(group[order], prepend=-2, append=-2))
    joined = [", ".join(labels[i] for i in order[a:b].tolist()) for a, b in zip(bounds[:-1], bounds[1:], strict=True)
              if group[order[a]] >= 0]
    index = pd.MultiIndex.from_frame(ranked[keys].iloc[order[bounds[:-1]]][group[order[bounds[:-1]]] >= 0])
    return pd.Series(joined, index=index, dtype=object)


def compare_runs(
    old: pd.DataFrame,
    new: pd.DataFrame,
    *,
    by: str = "outlet",
    lexicon: LexiconLike = None,
    naming: LexiconLike = None,
    frames: LexiconLike = None,
    min_count: int = 3,
    top: int | None = None,
    shown: int = 5,
) -> pd.DataFrame:
    """Which terms, loaded terms, naming variants, sources and frames rose or fell per group between two sets.

    For every group (``by``) present in either set, and every item of each aspect:

    - ``term``: a word (lower case, stop words and numbers left out, as :func:`analysis.term_frequencies`);
    - ``loaded_term``: a loaded-terms lexicon entry, ``"regime (pejorative)"``, and each category,
      ``"pejorative (all terms)"`` (:func:`analysis.find_loaded_terms`; all voices);
    - ``naming``: a competing name, ``"the war: special military operation"`` (:func:`analysis.find_naming_variants`);
    - ``source``: a cited source as :func:`analysis.attributions` normalises it;
    - ``frame``: a Media Frames Corpus dimension's cue words (:func:`analysis.find_frame_cues`).

    Columns (:data:`RUN_CHANGE_COLUMNS`, ``outlet`` named after ``by``): ``old_count``/``new_count``
    (matches in the body texts of the group's English articles; headlines are not counted),
    ``old_rate``/``new_rate`` (per 1,000 words of those texts; 0 where the group has no article in a
    set), ``change`` (``new_rate - old_rate``), ``g2`` (log-likelihood of the 2×2 table item/other
    words × new/old: how surprising the change is for its size; about 3.8 is p = 0.05, 6.6 is p = 0.01),
    ``direction`` (``rose`` or ``fell``) and ``articles``: the articles responsible, ``"article_id (hits)"``,
    most hits first — of the new set for a rise, of the old set for a fall. Rows with
    ``old_count + new_count < min_count`` or no change are left out; sorted by aspect, group and G².

    Args:
        old: the earlier article set (e.g. last week's).
        new: the later article set.
        by: article column to group by.
        lexicon: loaded-terms lexicon; default the shipped ``loaded_terms``.
        naming: naming table; default the shipped ``naming``.
        frames: frame-cue table; default the shipped ``frames``.
        min_count: least number of matches in both sets together.
        top: keep only the ``top`` rows by G² per aspect, group and direction (default all).
        shown: article ids listed per row.

    >>> old = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Talks went on. Talks ended."]})
    >>> new = pd.DataFrame({"article_id": ["b"], "outlet": ["X"], "text": ["The war went on. War everywhere."]})
    >>> compare_runs(old, new, min_count=2).query("aspect == 'term'")[["item", "old_count", "new_count", "articles"]].values.tolist()
    [['talks', 2, 0, 'a (2)'], ['war', 0, 2, 'b (2)'], ['went', 1, 1, 'a (1)']]
    """
    old, new = english_only(old), english_only(new)
    tables = []
    for arts in (old, new):
        counts = _per_article(arts, lexicon=lexicon, naming=naming, frames=frames)
        counts[by] = counts["article_id"].map(dict(zip(arts["article_id"].astype(str), arts[by], strict=True)))
        words = pd.Series(article_words(arts, headlines=False), index=arts.index)  # body text only, as counted
        tables.append((counts, words.groupby(arts[by], observed=True).sum()))
    (old_hits, old_words), (new_hits, new_words) = tables
    keys = ["aspect", by, "item"]
    out = pd.concat([old_hits.groupby(keys, sort=False)["n"].sum().rename("old_count"),
                     new_hits.groupby(keys, sort=False)["n"].sum().rename("new_count")], axis=1)
    out = out.fillna(0).astype("int64").reset_index()
    out = out[out["old_count"] + out["new_count"] >= min_count]
    words_old = out[by].map(old_words).fillna(0).to_numpy(dtype=float)
    words_new = out[by].map(new_words).fillna(0).to_numpy(dtype=float)
    a, b = out["new_count"].to_numpy(dtype=float), out["old_count"].to_numpy(dtype=float)
    out["old_rate"] = per_1000(b, words_old)
    out["new_rate"] = per_1000(a, words_new)
    out["change"] = out["new_rate"] - out["old_rate"]
    out["g2"] = g2(a, b, np.maximum(words_new - a, 0), np.maximum(words_old - b, 0))
    out = out[out["change"] != 0]
    out["direction"] = np.where(out["change"] > 0, "rose", "fell")
    rose = _responsible(new_hits, by, shown)
    fell = _responsible(old_hits, by, shown)
    index = pd.MultiIndex.from_frame(out[keys])
    out["articles"] = np.where(out["direction"] == "rose", rose.reindex(index).to_numpy(), fell.reindex(index).to_numpy())
    out["aspect"] = pd.Categorical(out["aspect"], categories=ASPECTS, ordered=True)
    out = out.sort_values(["aspect", by, "g2", "item"], ascending=[True, True, False, True], ignore_index=True)
    if top is not None:
        out = out.groupby(["aspect", by, "direction"], observed=True, sort=False).head(top).reset_index(drop=True)
    out["aspect"] = out["aspect"].astype("string")
    for column in ["item", "direction", "articles"]:
        out[column] = out[column].astype("string")
    return out[[c if c != "outlet" else by for c in RUN_CHANGE_COLUMNS]]


def run_changes_section(
    changes: pd.DataFrame,
    *,
    old_name: str,
    new_name: str,
    by: str = "outlet",
    top: int = 20,
):
    """A notebook section (heading, figure, table) presenting a :func:`compare_runs` result, for the HTML pages.

    The figure is :func:`analysis.plots.plot_run_changes`; the table holds the ``top`` changes by G² of
    each aspect, every cell escaped (pandas ``to_html``). Names are escaped too.

    >>> changes = pd.DataFrame({"aspect": ["term"], "outlet": ["X"], "item": ["war"], "old_count": [0],
    ...     "new_count": [4], "old_rate": [0.0], "new_rate": [2.0], "change": [2.0], "g2": [5.5],
    ...     "direction": ["rose"], "articles": ["b (4)"]})
    >>> [c.cell_type for c in run_changes_section(changes, old_name="<a>", new_name="b").cells]
    ['markdown', 'code', 'markdown', 'code']
    """
    import matplotlib.pyplot as plt
    import nbformat

    from .plots import plot_run_changes

    ax = plot_run_changes(changes, by=by)
    image = figure_png(ax)
    plt.close(ax.figure)
    shown = (changes.sort_values("g2", ascending=False).groupby("aspect", sort=False).head(top)
             .sort_values(["aspect", by, "g2"], ascending=[True, True, False]))
    shown = shown.round({"old_rate": 3, "new_rate": 3, "change": 3, "g2": 1})
    old, new = escape_markdown(old_name), escape_markdown(new_name)  # text, never a link or markup
    figure = nbformat.v4.new_code_cell("")
    figure.outputs = [nbformat.v4.new_output("display_data", data={"image/png": image, "text/plain": "figure"})]
    table = nbformat.v4.new_code_cell("")
    table.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": shown.to_html(index=False, escape=True, na_rep=""), "text/plain": shown.to_string()})]
    counts = changes.groupby(["aspect", "direction"]).size()
    summary = ", ".join(f"{n} {aspect} items {direction}" for (aspect, direction), n in counts.items())
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(
            f"# What changed since {old}\n\nThe same analyses on the old set (*{old}*) and the new set (*{new}*), "
            f"per {escape_markdown(by)}: words, loaded terms, naming variants, sources and frames whose rate per 1,000 "
            f"words rose or fell ({escape_markdown(summary) or 'no change'}). G² says how surprising a change is for its "
            "size (3.8: p = 0.05; 6.6: p = 0.01); small counts move a lot by chance."),
        figure,
        nbformat.v4.new_markdown_cell(
            f"## The largest changes (top {top} per aspect by G²)\n\n`articles` lists the articles responsible: "
            "of the new set for a rise, of the old set for a fall, most hits first."),
        table,
    ])
