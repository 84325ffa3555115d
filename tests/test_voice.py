"""The voice rule: quotations and their kinds, negation and attribution cues, and the voice of a hit."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import frame

from analysis import find_loaded_terms
from analysis.cues import cue_terms
from analysis.voice import (
    ATTRIBUTION_PREFILTER,
    KIND_RANK,
    NEGATION_PREFILTER,
    QUOTE_COLUMNS,
    QUOTE_KINDS,
    VOICES,
    attribution_cue,
    field_quotes,
    negation_cue,
    quote_kind_at,
    scare_quotes,
    voice_of,
    voice_reader,
)


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


# --- the public rule, one piece at a time ----------------------------------------------------------


@pytest.mark.parametrize("prefix, cue", [
    ("He is not a", "not"), ("It isn't a", "isn't"), ("Moscow denied that its troops were", "denied"),
    ("Kyiv rejected claims of a", "rejected"), ("The shelling was not only", ""), ("He said the", ""),
    ("Not, in any sense, a", ""),  # a negator in an earlier clause does not negate
])
def test_negation_cue(prefix, cue):
    assert negation_cue(prefix) == cue


@pytest.mark.parametrize("sentence, term, cue", [
    ("Biden called Putin a dictator.", "dictator", "called"),
    ("Putin is a dictator, the senator said.", "dictator", "said"),
    ("He is often described as a dictator.", "dictator", "is often described"),
    ("The regime, according to Kyiv, fell.", "regime", "according to"),
    ("He remarked on it, referring to regions that Russia unlawfully annexed.", "unlawfully annexed", ""),
    ("Putin is a dictator, extremely radical calls.", "dictator", ""),
])
def test_attribution_cue(sentence, term, cue):
    start = sentence.index(term)
    assert attribution_cue(sentence, start, start + len(term)) == cue


def test_quote_kind_at_and_voice_of():
    text = 'He said: "The regime will fall, and soon." The "regime" fell.'
    quotes = field_quotes(text)
    assert quote_kind_at(quotes, text.index("regime"), text.index("regime") + 6) == "quoted_speech"
    assert quote_kind_at(quotes, text.rindex("regime"), text.rindex("regime") + 6) == "scare_quote"
    assert quote_kind_at(quotes, text.index("He"), text.index("He") + 2) == ""
    assert [voice_of(k, n, a) for k, n, a in [("quoted_name", False, False), ("scare_quote", False, True),
                                              ("", True, True), ("", False, True), ("", False, False)]] == \
        ["quoted", "scare_quoted", "negated", "attributed", "own"]
    assert set(KIND_RANK) == set(QUOTE_KINDS) and set(VOICES) >= {"own", "quoted"}


@pytest.mark.parametrize("text", [
    "He is not a dictator.", "Biden called Putin a dictator.", "Putin is a dictator, the senator said.",
    'They oppose the "regime" in Kyiv.', "She thinks it is a regime.", "They denied the brutal war.",
    "The dictator fled the capital.", "He was branded a dictator.",
])
def test_voice_reader_gives_the_voice_of_find_loaded_terms(text):
    voice = voice_reader(text)
    for hit in find_loaded_terms(frame(text)).itertuples():
        assert voice(hit.start, hit.end) == hit.voice, hit.matched


def test_prefilters_find_every_cue_of_the_cue_lists():
    for use in ("voice", "after", "passive"):
        for term in cue_terms("reporting_verbs", use):
            assert ATTRIBUTION_PREFILTER.search(f"They {term} it."), term
    for name in ("negators", "denials"):
        for term in cue_terms(name):
            assert NEGATION_PREFILTER.search(f"They {term} it."), term
    assert NEGATION_PREFILTER.search("They don\u2019t.") and not NEGATION_PREFILTER.search("A notable dentist.")
    assert not ATTRIBUTION_PREFILTER.search("The committee met on Tuesday.")


def test_the_fast_attribution_cue_search_finds_what_the_regex_finds_on_every_sample_sentence():
    # attribution_cue tries its cue regex only where a cue's first word starts (voice._attribution_before);
    # on real text that must give exactly the matches of the regex's own finditer.
    from conftest import SAMPLE

    from analysis import load_articles, voice
    from analysis.tokens import split_sentences

    texts = load_articles(SAMPLE, cache=False)["text"].tolist()
    sentences = [s for text in texts for s in split_sentences(text)]
    assert voice._OPENERS is not None and len(sentences) > 5000
    found = 0
    for sentence in sentences:
        fast = [(m.start(), m.group()) for m in voice._attribution_before(sentence)]
        assert fast == [(m.start(), m.group()) for m in voice._ATTRIBUTION_BEFORE.finditer(sentence)], sentence
        found += len(fast)
    assert found > 1000
