"""Readers of the text formats: CSV rows with article-sized fields, the caller's csv settings left alone."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import BODY

from analysis import load_articles
from analysis.article_table import Item, Skip
from analysis.readers import read_items


def test_a_csv_field_longer_than_the_csv_default_is_read_and_the_callers_limit_is_unchanged(tmp_path):
    long_body = " ".join([BODY] * 2_000)  # about 280,000 characters: over the csv module's 131,072
    path = tmp_path / "long.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["title", "text"], ["Long", long_body]])
    previous = csv.field_size_limit(50_000)
    try:
        articles = load_articles(path, cache=False)
        assert csv.field_size_limit() == 50_000  # load_articles left the caller's limit as it was
        assert articles["text"].iloc[0] == long_body
        with pytest.raises(csv.Error, match="field larger than field limit"):
            list(csv.reader(path.open(encoding="utf-8")))  # the caller's own reads still use their limit
    finally:
        csv.field_size_limit(previous)


@pytest.mark.parametrize("name, text, expected", [
    ("a.csv", "title,text\nT,Body one.\n,\nU,Body two.\n", [(2, "T"), (4, "U")]),
    ("a.jsonl", '{"title": "T", "text": "Body."}\n\n[1]\n', [(1, "T"), "line 3: a JSON list, not an article object"]),
    ("a.json", '{"articles": [{"title": "T", "text": "Body."}]}', [(1, "T")]),
])
def test_read_items_picks_the_reader_by_file_name(name, text, expected):
    items = read_items(text, Path(name))
    found = [(i.line, i.fields["title"]) if isinstance(i, Item) else str(i) for i in items]
    assert found == expected


def test_a_file_that_cannot_be_read_raises_its_reason():
    with pytest.raises(Skip, match="broken JSON at line 1"):
        read_items('{"title": ', Path("a.json"))
