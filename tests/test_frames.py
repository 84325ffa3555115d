"""Frames: the MFC cue lexicon, frame cues in headlines and texts, frame shares per group and article."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import article_frame as frame
from conftest import shared_path

from analysis import find_loaded_terms, frame_shares, load_lexicon
from analysis.frames import find_frame_cues

# --- frames ----------------------------------------------------------------------------------------


def test_frame_lexicon_uses_the_15_mfc_dimension_names():
    codes = json.loads((shared_path("mfc_codes", "codes.json")).read_text())
    names = {name for code, name in codes.items() if re.fullmatch(r"\d+\.0", code)}
    lexicon = load_lexicon("frames")
    assert set(lexicon["category"]) == names and len(names) == 15
    assert lexicon.groupby("category").size().drop("Other").min() >= 30


@pytest.mark.parametrize("text, frames", [
    ("Inflation and unemployment rose.", ["Economic", "Economic"]),
    ("The executive board met.", []),                      # not "execution"
    ("The importance of the matter.", []),                  # not "imports"
    ("The court ruled the decree unconstitutional.", ["Legality, constitutionality and jurisprudence"] * 3),
    ("Missile strikes hit the front line.", ["Security and defense"] * 3),
    ("Refugees and their families fled.", ["Quality of life", "Quality of life"]),
])
def test_frame_cues(text, frames):
    assert find_frame_cues(frame(text))["frame"].tolist() == frames


def test_frame_cues_match_exactly_as_the_loaded_terms_finder(sample):
    # Both use lexicon_matcher, which looks word entries up per word form; the hits must be the one alternation's.
    fast = find_frame_cues(sample)
    slow = find_loaded_terms(sample, "frames")
    columns = ["article_id", "field", "start", "end", "term", "matched"]
    assert len(fast) > 5000
    pd.testing.assert_frame_equal(fast[columns].reset_index(drop=True), slow[columns].reset_index(drop=True),
                                  check_dtype=False)
    assert (fast["frame"] == slow["category"].astype(str)).all()


def test_frame_shares_per_group_and_per_article():
    articles = frame("Inflation hit the troops.", "The court met. Prices rose.", outlets=["A", "B"])
    shares = frame_shares(articles)
    assert shares.groupby("outlet")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    a = shares[(shares["outlet"] == "A") & (shares["hits"] > 0)]
    assert a[["frame", "hits", "share"]].values.tolist() == [["Economic", 1, 0.5], ["Security and defense", 1, 0.5]]
    per_article = frame_shares(articles, by="article_id")
    assert per_article.query("article_id == 'a1' and hits > 0")["frame"].tolist() == [
        "Economic", "Legality, constitutionality and jurisprudence"]
    assert per_article["article_id"].nunique() == 2 and len(per_article) == 30


def test_frame_shares_do_not_mutate(sample):
    before = sample.copy()
    frame_shares(sample)
    pd.testing.assert_frame_equal(sample, before)

