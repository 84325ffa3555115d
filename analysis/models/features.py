"""Transparent features shared by the shipped models: words, negation scope, lexicon valences, TF-IDF.

Every model of :mod:`analysis.models` turns a sentence into the same kinds of features, here, both
when it is trained (:mod:`analysis.models.train`) and when it scores, so the two can never drift:

- :func:`words`: lower-case word tokens, with ``neg_`` before the (up to three) words after a
  negation ("not", "never", "n't", VADER's list) until a punctuation mark, as in Das & Chen (2001)
  and Pang et al. (2002);
- :func:`lexicons`: the word valences of the VADER lexicon (``vaderSentiment``, MIT; −4 … +4) and
  the word polarity and subjectivity of the Pattern lexicon shipped inside ``textblob`` (BSD;
  means over a word's senses), read from the installed packages, never downloaded;
- :func:`lexicon_features`: counts and sums of those values over a list of words;
- :class:`SparseText`: the TF-IDF of a saved vocabulary (sublinear term frequency × idf, L2
  normalised, exactly scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``) as a CSR matrix, in
  plain numpy/scipy, so scoring needs no fitted scikit-learn object.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, repeat

import numpy as np
from scipy import sparse

__all__ = ["TOKEN", "NEGATION_SCOPE", "negators", "words", "lexicons", "Lexicons", "lexicon_features",
           "lexicon_feature_matrix", "token_valences", "LEXICON_FEATURES", "STRONG_FEATURES", "strong_valence_matrix", "tfidf_weights",
           "tfidf_rows", "SparseText", "WordArrays", "word_arrays"]

#: Word tokens (letters, digits, inner apostrophes and hyphens) and the punctuation that ends a negation's scope.
TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019\-][a-z0-9]+)*|[.,;:!?\"()\u201c\u201d]")
_PUNCT = frozenset(".,;:!?\"()\u201c\u201d")
#: How many words after a negation are marked ``neg_``.
NEGATION_SCOPE = 3


@lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    """VADER's negation words (``vaderSentiment.NEGATE``) and "no", "nor", "without".

    >>> "never" in negators(), "didn't" in negators(), "not" in negators()
    (True, True, True)
    """
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE) | {"no", "nor", "without", "hardly"}


def words(text: str, *, negation: bool = True) -> list[str]:
    """Lower-case word tokens of ``text``, the words after a negation prefixed ``neg_`` (punctuation dropped).

    >>> words("It was not a good deal, but fine.")
    ['it', 'was', 'not', 'neg_a', 'neg_good', 'neg_deal', 'but', 'fine']
    """
    out: list[str] = []
    scope = 0
    neg = negators()
    for token in TOKEN.findall(text.lower().replace("\u2019", "'")):
        if token in _PUNCT:
            scope = 0
            continue
        if negation and scope:
            out.append("neg_" + token)
            scope -= 1
        else:
            out.append(token)
        if negation and (token in neg or token.endswith("n't")):
            scope = NEGATION_SCOPE
    return out


@dataclass(frozen=True)
class Lexicons:
    """Word valences of VADER (``vader``, −4 … +4), Pattern polarity (−1 … +1) and subjectivity (0 … 1), boosters."""

    vader: dict[str, float]
    polarity: dict[str, float]
    subjectivity: dict[str, float]
    boosters: frozenset[str]


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """The VADER and Pattern word lexicons as plain dicts, from the installed ``vaderSentiment`` and ``textblob``.

    >>> lex = lexicons()
    >>> lex.vader["terrible"], lex.polarity["terrible"], "extremely" in lex.boosters
    (-2.1, -1.0, True)
    """
    from textblob import en
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

    vader = {w: float(v) for w, v in SentimentIntensityAnalyzer().lexicon.items() if re.fullmatch(r"[a-z][a-z'\-]*", w)}
    pattern = en.sentiment
    len(pattern)  # loads Pattern's en-sentiment.xml (shipped inside textblob)
    polarity, subjectivity = {}, {}
    for word in list(dict.keys(pattern)):
        senses = [tuple(v) for k, v in dict.__getitem__(pattern, word).items() if k is not None] or \
            [tuple(dict.__getitem__(pattern, word)[None])]
        polarity[word] = float(np.mean([s[0] for s in senses]))
        subjectivity[word] = float(np.mean([s[1] for s in senses]))
    return Lexicons(vader, polarity, subjectivity, frozenset(w for w in BOOSTER_DICT if " " not in w))


#: Names of the columns of :func:`lexicon_features`, in order.
LEXICON_FEATURES = ["vader_sum", "vader_pos_words", "vader_neg_words", "vader_min", "vader_max",
                    "pattern_polarity", "pattern_subjectivity", "pattern_words", "boosters", "negations",
                    "log_words"]


def lexicon_features(tokens: Sequence[str]) -> list[float]:
    """Lexicon counts and sums over ``tokens`` (output of :func:`words`), in :data:`LEXICON_FEATURES` order.

    A ``neg_`` word's valence counts reversed (× −0.74, VADER's negation factor). Pattern polarity and
    subjectivity are means over the words Pattern knows (0 when none).

    >>> dict(zip(LEXICON_FEATURES, lexicon_features(words("Not good. Terrible!"))))["vader_sum"]
    -3.506
    """
    lex = lexicons()
    vader, polarity, subjectivity, boosters = lex.vader, lex.polarity, lex.subjectivity, lex.boosters
    total = 0.0
    n_pos = n_neg = n_pattern = n_boost = n_neg_words = 0
    low = high = 0.0
    pol = subj = 0.0
    neg = negators()
    for token in tokens:
        flip = token.startswith("neg_")
        word = token[4:] if flip else token
        if word in neg or word.endswith("n't"):
            n_neg_words += 1
        value = vader.get(word)
        if value is not None:
            if flip:
                value *= -0.74
            total += value
            n_pos += value > 0
            n_neg += value < 0
            low, high = min(low, value), max(high, value)
        p = polarity.get(word)
        if p is not None:
            pol += -0.5 * p if flip else p  # Pattern's own negation factor
            subj += subjectivity[word]
            n_pattern += 1
        n_boost += word in boosters
    n = max(n_pattern, 1)
    return [round(total, 6), n_pos, n_neg, low, high, pol / n, subj / n, n_pattern, n_boost, n_neg_words,
            float(np.log1p(len(tokens)))]


class _TokenValues:
    """Per-token lexicon values (VADER valence, Pattern polarity and subjectivity, flags), looked up once per token."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.rows: list[tuple[float, float, float, float, float, float]] = []
        self.table = np.zeros((0, 6))

    def values(self, token: str) -> tuple[float, float, float, float, float, float]:
        lex, neg = lexicons(), negators()
        flip = token.startswith("neg_")
        word = token[4:] if flip else token
        value = lex.vader.get(word)
        p = lex.polarity.get(word)
        vader = 0.0 if value is None else (value * -0.74 if flip else value)
        pol = 0.0 if p is None else (-0.5 * p if flip else p)
        return (vader, pol, 0.0 if p is None else lex.subjectivity[word], float(p is not None),
                float(word in lex.boosters), float(word in neg or word.endswith("n't")))

    def ids(self, tokens: list[str]) -> np.ndarray:
        index = self.index
        if len(index) >= 500_000:  # bounded: start afresh
            index.clear()
            self.rows.clear()
        out = list(map(index.get, tokens, repeat(-1)))
        if -1 in out:
            for k, t in enumerate(tokens):
                if out[k] == -1:
                    if t not in index:
                        index[t] = len(self.rows)
                        self.rows.append(self.values(t))
                    out[k] = index[t]
            self.table = np.array(self.rows, dtype=float).reshape(-1, 6)
        return np.asarray(out, dtype=np.int64)


_TOKEN_VALUES = _TokenValues()


def token_valences(tokens: list[str]) -> np.ndarray:
    """VADER valence and Pattern polarity of each token (rows × 2; 0 where absent, ``neg_`` tokens flipped).

    >>> token_valences(["terrible", "the"]).tolist()
    [[-2.1, -1.0], [0.0, 0.0]]
    """
    if not tokens:
        return np.zeros((0, 2))
    ids = _TOKEN_VALUES.ids(tokens)  # first: it extends the table
    return _TOKEN_VALUES.table[ids, :2]


def lexicon_feature_matrix(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """:func:`lexicon_features` of many token lists at once (rows × :data:`LEXICON_FEATURES`), with numpy.

    >>> m = lexicon_feature_matrix([words("Not good. Terrible!"), []])
    >>> m[0].tolist() == lexicon_features(words("Not good. Terrible!")), m[1].tolist()[:3]
    (True, [0.0, 0.0, 0.0])
    """
    return _lexicon_matrix(*_token_ids(token_lists))


def _token_ids(token_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The :class:`_TokenValues` id and text row of every token of ``token_lists``, and each list's length."""
    n = len(token_lists)
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
    flat = list(chain.from_iterable(token_lists))
    ids = _TOKEN_VALUES.ids(flat) if flat else np.zeros(0, dtype=np.int64)
    return ids, np.repeat(np.arange(n), lengths), lengths


def _lexicon_matrix(ids: np.ndarray, rows: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The :data:`LEXICON_FEATURES` of texts whose tokens' :class:`_TokenValues` ids are ``ids``, in order, of ``rows``."""
    n = len(lengths)
    out = np.zeros((n, len(LEXICON_FEATURES)))
    out[:, 10] = np.log1p(lengths)
    if not len(ids):
        return out
    values = _TOKEN_VALUES.table[ids]
    vader = values[:, 0]
    out[:, 0] = [round(x, 6) for x in np.bincount(rows, weights=vader, minlength=n).tolist()]
    out[:, 1] = np.bincount(rows, weights=vader > 0, minlength=n)
    out[:, 2] = np.bincount(rows, weights=vader < 0, minlength=n)
    low, high = np.zeros(n), np.zeros(n)
    np.minimum.at(low, rows, vader)
    np.maximum.at(high, rows, vader)
    out[:, 3], out[:, 4] = low, high
    n_pattern = np.bincount(rows, weights=values[:, 3], minlength=n)
    denominator = np.maximum(n_pattern, 1)
    out[:, 5] = np.bincount(rows, weights=values[:, 1], minlength=n) / denominator
    out[:, 6] = np.bincount(rows, weights=values[:, 2], minlength=n) / denominator
    out[:, 7] = n_pattern
    out[:, 8] = np.bincount(rows, weights=values[:, 4], minlength=n)
    out[:, 9] = np.bincount(rows, weights=values[:, 5], minlength=n)
    return out


#: Names of the columns of :func:`strong_valence_matrix`: words with VADER |valence| ≥ 2 (after negation), and per word.
STRONG_FEATURES = ["vader_strong_pos", "vader_strong_neg", "vader_strong_pos_share", "vader_strong_neg_share"]
#: The valence from which a word counts as strongly valenced.
STRONG_VALENCE = 2.0


def strong_valence_matrix(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Counts of strongly positive and negative words (VADER valence ≥ 2 or ≤ −2, a ``neg_`` word's reversed) and
    their shares (÷ words + 1): rows × :data:`STRONG_FEATURES`.

    >>> strong_valence_matrix([words("A wonderful day, not a disaster."), []]).round(3).tolist()
    [[2.0, 0.0, 0.286, 0.0], [0.0, 0.0, 0.0, 0.0]]
    """
    return _strong_matrix(*_token_ids(token_lists))


def _strong_matrix(ids: np.ndarray, rows: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    n = len(lengths)
    out = np.zeros((n, len(STRONG_FEATURES)))
    if len(ids):
        vader = _TOKEN_VALUES.table[ids, 0]
        out[:, 0] = np.bincount(rows, weights=vader >= STRONG_VALENCE, minlength=n)
        out[:, 1] = np.bincount(rows, weights=vader <= -STRONG_VALENCE, minlength=n)
    out[:, 2:] = out[:, :2] / (1.0 + lengths.astype(float))[:, None]
    return out


def tfidf_weights(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows, L2-normalised, of a matrix of term counts (in place; rows with no term stay empty).

    >>> tfidf_weights(sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 0.0]])), np.array([2.0, 1.0])).toarray().tolist()
    [[1.0, 0.0], [0.0, 0.0]]
    """
    n_rows = counts.shape[0]
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.bincount(np.repeat(np.arange(n_rows), np.diff(counts.indptr)), weights=counts.data ** 2,
                                minlength=n_rows))
    counts.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(counts.indptr))
    return counts


def tfidf_rows(columns: np.ndarray, indptr: np.ndarray, idf: np.ndarray) -> sparse.csr_matrix:
    """The :func:`tfidf_weights` rows whose terms' columns are ``columns`` (row ``r`` holds
    ``columns[indptr[r]:indptr[r + 1]]``, a column as often as the term occurs).

    >>> tfidf_rows(np.array([0, 0, 1]), np.array([0, 2, 3]), np.array([1.0, 1.0])).toarray().round(3).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    matrix = sparse.csr_matrix((np.ones(len(columns)), np.asarray(columns, dtype=np.int64),
                                np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, len(idf)))
    matrix.sum_duplicates()
    return tfidf_weights(matrix, idf)


@dataclass(frozen=True)
class WordArrays:
    """The :func:`words` of many texts as arrays: each word's text ``row``, ``base`` (index into ``bases``), ``negated``.

    ``lengths`` is the number of words of each text; the words are in text order, then word order.
    """

    rows: np.ndarray
    base: np.ndarray
    negated: np.ndarray
    bases: list[str]
    lengths: np.ndarray

    def tokens(self) -> list[list[str]]:
        """The word lists themselves, as :func:`words` gives them."""
        names = [[b, "neg_" + b] for b in self.bases]
        flat = [names[b][f] for b, f in zip(self.base.tolist(), self.negated.tolist(), strict=True)]
        ends = np.cumsum(self.lengths).tolist()
        return [flat[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]

    def _ids(self) -> np.ndarray:
        variants = _TOKEN_VALUES.ids([v for b in self.bases for v in (b, "neg_" + b)])
        return variants[2 * self.base + self.negated]

    def lexicon_matrix(self) -> np.ndarray:
        """:func:`lexicon_feature_matrix` of :meth:`tokens`, without making the word lists."""
        return _lexicon_matrix(self._ids(), self.rows, self.lengths)

    def strong_matrix(self) -> np.ndarray:
        """:func:`strong_valence_matrix` of :meth:`tokens`, without making the word lists."""
        return _strong_matrix(self._ids(), self.rows, self.lengths)


def word_arrays(texts: Sequence[str]) -> WordArrays:
    """:func:`words` (with negation) of many texts at once: one regex pass per text, the negation scope over arrays.

    A word is marked ``neg_`` when one of the three words before it, with no punctuation between, is a
    negation: the same as :func:`words`' countdown, which a negation inside the scope restarts.

    >>> word_arrays(["It was not a good deal, but fine.", "No."]).tokens()
    [['it', 'was', 'not', 'neg_a', 'neg_good', 'neg_deal', 'but', 'fine'], ['no']]
    """
    import pandas as pd

    found = [TOKEN.findall(t.lower().replace("\u2019", "'")) for t in texts]
    counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    codes, uniques = pd.factorize(np.fromiter(chain.from_iterable(found), dtype=object, count=int(counts.sum())))
    uniques = uniques.tolist()
    neg = negators()
    punct = np.array([u in _PUNCT for u in uniques], dtype=bool)[codes]
    negation = np.array([u in neg or u.endswith("n't") for u in uniques], dtype=bool)[codes]
    rows = np.repeat(np.arange(len(found)), counts)
    first = np.zeros(len(rows), dtype=bool)
    first[(np.cumsum(counts) - counts)[counts > 0]] = True
    keep = ~punct
    segment = np.cumsum(punct | first)[keep]  # words of one segment have no punctuation or text start between them
    negation = negation[keep]
    negated = np.zeros(len(segment), dtype=bool)
    for d in (1, 2, 3):
        negated[d:] |= negation[:-d] & (segment[d:] == segment[:-d]) if len(segment) > d else False
    word_codes, bases = pd.factorize(codes[keep])
    names = [uniques[c] for c in bases.tolist()]
    return WordArrays(rows[keep], word_codes.astype(np.int64), negated, names,
                      np.bincount(rows[keep], minlength=len(found)).astype(np.int64))


class SparseText:
    """TF-IDF rows of a fixed vocabulary, as scikit-learn's ``TfidfVectorizer(sublinear_tf=True, norm="l2")``.

    Features are the given token lists' entries (unigrams and, with ``bigrams=True``, pairs joined by
    a space) that are in ``vocabulary``; others are ignored.

    Args:
        vocabulary: the feature names, in column order.
        idf: the idf of each feature (``TfidfVectorizer.idf_``).
        bigrams: also count adjacent pairs of tokens.

    >>> text = SparseText(["good", "not", "good deal"], [1.0, 2.0, 3.0], bigrams=True)
    >>> text.transform([["good", "deal"]]).toarray().round(3).tolist()
    [[0.316, 0.0, 0.949]]
    """

    def __init__(self, vocabulary: Sequence[str], idf: Sequence[float], *, bigrams: bool = False) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=float)
        self.bigrams = bigrams

    def terms(self, tokens: Sequence[str]) -> list[str]:
        """The unigrams (and bigrams) of ``tokens``, the analyzer used when the vocabulary was fitted."""
        if not self.bigrams:
            return list(tokens)
        return [*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]

    def transform(self, token_lists: Iterable[Sequence[str]]) -> sparse.csr_matrix:
        """One L2-normalised TF-IDF row per token list (all terms looked up in one ``map``)."""
        term_lists = [self.terms(tokens) for tokens in token_lists]
        lengths = np.fromiter(map(len, term_lists), dtype=np.int64, count=len(term_lists))
        ids = np.fromiter(map(self.index.get, chain.from_iterable(term_lists), repeat(-1)), dtype=np.int64,
                          count=int(lengths.sum()))
        known = ids >= 0
        counts = np.bincount(np.repeat(np.arange(len(term_lists)), lengths)[known], minlength=len(term_lists))
        return tfidf_rows(ids[known], np.concatenate([[0], np.cumsum(counts)]).astype(np.int64), self.idf)

    @cached_property
    def _variants(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        """The vocabulary by word: base word -> id, unigram column of each ``2 * id + negated``, sorted pair keys."""
        base: dict[str, int] = {}

        def variant(part: str) -> int:
            flag = part.startswith("neg_")
            word = part[4:] if flag else part
            return 2 * base.setdefault(word, len(base)) + flag

        unigrams, pairs = [], []
        for column, term in enumerate(self.index):
            first, _, second = term.partition(" ")
            if not second:
                unigrams.append((variant(first), column))
            elif " " not in second:
                pairs.append((variant(first), variant(second), column))
        unigram = np.full(2 * len(base), -1, dtype=np.int64)
        if unigrams:
            at, columns = np.array(unigrams, dtype=np.int64).T
            unigram[at] = columns
        pair = np.array(pairs, dtype=np.int64).reshape(-1, 3)
        keys = pair[:, 0] * len(unigram) + pair[:, 1]
        order = np.argsort(keys, kind="stable")
        return base, unigram, keys[order], pair[:, 2][order]

    def transform_arrays(self, words: WordArrays) -> sparse.csr_matrix:
        """:meth:`transform` of ``words.tokens()``, from the arrays (the same matrix).

        >>> text = SparseText(["good", "not", "neg_good deal"], [1.0, 2.0, 3.0], bigrams=True)
        >>> (text.transform_arrays(word_arrays(["not good deal"])) != text.transform([words("not good deal")])).nnz
        0
        """
        base, unigram, keys, key_columns = self._variants
        ids = np.array([base.get(b, -1) for b in words.bases], dtype=np.int64)[words.base]
        variant = np.where(ids >= 0, 2 * ids + words.negated, -1)
        known = variant >= 0
        columns = [unigram[variant[known]]]
        rows = [words.rows[known][columns[0] >= 0]]
        columns[0] = columns[0][columns[0] >= 0]
        if self.bigrams and len(variant) > 1:
            pair = known[:-1] & known[1:] & (words.rows[:-1] == words.rows[1:])
            key = variant[:-1][pair] * len(unigram) + variant[1:][pair]
            at = np.minimum(np.searchsorted(keys, key), max(len(keys) - 1, 0))
            hit = keys[at] == key if len(keys) else np.zeros(len(key), dtype=bool)
            rows.append(words.rows[:-1][pair][hit])
            columns.append(key_columns[at[hit]])
        # each row's unigram columns, then its bigram columns (csr sorts and sums them per row)
        counts = [np.bincount(r, minlength=len(words.lengths)) for r in rows]
        indptr = np.concatenate([[0], np.cumsum(sum(counts))]).astype(np.int64)
        columns_all = np.empty(int(indptr[-1]), dtype=np.int64)
        offset = indptr[:-1].copy()
        for r, c, n in zip(rows, columns, counts, strict=True):
            rank = np.arange(len(r)) - np.repeat(np.cumsum(n) - n, n)
            columns_all[offset[r] + rank] = c
            offset += n
        return tfidf_rows(columns_all, indptr, self.idf)
