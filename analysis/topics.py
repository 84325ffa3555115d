"""Topics of the set: what it writes about, found from the words themselves, with each outlet's share.

:func:`topics` factorises the articles' TF-IDF matrix with non-negative matrix factorisation
(scikit-learn ``TfidfVectorizer`` and ``NMF``; Lee & Seung 1999; as in Greene & Cross 2017 for news):
each topic is a weighted list of words, each article a mix of topics. A topic is labelled by its top
words; it is a cluster of co-occurring words, not a theme a coder would name, and its label is for the
reader to read, not a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .tokens import article_tokens, english_only, stopwords

__all__ = ["Topics", "topics"]

_NUMBER = re.compile(r"^[\d.,:]+(?:st|nd|rd|th|s)?$")


@dataclass
class Topics:
    """What :func:`topics` finds: four tables.

    - ``terms``: ``topic``, ``label``, ``rank``, ``term``, ``weight`` (the top words of each topic);
    - ``shares``: ``topic``, ``label``, the group column, ``share`` (mean topic share of the group's
      articles: each article counts once, its topic weights summing to 1), ``articles`` (articles whose
      main topic it is);
    - ``over_time``: ``period``, the group column, ``topic``, ``label``, ``share`` (as ``shares``, per period);
    - ``documents``: ``topic``, ``label``, ``rank``, ``article_id``, the group column, ``title``,
      ``published``, ``weight`` (the topic's share of the article): the articles that best represent it.
    """

    terms: pd.DataFrame
    shares: pd.DataFrame
    over_time: pd.DataFrame
    documents: pd.DataFrame


def _analyzer(text: str) -> list[str]:
    stop = stopwords()
    return [t for t in article_tokens(text).tokens if len(t) > 1 and t not in stop and not _NUMBER.match(t)]


def _default_n(n_articles: int) -> int:
    """Topics by default: about the square root of half the articles, from 2 to 12."""
    return int(min(12, max(2, round(np.sqrt(n_articles / 2)))))


def topics(articles: pd.DataFrame, n: int | None = None, *, by: str = "outlet", top_terms: int = 8,
           top_articles: int = 3, freq: str | None = None, seed: int = 0) -> Topics:
    """Topics of the set by NMF over TF-IDF, labelled by their top words, with each group's share per topic and over time.

    Args:
        articles: article table (``article_id``, ``text``; ``by``, ``title``, ``published`` if present).
        n: number of topics; ``None`` chooses about √(articles / 2), from 2 to 12 (say so when you report it).
        by: column whose groups get shares.
        top_terms: words kept per topic (the label is the first three).
        top_articles: representative articles kept per topic.
        freq: period of ``over_time`` (pandas period alias: ``M`` month, ``W`` week, ``D`` day); ``None``
            chooses from the dates: days for a month or less, weeks up to half a year, else months.
        seed: seed of the NMF initialisation (``nndsvda`` is deterministic; the seed is for ties).

    Words: the shared tokens (lower case, possessive removed) without stop words and numbers, in at least
    two articles and at most half of them (``TfidfVectorizer(min_df=2, max_df=0.5, sublinear_tf=True)``).
    English articles only. Fewer than four articles, or no word left, gives empty tables.

    >>> frame = pd.DataFrame({"article_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"], "text": [
    ...     "Tanks and troops moved. Troops fired.", "Troops and tanks crossed the border.",
    ...     "Prices of gas rose. Gas prices hurt.", "Gas and food prices rose again."]})
    >>> t = topics(frame, 2)
    >>> sorted(t.terms.query("rank == 1")["term"])
    ['gas', 'troops']
    >>> t.shares.query("outlet == 'X'").sort_values("share")["articles"].tolist()
    [0, 2]
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer
    from threadpoolctl import threadpool_limits

    arts = english_only(articles).reset_index(drop=True)
    group_name = by if by in arts else "group"
    groups = arts[by].astype(str).to_numpy() if by in arts else np.full(len(arts), "all")
    empty = Topics(
        terms=pd.DataFrame(columns=["topic", "label", "rank", "term", "weight"]),
        shares=pd.DataFrame(columns=["topic", "label", group_name, "share", "articles"]),
        over_time=pd.DataFrame(columns=["period", group_name, "topic", "label", "share"]),
        documents=pd.DataFrame(columns=["topic", "label", "rank", "article_id", group_name, "title", "published",
                                        "weight"]))
    if len(arts) < 4:
        return empty
    vectorizer = TfidfVectorizer(analyzer=_analyzer, min_df=2, max_df=0.5, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(arts["text"].fillna("").astype(str))
    except ValueError:  # no word in two articles and at most half of them
        return empty
    k = n if n is not None else _default_n(len(arts))
    k = max(1, min(k, matrix.shape[0] - 1, matrix.shape[1]))
    with threadpool_limits(1):
        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=1000)
        weights = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    components = model.components_
    order = np.argsort(-components, axis=1)[:, :top_terms]
    labels = [" · ".join(vocabulary[order[t, :3]]) for t in range(k)]
    terms = pd.DataFrame([(t + 1, labels[t], r + 1, vocabulary[j], float(components[t, j]))
                          for t in range(k) for r, j in enumerate(order[t]) if components[t, j] > 0],
                         columns=["topic", "label", "rank", "term", "weight"])
    totals = weights.sum(axis=1, keepdims=True)
    mix = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    main = np.where(totals[:, 0] > 0, weights.argmax(axis=1), -1)
    frame = pd.DataFrame(mix, columns=range(1, k + 1))
    frame[group_name] = groups
    shares = frame.groupby(group_name).mean().stack().rename("share").reset_index()
    shares.columns = [group_name, "topic", "share"]
    main_counts = pd.crosstab(groups, main + 1).reindex(columns=range(1, k + 1), fill_value=0).stack()
    shares["articles"] = [int(main_counts.get((g, t), 0)) for g, t in zip(shares[group_name], shares["topic"],
                                                                          strict=True)]
    shares.insert(1, "label", [labels[t - 1] for t in shares["topic"]])
    shares = shares[["topic", "label", group_name, "share", "articles"]].sort_values(["topic", group_name],
                                                                                     ignore_index=True)
    if "published" in arts and arts["published"].notna().any():
        dated = frame[arts["published"].notna().to_numpy()].copy()
        when = arts.loc[arts["published"].notna(), "published"]
        when = when.dt.tz_convert("UTC").dt.tz_localize(None) if getattr(when.dt, "tz", None) else when
        if freq is None:
            span = (when.max() - when.min()).days
            freq = "D" if span <= 31 else "W" if span <= 183 else "M"
        dated["period"] = when.dt.to_period(freq).dt.start_time.to_numpy()
        over = dated.groupby(["period", group_name]).mean().stack().rename("share").reset_index()
        over.columns = ["period", group_name, "topic", "share"]
        over.insert(3, "label", [labels[t - 1] for t in over["topic"]])
    else:
        over = empty.over_time
    docs = []
    for t in range(k):
        best = np.argsort(-mix[:, t], kind="stable")[:top_articles]
        for rank, i in enumerate(best):
            if mix[i, t] <= 0:
                continue
            docs.append((t + 1, labels[t], rank + 1, arts["article_id"].iloc[i], groups[i],
                         arts["title"].iloc[i] if "title" in arts else "",
                         arts["published"].iloc[i] if "published" in arts else pd.NaT, float(mix[i, t])))
    documents = pd.DataFrame(docs, columns=empty.documents.columns)
    return Topics(terms=terms, shares=shares, over_time=over, documents=documents)
