"""TF-IDF: the one weighting (scikit-learn's) behind distinctive terms and story grouping."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from analysis.tfidf import NUMBER, term_matrix, tfidf_matrix
from analysis.tokens import article_tokens, stopwords


def _by_hand(counts: np.ndarray) -> np.ndarray:
    """Sublinear tf, smoothed idf, unit rows: the formula story grouping used before it moved here."""
    tf = np.where(counts > 0, 1 + np.log(np.where(counts > 0, counts, 1)), 0.0)
    df = (counts > 0).sum(axis=0)
    weighted = tf * (np.log((1 + len(counts)) / (1 + df)) + 1)
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    return weighted / np.where(norms > 0, norms, 1)


def test_tfidf_matrix_is_the_hand_formula(sample):
    texts = [f"{t}\n\n{x}" for t, x in zip(sample["title"].fillna(""), sample["text"].fillna(""), strict=True)]
    counts = term_matrix(texts)
    assert counts.shape[0] == len(texts) and counts.nnz > 0
    np.testing.assert_allclose(tfidf_matrix(counts).toarray(), _by_hand(counts.toarray()), atol=1e-12)


def test_idf_from_other_documents_weighs_groups():
    documents = sparse.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [0, 1, 0]]))
    groups = sparse.csr_matrix(np.array([[1, 2, 0], [0, 2, 1]]))
    weights = tfidf_matrix(groups, documents=documents).toarray()
    idf = np.log(4 / np.array([2, 4, 2])) + 1
    expected = np.array([[1, 1 + np.log(2), 0], [0, 1 + np.log(2), 1]]) * idf
    np.testing.assert_allclose(weights, expected / np.linalg.norm(expected, axis=1, keepdims=True))


@pytest.mark.parametrize("text, kept", [
    ("The war in 2022 went on.", ["war", "went"]),        # stop words and numbers dropped
    ("A drone flew over Kyiv's 3rd district.", ["drone", "flew", "kyiv", "district"]),  # "a" is one letter
])
def test_term_matrix_drops_stop_words_numbers_and_single_letters(text, kept):
    tokens = article_tokens(text).tokens
    expected = [w for w in tokens if len(w) > 1 and w not in stopwords() and not NUMBER.match(w)]
    assert expected == kept
    assert term_matrix([text]).sum() == len(kept)


def test_empty_texts_give_empty_rows():
    counts = term_matrix(["", "Peace talks."])
    assert counts.shape == (2, 2) and counts[0].nnz == 0
    assert tfidf_matrix(counts)[0].nnz == 0
