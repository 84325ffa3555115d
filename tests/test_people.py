"""find_people merges the forms of one name; actor_table counts who is covered and who speaks."""

from __future__ import annotations

import pandas as pd
import pytest
from protest_story import protest_articles

from analysis import actor_sentiment, find_people
from analysis.actors import load_actors
from analysis.people import ACTOR_TABLE_COLUMNS, PEOPLE_COLUMNS, actor_table, people_to_actors


def _frame(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": list(texts)})


@pytest.mark.parametrize("text, written, title", [
    ("Vladimir Putin met the governors on Monday.", "Vladimir Putin", ""),
    ("The talks ended when Putin left the room.", "Putin", ""),
    ("Mr Putin did not answer the question.", "Putin", "Mr"),
    ("Mr. Putin did not answer the question.", "Putin", "Mr"),
    ("In the end President Putin signed the decree.", "Putin", "President"),
    ("The statement said Putin's decision was final.", "Putin", ""),
    ("President of Russia Vladimir Putin held a meeting.", "Vladimir Putin", "President"),
])
def test_the_forms_of_one_name_are_one_person(text, written, title):
    articles = _frame("Vladimir Putin said the talks would go on.", text)
    people = find_people(articles, min_count=1)
    row = people[people["article_id"] == "a1"].iloc[0]
    assert (row["as_written"], row["name"], row["kind"], row["title"]) == (written, "Vladimir Putin", "person", title)


def test_a_surname_goes_to_the_full_name_of_the_same_article():
    articles = _frame("Mr Baker met Tom Baker. Tom Baker said no.", "Governor James Baker spoke. Baker left.",
                      "Tom Baker came back. Baker smiled.")
    people = find_people(articles, min_count=1)
    assert people.loc[people["article_id"] == "a1", "name"].tolist() == ["James Baker", "James Baker"]
    assert set(people.loc[people["article_id"] == "a2", "name"]) == {"Tom Baker"}


def test_organisations_and_acronyms_are_found_and_sentence_words_are_not():
    articles = _frame("The Security Council met. NATO and the Ministry of Defence replied.",
                      "Police said the police had left. NATO met again. Thousands marched.")
    people = find_people(articles, min_count=1)
    assert sorted(set(people["name"])) == ["Ministry of Defence", "NATO", "Security Council"]
    assert set(people["kind"]) == {"organisation"}


def test_protest_story_people_per_outlet_with_share_cited():
    articles = protest_articles()
    before = articles.copy()
    people = find_people(articles)
    pd.testing.assert_frame_equal(articles, before)
    assert list(people.columns) == PEOPLE_COLUMNS
    # by hand: Maria Lopez / Ms Lopez / Mrs Lopez / Lopez, and Governor Tom Baker / Governor Baker / Baker / Tom Baker
    assert people["name"].value_counts().to_dict() == {"Maria Lopez": 6, "Tom Baker": 6}
    table = actor_table(articles)
    assert list(table.columns) == ACTOR_TABLE_COLUMNS
    table = table.set_index(["name", "group"])
    # Lopez speaks each time she is named ("said", "told"); Baker "thanked" once per outlet: not a reporting verb
    assert table.loc[("Maria Lopez", "The Daily Post"), ["mentions", "cited_sentences"]].tolist() == [3, 3]
    assert table.loc[("Tom Baker", "The Evening Star"), ["mentions", "cited_sentences"]].tolist() == [3, 2]
    assert table.loc[("Tom Baker", "all"), "share_cited"] == pytest.approx(4 / 6)


def test_discovered_actors_feed_actor_sentiment():
    articles = protest_articles()
    actors = people_to_actors(actor_table(articles))
    assert load_actors(actors)["actor"].unique().tolist() == ["Maria Lopez", "Tom Baker"]
    scores = actor_sentiment(articles, actors).set_index(["actor", "outlet"])
    assert scores.loc[("Maria Lopez", "The Daily Post"), "n_sentences"] == 3


def test_no_names_gives_empty_tables():
    articles = _frame("the march went on.", "nobody came.")
    assert find_people(articles).empty and list(find_people(articles).columns) == PEOPLE_COLUMNS
    assert actor_table(articles).empty
    assert people_to_actors(actor_table(articles)).empty
