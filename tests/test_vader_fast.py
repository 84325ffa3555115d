"""Fast VADER analyzer: same numbers as vaderSentiment itself, and the library itself on any other version."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import _vader_fast, versions

TEXTS = ["", "Good.", "It isn't bad at all, but the ending was AWFUL.", "I love it 😀 so much!", "kind of bad but GREAT",
         "Never so happy, without doubt the best.", "He's the bomb, yeah right.", "no no no"]
VADER = SentimentIntensityAnalyzer()


def test_fast_analyzer_gives_vaders_scores_on_the_pinned_version():
    assert versions.installed_version("vaderSentiment") == _vader_fast.TESTED_VERSION
    fast = _vader_fast.analyzer()
    assert type(fast) is not SentimentIntensityAnalyzer
    assert [fast.polarity_scores(t) for t in TEXTS] == [VADER.polarity_scores(t) for t in TEXTS]


def test_another_version_falls_back_to_vader_with_a_warning(pretend_installed):
    pretend_installed("vaderSentiment", "3.4.0")
    with pytest.warns(UserWarning, match=r"vaderSentiment 3\.4\.0 is installed.*own analyzer"):
        analyzer = _vader_fast.analyzer()
    assert type(analyzer) is SentimentIntensityAnalyzer
    assert [analyzer.polarity_scores(t) for t in TEXTS] == [VADER.polarity_scores(t) for t in TEXTS]
    with pytest.warns(UserWarning, match="3.4.0"):
        copy = _vader_fast.analyzer_with({"Dictator": -2.5})
    assert type(copy) is SentimentIntensityAnalyzer and copy.lexicon["dictator"] == -2.5
    assert "dictator" not in analyzer.lexicon


def test_score_texts_falls_back_too(pretend_installed):
    from analysis.sentiment import SCORE_COLUMNS, score_texts

    pretend_installed("vaderSentiment", "3.4.0")
    texts = [f"{t} (vader fallback check)" for t in TEXTS]  # texts no other test scored: not in the memo
    with pytest.warns(UserWarning, match="vaderSentiment 3.4.0"):
        scores = score_texts(texts, n_jobs=1, tone=False)[SCORE_COLUMNS[2:]].to_numpy().tolist()
    assert scores == [[VADER.polarity_scores(t)[k] for k in ("neg", "neu", "pos", "compound")] for t in texts]
