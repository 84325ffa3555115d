"""TF-IDF: the package's one weighting of terms by how few documents use them.

:func:`tfidf_matrix` weighs a term-count matrix (scikit-learn's ``TfidfTransformer``: sublinear tf,
smoothed idf, unit rows); :func:`term_matrix` counts the terms of texts for it. Distinctive terms
(:func:`analysis.frequencies.distinctive_terms`) and story grouping (:func:`analysis.stories.group_stories`)
both use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from .tokens import article_tokens, stopwords

__all__ = ["NUMBER", "term_matrix", "tfidf_matrix"]

#: A number token ("2022", "300,000", "24th", "1990s"): not a term for TF-IDF or frequencies by default.
NUMBER = re.compile(r"^[\d.,:]+(?:st|nd|rd|th|s)?$")


def tfidf_matrix(counts: sparse.spmatrix, *, documents: sparse.spmatrix | None = None) -> sparse.csr_matrix:
    """TF-IDF rows of a term-count matrix: the package's one TF-IDF (scikit-learn's ``TfidfTransformer``).

    ``tf = 1 + ln(count)`` (sublinear), ``idf = ln((1 + N) / (1 + df)) + 1`` (smoothed: a term in every
    document keeps weight 1, none divides by zero), each row scaled to unit length (L2), so the dot
    product of two rows is their cosine similarity (Manning, Raghavan & Schütze 2008, ch. 6).

    Args:
        counts: rows × terms counts (documents, or groups of documents).
        documents: documents × the same terms, the rows whose document frequencies give the IDF
            (default ``counts`` itself; pass the articles' counts to weigh the terms of groups).

    >>> counts = sparse.csr_matrix(np.array([[2, 1], [0, 1]]))
    >>> np.round(tfidf_matrix(counts).toarray(), 3).tolist()
    [[0.922, 0.387], [0.0, 1.0]]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    transformer = TfidfTransformer(sublinear_tf=True).fit(counts if documents is None else documents)
    return sparse.csr_matrix(transformer.transform(counts))


def term_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Counts of each text's terms (texts × terms): memoised tokens, stop words, numbers and one-letter tokens dropped.

    The columns follow the order in which terms first occur; the matrix is what :func:`tfidf_matrix` weighs
    for :func:`analysis.stories.group_stories`.

    >>> term_matrix(["War, war and peace.", "Peace in 2024."]).toarray().tolist()
    [[2, 1], [0, 1]]
    """
    tokens = [article_tokens(t).tokens for t in texts]
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    codes, vocab = pd.factorize(pd.Series([w for t in tokens for w in t], dtype=object))
    rows = np.repeat(np.arange(len(texts)), lengths)
    stop = stopwords()
    keep_term = np.array([len(w) > 1 and w not in stop and not NUMBER.match(w) for w in vocab], dtype=bool)
    keep = keep_term[codes] if len(codes) else np.zeros(0, dtype=bool)
    used, columns = np.unique(codes[keep], return_inverse=True)
    counts = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.int64), (rows[keep], columns.reshape(-1))),
                               shape=(len(texts), len(used)))
    counts.sum_duplicates()
    return counts
