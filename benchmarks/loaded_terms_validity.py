"""Loaded-terms validity: the detector against the expert annotations of BABE, with the authors' lexicon as baseline.

Data: ``../shared/data/babe/final_labels_SG2.csv`` (BABE, Spinde et al. 2021; AGPL-3.0, read here
only, never copied into the package): 3,674 news sentences (US politics), each labelled Biased /
Non-biased / No agreement by five experts, with the words they marked as biased (``biased_words``).

Figures, for each lexicon run through the same detector (``find_loaded_terms``):

- word level, micro-averaged over all sentences: for each sentence, the set of lower-cased words
  covered by the lexicon's hits against the set of annotated words, both without the shipped stop
  words ("to" of "according to", "the" marked by an annotator); precision = shared words / hit
  words, recall = shared words / annotated words, F1 their harmonic mean;
- sentence level: ROC AUC of loaded-term density (hits per word) for Biased (positive) against
  Non-biased sentences ("No agreement" left out), computed with the Mann-Whitney U formula on
  average ranks (ties count one half).

Lexicons: the shipped ``loaded_terms`` (written for war coverage and general news; NOT tuned on
BABE), the authors' ``bias_word_lexicon.csv`` (2,130 words, baseline; the BABE paper reports about
0.59 AUC for it), and, for reference, the Recasens et al. (2013) NPOV lexicon (evaluation only).
Run: ``python benchmarks/loaded_terms_validity.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from analysis import find_loaded_terms, load_lexicon
from analysis.tokens import WORD_PATTERN, count_words, normalize_token, stopwords

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
BABE = SHARED / "babe"
RECASENS = SHARED / "recasens2013" / "npov_lexicon.txt"


def words_of(text: str) -> set[str]:
    """Lower-cased word tokens of ``text`` without stop words (the unit of the word-level figures)."""
    stop = stopwords()
    return {w for w in (normalize_token(t) for t in WORD_PATTERN.findall(text)) if w not in stop}


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Area under the ROC curve by the Mann-Whitney U statistic (average ranks for ties)."""
    ranks = rankdata(scores)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def evaluate(sentences: pd.DataFrame, lexicon: pd.DataFrame | str) -> dict[str, float]:
    hits = find_loaded_terms(sentences, lexicon)
    predicted = {aid: set() for aid in sentences["article_id"]}
    for aid, matched in zip(hits["article_id"], hits["matched"], strict=True):
        predicted[aid] |= words_of(matched)
    gold = dict(zip(sentences["article_id"], sentences["gold"], strict=True))
    shared = sum(len(predicted[a] & gold[a]) for a in predicted)
    n_predicted, n_gold = sum(len(p) for p in predicted.values()), sum(len(g) for g in gold.values())
    precision = shared / n_predicted if n_predicted else 0.0
    recall = shared / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    density = (hits.groupby("article_id").size().reindex(sentences["article_id"], fill_value=0).to_numpy()
               / np.maximum(sentences["n_words"].to_numpy(), 1))
    labelled = sentences["label_bias"].isin(["Biased", "Non-biased"]).to_numpy()
    auc = roc_auc(density[labelled], (sentences["label_bias"] == "Biased").to_numpy()[labelled])
    with_hit = density > 0
    return {"entries": len(lexicon) if isinstance(lexicon, pd.DataFrame) else len(load_lexicon(lexicon)),
            "hits": len(hits), "precision": precision, "recall": recall, "f1": f1, "auc": auc,
            "share_biased_with_hit": with_hit[sentences["label_bias"].to_numpy() == "Biased"].mean(),
            "share_non_biased_with_hit": with_hit[sentences["label_bias"].to_numpy() == "Non-biased"].mean()}


def word_lexicon(words: list[str], category: str) -> pd.DataFrame:
    words = sorted({w.strip().lower() for w in words if w.strip()})
    return pd.DataFrame({"term": words, "category": category, "match": "phrase"})


def main() -> None:
    data = pd.read_csv(BABE / "final_labels_SG2.csv", sep=";", encoding="utf-8-sig")
    gold = [{w for item in ast.literal_eval(cell) for w in words_of(item)} for cell in data["biased_words"].fillna("[]")]
    sentences = pd.DataFrame({"article_id": [f"s{i}" for i in range(len(data))], "title": "",
                              "text": data["text"].astype(str), "language": "en",
                              "label_bias": data["label_bias"], "gold": gold})
    sentences["n_words"] = sentences["text"].map(count_words)
    counts = sentences["label_bias"].value_counts().to_dict()
    print(f"BABE SG2: {len(sentences)} sentences {counts}; {sum(len(g) for g in gold)} annotated words "
          "(stop words left out)")

    babe = pd.read_csv(BABE / "bias_word_lexicon.csv")["word"].astype(str).tolist()
    recasens = [line.strip() for line in RECASENS.read_text(encoding="utf-8", errors="replace").splitlines()
                if line.strip() and not line.startswith(("#", ";"))]
    rows = {
        "loaded_terms (shipped)": evaluate(sentences, "loaded_terms"),
        "BABE bias_word_lexicon (baseline)": evaluate(sentences, word_lexicon(babe, "bias_word")),
        "Recasens 2013 NPOV lexicon (reference)": evaluate(sentences, word_lexicon(recasens, "npov")),
    }
    table = pd.DataFrame(rows).T
    table[["entries", "hits"]] = table[["entries", "hits"]].astype(int)
    with pd.option_context("display.width", 160, "display.float_format", "{:.3f}".format):
        print(table.to_string())

    hits = find_loaded_terms(sentences, "loaded_terms")
    gold_of = dict(zip(sentences["article_id"], sentences["gold"], strict=True))
    hits["annotated"] = [bool(words_of(m) & gold_of[a]) for a, m in zip(hits["article_id"], hits["matched"],
                                                                         strict=True)]
    by_category = hits.groupby("category", observed=True).agg(hits=("annotated", "size"),
                                                              precision=("annotated", "mean"))
    print("\nshipped lexicon by category (precision = share of hits whose words an annotator marked):")
    with pd.option_context("display.float_format", "{:.3f}".format):
        print(by_category.to_string())


if __name__ == "__main__":
    main()
