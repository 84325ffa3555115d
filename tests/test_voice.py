"""The voice rule: quotations and their kinds, negation and attribution cues, and the voice of a hit."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import frame

from analysis import find_loaded_terms, scare_quotes
from analysis.voice import QUOTE_COLUMNS


def test_seed_voice_details(seed_hits):
    dictator = seed_hits[seed_hits["matched"] == "dictator"].iloc[0]
    assert dictator["attributed"] and dictator["attribution_cue"] == "is often described"
    assert not dictator["in_quotes"] and not dictator["negated"]
    assert dictator["sentence"].endswith("who is often described as a dictator.")
    smo = seed_hits[seed_hits["matched"] == "special military operation"].iloc[0]
    assert smo["in_quotes"] and smo["quote_kind"] == "scare_quote"
    assert smo["attributed"] and smo["attribution_cue"] == "explained"  # Peskov further explained that the "..."
    unlawfully = seed_hits[seed_hits["matched"] == "unlawfully annexed"].iloc[0]
    assert not unlawfully["attributed"]  # "remarked" governs the clause before ", referring to ..."
    assert pd.isna(seed_hits.loc[seed_hits["field"] == "title", "sentence_id"]).all()


def test_seed_scare_quotes(seed):
    quotes = scare_quotes(seed)
    assert list(quotes.columns) == QUOTE_COLUMNS
    kinds = dict(zip(quotes["quote"], quotes["kind"], strict=False))
    scare = set(quotes.loc[quotes["kind"] == "scare_quote", "quote"])
    assert scare == {"special military operation", "collective West", "de facto occupied", "mobilization 2.0."}
    names = quotes.loc[quotes["kind"] == "quoted_name", "quote"].tolist()
    assert names == ["Wiorstka", "Wiorstka", "Meduza", "Meduza"]
    assert kinds["Russia is at war with Ukraine."] == "quoted_speech"
    text = seed.iloc[0]["text"]
    assert all(text[q.start:q.end] == q.quote for q in quotes.itertuples())


# --- scare quotes on single sentences ------------------------------------------------------------


@pytest.mark.parametrize("text, quote, kind", [
    ('Moscow calls it a "special military operation" in Ukraine.', "special military operation", "scare_quote"),
    ('He said: "We will never give up our land."', "We will never give up our land.", "quoted_speech"),
    ('"No war," the protesters chanted.', "No war,", "quoted_speech"),
    ('Police banned the "no war" slogan.', "no war", "scare_quote"),
    ('"No war," she said.', "No war,", "quoted_speech"),
    ('The newspaper "Novaya Gazeta" suspended work.', "Novaya Gazeta", "quoted_name"),
    ("Officials spoke of a 'special operation' on state TV.", "special operation", "scare_quote"),
    ("The soldiers' families waited.", None, None),  # an apostrophe is not a quotation mark
])
def test_quote_kinds(text, quote, kind):
    quotes = scare_quotes(frame(text))
    if quote is None:
        assert quotes.empty
    else:
        assert quotes[["quote", "kind"]].astype(str).values.tolist() == [[quote, kind]]


def test_quote_left_open_runs_to_paragraph_end():
    text = 'She said: "We stay here. We will not leave our city\n\nNobody left.'
    quotes = scare_quotes(frame(text))
    assert quotes["quote"].tolist() == ["We stay here. We will not leave our city"]


# --- voice: negation, attribution, quotation ---------------------------------------------------


@pytest.mark.parametrize("text, voice, cue", [
    ("He is not a dictator.", "negated", "not"),
    ("Moscow denied that its troops committed atrocities.", "negated", "denied"),
    ("The shelling was not only brutal but deliberate.", "own", ""),
    ("Biden called Putin a dictator.", "attributed", "called"),
    ("Putin is a dictator, the senator said.", "attributed", "said"),
    ("According to Kyiv, the attack was brutal.", "attributed", "According to"),
    ("The dictator fled the capital.", "own", ""),
    ('He said: "The regime will fall."', "quoted", ""),
    ('They oppose the "regime" in Kyiv.', "scare_quoted", ""),
])
def test_voice(text, voice, cue):
    hit = find_loaded_terms(frame(text)).iloc[-1]  # the last hit ("According to" is a hedge hit of its own)
    assert hit["voice"] == voice
    assert cue in (hit["negation_cue"], hit["attribution_cue"])
