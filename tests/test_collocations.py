"""Collocations: a node term's company and the strongest bigrams, hand-checked on the seed and the sample."""

from __future__ import annotations

from analysis import collocations

# --- collocations ---------------------------------------------------------------------------


def test_collocations_of_annexed_on_the_seed(seed):
    colls = collocations(seed, "annex*", window=3, min_count=1).set_index("collocate")
    assert colls.loc["unlawfully", "count"] == 1 and colls.loc["illegally", "count"] == 1
    assert colls.loc["russia", "count"] == 2  # "Russia unlawfully annexed", "annexed by Russia"


def test_strong_bigrams_on_the_sample(sample):
    colls = collocations(sample, measure="llr", min_count=5)
    assert ("vladimir", "putin") in set(zip(colls.head(10).term, colls.head(10).collocate, strict=True))
    assert colls.llr.is_monotonic_decreasing
