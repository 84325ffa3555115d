"""add_group puts an article column on any per-article result table."""

from __future__ import annotations

from conftest import known_articles

from analysis.groups import add_group
from analysis.sources import attributions


def test_a_result_table_gains_the_article_column_by_article_id():
    articles = known_articles().assign(desk=["Transport", "Transport", "City"])
    found = add_group(attributions(articles), articles, "desk")
    assert list(found.columns[:2]) == ["article_id", "desk"]
    assert list(zip(found["source"], found["desk"], strict=True)) == [("Jane Doe", "Transport"), ("Tom Roe", "City")]


def test_a_table_that_has_the_column_is_returned_as_it_is():
    articles = known_articles()
    table = attributions(articles)
    assert add_group(table, articles, "outlet") is table
