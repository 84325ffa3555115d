"""Character n-grams inside words, as TF-IDF rows: a second word block of the news-tone model (candidate NT-F).

Each word (negation mark dropped) padded with a space on both sides gives its character 3-, 4-
and 5-grams ("war" → " wa", "war", "ar ", " war", "war ", " war "), as scikit-learn's
``analyzer="char_wb"`` does; a text's n-grams are those of its words. The rows are the sublinear
TF-IDF of a saved vocabulary, L2-normalised (:func:`analysis.models.features.tfidf_weights`), the
numbers of ``TfidfVectorizer(analyzer=word_char_grams, sublinear_tf=True)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from .features import WordArrays, tfidf_rows, tfidf_weights

__all__ = ["CHAR_SIZES", "char_grams", "word_char_grams", "CharText"]

#: The lengths of the character n-grams.
CHAR_SIZES = (3, 4, 5)


def char_grams(word: str) -> list[str]:
    """The character n-grams of one word, padded with a space on both sides.

    >>> char_grams("war")
    [' wa', 'war', 'ar ', ' war', 'war ', ' war ']
    """
    padded = f" {word} "
    return [padded[i:i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1)]


def word_char_grams(tokens: Sequence[str]) -> list[str]:
    """The character n-grams of each word of ``tokens`` (output of :func:`analysis.models.features.words`).

    >>> word_char_grams(["neg_ok"])
    [' ok', 'ok ', ' ok ']
    """
    return [g for t in tokens for g in char_grams(t[4:] if t.startswith("neg_") else t)]


class CharText:
    """TF-IDF rows of character n-grams of a fixed vocabulary.

    >>> text = CharText([" ok", "ok "], [1.0, 1.0])
    >>> text.transform([["ok"], []]).toarray().round(3).tolist()
    [[0.707, 0.707], [0.0, 0.0]]
    """

    def __init__(self, vocabulary: Sequence[str], idf: Sequence[float]) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=float)
        self._columns: dict[str, np.ndarray] = {}

    def _word_columns(self, word: str) -> np.ndarray:
        columns = self._columns.get(word)
        if columns is None:
            if len(self._columns) >= 500_000:  # bounded: start afresh
                self._columns.clear()
            columns = np.array([i for g in char_grams(word) if (i := self.index.get(g)) is not None], dtype=np.int64)
            self._columns[word] = columns
        return columns

    def transform(self, token_lists: Iterable[Sequence[str]]) -> sparse.csr_matrix:
        """One row per token list (the reference route: n-grams of each word, one after another)."""
        columns: list[int] = []
        indptr = [0]
        for tokens in token_lists:
            for t in tokens:
                columns.extend(self._word_columns(t[4:] if t.startswith("neg_") else t).tolist())
            indptr.append(len(columns))
        return tfidf_rows(np.asarray(columns, dtype=np.int64), np.asarray(indptr, dtype=np.int64), self.idf)

    def transform_arrays(self, words: WordArrays) -> sparse.csr_matrix:
        """:meth:`transform` of ``words.tokens()``: the n-grams of each distinct word once, then one sparse product.

        >>> from analysis.models.features import word_arrays
        >>> text = CharText([" ok", "ok ", " no"], [1.0, 1.0, 2.0])
        >>> (text.transform_arrays(word_arrays(["No, ok.", ""])) != text.transform([["no", "ok"], []])).nnz
        0
        """
        n_texts, n_bases = len(words.lengths), len(words.bases)
        per_word = [self._word_columns(b) for b in words.bases]
        counts = np.fromiter(map(len, per_word), dtype=np.int64, count=n_bases)
        grams = sparse.csr_matrix((np.ones(int(counts.sum())), np.concatenate([np.zeros(0, dtype=np.int64), *per_word]),
                                   np.concatenate([[0], np.cumsum(counts)])), shape=(n_bases, len(self.idf)))
        texts = sparse.csr_matrix((np.ones(len(words.rows)), (words.rows, words.base)), shape=(n_texts, n_bases))
        matrix = (texts @ grams).tocsr()
        matrix.sort_indices()
        return tfidf_weights(matrix, self.idf)
