"""Train (or build) a shipped model and write its JSON file: ``python -m analysis.models.train NAME``.

``NAME`` is ``news_tone``, ``target_sentiment`` or ``loaded_language`` (``all`` for every one).
Every step is seeded and deterministic: the same data and package versions give the same file.
Tuning uses grouped cross-validation inside the training data only; the evaluation sets named in
each set's ``SOURCE.md`` (even-numbered NYT editorials, NewsMTSC devtest, BABE, MBIC) are never read
here. The held-out figures printed and saved in ``metrics`` are cross-validation figures on the
training data; ``benchmarks/validity.py`` measures the evaluation sets.

Options: ``--data FOLDER`` (the annotated sets, default ``../shared/data`` beside the repository),
``--out FILE`` (default: the shipped file in ``analysis/models/``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse, stats

from .datasets import newsmtsc_targets, vader_ratings
from .features import SparseText
from .store import save_model

SEED = 0


def _tfidf(token_lists: list[list[str]], *, bigrams: bool, min_df: int, max_features: int) -> tuple[SparseText, Any]:
    """Fit a TF-IDF vocabulary with scikit-learn and return the equivalent :class:`SparseText` and the matrix."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = SparseText([], [], bigrams=bigrams).terms
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=min_df, max_features=max_features,
                                 dtype=np.float64)
    matrix = vectorizer.fit_transform(token_lists)
    vocabulary = list(vectorizer.get_feature_names_out())
    text = SparseText(vocabulary, vectorizer.idf_, bigrams=bigrams)
    ours = text.transform(token_lists)
    if abs(ours - matrix).max() >= 1e-12:
        raise RuntimeError("SparseText differs from scikit-learn's TfidfVectorizer: the shipped file would score otherwise")
    return text, matrix


# --- news tone ----------------------------------------------------------------------------------

def train_news_tone(data: str | Path | None = None) -> dict[str, Any]:
    """Ridge regression of the human mean rating / 4 on dense features and TF-IDF words, tuned on odd NYT articles."""
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import GroupKFold

    from ..sentiment import score_texts
    from .news_tone import DENSE_FEATURES, LIBRARY_FEATURES, tone_features

    train = vader_ratings("train", data)
    texts = train["sentence"].tolist()
    library = score_texts(texts, n_jobs=1, tone=False)[LIBRARY_FEATURES].to_numpy()
    dense, tokens = tone_features(texts, library)
    y = train["human"].to_numpy() / 4.0
    is_nyt = (train["corpus"] == "nyt").to_numpy()
    mean, scale = dense.mean(axis=0), dense.std(axis=0)
    scale[scale == 0] = 1.0
    settings = {"bigrams": True, "min_df": 2, "max_features": None}

    # Tuning: 5 folds over the odd-numbered NYT articles; the other corpora are always in the fit.
    folds = list(GroupKFold(n_splits=5).split(np.where(is_nyt)[0], groups=train["group"][is_nyt]))
    nyt_rows = np.where(is_nyt)[0]
    grid = [(alpha, weight) for alpha in (10.0, 30.0, 100.0) for weight in (3.0, 6.0, 12.0, 24.0, 48.0)]
    scores: dict[tuple[float, float], list[float]] = {key: [] for key in grid}
    d = (dense - mean) / scale
    for _, held_part in folds:
        held = nyt_rows[held_part]
        fit = np.setdiff1d(np.arange(len(train)), held)
        text, matrix = _tfidf([tokens[i] for i in fit], **settings)
        x_fit = sparse.hstack([sparse.csr_matrix(d[fit]), matrix]).tocsr()
        x_held = sparse.hstack([sparse.csr_matrix(d[held]), text.transform([tokens[i] for i in held])]).tocsr()
        for alpha, weight in grid:
            w = np.where(is_nyt[fit], weight, 1.0)
            model = Ridge(alpha=alpha, solver="lsqr", tol=1e-6).fit(x_fit, y[fit], sample_weight=w)
            scores[(alpha, weight)].append(stats.pearsonr(model.predict(x_held), y[held]).statistic)
    results = {key: float(np.mean(rs)) for key, rs in scores.items()}
    for (alpha, weight), r in results.items():
        print(f"  alpha={alpha:<5} nyt_weight={weight:<4} cross-validated r on odd NYT articles = {r:.3f}")
    alpha, weight = max(results, key=results.get)
    vader_r = float(stats.pearsonr(library[is_nyt, LIBRARY_FEATURES.index("vader_compound")], y[is_nyt]).statistic)

    text, matrix = _tfidf(tokens, **settings)
    x = sparse.hstack([sparse.csr_matrix((dense - mean) / scale), matrix]).tocsr()
    model = Ridge(alpha=alpha, solver="lsqr", tol=1e-6).fit(x, y, sample_weight=np.where(is_nyt, weight, 1.0))
    coef = model.coef_
    n_dense = len(DENSE_FEATURES)
    return {
        "name": "news_tone", "version": 2,
        "trained_on": "VADER ground truth (Hutto & Gilbert 2014, MIT): tweets, movie and Amazon review snippets, "
                      "NYT editorial sentences with an odd article number; "
                      f"{len(train):,} sentences; target = human mean rating / 4",
        "features": DENSE_FEATURES + ["TF-IDF of words and word pairs (negation-marked)"],
        "settings": {**settings, "alpha": alpha, "nyt_weight": weight},
        "metrics": {"cv_pearson_r_odd_nyt": round(results[(alpha, weight)], 4),
                    "vader_compound_r_odd_nyt": round(vader_r, 4)},
        "bigrams": settings["bigrams"], "vocabulary": list(text.index),
        "idf": [round(float(v), 6) for v in text.idf], "mean": mean.round(8).tolist(), "scale": scale.round(8).tolist(),
        "dense_coef": [round(float(v), 8) for v in coef[:n_dense]],
        "sparse_coef": [round(float(v), 7) for v in coef[n_dense:]], "intercept": round(float(model.intercept_), 8),
    }


# --- sentiment towards a target -----------------------------------------------------------------

def train_target_sentiment(data: str | Path | None = None) -> dict[str, Any]:
    """Multinomial logistic regression on NewsMTSC train.jsonl, C tuned by grouped 5-fold cross-validation on it."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    from .target_sentiment import LABELS, TARGET_DENSE_FEATURES, target_feature_rows

    train = newsmtsc_targets("train", data)
    dense, terms = target_feature_rows(train["sentence"].tolist(), train["start"].tolist(), train["end"].tolist())
    y = train["label"].to_numpy()
    mean, scale = dense.mean(axis=0), dense.std(axis=0)
    scale[scale == 0] = 1.0
    d = (dense - mean) / scale
    settings = {"bigrams": False, "min_df": 2, "max_features": 40_000}
    grid = (0.3, 1.0, 3.0, 10.0)
    scores: dict[float, list[float]] = {c: [] for c in grid}
    for fit, held in GroupKFold(n_splits=5).split(d, y, groups=train["group"]):
        text, matrix = _tfidf([terms[i] for i in fit], **settings)
        x_fit = sparse.hstack([sparse.csr_matrix(d[fit]), matrix]).tocsr()
        x_held = sparse.hstack([sparse.csr_matrix(d[held]), text.transform([terms[i] for i in held])]).tocsr()
        for c in grid:
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED).fit(x_fit, y[fit])
            scores[c].append(f1_score(y[held], model.predict(x_held), average="macro"))
    results = {c: float(np.mean(v)) for c, v in scores.items()}
    for c, f1 in results.items():
        print(f"  C={c:<5} cross-validated macro-F1 on train.jsonl = {f1:.3f}")
    c = max(results, key=results.get)
    text, matrix = _tfidf(terms, **settings)
    x = sparse.hstack([sparse.csr_matrix(d), matrix]).tocsr()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED).fit(x, y)
    if tuple(model.classes_) != LABELS:
        raise RuntimeError(f"classes {tuple(model.classes_)} are not {LABELS}")
    n_dense = len(TARGET_DENSE_FEATURES)
    return {
        "name": "target_sentiment", "version": 2,
        "trained_on": f"NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT): {len(train):,} targets in news sentences",
        "features": TARGET_DENSE_FEATURES + ["TF-IDF of window words (L:, R:, R2:) and sentence words (S:)"],
        "labels": list(LABELS), "settings": {**settings, "C": c, "class_weight": "balanced"},
        "metrics": {"cv_macro_f1_train": round(results[c], 4)},
        "vocabulary": list(text.index), "idf": [round(float(v), 6) for v in text.idf],
        "mean": mean.round(8).tolist(), "scale": scale.round(8).tolist(),
        "dense_coef": np.round(model.coef_[:, :n_dense], 7).tolist(),
        "sparse_coef": np.round(model.coef_[:, n_dense:], 6).tolist(),
        "intercept": np.round(model.intercept_, 7).tolist(),
    }


# --- loaded language (built, not fitted) --------------------------------------------------------

#: Hand-set weights of the loaded-language score, fixed before it was ever evaluated (never tuned on BABE or MBIC).
LOADED_WEIGHTS: dict[str, Any] = {
    "category_weights": {"pejorative": 1.0, "legitimacy": 0.8, "intensifier": 0.8, "euphemism": 0.6, "hedge": 0.5},
    "other_category_weight": 0.6,  # a user category in a merged lexicon
    "voice_weights": {"own": 1.0, "scare_quoted": 1.0, "negated": 0.6, "attributed": 0.4, "quoted": 0.3},
    "subjective_weight": 0.5,  # × Pattern subjectivity (0.6 … 1)
    "valence_weight": 1.0, "valence_cap": 0.6,  # × |VADER valence| / 4, at most the cap
    "booster_weight": 0.3,
    "min_subjectivity": 0.6, "min_valence": 2.0,
}


def build_loaded_language(data: str | Path | None = None) -> dict[str, Any]:
    """The loaded-language model: :data:`LOADED_WEIGHTS` and word tables from the Pattern and VADER lexicons.

    Reads no annotated data (``data`` is ignored): subjective words are Pattern's with subjectivity
    ≥ 0.6, valenced words VADER's with |valence| ≥ 2, boosters VADER's single-word boosters; stop words
    of the shipped list are left out of all three.
    """
    from ..tokens import stopwords
    from .features import lexicons

    lex, stop = lexicons(), stopwords()
    w = LOADED_WEIGHTS
    subjective = {k: round(v, 3) for k, v in sorted(lex.subjectivity.items())
                  if v >= w["min_subjectivity"] and k not in stop and " " not in k}
    valenced = {k: v for k, v in sorted(lex.vader.items()) if abs(v) >= w["min_valence"] and k not in stop}
    boosters = sorted(b for b in lex.boosters if b not in stop)
    return {"name": "loaded_language", "version": 1,
            "trained_on": "nothing: hand-set weights; word tables from the Pattern lexicon (textblob, BSD) and the "
                          "VADER lexicon (vaderSentiment, MIT); evaluated on BABE/MBIC only (AGPL-3.0, never fitted)",
            "features": ["loaded_terms lexicon hits by category", "Pattern subjective words", "VADER valenced words",
                         "VADER boosters", "voice (quoted, attributed, negated, own)"],
            "metrics": {}, **w, "subjective": subjective, "valenced": valenced, "boosters": boosters}


TRAINERS: dict[str, Callable[[str | Path | None], dict[str, Any]]] = {
    "news_tone": train_news_tone, "target_sentiment": train_target_sentiment,
    "loaded_language": build_loaded_language}


def main(argv: list[str] | None = None) -> int:
    """Command line: train the named model(s) and write the file(s)."""
    parser = argparse.ArgumentParser(prog="python -m analysis.models.train", description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=[*TRAINERS, "all"])
    parser.add_argument("--data", default=None, help="folder of the annotated sets (default ../shared/data)")
    parser.add_argument("--out", default=None, help="output file (default: the shipped model file)")
    args = parser.parse_args(argv)
    names = list(TRAINERS) if args.name == "all" else [args.name]
    for name in names:
        print(f"{name}:")
        model = TRAINERS[name](args.data)
        path = save_model(model, args.out if len(names) == 1 else None)
        print(f"  wrote {path} ({path.stat().st_size / 1e6:.2f} MB); metrics {model['metrics']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
