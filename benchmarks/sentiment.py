"""Sentence sentiment at scale: Framing Lab's scorer against the naive baseline, in one run.

Generated set: at least 2,000 articles of about 500 words, built from real sentences of the Kremlin
and President-of-Ukraine press releases in ``../shared/data/kremlin_zelenskyy_press`` (sentences
drawn without replacement from a seeded permutation; the pool is reused only once exhausted).

Both sides get the same sentence table of the shared tokens layer (split once, timed separately):

- naive: ``df.text.apply(lambda t: TextBlob(t).sentiment)`` per article, plus VADER's
  ``polarity_scores`` per sentence in a Python loop over the sentence rows (one analyzer);
- project: ``score_sentiment(articles, level="sentence")`` (TextBlob and VADER per sentence).

Identity is checked like with like: the project's per-sentence scores against ``TextBlob(s).sentiment``
and ``polarity_scores(s)`` called directly on every sentence, and the naive VADER loop's scores
against the project's. (TextBlob on a whole article is a different quantity from any mean of
sentence scores, so those two are not compared.)

Run: ``python benchmarks/sentiment.py [n_articles]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import load_articles, score_sentiment, sentence_table
from analysis.sentiment import _MEMO

SHARED = Path(__file__).resolve().parents[2] / "shared"
POOL = SHARED / "data" / "kremlin_zelenskyy_press"
WORDS = 500


def generated_articles(n: int) -> pd.DataFrame:
    pool = load_articles(POOL, cache=False)
    sentences = sentence_table(pool)
    words = sentences["sentence"].str.count(r"\w+").to_numpy()
    keep = words >= 3
    sentences, words = sentences["sentence"].to_numpy()[keep], words[keep]
    rng = np.random.default_rng(0)
    order = rng.permutation(len(sentences))
    texts, cursor = [], 0
    for _ in range(n):
        parts, count = [], 0
        while count < WORDS:
            if cursor == len(order):
                order, cursor = rng.permutation(len(sentences)), 0
            i = order[cursor]
            cursor += 1
            parts.append(sentences[i])
            count += words[i]
        texts.append(" ".join(parts))
    return pd.DataFrame({"article_id": [f"g{i:05d}" for i in range(n)], "outlet": ["generated"] * n,
                         "text": texts, "language": "en"})


def main(n: int = 2000) -> None:
    df = generated_articles(n)
    t0 = time.perf_counter()
    sentences = sentence_table(df)  # the shared tokens layer, memoised: both sides reuse it
    split = time.perf_counter() - t0
    n_words = df.text.str.count(r"\S+").sum()
    print(f"{len(df):,} articles, {n_words:,} words, {len(sentences):,} sentences "
          f"({sentences.sentence.nunique():,} unique); sentence splitting (shared, once): {split:.2f} s")

    t0 = time.perf_counter()
    blob = df.text.apply(lambda t: TextBlob(t).sentiment)
    analyzer = SentimentIntensityAnalyzer()
    vader = [analyzer.polarity_scores(row.sentence) for row in sentences.itertuples()]
    naive = time.perf_counter() - t0
    assert len(blob) == len(df)

    _MEMO.clear()  # no scores carried over from anything before
    t0 = time.perf_counter()
    ours = score_sentiment(df, level="sentence")
    project = time.perf_counter() - t0

    reference = np.array([[*TextBlob(s).sentiment, *analyzer.polarity_scores(s).values()]
                          for s in ours["sentence"]])
    columns = ["textblob_polarity", "textblob_subjectivity", "vader_neg", "vader_neu", "vader_pos", "vader_compound"]
    diff_reference = np.abs(ours[columns].to_numpy() - reference).max()
    diff_naive = np.abs(ours[columns[2:]].to_numpy() - np.array([list(v.values()) for v in vader])).max()
    print(f"naive   (TextBlob per article + VADER per sentence row): {naive:7.2f} s")
    print(f"project (score_sentiment, sentence level)              : {project:7.2f} s")
    print(f"ratio naive / project: {naive / project:.1f}x")
    print(f"max |project - reference libraries called per sentence| over {len(ours):,} sentences x 6 scores: "
          f"{diff_reference:.1e}")
    print(f"max |project VADER - naive VADER loop|: {diff_naive:.1e}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
