"""Validity: how well each scorer tracks human ratings of 5,190 New York Times editorial sentences.

Data: ``../shared/data/vader/nytEditorialSnippets_GroundTruth.txt`` (Hutto & Gilbert 2014, MIT): one
sentence per line with the mean rating of about 20 people on a -4 .. +4 scale. Prints the Pearson
(and Spearman) correlation of each score with the human mean; the published figure for VADER on this
set is about 0.49. Also checks that the project's scores equal the reference libraries called directly.

Run: ``python benchmarks/sentiment_validity.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.sentiment import score_texts

TRUTH = Path(__file__).resolve().parents[2] / "shared" / "data" / "vader" / "nytEditorialSnippets_GroundTruth.txt"


def main() -> None:
    rows = [line for line in csv.reader(TRUTH.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)]
    truth = pd.DataFrame({"id": [r[0] for r in rows], "human": [float(r[1]) for r in rows],
                          "sentence": ["\t".join(r[2:]) for r in rows]})
    scores = score_texts(truth["sentence"].tolist())
    print(f"{len(truth):,} human-rated NYT editorial sentences ({TRUTH.name})")
    print(f"{'score':<22} {'Pearson r':>9} {'Spearman':>9}")
    for column in ["vader_compound", "textblob_polarity", "vader_pos", "vader_neg", "textblob_subjectivity"]:
        r = stats.pearsonr(scores[column], truth["human"]).statistic
        rho = stats.spearmanr(scores[column], truth["human"]).statistic
        print(f"{column:<22} {r:9.3f} {rho:9.3f}")
    analyzer = SentimentIntensityAnalyzer()
    reference = np.array([[*TextBlob(s).sentiment, *analyzer.polarity_scores(s).values()] for s in truth["sentence"]])
    print(f"max |project - reference libraries| over all sentences and scores: "
          f"{np.abs(scores.to_numpy() - reference).max():.1e}")
    print("Published figure for VADER on these sentences (Hutto & Gilbert 2014): r of about 0.49.")


if __name__ == "__main__":
    main()
