"""Sources and attribution: patterns, kinds, pronouns and the per-group summary (seed checked by hand)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import article_frame as frame

from analysis import attributions
from analysis.sources import ATTRIBUTION_COLUMNS, attribution_summary

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
    assert summary["hedges_per_1000"] == pytest.approx(4 / 372 * 1000)


def test_attributions_contract():
    empty = attributions(frame("No sources here at all."))
    assert list(empty.columns) == ATTRIBUTION_COLUMNS and empty.empty
    articles = frame("Officials said it failed.")
    before = articles.copy()
    attributions(articles)
    attribution_summary(attributions(articles), articles)
    pd.testing.assert_frame_equal(articles, before)


def test_attributions_empty():
    empty = frame("Nothing to see.")
    assert attributions(empty).empty



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


def test_known_answer_sources(known):
    from conftest import KNOWN_ANSWERS

    found = attributions(known)
    assert list(zip(found["article_id"], found["source"], found["source_kind"].astype(str), strict=True)) == \
        KNOWN_ANSWERS["sources"]
