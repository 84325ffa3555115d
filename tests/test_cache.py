"""The on-disk cache: an article is computed once per step version, whatever set it comes back in."""

from __future__ import annotations

import pandas as pd
from conftest import known_articles

from analysis.cache import cached_frames, cached_per_article, content_key


def _lengths(calls: list[list[str]]):
    def compute(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(frame["article_id"].tolist())
        return frame.assign(length=frame["text"].str.len())[["article_id", "length"]]
    return compute


def test_only_new_articles_are_computed_and_rows_keep_the_set_order():
    articles, calls = known_articles(), []
    first = cached_per_article("test", "v1", articles.iloc[:2], _lengths(calls))
    again = cached_per_article("test", "v1", articles.iloc[::-1], _lengths(calls))
    assert calls == [["k1", "k2"], ["k3"]]  # k3 is the only article not seen before
    assert first["length"].tolist() == [len(t) for t in articles["text"].iloc[:2]]
    assert again["article_id"].tolist() == ["k3", "k2", "k1"]


def test_a_new_version_computes_again_and_disabled_never_stores():
    articles, calls = known_articles(), []
    cached_per_article("test", "v1", articles, _lengths(calls))
    cached_per_article("test", "v2", articles, _lengths(calls))
    cached_per_article("test", "v2", articles, _lengths(calls), enabled=False)
    assert calls == [["k1", "k2", "k3"]] * 3


def test_frames_are_stored_under_their_key():
    made = []
    def make():
        made.append(1)
        return (pd.DataFrame({"n": [1, 2]}),)
    assert cached_frames("test", "key", make)[0]["n"].tolist() == cached_frames("test", "key", make)[0]["n"].tolist()
    assert len(made) == 1 and content_key("a", "b") != content_key("ab")
