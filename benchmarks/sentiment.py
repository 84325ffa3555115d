"""Sentence sentiment at scale: Framing Lab's scorer against the naive baseline, in one run.

Generated set: 2,000 articles of about 500 words built from real sentences of the Kremlin and
President-of-Ukraine press releases (``_corpus.generated_articles``, seeded, shared with the other
benchmarks). Sentences are drawn with replacement, so some repeat: the unique count is printed, and
the project scores each unique sentence once.

Both sides get the same sentence table of the shared tokens layer (split once, timed separately):

- naive: ``df.text.apply(lambda t: TextBlob(t).sentiment)`` per article, plus VADER's
  ``polarity_scores`` per sentence in a Python loop over the sentence rows (one analyzer);
- project: ``score_sentiment(articles, level="sentence")`` (TextBlob and VADER per sentence), with
  its default worker processes and again in one process (``n_jobs=1``).

Both lexicons are loaded before any timing; the project's score memo is emptied before each of its runs.
Each side runs three times, interleaved, and the best time counts (as ``timeit`` does): the machine is shared.
The load average printed shows how busy the machine already was: worker processes only pay on idle cores.

Identity is checked like with like: the project's per-sentence scores against ``TextBlob(s).sentiment``
and ``polarity_scores(s)`` called directly on every sentence, and the naive VADER loop's scores
against the project's. (TextBlob on a whole article is a different quantity from any mean of
sentence scores, so those two are not compared.)

Run: ``python benchmarks/sentiment.py [n_articles]``.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np
from _corpus import generated_articles
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import score_sentiment
from analysis.memos import clear_memos
from analysis.sentiment import SCORE_COLUMNS, score_texts
from analysis.tokens import sentence_table

REPEATS = 3


def main(n: int = 2000) -> None:
    load = os.getloadavg()[0]  # other processes compete for the same cores: worker processes pay only on idle ones
    df = generated_articles(n)
    t0 = time.perf_counter()
    sentences = sentence_table(df)  # the shared tokens layer, memoised: both sides reuse it
    split = time.perf_counter() - t0
    n_words = df.text.str.count(r"\S+").sum()
    print(f"{len(df):,} articles, {n_words:,} words, {len(sentences):,} sentences "
          f"({sentences.sentence.nunique():,} unique); sentence splitting (shared, once): {split:.2f} s")

    TextBlob("warm up").sentiment, score_texts(["warm up"])  # load both lexicons before any timing

    def naive_run():
        blob = df.text.apply(lambda t: TextBlob(t).sentiment)
        analyzer = SentimentIntensityAnalyzer()
        vader = [analyzer.polarity_scores(row.sentence) for row in sentences.itertuples()]
        return blob, vader

    def project_run(n_jobs=None):
        clear_memos("sentiment")  # no scores carried over from an earlier run
        return score_sentiment(df, level="sentence", n_jobs=n_jobs)

    times = {"naive": [], "project": [], "serial": []}
    for _ in range(REPEATS):  # interleaved, so a busy spell on the machine hits every side alike
        for name, run in [("naive", naive_run), ("project", project_run), ("serial", lambda: project_run(1))]:
            t0 = time.perf_counter()
            result = run()
            times[name].append(time.perf_counter() - t0)
            if name == "naive":
                blob, vader = result
            elif name == "project":
                ours = result
    assert len(blob) == len(df)
    naive, project, serial = (min(times[k]) for k in ("naive", "project", "serial"))
    analyzer = SentimentIntensityAnalyzer()

    reference = np.array([[*TextBlob(s).sentiment, *analyzer.polarity_scores(s).values()]
                          for s in ours["sentence"]])
    diff_reference = np.abs(ours[SCORE_COLUMNS].to_numpy() - reference).max()
    diff_naive = np.abs(ours[SCORE_COLUMNS[2:]].to_numpy() - np.array([list(v.values()) for v in vader])).max()
    print(f"best of {REPEATS} interleaved runs (all runs: " + "; ".join(
        f"{k} {', '.join(f'{t:.2f}' for t in v)}" for k, v in times.items()) + ")")
    print(f"naive   (TextBlob per article + VADER per sentence row): {naive:7.2f} s")
    print(f"project (score_sentiment, sentence level)              : {project:7.2f} s")
    print(f"project, one process (n_jobs=1)                        : {serial:7.2f} s")
    print(f"ratio naive / project: {naive / project:.1f}x   (one process: {naive / serial:.1f}x; "
          f"{os.cpu_count()} CPUs, load average before the run {load:.2f})")
    print(f"max |project - reference libraries called per sentence| over {len(ours):,} sentences x 6 scores: "
          f"{diff_reference:.1e}")
    print(f"max |project VADER - naive VADER loop|: {diff_naive:.1e}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
