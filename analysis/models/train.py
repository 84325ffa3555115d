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

#: News-tone candidates (README, "Selection protocol"): the dense features each reads, whether the dense
#: block has a news-only copy (feature augmentation; folded into one coefficient per feature when saved),
#: and (round 4) whether the extra corpora's targets are scaled to the NYT spread, counts of strongly
#: valenced words, a block of character n-grams.
TONE_CANDIDATES = {"NT-A": {"clauses": False, "augment": False}, "NT-B": {"clauses": True, "augment": False},
                   "NT-C": {"clauses": True, "augment": True},
                   "NT-D": {"clauses": False, "augment": False, "scale_targets": True},
                   "NT-E": {"clauses": False, "augment": False, "strong": True},
                   "NT-F": {"clauses": False, "augment": False, "chars": True},
                   "NT-G": {"clauses": False, "augment": False, "scale_targets": True, "strong": True, "chars": True}}
#: The round that chose the shipped NT-A: its file records these candidates' figures (round 4's are printed
#: and in the README), so a round that keeps NT-A writes the same file.
TONE_ROUND_3 = ("NT-A", "NT-B", "NT-C")
CHAR_SETTINGS = {"min_df": 3, "max_features": 30_000}


def _char_tfidf(token_lists: list[list[str]]) -> tuple[Any, Any]:
    """Fit the character n-gram TF-IDF (:mod:`analysis.models.char_grams`) with scikit-learn; check ours equals it."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .char_grams import CharText, word_char_grams

    vectorizer = TfidfVectorizer(analyzer=word_char_grams, sublinear_tf=True, dtype=np.float64, **CHAR_SETTINGS)
    matrix = vectorizer.fit_transform(token_lists)
    text = CharText(list(vectorizer.get_feature_names_out()), vectorizer.idf_)
    if abs(text.transform(token_lists) - matrix).max() >= 1e-12:
        raise RuntimeError("CharText differs from scikit-learn's TfidfVectorizer: the shipped file would score otherwise")
    return text, matrix


def _scaled_targets(y: np.ndarray, corpora: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``y`` with each non-news corpus's targets times sd(NYT targets) / sd(its targets), both over ``rows`` only."""
    out = y.copy()
    nyt_sd = y[rows][corpora[rows] == "nyt"].std()
    for corpus in ("tweets", "movies", "amazon"):
        mine = corpora == corpus
        out[mine] *= nyt_sd / y[rows][corpora[rows] == corpus].std()
    return out


def _tone_design(d: np.ndarray, words: Any, is_nyt: np.ndarray, augment: bool, chars: Any = None) -> Any:
    """The ridge design matrix: standardised dense block (and its news-only copy), the TF-IDF block(s)."""
    blocks = [sparse.csr_matrix(d)]
    if augment:
        blocks.append(sparse.csr_matrix(d * is_nyt[:, None]))
    return sparse.hstack([*blocks, words, *([] if chars is None else [chars])]).tocsr()


def _choose(results: dict[str, float], order: list[str]) -> str:
    """The selection rule: the best candidate if it beats the first (shipped) one by more than 0.002, then among
    those within 0.002 of the best the one listed first; else the first."""
    best = max(results.values())
    if best <= results[order[0]] + 0.002:
        return order[0]
    return next(n for n in order if results[n] >= best - 0.002)


def train_news_tone(data: str | Path | None = None) -> dict[str, Any]:
    """Ridge regression of the human mean rating / 4 on dense features and TF-IDF words; candidate and settings
    chosen by grouped cross-validation over the odd NYT articles."""
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import GroupKFold

    from ..sentiment import score_texts
    from .features import STRONG_FEATURES
    from .news_tone import CLAUSE_FEATURES, DENSE_FEATURES, LIBRARY_FEATURES, tone_features

    train = vader_ratings("train", data)
    texts = train["sentence"].tolist()
    library = score_texts(texts, n_jobs=1, tone=False)[LIBRARY_FEATURES].to_numpy()
    corpora = train["corpus"].tolist()
    corpus = train["corpus"].to_numpy()
    y = train["human"].to_numpy() / 4.0
    is_nyt = (train["corpus"] == "nyt").to_numpy()
    settings = {"bigrams": True, "min_df": 2, "max_features": None}
    designs = {}
    for name, candidate in TONE_CANDIDATES.items():
        dense, tokens = tone_features(texts, library, clauses=candidate["clauses"], corpora=corpora,
                                      strong=candidate.get("strong", False))
        mean, scale = dense.mean(axis=0), dense.std(axis=0)
        scale[scale == 0] = 1.0
        designs[name] = (dense, mean, scale)
    any_chars = any(c.get("chars") for c in TONE_CANDIDATES.values())

    # Tuning: 5 folds over the odd-numbered NYT articles; the other corpora are always in the fit.
    folds = list(GroupKFold(n_splits=5).split(np.where(is_nyt)[0], groups=train["group"][is_nyt]))
    nyt_rows = np.where(is_nyt)[0]
    grid = [(alpha, weight) for alpha in (10.0, 30.0, 100.0) for weight in (6.0, 12.0, 24.0, 48.0)]
    scores: dict[tuple[str, float, float], list[float]] = {(n, *key): [] for n in TONE_CANDIDATES for key in grid}
    for _, held_part in folds:
        held = nyt_rows[held_part]
        fit = np.setdiff1d(np.arange(len(train)), held)
        text, matrix = _tfidf([tokens[i] for i in fit], **settings)
        matrix_held = text.transform([tokens[i] for i in held])
        if any_chars:
            chars, chars_fit = _char_tfidf([tokens[i] for i in fit])
            chars_held = chars.transform([tokens[i] for i in held])
        y_fit = {False: y[fit], True: _scaled_targets(y, corpus, fit)[fit]}
        for name, candidate in TONE_CANDIDATES.items():
            dense, mean, scale = designs[name]
            d = (dense - mean) / scale
            use_chars = candidate.get("chars", False)
            x_fit = _tone_design(d[fit], matrix, is_nyt[fit], candidate["augment"], chars_fit if use_chars else None)
            x_held = _tone_design(d[held], matrix_held, is_nyt[held], candidate["augment"],
                                  chars_held if use_chars else None)
            target = y_fit[candidate.get("scale_targets", False)]
            for alpha, weight in grid:
                w = np.where(is_nyt[fit], weight, 1.0)
                model = Ridge(alpha=alpha, solver="lsqr", tol=1e-6).fit(x_fit, target, sample_weight=w)
                scores[(name, alpha, weight)].append(stats.pearsonr(model.predict(x_held), y[held]).statistic)
    results = {key: float(np.mean(rs)) for key, rs in scores.items()}
    best = {n: max((k for k in results if k[0] == n), key=results.get) for n in TONE_CANDIDATES}
    for name, key in best.items():
        print(f"  {name}: best alpha={key[1]:<5} nyt_weight={key[2]:<4} cross-validated r on odd NYT articles = "
              f"{results[key]:.4f}")
    chosen = _choose({n: results[k] for n, k in best.items()}, list(TONE_CANDIDATES))
    _, alpha, weight = best[chosen]
    candidate = TONE_CANDIDATES[chosen]
    dense, mean, scale = designs[chosen]
    vader_r = float(stats.pearsonr(library[is_nyt, LIBRARY_FEATURES.index("vader_compound")], y[is_nyt]).statistic)

    text, matrix = _tfidf(tokens, **settings)
    chars, chars_matrix = _char_tfidf(tokens) if candidate.get("chars") else (None, None)
    x = _tone_design((dense - mean) / scale, matrix, is_nyt, candidate["augment"], chars_matrix)
    target = _scaled_targets(y, corpus, np.arange(len(y))) if candidate.get("scale_targets") else y
    model = Ridge(alpha=alpha, solver="lsqr", tol=1e-6).fit(x, target, sample_weight=np.where(is_nyt, weight, 1.0))
    coef = model.coef_
    n_dense = dense.shape[1]
    dense_coef = coef[:n_dense] + (coef[n_dense:2 * n_dense] if candidate["augment"] else 0.0)
    sparse_coef = coef[(2 if candidate["augment"] else 1) * n_dense:][:len(text.idf)]
    recorded = [n for n in TONE_CANDIDATES if chosen not in TONE_ROUND_3 or n in TONE_ROUND_3]
    out = {
        "name": "news_tone", "version": 3 if chosen in TONE_ROUND_3 else 4, "feature_set": chosen[-1],
        "trained_on": "VADER ground truth (Hutto & Gilbert 2014, MIT): tweets, movie and Amazon review snippets, "
                      "NYT editorial sentences with an odd article number; "
                      f"{len(train):,} sentences; target = human mean rating / 4",
        "features": DENSE_FEATURES + (CLAUSE_FEATURES if candidate["clauses"] else [])
        + (STRONG_FEATURES if candidate.get("strong") else [])
        + ["TF-IDF of words and word pairs (negation-marked)"]
        + (["TF-IDF of character 3- to 5-grams inside words"] if chars is not None else []),
        "settings": {**settings, "alpha": alpha, "nyt_weight": weight, "candidate": chosen, **candidate},
        "metrics": {"cv_pearson_r_odd_nyt": round(results[best[chosen]], 4),
                    "cv_candidates": {n: round(results[best[n]], 4) for n in recorded},
                    "vader_compound_r_odd_nyt": round(vader_r, 4)},
        "bigrams": settings["bigrams"], "vocabulary": list(text.index),
        "idf": [round(float(v), 6) for v in text.idf], "mean": mean.round(8).tolist(), "scale": scale.round(8).tolist(),
        "dense_coef": [round(float(v), 8) for v in dense_coef],
        "sparse_coef": [round(float(v), 7) for v in sparse_coef], "intercept": round(float(model.intercept_), 8),
    }
    if chars is not None:
        out["settings"]["chars_settings"] = CHAR_SETTINGS
        out.update({"char_vocabulary": list(chars.index), "char_idf": [round(float(v), 6) for v in chars.idf],
                    "char_coef": [round(float(v), 7) for v in coef[-len(chars.idf):]]})
    return out


# --- sentiment towards a target -----------------------------------------------------------------

#: Target-sentiment candidates (README, "Selection protocol"): the feature set each reads
#: (:data:`analysis.models.target_sentiment.FEATURE_SETS`; round 4 added TS-C … TS-E).
TARGET_CANDIDATES = {"TS-A": "A", "TS-B": "B", "TS-C": "C", "TS-D": "D", "TS-E": "E"}
#: The round that chose the shipped TS-A: its file records these candidates' figures.
TARGET_ROUND_3 = ("TS-A", "TS-B")


def _grid_f1(x_fit: Any, y_fit: np.ndarray, x_held: Any, y_held: np.ndarray, grid: list[tuple]) -> list[float]:
    """Held-out macro-F1 of the logistic regression at each ``(C, class_weight)`` of ``grid``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    return [f1_score(y_held, LogisticRegression(C=c, class_weight=weights, max_iter=2000, random_state=SEED)
                     .fit(x_fit, y_fit).predict(x_held), average="macro") for c, weights in grid]


def train_target_sentiment(data: str | Path | None = None) -> dict[str, Any]:
    """Multinomial logistic regression on NewsMTSC train.jsonl; candidate, C and class weights chosen by grouped
    5-fold cross-validation on it."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from .target_sentiment import FEATURE_SETS, LABELS, dense_names, target_feature_rows, tone_word_weights

    train = newsmtsc_targets("train", data)
    y = train["label"].to_numpy()
    designs = {}
    tone_words = tone_word_weights()
    for name, feature_set in TARGET_CANDIDATES.items():
        reads = FEATURE_SETS[feature_set]
        dense, terms = target_feature_rows(train["sentence"].tolist(), train["start"].tolist(), train["end"].tolist(),
                                           cues="cues" in reads, negation="negation" in reads,
                                           tone_words=tone_words if "tone_words" in reads else None)
        mean, scale = dense.mean(axis=0), dense.std(axis=0)
        scale[scale == 0] = 1.0
        designs[name] = ((dense - mean) / scale, mean, scale)
    settings = {"bigrams": False, "min_df": 2, "max_features": 40_000}
    grid = [(c, weights) for weights in ("balanced", None) for c in (1.0, 3.0, 10.0)]
    # one fit after another, in this process: the fits' numbers depend on the BLAS threads (L-BFGS's dot products),
    # and worker processes limit those (a parallel run gave other cross-validated figures, e.g. TS-A 0.6563)
    scores: dict[tuple, list[float]] = {(n, *key): [] for n in TARGET_CANDIDATES for key in grid}
    for fit, held in GroupKFold(n_splits=5).split(y, y, groups=train["group"]):
        text, matrix = _tfidf([terms[i] for i in fit], **settings)
        matrix_held = text.transform([terms[i] for i in held])
        for name in TARGET_CANDIDATES:
            d = designs[name][0]
            x_fit = sparse.hstack([sparse.csr_matrix(d[fit]), matrix]).tocsr()
            x_held = sparse.hstack([sparse.csr_matrix(d[held]), matrix_held]).tocsr()
            for key, f1 in zip(grid, _grid_f1(x_fit, y[fit], x_held, y[held], grid), strict=True):
                scores[(name, *key)].append(f1)
    results = {key: float(np.mean(v)) for key, v in scores.items()}
    best = {n: max((k for k in results if k[0] == n), key=results.get) for n in TARGET_CANDIDATES}
    for key, f1 in results.items():
        print(f"  {key[0]}: C={key[1]:<5} class_weight={key[2]!s:<9} cross-validated macro-F1 on train.jsonl = {f1:.4f}")
    chosen = _choose({n: results[k] for n, k in best.items()}, list(TARGET_CANDIDATES))
    _, c, weights = best[chosen]
    d, mean, scale = designs[chosen]
    text, matrix = _tfidf(terms, **settings)
    x = sparse.hstack([sparse.csr_matrix(d), matrix]).tocsr()
    model = LogisticRegression(C=c, class_weight=weights, max_iter=2000, random_state=SEED).fit(x, y)
    if tuple(model.classes_) != LABELS:
        raise RuntimeError(f"classes {tuple(model.classes_)} are not {LABELS}")
    names = dense_names(TARGET_CANDIDATES[chosen])
    n_dense = len(names)
    recorded = [n for n in TARGET_CANDIDATES if chosen not in TARGET_ROUND_3 or n in TARGET_ROUND_3]
    extra = {"tone_words": tone_words} if "tone_words" in FEATURE_SETS[TARGET_CANDIDATES[chosen]] else {}
    return {
        "name": "target_sentiment", "version": 3 if chosen in TARGET_ROUND_3 else 4, "feature_set": chosen[-1],
        "trained_on": f"NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT): {len(train):,} targets in news sentences"
        + ("; word weights of the shipped news-tone model (VADER ground truth, MIT)" if extra else ""),
        "features": names + ["TF-IDF of window words (L:, R:, R2:) and sentence words (S:)"],
        "labels": list(LABELS), "settings": {**settings, "C": c, "class_weight": weights, "candidate": chosen},
        "metrics": {"cv_macro_f1_train": round(results[best[chosen]], 4),
                    "cv_candidates": {n: round(results[best[n]], 4) for n in recorded}}, **extra,
        "vocabulary": list(text.index), "idf": [round(float(v), 6) for v in text.idf],
        "mean": mean.round(8).tolist(), "scale": scale.round(8).tolist(),
        "dense_coef": np.round(model.coef_[:, :n_dense], 7).tolist(),
        "sparse_coef": np.round(model.coef_[:, n_dense:], 6).tolist(),
        "intercept": np.round(model.intercept_, 7).tolist(),
    }


# --- loaded language (candidates: hand-set, or fitted on an open proxy) ------------------------

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


def _loaded_tables() -> dict[str, Any]:
    """Candidate LL-A: :data:`LOADED_WEIGHTS` and word tables from the Pattern and VADER lexicons (no data read).

    Subjective words are Pattern's with subjectivity ≥ 0.6, valenced words VADER's with |valence| ≥ 2,
    boosters VADER's single-word boosters; stop words of the shipped list are left out of all three.
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


def build_loaded_language(data: str | Path | None = None) -> dict[str, Any]:
    """The loaded-language model: LL-A (hand-set weights) or LL-B (one non-negative weight per kind of evidence,
    fitted on the proxy), whichever ranks the proxy better in grouped 5-fold cross-validation.

    Proxy (openly licensed, MIT): the NYT editorial sentences with an odd article number, target the
    strength of the human rating, |mean| / 4; Spearman ρ within each held-out fold of articles.
    """
    from sklearn.linear_model import LinearRegression
    from sklearn.model_selection import GroupKFold

    from .loaded_language import KINDS, evidence_matrix, evidence_totals

    hand = _loaded_tables()
    train = vader_ratings("train", data)
    nyt = train[train["corpus"] == "nyt"].reset_index(drop=True)
    texts = nyt["sentence"].tolist()
    y = nyt["human"].abs().to_numpy() / 4.0
    totals_a = evidence_totals(texts, hand)
    x = evidence_matrix(texts, hand)
    kinds = KINDS
    rho_a, rho_b = [], []
    for fit, held in GroupKFold(n_splits=5).split(x, y, groups=nyt["group"]):
        rho_a.append(stats.spearmanr(totals_a[held], y[held]).statistic)
        fitted = LinearRegression(positive=True).fit(x[fit], y[fit])
        rho_b.append(stats.spearmanr(x[held] @ fitted.coef_, y[held]).statistic)
    cv = {"LL-A": round(float(np.mean(rho_a)), 4), "LL-B": round(float(np.mean(rho_b)), 4)}
    for name, rho in cv.items():
        print(f"  {name}: cross-validated Spearman rho with |human rating| on odd NYT articles = {rho:.4f}")
    metrics = {"proxy": "odd NYT editorial sentences, |human mean| / 4, grouped 5-fold Spearman",
               "cv_candidates": cv}
    if cv["LL-B"] <= cv["LL-A"] + 0.002:
        return {**hand, "metrics": {**metrics, "candidate": "LL-A"}}
    coef = LinearRegression(positive=True).fit(x, y).coef_
    coef = coef * (totals_a.mean() / (x @ coef).mean())  # same mean sum as LL-A on these sentences: same scale
    kind_weights = {k: round(float(c), 4) for k, c in zip(kinds, coef, strict=True)}
    categories = {k: kind_weights[k] for k in kinds[:5]}
    return {**hand, "version": 2, "combine": "sum", "kind_weights": kind_weights, "category_weights": categories,
            "other_category_weight": round(float(np.mean(list(categories.values()))), 4),
            "trained_on": "one non-negative weight per kind of evidence, fitted on the NYT editorial sentences with an "
                          "odd article number (VADER ground truth, Hutto & Gilbert 2014, MIT; target |human mean| / 4); "
                          "word tables from the Pattern lexicon (textblob, BSD) and the VADER lexicon (vaderSentiment, "
                          "MIT); evaluated on BABE/MBIC only (AGPL-3.0, never fitted)",
            "metrics": {**metrics, "candidate": "LL-B"}}


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
