"""Plain-text scrapes as people save them: bylines, datelines and time lines in several orders (issue 13)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_articles
from analysis.clean import parse_byline, split_dateline

BODY = "The city council voted on Tuesday to close the central library."
TITLE = "Council votes to close the central library"


@pytest.mark.parametrize("header, author, published, dateline", [
    (["By Jane Doe and John Roe", "March 3, 2024 10:05 BST", "LONDON, March 3 (Reuters) - "],
     "Jane Doe; John Roe", "2024-03-03 09:05", "LONDON, March 3 (Reuters)"),
    (["March 3, 2024 10:05 BST", "By Jane Doe", ""], "Jane Doe", "2024-03-03 09:05", ""),
    (["Published 3 March 2024, 10:05 CET", "Updated 4 March 2024, 08:00 CET", "Jane Doe, Reuters", ""],
     "Jane Doe", "2024-03-03 09:05", ""),
    (["Updated: March 4, 2024 8:00 AM EET", "Jane Doe | Staff writer", "Published: March 3, 2024 7:15 AM EET",
      "BERLIN (AP) -- "], "Jane Doe", "2024-03-03 05:15", "BERLIN (AP)"),
    (["Jane Doe, Reuters", "2:09 PM EDT, March 22, 2024", "KYIV, March 22 (Reuters) - "],
     "Jane Doe", "2024-03-22 18:09", "KYIV, March 22 (Reuters)"),
    (["By Jane Doe, Reuters", "05.03.2024 14:00 MSK", "WASHINGTON - "], "Jane Doe", "2024-03-05 11:00", "WASHINGTON"),
])
def test_byline_dateline_and_time_line_in_any_order(tmp_path, header, author, published, dateline):
    lines = [TITLE, *header[:-1], header[-1] + BODY, "Residents protested outside City Hall."]
    (tmp_path / "story.txt").write_text("\n\n".join(lines), encoding="utf-8")
    articles, report = load_articles(tmp_path, return_report=True, cache=False)
    article = articles.iloc[0]
    assert article["title"] == TITLE
    assert article["author"] == author
    assert article["published"] == pd.Timestamp(published, tz="UTC")
    assert (article["dateline"] if "dateline" in article and pd.notna(article["dateline"]) else "") == dateline
    assert article["text"].startswith(BODY)  # the body starts at the first real sentence
    assert "By " not in article["text"] and "Reuters" not in article["text"] and "2024" not in article["text"]
    assert report["reason"].tolist() == ["loaded"]


def test_scrape_without_a_date_is_loaded_with_a_warning(tmp_path):
    (tmp_path / "undated.txt").write_text(f"{TITLE}\n\nBy Jane Doe\n\n{BODY}", encoding="utf-8")
    articles, report = load_articles(tmp_path, return_report=True, cache=False)
    assert articles["published"].isna().all() and articles["author"].tolist() == ["Jane Doe"]
    assert report["reason"].tolist() == ["no publication date found"]


@pytest.mark.parametrize("line, expected", [
    ("By Jane Doe", "Jane Doe"),
    ("BY JANE DOE", "JANE DOE"),  # wire bylines are often in capitals
    ("By Jane Doe & John Roe", "Jane Doe; John Roe"),
    ("Jane Doe for The Guardian", None),  # no separator between the name and the role
    ("Jane Doe, political correspondent", "Jane Doe"),
    ("Kyiv, Ukraine", None),
    ("Residents gathered outside City Hall.", None),
    ("By the time the council met, it was late.", None),
])
def test_byline_lines(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize("paragraph, dateline", [
    ("KYIV, March 3 (Reuters) - Russian forces shelled the city.", "KYIV, March 3 (Reuters)"),
    ("NEW YORK (AP) - Stocks fell.", "NEW YORK (AP)"),
    ("NATO - the alliance - met on Friday.", ""),
    ("Putin - who spoke first - said nothing.", ""),
])
def test_datelines(paragraph, dateline):
    assert split_dateline(paragraph)[0] == dateline


_QUOTES_DASHES_SPACES = {**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
                         **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
                         **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
                         **dict.fromkeys("\u00a0\u2007\u202f\u3000", " "), "\u2026": "..."}


def _normalize_reference(text):
    """normalize_text as first written: str.translate and the space rule on every line (the fast path's reference)."""
    import re
    import unicodedata

    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans(_QUOTES_DASHES_SPACES))
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def test_normalize_text_equals_its_reference_on_odd_white_space_and_marks():
    import random

    from analysis.clean import normalize_text

    rng = random.Random(7)
    alphabet = [*" \t\f\v\n\r\x1c\x1f\x85\u2028\u1680\u00a0\u2007\u202f\u3000\u2026\u2018\u2019\u201c\u2033\u2212\u200b"
                "\u00adab\u00e9\u0416", "  ", "\n\n", "\r\n", "word"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    assert [normalize_text(t) for t in texts] == [_normalize_reference(t) for t in texts]


@pytest.mark.parametrize("text, expected", [
    ("2022-06-24T17:30:00Z", pd.Timestamp("2022-06-24 17:30:00", tz="UTC")),
    ("2022-02-30T00:00:00Z", None),  # no such day
    ("1700-01-01T00:00:00Z", None),  # outside DATE_YEARS
    ("2022-06-24T24:00:00Z", None),
])
def test_iso_utc_stamps(text, expected):
    from dateutil import parser as dateparser

    from analysis.clean import parse_date

    found = parse_date(text)
    assert found == expected if expected is not None else found is None
    if expected is not None:  # what dateutil gives, unit and zone included
        assert repr(found) == repr(pd.Timestamp(dateparser.parse(text)).tz_convert("UTC"))
