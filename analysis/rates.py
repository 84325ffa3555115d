"""Rates per 1,000 words: the one rule, the one column name, the one grouped table.

Every rate in the package is ``1000 * hits / words`` (:func:`per_1000`), in a column named
``per_1000`` (prefixed where a table holds several: ``hedges_per_1000``, ``loaded_per_1000``).

**The denominator rule.** ``words`` counts the word tokens (:func:`analysis.tokens.count_words`:
the tokenizer's tokens, stop words and numbers included) of *the fields that were searched*:

- headline and body text for the lexicon views, whose finders read headlines too
  (:func:`analysis.find_loaded_terms`, :func:`analysis.naming.find_naming_variants`,
  :func:`analysis.frames.find_frame_cues`): loaded terms, frames, hedges, a story's loaded terms;
- the body text only for term counts, KWIC matches and the changes between runs, which read the
  body only (:func:`analysis.term_frequencies`, :func:`analysis.term_over_time`,
  :func:`analysis.compare_terms`, :func:`analysis.diff.compare_runs`); this is the article table's
  ``n_words`` column.

So a rate never mixes hits of one field with words of another. A group with no words has rate 0.
Only English articles are counted by :func:`rate_table` and :func:`article_groups`, as the finders
read English articles only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .tokens import count_words, english_only

__all__ = ["RATE", "article_groups", "article_words", "count_hits", "per_1000", "rate_table"]

#: The name of a rate column (``hits`` per 1,000 words); tables with several prefix it (``hedges_per_1000``).
RATE = "per_1000"


def per_1000(count, words):
    """``1000 * count / words``, elementwise, and 0.0 where ``words`` is 0 (no words: nothing to count).

    Args:
        count: hits (a number, an array or a Series).
        words: the words behind them, by the rule of this module (same shape as ``count``).

    >>> per_1000(3, 1500), per_1000(np.array([1, 0]), np.array([0, 0])).tolist()
    (2.0, [0.0, 0.0])
    """
    if isinstance(count, pd.Series) or isinstance(words, pd.Series):
        index = count.index if isinstance(count, pd.Series) else words.index
        values = per_1000(np.asarray(count, dtype="float64"), np.asarray(words, dtype="float64"))
        return pd.Series(values, index=index)
    count, words = np.asarray(count, dtype="float64"), np.asarray(words, dtype="float64")
    rate = np.where(words > 0, 1000 * count / np.where(words > 0, words, 1), 0.0)
    return float(rate) if rate.ndim == 0 else rate


def article_words(articles: pd.DataFrame, *, headlines: bool = True) -> np.ndarray:
    """Word tokens per article: the body (``n_words`` if present, else counted) plus, if ``headlines``, the title.

    >>> article_words(pd.DataFrame({"title": ["Talks fail"], "text": ["They met. It failed."]})).tolist()
    [6]
    """
    words = (articles["n_words"].to_numpy(dtype=np.int64) if "n_words" in articles
             else articles["text"].fillna("").astype(str).map(count_words).to_numpy(dtype=np.int64))
    if headlines and "title" in articles:
        words = words + articles["title"].fillna("").astype(str).map(count_words).to_numpy(dtype=np.int64)
    return words


def article_groups(articles: pd.DataFrame, by: str) -> pd.Series:
    """The ``by`` value of each English article, indexed by ``article_id`` (to map hit rows to groups).

    >>> article_groups(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["War."]}), "outlet").to_dict()
    {'a': 'X'}
    """
    arts = english_only(articles)
    if by not in arts:
        raise KeyError(f"articles have no column {by!r}")
    return pd.Series(arts[by].to_numpy(), index=arts["article_id"].to_numpy())


def count_hits(hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet",
               count: str = "category") -> pd.DataFrame:
    """Hits and articles with hits per group × value of ``count``: the counts of :func:`rate_table`.

    One row per pair with hits: ``by``, ``count`` (its dtype kept, so a categorical column's categories
    stay known), ``hits`` and ``articles_with_hits``. Counts of disjoint sets of articles add up, so a
    set counted in partitions is the sum of the partitions' counts (:func:`analysis.pipeline.run_pipeline`).

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "text": ["", ""]})
    >>> hits = pd.DataFrame({"article_id": ["a", "a", "b"], "category": ["pejorative"] * 3})
    >>> count_hits(hits, frame).values.tolist()
    [['X', 'pejorative', 3, 2]]
    """
    arts = english_only(articles)
    if by not in arts:
        raise KeyError(f"articles have no column {by!r}")
    groups = dict(zip(arts["article_id"], arts[by], strict=False))
    frame = pd.DataFrame({by: hits["article_id"].map(groups), count: hits[count], "article_id": hits["article_id"]})
    return (frame.groupby([by, count], observed=True, dropna=False)
            .agg(hits=("article_id", "size"), articles_with_hits=("article_id", "nunique")).reset_index())


def rate_table(hits: pd.DataFrame | None, articles: pd.DataFrame, *, by: str = "outlet", count: str = "category",
               headlines: bool = True, counted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hits per 1,000 words for each group × value of ``count``, with the counts behind every rate.

    One row per group × value (values without hits in a group included, at zero; a categorical
    column's categories all appear, in their order): ``by``, ``count``, ``hits``, ``articles_with_hits``
    (articles of the group with at least one hit of the value), ``articles`` and ``words`` of the
    group (English articles only; headline words included when ``headlines``) and ``per_1000``.

    Args:
        hits: one row per hit, with ``article_id`` and the ``count`` column (e.g. the output of
            :func:`analysis.find_loaded_terms`; filter it first to count, say, own-voice hits only);
            ``None`` when ``counted`` is given.
        articles: the article table the hits came from.
        by: article column to group by.
        count: hit column whose values are counted separately.
        headlines: whether the hits were searched in headlines too (the denominator rule above).
        counted: the hits already counted by :func:`count_hits` (or the sum of such counts over
            partitions of ``articles``), instead of ``hits``.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["", ""],
    ...                       "text": ["A brutal regime.", "Talks went on all day."]})
    >>> hits = pd.DataFrame({"article_id": ["a"], "category": ["pejorative"]})
    >>> rate_table(hits, frame)[["outlet", "hits", "words", "per_1000"]].values.tolist()
    [['X', 1, 3, 333.33...], ['Y', 0, 5, 0.0]]
    """
    arts = english_only(articles)
    if by not in arts:
        raise KeyError(f"articles have no column {by!r}")
    sizes = (pd.DataFrame({by: arts[by].to_numpy(), "words": article_words(arts, headlines=headlines)})
             .groupby(by, observed=True, dropna=False).agg(articles=("words", "size"), words=("words", "sum")))
    counted = count_hits(hits, arts, by=by, count=count) if counted is None else counted
    values = (list(counted[count].cat.categories) if isinstance(counted[count].dtype, pd.CategoricalDtype)
              else sorted(counted[count].dropna().unique()))
    grid = pd.MultiIndex.from_product([sizes.index, values], names=[by, count])
    out = counted.set_index([by, count]).reindex(grid, fill_value=0).reset_index()
    if out.empty:  # no group or no value (an empty set): the key takes the groups' type, as the join needs
        out[by] = out[by].astype(sizes.index.dtype)
    out = out.join(sizes, on=by)
    out[RATE] = per_1000(out["hits"].to_numpy(), out["words"].to_numpy())
    out[count] = out[count].astype("string")
    return out.astype({"hits": "int64", "articles_with_hits": "int64", "articles": "int64", "words": "int64"})
