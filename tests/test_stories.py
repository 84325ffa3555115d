"""Same story, different outlets: grouping by TF-IDF similarity within a date window, and comparison."""

from __future__ import annotations

import pandas as pd
from conftest import article_frame as frame

from analysis import compare_stories
from analysis.stories import STORY_COLUMNS, group_stories

# --- same story, different outlets -----------------------------------------------------------------

REPORT_A = ("A Russian drone attack damaged grain silos at the port of Izmail on the Danube overnight, the regional "
            "governor said. Firefighters put out the blaze at the silos by morning. Grain exports through the "
            "Danube port were suspended for the day.")
REPORT_B = ("Drones struck the Danube port of Izmail overnight, setting grain silos on fire, according to the "
            "regional governor. The blaze at the silos was put out by morning, and grain exports from the port "
            "were halted for a day.")
UNRELATED = ("The central bank raised its key interest rate by half a point on Thursday, citing stubborn "
             "inflation in services and a weaker currency.")


def test_same_story_grouped_unrelated_apart():
    articles = frame(REPORT_A, REPORT_B, UNRELATED, outlets=["Kyiv Independent", "TASS", "Kyiv Independent"],
                     titles=["Drone attack hits Izmail grain silos", "Fire at Izmail port after drone strike",
                             "Central bank raises rates"],
                     published=["2023-08-16 06:00", "2023-08-16 09:30", "2023-08-16 10:00"])
    stories = group_stories(articles)
    assert list(stories.columns) == STORY_COLUMNS
    story = dict(zip(stories["article_id"], stories["story_id"], strict=True))
    assert story["a0"] == story["a1"] != story["a2"]
    assert stories.set_index("article_id").loc[["a0", "a1", "a2"], "story_size"].tolist() == [2, 2, 1]
    assert stories.set_index("article_id").loc["a0", "story_outlets"] == 2
    table = compare_stories(articles, stories)
    assert table["outlet"].tolist() == ["Kyiv Independent", "TASS"]
    assert table["articles"].tolist() == [1, 1]
    assert table["top_sources"].tolist() == ["", ""]  # "the regional governor" is unnamed
    assert table["headline_compound"].notna().all()


def test_same_story_respects_the_date_window_and_undated_articles():
    articles = frame(REPORT_A, REPORT_B, REPORT_B, published=["2023-08-16", "2023-08-30", None])
    stories = group_stories(articles, window_days=3)
    assert stories["story_size"].tolist() == [1, 1, 1]
    assert group_stories(articles, window_days=20)["story_size"].tolist() == [2, 2, 1]
    undated = frame(REPORT_A, REPORT_B)
    assert group_stories(undated)["story_size"].tolist() == [2, 2]


def test_compare_stories_shows_naming_variants_side_by_side():
    articles = frame("Heavy shelling hit Kyiv overnight, the mayor said.", "Heavy shelling hit Kiev overnight.",
                     outlets=["U", "R"], published=["2022-03-01", "2022-03-01"])
    table = compare_stories(articles, group_stories(articles, threshold=0.2))
    assert table[["outlet", "naming_variants"]].values.tolist() == [["R", "capital: Kiev (1)"],
                                                                    ["U", "capital: Kyiv (1)"]]
    alone = frame("Heavy shelling hit Kyiv overnight.", "Heavy shelling hit Kyiv overnight again.", outlets=["U", "U"])
    assert compare_stories(alone, group_stories(alone)).empty


def test_group_stories_does_not_mutate(sample):
    before = sample.copy()
    group_stories(sample)
    pd.testing.assert_frame_equal(sample, before)
