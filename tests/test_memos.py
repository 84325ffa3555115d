"""Memos: bounded, registered by name, their state shown by memo_stats() and emptied by clear_memos()."""

from __future__ import annotations

from functools import lru_cache

import pytest

from analysis import tokens
from analysis.memos import Memo, clear_memos, memo_stats, register_cache


def test_a_memo_is_bounded_least_recently_used_first():
    memo = Memo("test_bounded", bound=3)
    for n in range(3):
        memo.put(n, n)
    assert memo.get(0, lambda: -1) == 0  # 0 is now the most recently used
    memo.put(3, 3)
    assert 1 not in memo and {0, 2, 3} <= {k for k in range(4) if k in memo}
    assert memo_stats()["test_bounded"] == {"entries": 3, "size": 3, "bound": 3, "hits": 1, "misses": 0}


def test_a_memo_bounded_by_size_keeps_at_least_one_entry():
    memo = Memo("test_sized", bound=10, size=lambda key, value: len(value))
    memo.put("a", "x" * 6)
    memo.put("b", "x" * 6)
    assert len(memo) == 1 and "b" in memo and memo.stats()["size"] == 6
    memo.put("c", "x" * 50)  # larger than the bound on its own: kept, alone
    assert len(memo) == 1 and "c" in memo


def test_the_token_memo_is_registered_counted_and_cleared():
    clear_memos("tokens")
    before = memo_stats()["tokens"]
    tokens.article_tokens("A text seen for the first time in this test. Twice.")
    tokens.article_tokens("A text seen for the first time in this test. Twice.")
    after = memo_stats()["tokens"]
    assert (after["misses"] - before["misses"], after["hits"] - before["hits"], after["entries"]) == (1, 1, 1)
    assert after["bound"] == tokens.TOKEN_MEMO.bound > 0
    clear_memos()
    assert memo_stats()["tokens"]["entries"] == 0 and memo_stats()["tokens"]["misses"] == after["misses"]


def test_lru_caches_register_too_and_unknown_names_are_refused():
    @lru_cache(maxsize=4)
    def double(n: int) -> int:
        return 2 * n

    register_cache("test_double", double)
    double(1), double(1)
    assert memo_stats()["test_double"] == {"entries": 1, "size": 1, "bound": 4, "hits": 1, "misses": 1}
    clear_memos("test_double")
    assert memo_stats()["test_double"]["entries"] == 0
    with pytest.raises(KeyError, match="no memo named nothing"):
        clear_memos("nothing")
    with pytest.raises(TypeError):
        register_cache("test_plain", lambda n: n)


def test_any_memo_with_clear_and_stats_can_register():
    from analysis.memos import register

    class Scores(dict):
        def stats(self):
            return {"entries": len(self), "size": len(self), "bound": 5, "hits": 0, "misses": 0}

    scores = register("test_scores", Scores(a=1))
    assert memo_stats()["test_scores"]["entries"] == 1
    clear_memos("test_scores")
    assert not scores
    with pytest.raises(TypeError):
        register("test_nothing", object())


def test_every_memo_of_an_analysis_is_seen_and_cleared(seed):
    from analysis import find_loaded_terms, score_sentiment

    score_sentiment(seed, level="sentence")
    find_loaded_terms(seed)
    stats = memo_stats()
    assert {"tokens", "sentiment", "lexicon_matchers", "alternations"} <= set(stats)
    assert stats["sentiment"]["entries"] > 0 and stats["lexicon_matchers"]["entries"] > 0
    assert all(s["bound"] > 0 for s in stats.values())
    clear_memos()
    assert all(s["entries"] == 0 for s in memo_stats().values())
