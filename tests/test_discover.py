"""discover_naming finds the competing names of a story from the set itself, on any story."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import shared_path
from protest_story import protest_articles

from analysis import discover_naming, load_articles
from analysis.discover import PROPOSAL_COLUMNS, _related


def _pairs(proposals: pd.DataFrame) -> list[set[str]]:
    """Every pair a proposal stands for: its term and variant, and the pairs folded into its examples."""
    out = []
    for record in proposals.to_dict("records"):
        out.append({record["term"], record["variant"]})
        for example in str(record["examples"] or "").split("; "):
            if " / " in example:
                out.append(set(example.split(" / ")))
    return out


def test_protesters_and_rioters_are_the_first_proposal():
    articles = protest_articles()
    before = articles.copy()
    proposals = discover_naming(articles, min_count=3)
    assert list(proposals.columns) == PROPOSAL_COLUMNS
    first = proposals.iloc[0]
    assert {first["term"], first["variant"]} == {"protesters", "rioters"}
    assert first["kind"] == "context"
    assert first["group_term"] == "The Daily Post" and first["group_variant"] == "The Evening Star"
    # counted by hand: 14 "protesters" in the Post (none in the Star), 13 "rioters" in the Star
    assert first["term_counts"] == "The Daily Post 14" and first["variant_counts"] == "The Evening Star 13"
    pd.testing.assert_frame_equal(articles, before)


def test_one_outlet_or_nothing_gives_an_empty_table_with_the_columns():
    articles = protest_articles()
    one = articles[articles["outlet"] == "The Daily Post"]
    assert discover_naming(one).empty and list(discover_naming(one).columns) == PROPOSAL_COLUMNS
    assert discover_naming(articles.iloc[:0]).empty


@pytest.mark.parametrize("a, b, related", [
    ("thank", "thanked", True), ("price", "prices", True), ("donbas", "donbass", False),
    ("kiev", "kyiv", False), ("war", "full-scale war", True), ("emphasise", "emphasize", False),
])
def test_forms_of_one_word_are_not_naming_variants(a, b, related):
    assert _related(a, b) is related


def test_full_releases_propose_kyiv_kiev_and_war_special_military_operation():
    """The acceptance test of issue 19: no naming table is used, only the set itself."""
    articles = load_articles(shared_path("kremlin_zelenskyy_press"))
    proposals = discover_naming(articles, top=20)
    print(proposals[["rank", "term", "variant", "kind", "term_counts", "variant_counts", "score"]].to_string())
    pairs = _pairs(proposals)
    assert {"kiev", "kyiv"} in pairs
    assert {"special military operation", "war"} in pairs
    row = proposals[(proposals["term"] == "kiev") & (proposals["variant"] == "kyiv")].iloc[0]
    assert row["group_term"] == "putin" and row["variant_counts"].startswith("zelenskyy")
