"""topics finds what the set writes about, with each outlet's share and the articles behind each topic."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.topics import topics

WAR = ["Troops and tanks crossed the border at night.", "The tanks fired on the border posts; troops advanced.",
       "More troops and tanks reached the border.", "Troops dug in near the border as tanks waited."]
PRICES = ["Gas prices rose again and food prices followed.", "Food and gas prices hurt families this winter.",
          "Families paid more for gas; food prices climbed.", "Prices of food and gas rose for families."]


def _articles() -> pd.DataFrame:
    texts = WAR[:3] + PRICES[:1] + PRICES[1:] + WAR[3:]
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(8)], "outlet": ["North"] * 4 + ["South"] * 4, "text": texts,
        "title": [t.split()[0] for t in texts],
        "published": pd.to_datetime([f"2024-03-0{1 + i % 4}" for i in range(8)], utc=True)})


def test_two_topics_one_per_story_and_the_outlets_share_of_each():
    result = topics(_articles(), 2)
    top = result.terms[result.terms["rank"] <= 3].groupby("topic")["term"].agg(set)
    war = next(t for t, words in top.items() if words & {"troops", "tanks", "border"})
    prices = next(t for t, words in top.items() if words & {"prices", "gas", "food"})
    assert war != prices
    shares = result.shares.set_index(["outlet", "topic"])
    # North: three war articles and one prices article; South the other way round
    assert shares.loc[("North", war), "articles"] == 3 and shares.loc[("South", prices), "articles"] == 3
    assert shares.loc[("North", war), "share"] > 0.6 > shares.loc[("South", war), "share"]
    assert result.shares.groupby("outlet")["share"].sum().round(6).tolist() == [1.0, 1.0]
    best = result.documents[result.documents["topic"] == war]
    assert set(best["article_id"]) <= {"a0", "a1", "a2", "a7"}
    assert set(result.over_time["period"].dt.day) == {1, 2, 3, 4}  # daily periods for a four-day set


def test_the_number_of_topics_is_chosen_from_the_set_when_not_given():
    result = topics(_articles())
    assert result.terms["topic"].nunique() == 2  # sqrt(8 / 2) = 2


@pytest.mark.parametrize("n_articles", [0, 3])
def test_too_few_articles_give_empty_tables(n_articles):
    result = topics(_articles().head(n_articles))
    assert result.terms.empty and result.shares.empty and result.documents.empty
