"""Cue lists under analysis/data/cues: each list matches where it must and not where it must not."""

from __future__ import annotations

import re

import pytest

from analysis.cues import CUES_DIR, cue_pattern_source, cue_terms, cue_words_source, load_cues
from analysis.framing import REPORTING_VERBS

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
        head = path.read_text(encoding="utf-8").splitlines()[:4]
        assert head[0].startswith("# ") and any(line.startswith("# Source:") for line in head), path


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
    assert set(cue_terms("reporting_verbs", "source")) == set(REPORTING_VERBS)  # framing's list, as data
    assert set(cue_terms("reporting_verbs", "inverted")) <= set(cue_terms("reporting_verbs", "after"))
    assert set(cue_terms("reporting_verbs", "after")) <= set(cue_terms("reporting_verbs", "voice"))
    uses = {use for category in load_cues("reporting_verbs")["category"] for use in category.split()}
    assert uses == {"voice", "after", "inverted", "name", "source", "passive"}
    with pytest.raises(KeyError, match="no entry of category 'nonsense'"):
        cue_terms("reporting_verbs", "nonsense")
