"""Same story, different outlets: articles grouped by text similarity within a date window, compared side by side.

:func:`group_stories` links articles whose TF-IDF vectors (:func:`analysis.tfidf.tfidf_matrix`) are
close and that were published within a few days of each other; :func:`compare_stories` puts the
groups covering one story side by side: headlines, tone, loaded terms, names, sources.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .lexicons import LexiconLike, resolve_lexicon
from .loaded_terms import find_loaded_terms
from .naming import find_naming_variants
from .rates import rate_table
from .sources import attributions, top_labels
from .tfidf import term_matrix, tfidf_matrix
from .tokens import english_only

__all__ = ["STORY_COLUMNS", "compare_stories", "group_stories"]


STORY_COLUMNS = ["article_id", "outlet", "published", "title", "story_id", "story_size", "story_outlets"]


def group_stories(articles: pd.DataFrame, *, threshold: float = 0.3, window_days: float = 3) -> pd.DataFrame:
    """Group articles that cover the same event: text similarity within a date window, then connected groups.

    Two articles are linked when the cosine similarity of their TF-IDF vectors (headline and text
    words from the shared tokens layer, stop words and numbers dropped, sublinear term frequency)
    is at least ``threshold`` and they were published at most ``window_days`` apart; undated
    articles are compared only with undated ones. Similarities are computed as sparse matrix products,
    one day's articles against those of the following ``window_days`` days, never all pairs. A story
    is a connected group of links, so two articles can share a story through a third (chaining).

    Returns one row per English article (:data:`STORY_COLUMNS`): ``story_id`` (0, 1, ... by date of
    the story's first article), ``story_size`` (articles in it; 1 = no other article covers it) and
    ``story_outlets`` (distinct outlets in it).

    Args:
        articles: article table (``article_id``, ``text``; ``title``, ``published``, ``outlet``).
        threshold: minimum cosine similarity for a link (0-1).
        window_days: maximum distance in days between linked articles.

    >>> frame = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"], "text": [
    ...     "Floods hit Lisbon harbour, boats sank.", "Lisbon harbour floods: many boats sank.", "Chess final in Oslo."]})
    >>> group_stories(frame)[["article_id", "story_id", "story_size"]].values.tolist()
    [['a', 0, 2], ['b', 0, 2], ['c', 1, 1]]
    """
    arts = english_only(articles)
    n = len(arts)
    titles = arts["title"].fillna("").astype(str) if "title" in arts else pd.Series([""] * n, index=arts.index)
    matrix = tfidf_matrix(term_matrix([f"{t}\n\n{x}"
                                       for t, x in zip(titles, arts["text"].fillna("").astype(str), strict=True)]))
    published = pd.to_datetime(arts["published"], utc=True) if "published" in arts else pd.Series(pd.NaT, index=arts.index)
    dated = published.notna().to_numpy()
    seconds = np.where(dated, published.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT"))
                       .astype("datetime64[s]").astype(np.int64), 0).astype(np.float64)
    day = np.floor((seconds - seconds[dated].min()) / 86400).astype(np.int64) if dated.any() else np.zeros(n, np.int64)
    links_i, links_j = [], []

    def link(rows: np.ndarray, cols: np.ndarray) -> None:
        sims = (matrix[rows] @ matrix[cols].T).tocoo()
        i, j = rows[sims.row], cols[sims.col]
        keep = (sims.data >= threshold) & (i < j)
        i, j = i[keep], j[keep]
        close = np.abs(seconds[i] - seconds[j]) <= window_days * 86400
        links_i.append(i[close])
        links_j.append(j[close])

    if dated.any():
        order = np.flatnonzero(dated)[np.argsort(day[dated], kind="stable")]
        days = day[order]
        for d in np.unique(days):
            block = order[days == d]
            near = order[(days >= d) & (days <= d + int(np.ceil(window_days)))]
            link(block, near)
    if (~dated).any():
        undated = np.flatnonzero(~dated)
        link(undated, undated)
        seconds[undated] = 0
    i = np.concatenate(links_i) if links_i else np.array([], dtype=np.int64)
    j = np.concatenate(links_j) if links_j else np.array([], dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    out = pd.DataFrame({"article_id": arts["article_id"].to_numpy(),
                        "outlet": arts["outlet"].to_numpy() if "outlet" in arts else None,
                        "published": published.to_numpy(), "title": titles.to_numpy(), "_label": labels})
    first = out.groupby("_label")["published"].transform("min")
    ranked = out.assign(_first=first, _pos=np.arange(n)).sort_values(["_first", "_pos"], na_position="last")
    story_of = {label: k for k, label in enumerate(pd.unique(ranked["_label"]))}
    out["story_id"] = out["_label"].map(story_of).astype("int64")
    out["story_size"] = out.groupby("story_id")["article_id"].transform("size").astype("int64")
    out["story_outlets"] = out.groupby("story_id")["outlet"].transform("nunique").astype("int64")
    out["title"] = out["title"].astype("string")
    return out[STORY_COLUMNS]


def compare_stories(articles: pd.DataFrame, stories: pd.DataFrame, *, by: str = "outlet", min_groups: int = 2,
                    lexicon: LexiconLike = None, naming: LexiconLike = None, top: int = 3) -> pd.DataFrame:
    """Within each story covered by several groups, the groups side by side: headlines, tone, loaded terms, names, sources.

    One row per story × group, for stories with at least ``min_groups`` groups (``by`` values):
    ``story_id``, ``by``, ``articles``, ``titles`` (joined with `` | ``), ``headline_compound`` (mean
    VADER compound of the headlines, :func:`analysis.sentiment.score_sentiment` at headline level),
    ``loaded_hits`` and ``loaded_per_1000`` (all categories of the loaded-terms lexicon, headlines
    included), ``naming_variants`` (``"concept: variant (n)"``, most used first) and ``top_sources``
    (from :func:`attributions`). Read the articles of a story before comparing: a story groups texts
    by shared words, not by a verified event.

    Args:
        articles: article table.
        stories: output of :func:`group_stories` for ``articles``.
        by: article column to compare across.
        min_groups: least number of groups a story must have.
        lexicon: loaded-terms lexicon (default ``loaded_terms``).
        naming: naming table (default ``naming``).
        top: how many naming variants and sources to list.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["Kyiv shelled", "Kiev shelled"],
    ...     "text": ["Heavy shelling hit Kyiv overnight.", "Heavy shelling hit Kiev overnight."]})
    >>> compare_stories(frame, group_stories(frame, threshold=0.2))[["outlet", "naming_variants"]].values.tolist()
    [['X', 'capital: Kyiv (2)'], ['Y', 'capital: Kiev (2)']]
    """
    from .sentiment import score_sentiment

    arts = english_only(articles)
    story = stories.drop_duplicates("article_id").set_index("article_id")["story_id"]
    arts = arts[arts["article_id"].isin(story.index)]
    arts = arts.assign(story_id=arts["article_id"].map(story).to_numpy())
    spread = arts.groupby("story_id")[by].nunique()
    arts = arts[arts["story_id"].isin(spread[spread >= min_groups].index)]
    keys = ["story_id", by]
    columns = [*keys, "articles", "titles", "headline_compound", "loaded_hits", "loaded_per_1000",
               "naming_variants", "top_sources"]
    if arts.empty:
        return pd.DataFrame(columns=columns)
    cell = arts["story_id"].astype(str) + "\0" + arts[by].astype(str)
    arts = arts.assign(_cell=cell.to_numpy())
    titles = arts["title"].fillna("").astype(str) if "title" in arts else pd.Series("", index=arts.index)
    out = arts.assign(_title=titles).groupby(keys, sort=True).agg(
        articles=("article_id", "size"), titles=("_title", " | ".join), _cell=("_cell", "first"))
    headlines = score_sentiment(arts, level="headline")
    out["headline_compound"] = (headlines.assign(_cell=headlines["article_id"].map(arts.set_index("article_id")["_cell"]))
                                .groupby("_cell")["vader_compound"].mean().reindex(out["_cell"]).to_numpy())
    loaded = find_loaded_terms(arts, resolve_lexicon(lexicon, "loaded_terms"))
    every = pd.Categorical(np.full(len(loaded), "all"), categories=["all"])  # all categories counted together
    rates = rate_table(loaded.assign(_all=every), arts, by="_cell", count="_all").set_index("_cell")
    out["loaded_hits"] = rates["hits"].reindex(out["_cell"]).fillna(0).astype("int64").to_numpy()
    out["loaded_per_1000"] = rates["per_1000"].reindex(out["_cell"]).fillna(0.0).to_numpy()
    names = find_naming_variants(arts, naming)
    cells = names["article_id"].map(arts.set_index("article_id")["_cell"])
    label = names["concept"] + ": " + names["variant"]
    out["naming_variants"] = top_labels(label, cells, top).reindex(out["_cell"]).fillna("").to_numpy()
    sources = attributions(arts)
    named = sources[sources["source_kind"] != "unnamed"]
    out["top_sources"] = top_labels(named["source"], named["article_id"].map(arts.set_index("article_id")["_cell"]),
                                    top).reindex(out["_cell"]).fillna("").to_numpy()
    out = out.reset_index()
    out["titles"] = out["titles"].astype("string")
    return out[columns]
