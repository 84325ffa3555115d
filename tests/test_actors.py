"""Actors: the actor table, the sentences naming each actor, actor sentiment per outlet."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import actor_sentiment
from analysis.actors import find_actor_sentences, load_actors


def test_actor_sentences_in_the_seed_checked_by_hand(seed_sentences):
    hits = find_actor_sentences(seed_sentences)
    ids = hits.groupby("actor")["sentence_id"].apply(list).to_dict()
    # 7: "President Vladimir Putin might opt", 11: "the viewpoint of Vladimir Putin", 13: "Vladimir Putin underscored"
    assert ids["Putin"] == [7, 11, 13]
    # 8: "Dmitry Peskov, the President's press secretary", 9: "Peskov further explained"
    assert ids["Peskov"] == [8, 9]
    assert ids["NATO"] == [13]
    assert ids["Kremlin"] == [2, 8]


def test_actor_matching_by_short_and_full_alias(seed_sentences):
    only_full = pd.DataFrame({"actor": ["Putin"], "alias": ["Vladimir Putin"]})
    only_short = pd.DataFrame({"actor": ["Putin"], "alias": ["Putin"], "match": ["word"]})
    assert find_actor_sentences(seed_sentences, only_full)["sentence_id"].tolist() == [7, 11, 13]
    assert find_actor_sentences(seed_sentences, only_short)["sentence_id"].tolist() == [7, 11, 13]
    text = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2],
                         "sentence": ["Putin's army moved.", "Tell us more.", "The US agreed."]})
    hits = find_actor_sentences(text)
    assert hits[hits["actor"] == "Putin"]["sentence_id"].tolist() == [0]  # possessive matches
    assert hits[hits["actor"] == "United States"]["sentence_id"].tolist() == [2]  # "us" is not the US


def test_actor_sentiment_per_outlet(seed, seed_sentences):
    table = actor_sentiment(seed)
    putin = table[table["actor"] == "Putin"].iloc[0]
    assert (putin["outlet"], putin["n_sentences"], putin["n_articles"]) == ("web_scrape", 3, 1)
    expected = seed_sentences[seed_sentences["sentence_id"].isin([7, 11, 13])]["vader_compound"].mean()
    assert putin["vader_compound"] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("content, message", [
    ("# my story\nactor,alias,match\nBiden,Joe Biden,phrase\nBiden,Biden,sometimes\n",
     r"my_actors\.csv, line 4: match must be one of"),
    ("actor,alias\nBiden,\n", r"my_actors\.csv, line 2: both 'actor' and 'alias'"),
    ("name,alias\nBiden,Biden\n", r"line 1: header lacks column\(s\) actor"),
    ("actor,alias\nBiden,Biden,extra\n", r"line 2: more fields"),
])
def test_user_actor_csv_errors_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "my_actors.csv"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        load_actors(path)


def test_user_actor_csv_with_a_glob(tmp_path):
    path = tmp_path / "my_actors.csv"
    path.write_text("actor,alias,match\nBiden,Biden*,glob\n")
    assert load_actors(path).values.tolist() == [["Biden", "Biden*", "glob", False]]


def test_shipped_actor_table_is_valid():
    actors = load_actors()
    assert {"Putin", "Zelensky", "Peskov", "Kremlin", "NATO", "Ukraine", "Russia"} <= set(actors["actor"])
    assert not actors.duplicated(["actor", "alias"]).any()
