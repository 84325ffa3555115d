"""Naming contests: which name each outlet uses for each contested thing, and in whose voice."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import article_frame as frame
from conftest import shared_path

from analysis import load_articles, naming_contests
from analysis.lexicons import LexiconError
from analysis.naming import NAMING_COLUMNS, find_naming_variants

# --- naming contests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, variants", [
    ("The war in Ukraine goes on.", ["the war: war"]),
    ("Veterans of World War II and of the Great Patriotic War met.", []),
    ("The Cold War ended; a civil war began.", []),
    ("They documented war crimes.", []),
    ("Russia's war-torn neighbour.", []),
    ("The special military operation continues.", ["the war: special military operation"]),
    ("Kyiv's mayor spoke.", ["capital: Kyiv"]),
    ("Shelling of Kiev.", ["capital: Kiev"]),
    ("Donbass and Donbas.", ["Donbas: Donbass", "Donbas: Donbas"]),
    ("Ukraine's accession to the EU.", []),
    ("The reunification of Crimea with Russia.", ["annexation: reunification"]),
    ("Regions Russia illegally annexed in 2022.", ["annexation: illegally annexed"]),
    ("The temporarily occupied territories.", ["territories: occupied"]),
    ("The liberated territories of Donbass.", ["territories: liberated", "Donbas: Donbass"]),
])
def test_naming_entries(text, variants):
    hits = find_naming_variants(frame(text))
    assert (hits["concept"] + ": " + hits["variant"]).tolist() == variants


def test_naming_contests_on_the_sample_match_an_independent_count(sample):
    contests = naming_contests(sample).set_index(["outlet", "concept", "variant"]).sort_index()
    # "Kiev"/"Kyiv" as whole words (a possessive 's allowed) in headlines and texts, counted with a plain regex.
    for outlet, variant in [("Kremlin", "Kiev"), ("President of Ukraine", "Kyiv")]:
        texts = sample.loc[sample["outlet"] == outlet, ["title", "text"]].fillna("").agg("\n".join, axis=1)
        expected = texts.str.count(rf"(?i)(?<![\w'-]){variant}(?![\w-])").sum()
        assert contests.loc[(outlet, "capital", variant), "hits"] == expected > 0
    assert contests.loc[("Kremlin", "capital", "Kyiv"), "hits"] == 0
    assert contests.loc[("President of Ukraine", "capital", "Kiev"), "hits"] == 0
    kremlin = contests.loc[("Kremlin", "the war")]
    ukraine = contests.loc[("President of Ukraine", "the war")]
    assert kremlin.loc["special military operation", "own_voice"] > 0
    assert ukraine.loc["special military operation", "own_voice"] <= 1
    assert ukraine["own_share"].idxmax() == "war"
    # Hand-checked: 34 of the Kremlin's 89 own-voice names for the war, 1 of Ukraine's 192.
    assert kremlin.loc["special military operation", "own_share"] == pytest.approx(34 / 89)
    assert ukraine.loc["special military operation", "own_share"] == pytest.approx(1 / 192)


def test_naming_contests_columns_shares_and_seed_voices(seed):
    contests = naming_contests(seed)
    assert list(contests.columns) == ["outlet", *NAMING_COLUMNS]
    war = contests[contests["concept"] == "the war"].set_index("variant")
    # "From a special operation to a war" (own, twice), the "special military operation" (scare quote),
    # "Russia is at war with Ukraine." (quoted), "escalated into a war" (attributed: Peskov further explained),
    # "terminology for the conflict" (own, after ", marking"); "World War III" is not this war.
    assert war.loc["special military operation", ["hits", "own_voice", "scare_quoted"]].tolist() == [2, 1, 1]
    assert war.loc["war", ["hits", "own_voice", "quoted", "attributed"]].tolist() == [3, 1, 1, 1]
    assert war.loc["conflict", "hits"] == 1
    assert war["share"].sum() == pytest.approx(1.0)
    assert war.loc["war", "share"] == pytest.approx(0.5)


def test_naming_table_must_read_concept_colon_variant(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("# mine\nterm,category,match,note\nKyiv,capital: Kyiv,word,\nKiev,capital Kiev,word,\n")
    with pytest.raises(LexiconError, match=r"names\.csv, line 4: category 'capital Kiev'"):
        naming_contests(frame("Kiev."), path)


def test_user_naming_file_extends_the_shipped_one(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("term,category,match,note\nmeat grinder,the war: meat grinder,phrase,\n")
    contests = naming_contests(frame("The meat grinder of the war."), ["naming", path])
    used = contests[contests["hits"] > 0]
    assert used[["variant", "hits"]].values.tolist() == [["war", 1], ["meat grinder", 1]]


def test_full_releases_acceptance():
    folder = shared_path("kremlin_zelenskyy_press")
    articles = pd.concat([load_articles(folder / "putin.csv", outlet="Kremlin", cache=False),
                          load_articles(folder / "zelenskyy.csv", outlet="President of Ukraine", cache=False)])
    war = naming_contests(articles).query("concept == 'the war'").set_index(["outlet", "variant"])
    assert war.loc[("Kremlin", "special military operation"), "own_voice"] >= 100
    assert war.loc[("President of Ukraine", "special military operation"), "own_voice"] <= 10
    assert war.loc["President of Ukraine", "own_share"].idxmax() == "war"
    assert war.loc[("President of Ukraine", "war"), "own_voice"] > 1000
    after = articles[articles["published"] >= "2022-02-24"]
    since = naming_contests(after).query("concept == 'the war'").set_index(["outlet", "variant"])
    assert since.loc["Kremlin", "own_share"].idxmax() == "special military operation"


def test_naming_contests_not_mutated_and_empty(sample):
    before = sample.copy()
    naming_contests(sample)
    pd.testing.assert_frame_equal(sample, before)
    empty = frame("Nothing to see.")
    assert find_naming_variants(empty).empty
    assert (naming_contests(empty)["hits"] == 0).all()

