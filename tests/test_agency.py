"""find_agency tells who did the harm, if anyone: active, passive with and without agent, nominal."""

from __future__ import annotations

import pandas as pd
import pytest
from protest_story import protest_articles

from analysis.agency import AGENCY_COLUMNS, agency_summary, find_agency


@pytest.mark.parametrize("sentence, harm, construction, agent, patient", [
    ("Police injured dozens of protesters near the city hall.", "injured", "active", "Police", "dozens of protesters"),
    ("Protesters were injured by police in the main square.", "injured", "passive with agent", "police", "Protesters"),
    ("Rioters were injured near the city hall on Monday.", "injured", "agentless passive", "", "Rioters"),
    ("Several protesters were badly beaten.", "beaten", "agentless passive", "", "Several protesters"),
    ("Clashes left 14 injured in the main square.", "injured", "nominal", "", ""),
    ("The protesters injured by police were taken to hospital.", "injured", "passive with agent", "police",
     "The protesters"),
    ("They were killing us.", "killing", "active", "They", "us"),
    ("The soldiers had destroyed the bridge.", "destroyed", "active", "The soldiers", "the bridge"),
    ("The army wants to destroy the bridge.", "destroy", "other", "", ""),
])
def test_constructions_on_hand_written_sentences(sentence, harm, construction, agent, patient):
    hits = find_agency(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [sentence]}))
    row = hits[hits["harm"] == harm].iloc[0]
    assert (row["construction"], row["agent"], row["patient"]) == (construction, agent, patient)


def test_the_two_outlets_of_the_protest_story_differ_in_agency():
    articles = protest_articles()
    before = articles.copy()
    hits = find_agency(articles)
    pd.testing.assert_frame_equal(articles, before)
    assert list(hits.columns) == AGENCY_COLUMNS
    post = hits[hits["outlet"] == "The Daily Post"].set_index("article_id")
    star = hits[hits["outlet"] == "The Evening Star"].set_index("article_id")
    # the same event, first article of each outlet: named agent in the Post, none in the Star
    assert (post.loc["D0", "construction"], post.loc["D0", "agent"]) == ("active", "Police")
    assert (star.loc["E0", "construction"], star.loc["E0", "agent"]) == ("agentless passive", "")
    summary = agency_summary(hits)
    counts = {(o, c): n for o, c, n in summary[["outlet", "construction", "hits"]].itertuples(index=False) if n}
    # by hand: Post D0 "Police injured", D5 "the protesters had damaged", D4 "injured by police", D2 "were
    # arrested"; Star E5 "the rioters had damaged", E0 and E2 agentless, E4 "Clashes left 14 injured" (two words)
    assert counts == {("The Daily Post", "active"): 2, ("The Daily Post", "passive with agent"): 1,
                      ("The Daily Post", "agentless passive"): 1, ("The Evening Star", "active"): 1,
                      ("The Evening Star", "agentless passive"): 2, ("The Evening Star", "nominal"): 2}


def test_no_harm_words_gives_empty_tables():
    hits = find_agency(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["The march went on."]}))
    assert hits.empty and list(hits.columns) == AGENCY_COLUMNS
    assert agency_summary(hits).empty
