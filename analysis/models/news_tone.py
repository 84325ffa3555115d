"""News tone: a linear model of how positive or negative people rate a sentence, −1 … +1.

Fitted by ``python -m analysis.models.train news_tone`` on human ratings (VADER's ground truth,
MIT: tweets, movie and product review snippets and the NYT editorials with an odd article number;
the even-numbered editorials are kept for evaluation). The model is one ridge regression over
transparent features (:mod:`analysis.models.features`): the VADER and TextBlob scores of the
sentence, lexicon counts and sums with negation, length and punctuation, and TF-IDF weights of its
words and word pairs. Its output is the predicted human mean rating divided by 4, clipped to −1 … +1.

Scoring uses only the saved coefficients and vocabulary (``news_tone.json``), with numpy and scipy.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from .char_grams import CharText
from .features import (
    LEXICON_FEATURES,
    STRONG_FEATURES,
    SparseText,
    lexicon_feature_matrix,
    strong_valence_matrix,
    word_arrays,
    words,
)
from .store import load_model

__all__ = ["LIBRARY_FEATURES", "DENSE_FEATURES", "CORPORA", "CLAUSE_FEATURES", "tone_features", "dense_names", "news_tone",
           "score_news_tone", "explain_news_tone"]

#: The library scores the model reads (the columns of :func:`analysis.sentiment.score_texts`).
LIBRARY_FEATURES = ["textblob_polarity", "textblob_subjectivity", "vader_neg", "vader_neu", "vader_pos",
                    "vader_compound"]
#: All dense features, in the model's order.
DENSE_FEATURES = [*LIBRARY_FEATURES, *LEXICON_FEATURES, "exclamations", "questions", "quotes",
                  "vader_pos_share", "vader_neg_share", "vader_mean"]
#: The last three dense features: VADER positive and negative word counts and valence sum per word (÷ words + 1).
_SHARES = [LEXICON_FEATURES.index(f) for f in ("vader_pos_words", "vader_neg_words", "vader_sum")]
#: The training corpora of the VADER ground truth; a text scored by the package counts as ``nyt`` (news).
CORPORA = ["tweets", "movies", "amazon", "nyt"]
#: Features of model version 3: one indicator per corpus, and the VADER valence before and after a contrast.
CLAUSE_FEATURES = [*(f"corpus_{c}" for c in CORPORA), "vader_before_but", "vader_after_but", "has_but"]
_BUT = frozenset({"but", "however", "yet", "neg_but", "neg_however", "neg_yet"})


def _clause_features(tokens: list[list[str]], corpora: Sequence[str]) -> np.ndarray:
    """:data:`CLAUSE_FEATURES` of each word list: its corpus, and the VADER sums before and after its last "but".

    >>> _clause_features([words("Good food but awful service.")], ["nyt"]).tolist()
    [[0.0, 0.0, 0.0, 1.0, 1.9, -2.0, 1.0]]
    """
    cut = [max((i for i, t in enumerate(ws) if t in _BUT), default=len(ws)) for ws in tokens]
    before = lexicon_feature_matrix([ws[:c] for ws, c in zip(tokens, cut, strict=True)])[:, 0]
    after = lexicon_feature_matrix([ws[c + 1:] for ws, c in zip(tokens, cut, strict=True)])[:, 0]
    corpus = np.array([[float(c == k) for k in CORPORA] for c in corpora]).reshape(-1, len(CORPORA))
    has = np.array([c < len(ws) for ws, c in zip(tokens, cut, strict=True)], dtype=float)
    return np.column_stack([corpus, before, after, has])


def _dense(texts: Sequence[str], library: np.ndarray, lexicon: np.ndarray, n_words: np.ndarray,
           rows: np.ndarray) -> np.ndarray:
    """:data:`DENSE_FEATURES` of texts ``texts[rows]``, from the library scores of each row and the lexicon features of each text."""
    dense = np.empty((len(rows), len(DENSE_FEATURES)))
    n_lib, n_lex = len(LIBRARY_FEATURES), len(LEXICON_FEATURES)
    dense[:, :n_lib] = library
    dense[:, n_lib:n_lib + n_lex] = lexicon[rows]
    marks = np.array([(min(text.count("!"), 3), min(text.count("?"), 3), min(text.count('"'), 4)) for text in texts],
                     dtype=float).reshape(-1, 3)
    dense[:, n_lib + n_lex:n_lib + n_lex + 3] = marks[rows]
    dense[:, -3:] = dense[:, [n_lib + i for i in _SHARES]] / (1.0 + n_words.astype(float)[rows])[:, None]
    return dense


def tone_features(texts: Sequence[str], library: np.ndarray, *, clauses: bool = False,
                  corpora: Sequence[str] | None = None, strong: bool = False) -> tuple[np.ndarray, list[list[str]]]:
    """Dense features (rows × :data:`DENSE_FEATURES`, then :data:`CLAUSE_FEATURES` with ``clauses``, then
    :data:`~analysis.models.features.STRONG_FEATURES` with ``strong``) and word lists.

    ``library`` holds the :data:`LIBRARY_FEATURES` of each text (one row per text); ``corpora`` the
    corpus of each text (default ``nyt``: news).

    >>> dense, tokens = tone_features(["Not bad at all."], np.zeros((1, 6)), clauses=True)
    >>> dense.shape, tokens
    ((1, 30), [['not', 'neg_bad', 'neg_at', 'neg_all']])
    """
    tokens = [words(t) for t in texts]
    lengths = np.array([len(t) for t in tokens], dtype=np.int64)
    dense = _dense(texts, library, lexicon_feature_matrix(tokens), lengths, np.arange(len(texts)))
    if clauses:
        dense = np.hstack([dense, _clause_features(tokens, corpora or ["nyt"] * len(tokens))])
    if strong:
        dense = np.hstack([dense, strong_valence_matrix(tokens)])
    return dense, tokens


@lru_cache(maxsize=1)
def _model():
    model = load_model("news_tone")
    text = SparseText(model["vocabulary"], model["idf"], bigrams=model["bigrams"])
    return (model, text, np.asarray(model["mean"]), np.asarray(model["scale"]), np.asarray(model["dense_coef"]),
            np.asarray(model["sparse_coef"]), float(model["intercept"]))


def _clauses(model: dict) -> bool:
    return bool(model.get("settings", {}).get("clauses"))


def _strong(model: dict) -> bool:
    return bool(model.get("settings", {}).get("strong"))


@lru_cache(maxsize=1)
def _char_model() -> tuple[CharText | None, np.ndarray]:
    """The character n-gram block of the shipped model (candidates NT-F, NT-G), or ``None``."""
    model = load_model("news_tone")
    if not model.get("settings", {}).get("chars"):
        return None, np.zeros(0)
    return CharText(model["char_vocabulary"], model["char_idf"]), np.asarray(model["char_coef"])


def dense_names(model: dict) -> list[str]:
    """The names of the dense features the news-tone ``model`` reads, in its order.

    >>> dense_names({"settings": {"strong": True}})[-1]
    'vader_strong_neg_share'
    """
    return DENSE_FEATURES + (CLAUSE_FEATURES if _clauses(model) else []) + (STRONG_FEATURES if _strong(model) else [])


def news_tone(texts: Sequence[str], library: np.ndarray | pd.DataFrame) -> np.ndarray:
    """News tone of each text (−1 … +1) given its library scores (:data:`LIBRARY_FEATURES`, one row per text).

    The word features of each distinct text are computed once, over arrays (:func:`word_arrays`); the
    numbers are those of :func:`tone_features` and :meth:`SparseText.transform` (``tests/test_models.py``).

    >>> news_tone(["A good day.", "", "A good day."], np.zeros((3, 6))).round(3).tolist()
    [0.132, 0.0, 0.132]
    """
    texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
    if isinstance(library, pd.DataFrame):
        library = library[LIBRARY_FEATURES].to_numpy(dtype=float)
    if not texts:
        return np.zeros(0)
    model, text, mean, scale, dense_coef, sparse_coef, intercept = _model()
    chars, char_coef = _char_model()
    library = np.asarray(library, dtype=float)
    if _clauses(model):
        dense, tokens = tone_features(texts, library, clauses=True, strong=_strong(model))
        sparse_parts = [text.transform(tokens) @ sparse_coef]
        if chars is not None:
            sparse_parts.append(chars.transform(tokens) @ char_coef)
    else:
        codes, distinct = pd.factorize(pd.Series(texts, dtype=object))
        distinct = distinct.tolist()
        arrays = word_arrays(distinct)
        dense = _dense(distinct, library, arrays.lexicon_matrix(), arrays.lengths, codes)
        if _strong(model):
            dense = np.hstack([dense, arrays.strong_matrix()[codes]])
        sparse_parts = [(text.transform_arrays(arrays) @ sparse_coef)[codes]]
        if chars is not None:
            sparse_parts.append((chars.transform_arrays(arrays) @ char_coef)[codes])
    raw = ((dense - mean) / scale) @ dense_coef
    for part in sparse_parts:  # added one block after the other, as the reference route does
        raw = raw + part
    raw = raw + intercept
    out = np.clip(raw, -1.0, 1.0)
    out[np.array([not t.strip() for t in texts])] = 0.0
    return out


def score_news_tone(texts: Sequence[str]) -> pd.DataFrame:
    """News tone of each text, one row per text: ``text``, ``news_tone`` (−1 … +1).

    The VADER and TextBlob scores it needs are computed with :func:`analysis.sentiment.score_texts`
    (which also returns ``news_tone`` beside them).

    >>> score_news_tone(["The talks were a great success.", "Shelling killed six civilians."])["news_tone"].gt(0).tolist()
    [True, False]
    """
    from ..sentiment import score_texts

    texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
    scores = score_texts(texts, n_jobs=1)
    return pd.DataFrame({"text": pd.Series(texts, dtype="string"), "news_tone": scores["news_tone"].to_numpy()})


def explain_news_tone(text: str, *, top: int = 8) -> pd.DataFrame:
    """What moved the news tone of one text: the largest contributions of its features, words first.

    Columns ``feature`` (a word or word pair, or a dense feature name), ``value`` and ``contribution``
    (its share of the raw score before clipping); sorted by the size of the contribution.

    >>> bool(explain_news_tone("The ceasefire failed and civilians were killed.", top=3)["contribution"].lt(0).all())
    True
    """
    from ..sentiment import score_texts

    model, sparse_text, mean, scale, dense_coef, sparse_coef, _ = _model()
    library = score_texts([text], n_jobs=1)[LIBRARY_FEATURES].to_numpy()
    dense, tokens = tone_features([text], library, clauses=_clauses(model), strong=_strong(model))
    row = sparse_text.transform(tokens)
    names = list(model["vocabulary"])
    parts = [(names[i], v, v * sparse_coef[i]) for i, v in zip(row.indices, row.data, strict=True)]
    chars, char_coef = _char_model()
    if chars is not None:
        grams = list(model["char_vocabulary"])
        row = chars.transform(tokens)
        parts += [(f"chars:{grams[i]!r}", v, v * char_coef[i]) for i, v in zip(row.indices, row.data, strict=True)]
    parts += [(f, d, (d - m) / s * c) for f, d, m, s, c in zip(dense_names(model), dense[0], mean, scale, dense_coef,
                                                               strict=True)]
    out = pd.DataFrame(parts, columns=["feature", "value", "contribution"])
    return out.reindex(out["contribution"].abs().sort_values(ascending=False).index).head(top).reset_index(drop=True)
