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


def test_a_stored_sentence_word_is_read_as_the_whole_set_writes_it():
    # "Later" starts a sentence: a name word unless the set also writes "later". The stored candidates keep
    # both readings, so adding the article that writes "later" changes the name without recomputing the first.
    first = _frame("Later Ann Lee spoke to Mr Lee's staff.")
    grown = pd.concat([first, _frame("", "Ann Lee said she would come back later.").iloc[1:]], ignore_index=True)
    assert find_people(first, min_count=1)["as_written"].tolist()[0] == "Later Ann Lee"
    assert find_people(grown, min_count=1).query("article_id == 'a0'")["as_written"].tolist()[0] == "Ann Lee"
    for articles in (first, grown):
        pd.testing.assert_frame_equal(find_people(articles, min_count=1), find_people(articles, min_count=1, cache=False))


def test_find_people_reads_each_article_from_the_store_once(monkeypatch):
    from analysis import people

    calls = []
    original = people._candidates
    monkeypatch.setattr(people, "_candidates", lambda text: calls.append(text) or original(text))
    articles = _frame("Governor Tom Baker spoke.", "Tom Baker left. Baker smiled.")
    stored = find_people(articles, min_count=1)
    assert len(calls) == 2
    grown = pd.concat([articles, _frame("", "", "Mr Baker returned.").iloc[2:]], ignore_index=True)
    again = find_people(grown, min_count=1)
    assert calls[2:] == ["Mr Baker returned."]  # only the added article is computed
    pd.testing.assert_frame_equal(again.iloc[:len(stored)], stored)
    assert again["name"].tolist()[-1] == "Tom Baker"
