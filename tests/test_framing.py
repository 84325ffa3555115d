"""Framing: naming contests, sources and attribution, frame shares, same-story grouping (seed checked by hand)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import SAMPLE, SEED, shared_path

from analysis import (
    attribution_summary,
    attributions,
    compare_stories,
    find_frame_cues,
    find_loaded_terms,
    find_naming_variants,
    frame_shares,
    group_stories,
    load_articles,
    load_lexicon,
    naming_contests,
    plot_frame_shares,
    plot_naming_contests,
    plot_reporting_verbs,
)
from analysis.framing import ATTRIBUTION_COLUMNS, NAMING_COLUMNS, STORY_COLUMNS
from analysis.lexicons import LexiconError


def frame(*texts: str, outlets: list[str] | None = None, titles: list[str] | None = None,
          published: list[str | None] | None = None) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(n)], "outlet": outlets or ["X"] * n, "title": titles or [""] * n,
        "published": pd.to_datetime(published or [None] * n, utc=True), "text": list(texts), "language": ["en"] * n})


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return load_articles(SEED, cache=False)


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_articles(SAMPLE, cache=False)


# --- sources and attribution: the seed article, checked by hand ------------------------------------


def test_seed_attributions_as_checked_by_hand(seed):
    found = attributions(seed)
    rows = list(zip(found["source"], found["source_kind"].astype(str), found["role"], found["verb"], strict=True))
    assert rows == [
        # ... as informed by the independent Russian news outlet "Wiorstka".
        ("Wiorstka", "organisation/media", "speaker", "as informed by"),
        # Referencing "Wiorstka", another independent media platform, "Meduza", mentions that ...
        ("Wiorstka", "organisation/media", "cited", "referencing"),
        ("Meduza", "organisation/media", "speaker", "mentions"),
        # Reports suggest that extensive preparations ...
        ("reports", "unnamed", "speaker", "suggest"),
        # "Meduza" recalls predictions by independent experts ...
        ("Meduza", "organisation/media", "speaker", "recalls"),
        # Dmitry Peskov, the President's press secretary, declared in a TASS agency interview ...
        ("Dmitry Peskov", "person", "speaker", "declared"),
        ("TASS", "organisation/media", "medium", "interview"),
        # Peskov further explained that ...
        ("Dmitry Peskov", "person", "speaker", "explained"),
        # He also remarked that ... / - He emphasized the importance ...
        ("Dmitry Peskov", "pronoun-resolved", "speaker", "remarked"),
        ("Dmitry Peskov", "pronoun-resolved", "speaker", "emphasized"),
        # In a warning to the West, Vladimir Putin underscored on Monday that ...
        ("Vladimir Putin", "person", "speaker", "underscored"),
    ]
    text = seed["text"].iloc[0]
    assert [text[s:e] for s, e in zip(found["start"], found["end"], strict=True)] == found["as_written"].tolist()
    assert found["as_written"].tolist()[7:9] == ["Peskov", "He"]
    # Only the Peskov/TASS sentence holds quoted speech ("Russia is at war with Ukraine.").
    assert found.loc[found["direct_quote"], "source"].tolist() == ["Dmitry Peskov", "TASS"]
    assert found.loc[found["verb"] == "declared", "sentence"].iloc[0].endswith('"Russia is at war with Ukraine."')


@pytest.mark.parametrize("text, expected", [
    ("The talks failed, Dmitry Kuleba said on Monday.", [("Dmitry Kuleba", "person", "said")]),
    ('"We will not give up," said Olena Zelenska.', [("Olena Zelenska", "person", "said")]),
    ("According to the Ministry of Defence, the bridge was hit.",
     [("Ministry of Defence", "organisation/media", "according to")]),
    ("John Smith told Reuters that the port was closed.",
     [("John Smith", "person", "told"), ("Reuters", "organisation/media", "told")]),
    ("The Kremlin's spokesman said talks were possible.", [("Kremlin's spokesman", "organisation/media", "said")]),
    ("Western officials said the offensive had stalled.", [("western officials", "unnamed", "said")]),
    ("President Joe Biden warned that sanctions would follow.", [("Joe Biden", "person", "warned")]),
    ("Kyiv denied the claim.", [("Kyiv", "organisation/media", "denied")]),
    ("Putin's remarks were widely quoted.", []),       # a possessive noun phrase, not a source
    ("Just say no to the deal.", []),                  # an imperative, not a source
    ("The troops crossed the border at dawn.", []),
])
def test_attribution_patterns(text, expected):
    found = attributions(frame(text))
    assert list(zip(found["source"], found["source_kind"].astype(str), found["verb"], strict=True)) == expected


def test_pronoun_without_a_person_before_stays_unnamed():
    found = attributions(frame("He said the talks failed. Anna Kovalenko said they went well. She added more."))
    assert list(zip(found["source"], found["source_kind"].astype(str), strict=True)) == [
        ("he", "unnamed"), ("Anna Kovalenko", "person"), ("Anna Kovalenko", "pronoun-resolved")]


def test_attribution_summary_on_the_seed(seed):
    summary = attribution_summary(attributions(seed), seed).iloc[0]
    # 14 sentences (headline excluded); attributions sit in sentences 0, 1, 3, 7, 8, 9, 10, 11, 13.
    assert (summary["sentences"], summary["attributed_sentences"], summary["attributions"]) == (14, 9, 11)
    assert summary["share_attributed"] == pytest.approx(9 / 14)
    assert (summary["named"], summary["unnamed"]) == (10, 1)
    assert summary["top_sources"].startswith("Dmitry Peskov (4), Meduza (2), Wiorstka (2)")
    # Hedges in the body: reportedly, purportedly, "Reports suggest"; in the headline: reportedly.
    assert summary["hedges"] == 4
    assert summary["hedges_per_1000_words"] == pytest.approx(4 / 372 * 1000)


def test_attributions_contract():
    empty = attributions(frame("No sources here at all."))
    assert list(empty.columns) == ATTRIBUTION_COLUMNS and empty.empty
    articles = frame("Officials said it failed.")
    before = articles.copy()
    attributions(articles)
    attribution_summary(attributions(articles), articles)
    pd.testing.assert_frame_equal(articles, before)


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


def test_contracts_not_mutated_and_empty(sample):
    before = sample.copy()
    naming_contests(sample)
    frame_shares(sample)
    group_stories(sample)
    pd.testing.assert_frame_equal(sample, before)
    empty = frame("Nothing to see.")
    assert find_naming_variants(empty).empty and attributions(empty).empty
    assert (naming_contests(empty)["hits"] == 0).all()


def test_plots_are_titled_and_labelled(sample):
    contests = naming_contests(sample)
    ax = plot_naming_contests(contests)
    assert "the war" in ax.get_title() and ax.get_ylabel() == "Outlet"
    ax = plot_frame_shares(frame_shares(sample))
    assert "lexicon approximation" in ax.get_title()
    ax = plot_reporting_verbs(attributions(sample))
    assert ax.get_xlabel() == "Share of the group's attributions"


# --- attribution on other stories (issue 13 point 5) -------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ('"We will appeal," said councillor Jane Doe. She said the vote was rushed.',
     [("Jane Doe", "person"), ("Jane Doe", "pronoun-resolved")]),
    ('"Order was restored," said Chief Superintendent Jane Doe.', [("Jane Doe", "person")]),
    ("Councillor Priya Nair said the budget was cut.", [("Priya Nair", "person")]),  # the title is not the name
    # "she" is the last person named (in passing, with a title), never the organisation quoted in between
    ("Mayor Jane Doe met the Transport Authority. The Transport Authority said the line would close. "
     "She said she was disappointed.", [("Transport Authority", "organisation/media"), ("Jane Doe", "pronoun-resolved")]),
    # a name in single quotes is a name without its quotation marks, and an organisation
    ("Jane Doe, a teacher, joined the 'Save Our Library' campaign. 'Save Our Library' said it would appeal. "
     "She said it was not over.", [("Save Our Library", "organisation/media"), ("Jane Doe", "pronoun-resolved")]),
    ("Acme Holdings said it would cut 200 jobs. He said nothing more.",
     [("Acme Holdings", "organisation/media"), ("he", "unnamed")]),
])
def test_attribution_on_other_stories(text, expected):
    found = attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert list(zip(found["source"], found["source_kind"].astype(str), strict=True)) == expected
    assert not found["source"].str.contains("[\"']", regex=True).any()
