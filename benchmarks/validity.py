"""Validity of the shipped models against human annotations nobody on the project wrote, and their speed.

Prints every acceptance figure of the models in ``analysis/models/`` in one run:

- **news tone**: Pearson r of ``news_tone`` with the human mean rating of the NYT editorial sentences
  with an even article number (never used to fit or tune), VADER compound and TextBlob polarity beside it;
- **target sentiment**: macro-F1 of ``score_target_sentiment`` on NewsMTSC ``devtest_rw`` and
  ``devtest_mt``, with the majority baseline and the sentence's VADER compound read as the target's
  sentiment (−1 below −0.05, +1 above 0.05, else 0) for comparison;
- **loaded language**: ROC AUC of ``loaded_score`` for Biased against Non-biased sentences of BABE SG2
  (and SG1, MBIC; "No agreement" left out), with TextBlob subjectivity and the loaded-terms density beside it;
- **speed**: sentences per second of each model over the NYT sentences (library scores, which
  ``score_texts`` computes anyway, are given to the news-tone model; its total with them is printed too).

Data: ``../shared/data`` (VADER ground truth and NewsMTSC: MIT; BABE/MBIC: AGPL-3.0, read here only).
Run: ``python benchmarks/validity.py``. Timings depend on the machine and its load.
"""

from __future__ import annotations

import re
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats import rankdata
from sklearn.metrics import f1_score

from analysis.matcher import lexicon_matcher
from analysis.models import score_loaded_language, score_target_sentiment
from analysis.models.datasets import babe_sentences, newsmtsc_targets, vader_ratings
from analysis.models.news_tone import LIBRARY_FEATURES, news_tone
from analysis.models.store import load_model
from analysis.sentiment import score_texts
from analysis.tokens import count_words

WORDS = re.compile(r"\w+")


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Area under the ROC curve by the Mann-Whitney U statistic (average ranks for ties)."""
    ranks = rankdata(scores)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def per_second(function, items) -> float:
    start = time.perf_counter()
    function(items)
    return len(items) / (time.perf_counter() - start)


def selection(name: str) -> None:
    """The candidates of model ``name`` and their cross-validated figures on training data (from its file)."""
    metrics = load_model(name)["metrics"]
    cv = metrics.get("cv_candidates", {})
    chosen = load_model(name).get("settings", {}).get("candidate") or metrics.get("candidate", "")
    print(f"  shipped candidate: {chosen}; cross-validated on training data only: "
          + ", ".join(f"{k} {v:.4f}" for k, v in cv.items()))


def news_tone_figures() -> pd.DataFrame:
    test = vader_ratings("test")
    scores = score_texts(test["sentence"].tolist(), n_jobs=1)
    rows = [(column, stats.pearsonr(scores[column], test["human"]).statistic,
             stats.spearmanr(scores[column], test["human"]).statistic)
            for column in ["news_tone", "vader_compound", "textblob_polarity"]]
    print(f"News tone: {len(test):,} NYT editorial sentences with an even article number "
          f"({test['group'].nunique()} articles; evaluation only)")
    table = pd.DataFrame(rows, columns=["score", "pearson_r", "spearman"])
    print(table.to_string(index=False, float_format="{:.3f}".format))
    selection("news_tone")
    return table


def vader_label(compound: np.ndarray) -> np.ndarray:
    return np.where(compound > 0.05, 1, np.where(compound < -0.05, -1, 0))


def target_figures() -> pd.DataFrame:
    rows = []
    for split in ["devtest_rw", "devtest_mt"]:
        data = newsmtsc_targets(split)
        predicted = score_target_sentiment(data)["target_label"].to_numpy()
        compound = score_texts(data["sentence"].tolist(), n_jobs=1, tone=False)["vader_compound"].to_numpy()
        majority = np.full(len(data), data["label"].mode().iloc[0])
        rows.append((split, len(data), f1_score(data["label"], predicted, average="macro"),
                     (predicted == data["label"]).mean(), f1_score(data["label"], vader_label(compound), average="macro"),
                     f1_score(data["label"], majority, average="macro")))
    table = pd.DataFrame(rows, columns=["split", "targets", "macro_f1", "accuracy", "vader_sentence_macro_f1",
                                        "majority_macro_f1"])
    print("\nSentiment towards a target: NewsMTSC devtest sets (evaluation only)")
    print(table.to_string(index=False, float_format="{:.3f}".format))
    selection("target_sentiment")
    return table


def loaded_figures() -> pd.DataFrame:
    matcher = lexicon_matcher("loaded_terms")
    rows = []
    for name in ["SG2", "SG1", "MBIC"]:
        data = babe_sentences(name)
        labelled = data[data["label_bias"].isin(["Biased", "Non-biased"])].reset_index(drop=True)
        texts = labelled["text"].tolist()
        positive = (labelled["label_bias"] == "Biased").to_numpy()
        loaded = score_loaded_language(texts)["loaded_score"].to_numpy()
        subjectivity = score_texts(texts, n_jobs=1, tone=False)["textblob_subjectivity"].to_numpy()
        density = np.array([len(matcher.find(t)) / max(count_words(t), 1) for t in texts])
        rows.append((name, len(labelled), int(positive.sum()), roc_auc(loaded, positive),
                     roc_auc(subjectivity, positive), roc_auc(density, positive)))
    table = pd.DataFrame(rows, columns=["set", "sentences", "biased", "auc_loaded_score", "auc_textblob_subjectivity",
                                        "auc_loaded_terms_density"])
    print("\nLoaded language: Biased vs Non-biased (BABE SG2 = 5 experts; SG1 = 8 experts; MBIC = crowd); "
          "AGPL-3.0, evaluation only")
    print(table.to_string(index=False, float_format="{:.3f}".format))
    selection("loaded_language")
    return table


def speed() -> None:
    texts = vader_ratings("test")["sentence"].tolist() + vader_ratings("train")["sentence"].tolist()[-2568:]
    library = score_texts(texts, n_jobs=1, tone=False)
    lib = library[LIBRARY_FEATURES].to_numpy()
    news_tone(texts[:20], lib[:20])
    tone = per_second(lambda t: news_tone(t, lib), texts)
    from analysis.memos import clear_memos
    clear_memos("sentiment")
    total = per_second(lambda t: score_texts(t, n_jobs=1), texts)
    frame = pd.DataFrame({"sentence": texts, "target": [t.split()[0] if t.split() else "" for t in texts]})
    score_target_sentiment(frame.head(20))
    target = per_second(score_target_sentiment, frame)
    score_loaded_language(texts[:20])
    loaded = per_second(score_loaded_language, texts)
    baseline = per_second(lambda t: [WORDS.findall(x.lower()) for x in t], texts)
    print(f"\nSpeed over {len(texts):,} sentences, one process (depends on the machine and its load); the ratio is"
          " to one bare regex pass that only splits each sentence into words, on the same machine at the same time:")
    for label, rate in [("news_tone over given VADER/TextBlob scores", tone),
                        ("score_texts: VADER + TextBlob + news_tone", total),
                        ("score_target_sentiment (one target each)", target),
                        ("score_loaded_language", loaded), ("bare regex word split (reference)", baseline)]:
        print(f"  {label:<44} {rate:10,.0f} sentences/s  ({rate / baseline:5.2f} x the word split)")


def main() -> None:
    news_tone_figures()
    target_figures()
    loaded_figures()
    speed()


if __name__ == "__main__":
    main()
