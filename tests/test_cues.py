"""Cue lists under analysis/data/cues: each list matches where it must and not where it must not."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from analysis.cues import CUES_DIR, cue_pattern_source, cue_terms, cue_words_source, load_cues
from analysis.language import detect_language, news_languages
from analysis.sources import MEDIA_NAMES, REPORTING_VERBS, attributions

CASES = {
    # list: (text with a cue, text without one)
    "byline_roles": ("Reuters", "Reutersville"),
    "person_titles": ("Chief Superintendent", "chiefly"),
    "organisation_words": ("Transport Authority", "Jane Doe"),
    "web_bylines": ("Von Jane Doe", "Bypass roadworks"),
    "reporting_verbs": ("the minister said on Monday", "a state visit on Monday"),
    "negators": ("It is not a regime.", "A notable regime."),
    "denials": ("Moscow denied it.", "A dense denim fabric."),
    "news_languages": ("language: uk", "language: af"),  # Ukrainian is listed, Afrikaans is not
    "places": ("Kyiv denied it.", "Smith denied it."),
    "media_names": ("He told Reuters.", "He told reporters."),
}

#: Each use of a list whose entries serve several rules: (list, use, a text with a cue of that use, one without).
USES = [
    ("reporting_verbs", "voice", "She thinks it is a regime.", "It is a state secret."),
    ("reporting_verbs", "after", "a regime, the minister said", "a regime, extremely radical calls"),
    ("reporting_verbs", "inverted", '"No," said Peskov', '"No," insisted Peskov'),
    ("reporting_verbs", "name", '"Meduza" recalls', '"Meduza" thinks'),
    ("reporting_verbs", "source", "Peskov pointed out that", "Peskov calls it"),
    ("reporting_verbs", "passive", "He was branded a traitor.", "He was told so."),
    ("negators", "adverb", "never again", "now again"),
    ("denials", "reject", "Kyiv rejected it", "Kyiv ejected it"),
]


def test_every_cue_list_has_a_case_and_a_provenance_header():
    assert {p.stem for p in CUES_DIR.glob("*.csv")} == set(CASES)
    for path in CUES_DIR.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = lines[:next(i for i, line in enumerate(lines) if not line.startswith("#"))]  # the comment header
        assert head and head[0].startswith("# ") and any(line.startswith("# Source:") for line in head), path


@pytest.mark.parametrize("name, positive, negative", [(n, *c) for n, c in CASES.items()])
def test_cue_list_matches_where_it_must(name, positive, negative):
    pattern = re.compile(rf"\b{cue_pattern_source(name)}")
    assert pattern.search(positive) and not pattern.search(negative)
    assert len(load_cues(name)) > 3


@pytest.mark.parametrize("name, use, positive, negative", USES)
def test_each_use_of_a_cue_list_matches_where_it_must(name, use, positive, negative):
    pattern = re.compile(rf"\b(?:{cue_words_source(name, use)})\b")
    assert pattern.search(positive) and not pattern.search(negative)


def test_one_reporting_verb_list_serves_voice_and_sources():
    assert REPORTING_VERBS == cue_terms("reporting_verbs", "source")  # sources.py reads the file itself
    assert {"said", "pointed out", "tweeted", "denied"} <= set(REPORTING_VERBS) and len(REPORTING_VERBS) == 76
    assert set(cue_terms("reporting_verbs", "inverted")) <= set(cue_terms("reporting_verbs", "after"))
    assert set(cue_terms("reporting_verbs", "after")) <= set(cue_terms("reporting_verbs", "voice"))
    uses = {use for category in load_cues("reporting_verbs")["category"] for use in category.split()}
    assert uses == {"voice", "after", "inverted", "name", "source", "passive"}
    with pytest.raises(KeyError, match="no entry of category 'nonsense'"):
        cue_terms("reporting_verbs", "nonsense")


# --- places and media names: the attribution rule's lists ----------------------------------------

PLACES = load_cues("places")["term"].tolist()


def _sources(text: str) -> list[tuple[str, str, str]]:
    found = attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return list(zip(found["source"], found["source_kind"].astype(str), found["role"], strict=True))


def test_the_lists_are_read_from_their_files():
    assert MEDIA_NAMES == tuple(load_cues("media_names")["term"])
    assert {"Moscow", "Kyiv", "NATO"} <= set(PLACES) and {"Reuters", "TASS"} <= set(MEDIA_NAMES)


@pytest.mark.parametrize("place", PLACES)
def test_a_place_that_speaks_is_an_organisation(place):
    # "Moscow denied the claim": a metonym for a government, not a person called Moscow.
    assert _sources(f"{place} denied the claim.") == [(place, "organisation/media", "speaker")]


@pytest.mark.parametrize("text, expected", [
    ("Smith denied the claim.", [("Smith", "person", "speaker")]),      # a name that is no place
    ("Westfield denied the claim.", [("Westfield", "person", "speaker")]),  # whole words only: not "West"
])
def test_a_name_that_is_no_place_stays_a_person(text, expected):
    assert _sources(text) == expected


@pytest.mark.parametrize("medium", MEDIA_NAMES)
def test_told_a_medium(medium):
    found = _sources(f"John Smith told {medium} that the port was closed.")
    shown = medium.removeprefix("the ")  # a leading "the" is never part of a source
    assert found == [("John Smith", "person", "speaker"), (shown, "organisation/media", "medium")]


@pytest.mark.parametrize("text", [
    "John Smith told reporters that the port was closed.",   # not a medium of the list
    "John Smith told ap staff that the port was closed.",    # names are matched as written ("AP", not "ap")
    "John Smith told APTN that the port was closed.",        # whole names only: not "AP"
])
def test_told_someone_else_is_no_medium(text):
    assert [role for _, _, role in _sources(text)] == ["speaker"]


# --- news languages: the languages the identifier chooses between -------------------------------

SWAHILI = "Serikali ilitangaza jana kwamba sheria mpya itaanza kutumika mwezi ujao."
AFRIKAANS = "Die regering het gister aangekondig dat die nuwe wet volgende maand in werking sal tree."


def test_news_languages_come_from_the_cue_list():
    cues = load_cues("news_languages")
    assert tuple(cues["term"]) == news_languages() and len(cues) == 70
    assert {"en", "ru", "uk", "sw"} <= set(cues["term"]) and cues["term"].is_unique
    assert not cues["note"].eq("").any()  # every code names its language


def test_a_listed_language_can_be_chosen():
    assert "sw" in news_languages()
    assert detect_language(SWAHILI) == "sw"


def test_a_language_not_listed_is_not_chosen():
    unrestricted = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert unrestricted.classify(AFRIKAANS)[0] == "af"  # py3langid alone would say Afrikaans
    assert "af" not in news_languages()
    assert detect_language(AFRIKAANS) != "af"
