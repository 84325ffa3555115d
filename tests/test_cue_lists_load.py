"""Cue lists read by the loader: each entry file tested on one text where it matters and one where it must not."""

from __future__ import annotations

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from analysis.cues import load_cues
from analysis.language import detect_language, news_languages

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
