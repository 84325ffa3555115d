"""Collocations: words that keep company with a term, or strong bigrams, scored by PMI, t or G².

Counted on the token table (:func:`analysis.tokens.token_table`), inside sentences, so the pairs agree
with KWIC and :func:`analysis.term_frequencies`.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Literal

import numpy as np
import pandas as pd

from .frequencies import Stopwords, g2, stopword_set
from .tokens import normalize_token, token_table

__all__ = ["Measure", "collocations"]

Measure = Literal["pmi", "llr", "t"]


def collocations(
    articles: pd.DataFrame,
    term: str | None = None,
    *,
    window: int = 5,
    measure: Measure = "pmi",
    min_count: int = 3,
    stopwords: Stopwords = True,
) -> pd.DataFrame:
    """Words that keep company with ``term`` within ``window`` tokens (same sentence), or all strong bigrams.

    Scores for each pair (O = observed co-occurrences, E = expected by chance):
    ``pmi`` = log2(O/E); ``t`` = (O − E)/√O; ``llr`` = Dunning's G² of the 2×2 table.
    For a node term, E = f(collocate) × (window slots around the node) / N; for bigrams,
    E = f(w1) × f(w2) / N. ``term`` may be a word or a glob on tokens (``annex*``).
    Sorted by ``measure``; pairs seen fewer than ``min_count`` times are dropped.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Illegally annexed Crimea. Illegally annexed Donbas."]})
    >>> collocations(frame, min_count=2)[["term", "collocate", "count"]].values.tolist()
    [['illegally', 'annexed', 2]]
    """
    tokens = token_table(articles)
    words = tokens["token"].astype(str).to_numpy(dtype=object)
    key = (tokens["article_id"].astype(str) + "#" + tokens["sentence_id"].astype(str)).to_numpy()
    n = len(words)
    stop = stopword_set(stopwords)
    freq = pd.Series(words).value_counts()
    if term is None:
        if n < 2:
            return _collocation_frame([], measure)
        same = key[:-1] == key[1:]
        pairs = pd.DataFrame({"term": words[:-1][same], "collocate": words[1:][same]})
        if stop:
            pairs = pairs[~pairs["term"].isin(stop) & ~pairs["collocate"].isin(stop)]
        observed = pairs.value_counts().rename("count").reset_index()
        f1 = observed["term"].map(freq).to_numpy(dtype="float64")
        f2 = observed["collocate"].map(freq).to_numpy(dtype="float64")
        o = observed["count"].to_numpy(dtype="float64")
        expected = f1 * f2 / n
        observed["term_count"], observed["collocate_count"] = f1.astype(int), f2.astype(int)
        table = (o, f1 - o, f2 - o, n - f1 - f2 + o)
    else:
        regex = re.compile(fnmatch.translate(normalize_token(term)))
        nodes = np.flatnonzero([bool(regex.match(w)) for w in words])
        around = []
        for offset in [k for k in range(-window, window + 1) if k]:
            pos = nodes + offset
            ok = (pos >= 0) & (pos < n)
            pos, src = pos[ok], nodes[ok]
            ok = key[pos] == key[src]
            around.append(pos[ok])
        positions = np.concatenate(around) if around else np.array([], dtype=np.int64)
        slots = len(positions)
        collocates = pd.Series(words[positions], dtype=object)
        if stop:
            collocates = collocates[~collocates.isin(stop)]
        observed = collocates.value_counts().rename("count").rename_axis("collocate").reset_index()
        observed.insert(0, "term", term)
        o = observed["count"].to_numpy(dtype="float64")
        f2 = observed["collocate"].map(freq).to_numpy(dtype="float64")
        expected = f2 * slots / n if n else f2
        observed["term_count"] = len(nodes)
        observed["collocate_count"] = f2.astype(int)
        table = (o, slots - o, f2 - o, n - slots - f2 + o)
    observed["expected"] = expected
    with np.errstate(divide="ignore", invalid="ignore"):
        observed["pmi"] = np.log2(o / expected)
        observed["t"] = (o - expected) / np.sqrt(o)
    observed["llr"] = g2(*table)
    observed = observed[observed["count"] >= min_count]
    return _collocation_frame(observed, measure)


def _collocation_frame(observed, measure: Measure) -> pd.DataFrame:
    columns = ["term", "collocate", "count", "term_count", "collocate_count", "expected", "pmi", "llr", "t"]
    frame = pd.DataFrame(observed, columns=columns) if isinstance(observed, list) else observed[columns]
    return frame.sort_values([measure, "count"], ascending=False, ignore_index=True)
