"""Fast TextBlob scorer: same numbers as TextBlob itself, and the library itself on any other version."""

from __future__ import annotations

import numpy as np
import pytest
from textblob import TextBlob

from analysis import _textblob_fast, versions

TEXTS = ["", "Good.", "This is not good!!!", "What a day :-( really :) and :'( too", "Great (!) idea",
         "Don't you dare say it’s “fine”.", "qxzsentenceqxzbreakqxz good", "No words to assess here"]


def reference(texts: list[str]) -> np.ndarray:
    return np.array([[TextBlob(t).sentiment.polarity, TextBlob(t).sentiment.subjectivity] for t in texts])


def test_fast_scores_are_textblobs_on_the_pinned_version():
    assert versions.installed_version("textblob") == _textblob_fast.TESTED_VERSION
    assert np.abs(_textblob_fast.pattern_scores(TEXTS) - reference(TEXTS)).max() < 1e-12


def test_another_version_falls_back_to_textblob_with_a_warning(pretend_installed, monkeypatch):
    pretend_installed("textblob", "0.19.0")
    monkeypatch.setattr(_textblob_fast, "_fast_scores", lambda texts: pytest.fail("fast path used"))
    with pytest.warns(UserWarning, match=r"textblob 0\.19\.0 is installed.*TextBlob\(text\)\.sentiment itself"):
        scores = _textblob_fast.pattern_scores(TEXTS)
    assert np.array_equal(scores, reference(TEXTS))
    with pytest.warns(UserWarning, match="textblob 0.19.0"):
        assert not _textblob_fast.fast_path_usable()


def test_score_texts_falls_back_too(pretend_installed):
    from analysis.sentiment import SCORE_COLUMNS, score_texts

    pretend_installed("textblob", "0.21.0")
    texts = [f"{t} (fallback check)" for t in TEXTS]  # texts no other test scored: not in the memo
    with pytest.warns(UserWarning, match="textblob 0.21.0"):
        scores = score_texts(texts, n_jobs=1, tone=False)[SCORE_COLUMNS[:2]].to_numpy()
    assert np.array_equal(scores, reference(texts))


def test_changed_internals_fall_back_too(monkeypatch):
    monkeypatch.setattr(_textblob_fast, "_rewrites_are_padding", lambda: False)
    with pytest.warns(UserWarning, match="internals of textblob"):
        assert np.array_equal(_textblob_fast.pattern_scores(TEXTS), reference(TEXTS))
