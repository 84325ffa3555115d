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


def _py3langid(texts):
    """What detect_language answered before the batch path: py3langid's own classify, restricted, on the prefix."""
    import re

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from analysis.language import news_languages

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(news_languages()))
    return ["und" if len(re.findall(r"\w+", t[:LANGUAGE_PREFIX])) < 3 else identifier.classify(t[:LANGUAGE_PREFIX])[0]
            for t in texts]


def test_many_texts_at_once_get_py3langid_answers():
    from pathlib import Path

    import pandas as pd

    from analysis.language import detect_languages

    sample = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "sample" / "kremlin.csv")["body"].dropna().tolist()[:60]
    texts = [*sample, *(t[:200].upper() for t in sample[:10]), "Talks resume today.", "", "Two words",
             "Российские войска продолжили наступление на Киев.", "Київ відповів на ракетний удар.",
             "Die Regierung hat gestern angekündigt.", "中国 政府 今天 宣布 新 政策", "🙂 🙂 🙂 !!", "ＦＵＬＬ ｗｉｄｔｈ ｔｅｘｔ here",
             "Srpska vlada je juče objavila", "Сербская: Влада Србије је јуче објавила нови закон."]
    assert detect_languages(texts) == _py3langid(texts) == [detect_language(t) for t in texts]
    assert detect_languages([]) == []
