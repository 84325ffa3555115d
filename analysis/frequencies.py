"""Word frequencies, n-grams, distinctive terms (TF-IDF), keyness, terms over time and across groups.

All counts come from one token table per call (:func:`analysis.tokens.token_table`, memoised
per article), so the numbers agree with each other and with KWIC. A *term* is a lower-cased
token with any possessive 's removed ("Russia", "Russia's" → ``russia``), or an n-gram of such
tokens inside one sentence, or a multi-word expression passed as ``phrases``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from .concordance import kwic
from .rates import article_words, per_1000
from .tfidf import NUMBER, tfidf_matrix
from .tokens import article_token_list, normalize_token, token_codes, tokenize
from .tokens import stopwords as shipped_stopwords

__all__ = ["Stopwords", "compare_terms", "distinctive_terms", "g2", "keyness", "stopword_set", "term_frequencies",
           "term_over_time"]

Stopwords = bool | Iterable[str]


def stopword_set(stopwords: Stopwords) -> frozenset[str]:
    """The stop words a ``stopwords=`` argument names: ``True`` the shipped list, ``False`` none, or your words.

    >>> sorted(stopword_set(["The", "Of"])), "the" in stopword_set(True), stopword_set(False)
    (['of', 'the'], True, frozenset())
    """
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
    stop = stopword_set(stopwords)
    drop_vocab = np.fromiter(((w in stop) or (not numbers and bool(NUMBER.match(w))) for w in vocab),
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
    if not np.array_equal(keys, doc_keys):  # the same (group, term) pairs, by construction
        raise RuntimeError("term counts and article counts disagree on their (group, term) pairs")
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

    ``per_1000`` divides by all word tokens of the group's texts (stop words and numbers included, i.e.
    by ``n_words``; headlines are not read): the rule of :mod:`analysis.rates`.

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
    out["per_1000"] = per_1000(out["count"].to_numpy(), out["_group"].map(words).to_numpy(dtype="float64"))
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

    The weights are :func:`tfidf_matrix` of the group's term counts, with the IDF taken over
    articles: ``(1 + ln count) * (ln((1 + N) / (1 + df)) + 1)``, L2-normalised per group (N articles,
    df the articles holding the term), so a term that few articles use outranks one that every
    article uses. Terms rarer than ``min_count`` in the group are left out.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                       "text": ["Kyiv Kyiv war war", "Moscow Moscow war war"]})
    >>> distinctive_terms(frame, by="outlet", top=1)[["outlet", "term"]].values.tolist()
    [['X', 'kyiv'], ['Y', 'moscow']]
    """
    terms, words, name = _terms(articles, by=by, ngram=ngram, stopwords=stopwords, phrases=None, numbers=False)
    columns = [name, "rank", "term", "count", "tfidf"]
    if terms.empty:
        return pd.DataFrame(columns=columns)
    vocab = terms["term"].cat.categories
    term = terms["term"].cat.codes.to_numpy(np.int64)
    group = terms["_group"].cat.codes.to_numpy(np.int64)
    ones = np.ones(len(terms))
    per_article = sparse.csr_matrix((ones, (terms["_article"].to_numpy(np.int64), term)),
                                    shape=(len(articles), len(vocab)))
    per_group = sparse.csr_matrix((ones, (group, term)), shape=(len(words), len(vocab)))
    per_group.sum_duplicates()
    counts = per_group.tocoo()
    weights = tfidf_matrix(per_group, documents=per_article).tocsr()
    out = pd.DataFrame({"_group": pd.Categorical.from_codes(counts.row, dtype=terms["_group"].dtype),
                        "term": pd.array(np.asarray(vocab, dtype=object)[counts.col], dtype="string"),
                        "count": counts.data.astype(np.int64),
                        "tfidf": np.asarray(weights[counts.row, counts.col]).ravel()})
    out = out[out["count"] >= min_count]
    out = out.sort_values(["_group", "tfidf", "term"], ascending=[True, False, True])
    out["rank"] = out.groupby("_group", observed=True).cumcount() + 1
    out = out[out["rank"] <= top].reset_index(drop=True)
    return out.rename(columns={"_group": name})[columns]


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
    from scipy.stats import chi2  # imported when used: scipy.stats takes a second to import
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
            "target_per_1000": per_1000(a, c), "reference_per_1000": per_1000(b, d) if d else np.nan,
            "g2": stat, "p_value": chi2.sf(stat, 1), "log_ratio": ratio,
            "keyness": np.where(over, stat, -stat),
        }))
    columns = ["target", "term", "target_count", "reference_count", "target_per_1000", "reference_per_1000",
               "g2", "p_value", "log_ratio", "keyness"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out = out.sort_values(["target", "keyness", "term"], ascending=[True, False, True], ignore_index=True)
    out["term"] = out["term"].astype("string")
    return out[columns]


def term_over_time(
    articles: pd.DataFrame, pattern: str, *, by: str = "outlet", freq: str = "W", match: str = "glob"
) -> pd.DataFrame:
    """Matches of ``pattern`` per period and group, with the words behind the rate.

    Columns: ``by``, ``period`` (start, UTC), ``hits``, ``articles`` (published in the period),
    ``words`` (of the texts, headlines not read), ``per_1000`` (:func:`analysis.rates.per_1000`; 0 for a
    period without words). Undated articles are left out.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "text": ["war war", "peace"],
    ...                       "n_words": [2, 1], "published": pd.to_datetime(["2022-02-24", "2022-02-25"], utc=True)})
    >>> out = term_over_time(frame, "war", freq="D")
    >>> out["hits"].tolist(), out["per_1000"].tolist()
    ([2, 0], [1000.0, 0.0])
    """
    dated = articles.dropna(subset=["published"])
    hits = kwic(dated, pattern, window=0, match=match).groupby("article_id").size()
    frame = dated[[by, "published", "article_id"]].assign(n_words=article_words(dated, headlines=False))
    frame["hits"] = frame["article_id"].map(hits).fillna(0).astype("int64")
    frame["period"] = frame["published"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(freq).dt.start_time
    out = frame.groupby([by, "period"], observed=True).agg(
        hits=("hits", "sum"), articles=("article_id", "size"), words=("n_words", "sum")).reset_index()
    out["per_1000"] = per_1000(out["hits"].to_numpy(), out["words"].to_numpy())
    return out


def compare_terms(
    articles: pd.DataFrame, terms: Sequence[str], *, by: str = "outlet", match: str = "glob", rate: bool = False
) -> pd.DataFrame:
    """Matches of each term (word, phrase or glob) per group, as a wide table: one row per group, one column per term.

    Counted through KWIC, so globs (``Nazi*``) and phrases match exactly as in :func:`analysis.kwic`.
    ``rate=True`` gives matches per 1,000 words of the group's texts instead of counts (:func:`analysis.rates.per_1000`).

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
        words = pd.Series(article_words(articles, headlines=False), index=articles.index).groupby(
            articles[by], observed=True).sum().reindex(table.index)
        table = pd.DataFrame(per_1000(table.to_numpy(), words.to_numpy()[:, None]), index=table.index,
                             columns=table.columns)
    return table
