"""Word frequencies, n-grams, distinctive terms (TF-IDF), keyness and collocations.

All counts come from one token table per call (:func:`analysis.tokens.token_table`, memoised
per article), so the numbers agree with each other and with KWIC. A *term* is a lower-cased
token with any possessive 's removed ("Russia", "Russia's" → ``russia``), or an n-gram of such
tokens inside one sentence, or a multi-word expression passed as ``phrases``.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import chi2

from .concordance import kwic
from .tokens import article_token_list, normalize_token, token_codes, token_table, tokenize
from .tokens import stopwords as shipped_stopwords

__all__ = ["term_frequencies", "distinctive_terms", "keyness", "collocations", "term_over_time", "compare_terms", "g2"]

Stopwords = bool | Iterable[str]
_NUMBER = re.compile(r"^[\d.,:]+(?:st|nd|rd|th|s)?$")


def _stopword_set(stopwords: Stopwords) -> frozenset[str]:
    if stopwords is True:
        return shipped_stopwords()
    if stopwords is False or stopwords is None:
        return frozenset()
    return frozenset(normalize_token(w) for w in stopwords)


def _labels(articles: pd.DataFrame, by: str | pd.Series | None) -> tuple[str | None, pd.Series | None]:
    """Group name and one label per article (``by`` is a column name or a Series aligned to ``articles``)."""
    if by is None:
        return None, None
    if isinstance(by, pd.Series):
        return (str(by.name) if by.name is not None else "group"), by.reindex(articles.index)
    return by, articles[by]


def _merge_phrases(codes: np.ndarray, key: np.ndarray, vocab: list[str],
                   phrases: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Join the tokens of each multi-word expression into one term (longest phrases first).

    Works on integer token codes; returns the new codes and a mask of the tokens to keep.
    ``vocab`` is extended with the phrases found.
    """
    codes = codes.copy()
    keep = np.ones(len(codes), dtype=bool)
    index = {w: i for i, w in enumerate(vocab)}
    wanted = {" ".join(normalize_token(t) for t in tokenize(p)) for p in phrases}
    for phrase in sorted(wanted, key=lambda p: (-len(p.split()), p)):
        parts = [index.get(w) for w in phrase.split()]
        n = len(parts)
        if n < 2 or None in parts or len(codes) < n:
            continue
        m = len(codes) - n + 1
        hit = np.ones(m, dtype=bool)
        for k, part in enumerate(parts):
            hit &= (codes[k: k + m] == part) & keep[k: k + m] & (key[k: k + m] == key[:m])
        starts, last = [], -n
        for s in np.flatnonzero(hit).tolist():  # non-overlapping, left to right
            if s >= last + n:
                starts.append(s)
                last = s
        if not starts:
            continue
        vocab.append(phrase)
        starts_arr = np.array(starts)
        codes[starts_arr] = len(vocab) - 1
        for k in range(1, n):
            keep[starts_arr + k] = False
    return codes, keep


def _terms(articles: pd.DataFrame, *, by: str | pd.Series | None, ngram: int, stopwords: Stopwords,
           phrases: Sequence[str] | None, numbers: bool) -> tuple[pd.DataFrame, pd.Series, str | None]:
    """Terms to count, as a frame of categorical ``_group``, integer ``_article`` and categorical ``term``;
    and the number of words per group.

    Tokens are handled as integer codes (one ``factorize`` per call), so counting a million
    tokens is a few vectorised passes rather than string operations per token.
    """
    name, labels = _labels(articles, by)
    parts = article_token_list(articles)
    group_codes, group_names = pd.factorize(
        pd.Series(labels.to_numpy() if labels is not None else np.full(len(articles), "all", dtype=object)),
        use_na_sentinel=False)
    codes, vocab_index, article = token_codes(parts)
    words = pd.Series(np.bincount(group_codes[article], minlength=len(group_names)) if len(article)
                      else np.zeros(len(group_names), dtype=np.int64), index=group_names)
    vocab = list(vocab_index)
    flat = codes
    if ngram > 1 or phrases:  # n-grams and phrases stay inside sentences; single words need no sentences
        sentence = np.concatenate([p.token_sentence for p in parts]) if len(flat) else np.array([], dtype=np.int64)
        key = article * (1 << 32) + sentence
    if phrases:
        codes, keep = _merge_phrases(codes, key, vocab, phrases)
        codes, key, article = codes[keep], key[keep], article[keep]
    stop = _stopword_set(stopwords)
    drop_vocab = np.fromiter(((w in stop) or (not numbers and bool(_NUMBER.match(w))) for w in vocab),
                             dtype=bool, count=len(vocab))
    drop = drop_vocab[codes] if len(codes) else np.zeros(0, dtype=bool)
    if ngram == 1:
        ok = ~drop
        term_codes, term_vocab, term_article = codes[ok], np.array(vocab, dtype=object), article[ok]
    else:
        m = max(len(codes) - ngram + 1, 0)
        ok = (key[:m] == key[ngram - 1: ngram - 1 + m]) & ~drop[:m] & ~drop[ngram - 1: ngram - 1 + m]
        combined = np.stack([codes[k: k + m][ok] for k in range(ngram)], axis=1)
        unique, term_codes = np.unique(combined, axis=0, return_inverse=True) if len(combined) else (
            np.zeros((0, ngram), dtype=np.int64), np.zeros(0, dtype=np.int64))
        vocab_arr = np.array(vocab, dtype=object)
        term_vocab = np.array([" ".join(vocab_arr[row]) for row in unique], dtype=object)
        term_codes, term_article = term_codes.reshape(-1), article[:m][ok]
    frame = pd.DataFrame({
        "_group": pd.Categorical.from_codes(group_codes[term_article], categories=group_names),
        "_article": term_article,
        "term": pd.Categorical.from_codes(term_codes, categories=pd.Index(term_vocab, dtype=object)),
    })
    return frame, words, name


def _unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct integers and how often each occurs (``np.unique(..., return_counts=True)`` by one sort).

    >>> [a.tolist() for a in _unique_counts(np.array([3, 1, 3, 3]))]
    [[1, 3], [1, 3]]
    """
    ordered = np.sort(values)
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]])) if len(ordered) else \
        np.zeros(0, dtype=np.int64)
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _count_pairs(terms: pd.DataFrame) -> pd.DataFrame:
    """``_group``, ``term``, ``count`` (occurrences) and ``articles`` (distinct ``_article``) of each pair seen.

    On the integer codes, with three sorts instead of group-bys over a million rows.
    """
    group = terms["_group"].cat.codes.to_numpy(np.int64)
    term = terms["term"].cat.codes.to_numpy(np.int64)
    article = terms["_article"].to_numpy(np.int64)
    size = max(len(terms["term"].cat.categories), 1)
    keys, counts = _unique_counts(group * size + term)
    group_of = np.zeros(int(article.max()) + 1 if len(article) else 0, dtype=np.int64)
    group_of[article] = group  # one group per article
    pairs, _ = _unique_counts(article * size + term)
    doc_keys, docs = _unique_counts(group_of[pairs // size] * size + pairs % size)
    assert np.array_equal(keys, doc_keys)  # the same (group, term) pairs
    return pd.DataFrame({
        "_group": pd.Categorical.from_codes(keys // size, dtype=terms["_group"].dtype),
        "term": pd.Categorical.from_codes(keys % size, dtype=terms["term"].dtype),
        "count": counts.astype(np.int64), "articles": docs.astype(np.int64)})


def term_frequencies(
    articles: pd.DataFrame,
    *,
    by: str | pd.Series | None = None,
    ngram: int = 1,
    stopwords: Stopwords = True,
    phrases: Sequence[str] | None = None,
    numbers: bool = False,
    min_count: int = 1,
) -> pd.DataFrame:
    """Tidy term counts: ``term``, ``count``, ``per_1000`` words, ``articles`` containing it, ``share_of_articles``.

    Args:
        articles: article table (``article_id``, ``text``).
        by: group column name (e.g. ``"outlet"``) or a Series of labels aligned to ``articles``.
        ngram: 1 for words, 2 for bigrams, 3 for trigrams (never across sentence boundaries).
        stopwords: ``True`` drops the shipped list, ``False`` keeps everything, or pass your own words.
            N-grams that start or end with a stop word are dropped ("war in ukraine" stays).
        phrases: multi-word expressions counted as one term ("special military operation").
        numbers: keep number tokens ("2022", "300,000"); dropped by default.
        min_count: drop rarer terms.

    ``per_1000`` divides by all word tokens of the group (stop words included), i.e. by ``n_words``.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "text": ["Russia's war. Russia lost.", "The war ended."]})
    >>> term_frequencies(frame)[["term", "count", "articles"]].values.tolist()
    [['russia', 2, 1], ['war', 2, 2], ['ended', 1, 1], ['lost', 1, 1]]
    """
    terms, words, name = _terms(articles, by=by, ngram=ngram, stopwords=stopwords, phrases=phrases, numbers=numbers)
    columns = ([name] if by is not None else []) + ["term", "count", "per_1000", "articles", "share_of_articles"]
    if terms.empty:
        return pd.DataFrame(columns=columns)
    n_articles = pd.Series(articles["article_id"].to_numpy(), index=articles.index).groupby(
        _labels(articles, by)[1] if by is not None else np.zeros(len(articles)), observed=True).nunique()
    if by is None:
        n_articles.index = ["all"]
    out = _count_pairs(terms)
    out = out[out["count"] >= min_count]
    out["term"] = out["term"].astype("string")
    out["per_1000"] = 1000 * out["count"] / out["_group"].map(words).astype("float64")
    out["share_of_articles"] = out["articles"] / out["_group"].map(n_articles).astype("float64")
    out = out.sort_values(["_group", "count", "term"], ascending=[True, False, True], ignore_index=True)
    out = out[["_group", "term", "count", "per_1000", "articles", "share_of_articles"]]
    return out.drop(columns="_group") if by is None else out.rename(columns={"_group": name})


def distinctive_terms(
    articles: pd.DataFrame,
    *,
    by: str = "article_id",
    top: int = 10,
    ngram: int = 1,
    stopwords: Stopwords = True,
    min_count: int = 2,
) -> pd.DataFrame:
    """The ``top`` terms by TF-IDF for each article (``by="article_id"``) or each group (``by="outlet"``).

    TF is the term's share of the group's words; IDF is ``log(N / df)`` over articles, so a term
    in every article scores 0. Terms rarer than ``min_count`` in the group are left out.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                       "text": ["Kyiv Kyiv war war", "Moscow Moscow war war"]})
    >>> distinctive_terms(frame, by="outlet", top=1)[["outlet", "term"]].values.tolist()
    [['X', 'kyiv'], ['Y', 'moscow']]
    """
    terms, words, name = _terms(articles, by=by, ngram=ngram, stopwords=stopwords, phrases=None, numbers=False)
    n_docs = articles["article_id"].nunique()
    df = terms.drop_duplicates(["_article", "term"]).groupby("term", observed=True).size()
    counts = terms.groupby(["_group", "term"], observed=True).size().rename("count").reset_index()
    counts = counts[counts["count"] >= min_count]
    counts["term"] = counts["term"].astype("string")
    tf = counts["count"] / counts["_group"].map(words).astype("float64")
    counts["tfidf"] = tf * np.log(n_docs / counts["term"].map(df).astype("float64"))
    counts = counts.sort_values(["_group", "tfidf", "term"], ascending=[True, False, True])
    counts["rank"] = counts.groupby("_group", observed=True).cumcount() + 1
    counts = counts[counts["rank"] <= top].reset_index(drop=True)
    return counts.rename(columns={"_group": name})[[name, "rank", "term", "count", "tfidf"]]


def g2(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Log-likelihood G² of the 2×2 contingency table ``[[a, b], [c, d]]`` (Dunning 1993), 0·log 0 = 0.

    >>> round(float(g2(np.array([10]), np.array([10]), np.array([10]), np.array([10]))[0]), 6)
    0.0
    """
    a, b, c, d = (np.asarray(x, dtype="float64") for x in (a, b, c, d))
    n = a + b + c + d
    total = np.zeros_like(n)
    for observed, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        expected = row * col / n
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * total


def keyness(
    articles: pd.DataFrame,
    *,
    by: str | pd.Series = "outlet",
    target: object | Sequence[object] | None = None,
    reference: object | Sequence[object] | None = None,
    ngram: int = 1,
    stopwords: Stopwords = False,
    phrases: Sequence[str] | None = None,
    min_count: int = 3,
) -> pd.DataFrame:
    """Which terms are key in a target group compared with a reference: counts, G², p-value, log ratio.

    - ``target=None``: every group against the rest of the set, in one call (N outlets at once).
    - ``target="Kremlin"``: that group against all others; with ``reference="President of Ukraine"``
      (or a list of groups), against those only.
    - time windows: pass ``by`` as a Series of labels, e.g.
      ``articles["published"].dt.strftime("%Y-%m")``, or a column you added.

    Columns: ``target`` (the group), ``term``, ``target_count``, ``reference_count``,
    ``target_per_1000``, ``reference_per_1000``, ``g2`` (Dunning's log-likelihood of the 2×2 table
    term/other words × target/reference), ``p_value`` (χ², 1 d.f.), ``log_ratio`` (Hardie's binary
    log of the ratio of relative frequencies; a zero count is taken as 0.5) and ``keyness``
    (G² signed by direction: positive = more frequent in the target). Sorted by target, then keyness.

    >>> frame = pd.DataFrame({"article_id": list("ab"), "outlet": ["K", "U"],
    ...                       "text": ["operation operation operation peace", "war war war peace"]})
    >>> keyness(frame, target="K", min_count=1)[["term", "target_count", "reference_count"]].values.tolist()
    [['operation', 3, 0], ['peace', 1, 1], ['war', 0, 3]]
    """
    terms, words, name = _terms(articles, by=by, ngram=ngram, stopwords=stopwords, phrases=phrases, numbers=True)
    counts = terms.groupby(["_group", "term"], observed=True).size().unstack("_group", fill_value=0)
    groups = list(counts.columns)
    targets = groups if target is None else ([target] if not isinstance(target, (list, tuple, set)) else list(target))
    missing = [t for t in targets if t not in groups]
    if missing:
        raise ValueError(f"target {missing} not found in {name!r}; groups are {groups}")
    frames = []
    for group in targets:
        if reference is None:
            refs = [g for g in groups if g != group]
        else:
            refs = [reference] if not isinstance(reference, (list, tuple, set)) else list(reference)
        a = counts[group].to_numpy()
        b = counts[refs].sum(axis=1).to_numpy() if refs else np.zeros(len(counts))
        c = float(words[group])
        d = float(sum(words[r] for r in refs)) if refs else 0.0
        keep = (a + b) >= min_count
        a, b, term = a[keep], b[keep], counts.index[keep].astype(str)
        stat = g2(a, b, c - a, d - b) if d else np.zeros(len(a))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.log2((np.where(a == 0, 0.5, a) / c) / (np.where(b == 0, 0.5, b) / d)) if d else np.nan
        over = a / c >= (b / d if d else 0)
        frames.append(pd.DataFrame({
            "target": group, "term": term, "target_count": a, "reference_count": b,
            "target_per_1000": 1000 * a / c, "reference_per_1000": 1000 * b / d if d else np.nan,
            "g2": stat, "p_value": chi2.sf(stat, 1), "log_ratio": ratio,
            "keyness": np.where(over, stat, -stat),
        }))
    columns = ["target", "term", "target_count", "reference_count", "target_per_1000", "reference_per_1000",
               "g2", "p_value", "log_ratio", "keyness"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out = out.sort_values(["target", "keyness", "term"], ascending=[True, False, True], ignore_index=True)
    out["term"] = out["term"].astype("string")
    return out[columns]


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
    stop = _stopword_set(stopwords)
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


def term_over_time(
    articles: pd.DataFrame, pattern: str, *, by: str = "outlet", freq: str = "W", match: str = "glob"
) -> pd.DataFrame:
    """Matches of ``pattern`` per period and group, with the words behind the rate.

    Columns: ``by``, ``period`` (start, UTC), ``hits``, ``articles`` (published in the period),
    ``words``, ``per_1000`` (hits per 1,000 words). Undated articles are left out.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "text": ["war war", "peace"],
    ...                       "n_words": [2, 1], "published": pd.to_datetime(["2022-02-24", "2022-02-25"], utc=True)})
    >>> out = term_over_time(frame, "war", freq="D")
    >>> out["hits"].tolist(), out["per_1000"].tolist()
    ([2, 0], [1000.0, 0.0])
    """
    dated = articles.dropna(subset=["published"])
    hits = kwic(dated, pattern, window=0, match=match).groupby("article_id").size()
    frame = dated[[by, "published", "article_id", "n_words"]].copy()
    frame["hits"] = frame["article_id"].map(hits).fillna(0).astype("int64")
    frame["period"] = frame["published"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(freq).dt.start_time
    out = frame.groupby([by, "period"], observed=True).agg(
        hits=("hits", "sum"), articles=("article_id", "size"), words=("n_words", "sum")).reset_index()
    out["per_1000"] = 1000 * out["hits"] / out["words"].where(out["words"] > 0)
    return out


def compare_terms(
    articles: pd.DataFrame, terms: Sequence[str], *, by: str = "outlet", match: str = "glob", rate: bool = False
) -> pd.DataFrame:
    """Matches of each term (word, phrase or glob) per group, as a wide table: one row per group, one column per term.

    Counted through KWIC, so globs (``Nazi*``) and phrases match exactly as in :func:`analysis.kwic`.
    ``rate=True`` gives matches per 1,000 words of the group instead of counts.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["K", "U"], "n_words": [4, 3],
    ...                       "text": ["special military operation continues", "the war continues"]})
    >>> compare_terms(frame, ["war", "special military operation"]).values.tolist()
    [[0, 1], [1, 0]]
    """
    groups = articles.groupby(by, observed=True)
    counts = {}
    for term in terms:
        lines = kwic(articles, term, window=0, match=match)
        counts[term] = lines.assign(**{by: lines["article_id"].map(articles.set_index("article_id")[by])}) \
            .groupby(by, observed=True).size()
    table = pd.DataFrame(counts, index=groups.size().index, columns=list(terms)).fillna(0).astype("int64")
    if rate:
        table = 1000 * table.div(groups["n_words"].sum(), axis=0)
    return table
