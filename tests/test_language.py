"""Language identification: the language of a text among the news languages, "und" for too little text."""

from __future__ import annotations

import pytest

from analysis.language import LANGUAGE_PREFIX, detect_language


@pytest.mark.parametrize("text, expected", [
    ("The Russian Ministry of Defense is planning to deploy more soldiers.", "en"),
    ("Российские войска продолжили наступление на Киев.", "ru"),
    ("Talks resume today.", "en"),
    ("Two words", "und"),
    ("", "und"),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_only_the_first_characters_are_read():
    english = "Officials said the talks would resume in Geneva next week. " * 40
    assert len(english) > LANGUAGE_PREFIX
    assert detect_language(english + "Российские войска продолжили наступление на Киев. " * 200) == "en"
