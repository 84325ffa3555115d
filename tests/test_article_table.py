"""The article table and the load report: columns and dtypes, recognised and mapped column names, items."""

from __future__ import annotations

import pandas as pd
from conftest import BODY, SEED

from analysis import load_articles
from analysis.article_table import ARTICLE_COLUMNS, Item, Skip, build_tables


def test_article_table_contract():
    articles = load_articles(SEED)
    assert list(articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert str(articles["published"].dtype) .startswith("datetime64") and str(articles["published"].dt.tz) == "UTC"
    assert articles["article_id"].str.fullmatch(r"[0-9a-f]{16}").all()
    assert load_articles(SEED)["article_id"].tolist() == articles["article_id"].tolist()  # stable


def test_column_mapping_for_unusual_names(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame({"story_body": [BODY], "hed": ["Mapped"], "when": ["2022-03-01"]}).to_csv(path, index=False)
    articles, report = load_articles(path, return_report=True)
    assert articles.empty and "no article text" in report.reason.iloc[0]
    articles = load_articles(path, columns={"story_body": "text", "hed": "title", "when": "published"})
    assert articles.iloc[0].title == "Mapped" and articles.iloc[0].text == BODY


def test_every_item_becomes_an_article_or_a_report_row():
    items = [Item(2, {"headline": "Talks", "body": BODY, "source": "Wire"}), Skip("line 3: broken JSON (x)"),
             Item(4, {"headline": "Empty", "body": ""})]
    articles, report = build_tables(items, "feed.jsonl", None, "feed", None, "utf-8")
    assert articles[["outlet", "title", "source_line"]].values.tolist() == [["Wire", "Talks", 2]]
    assert report[["source_line", "status"]].values.tolist() == [[2, "loaded"], [3, "skipped"], [4, "skipped"]]
    assert report["reason"].iloc[1] == "line 3: broken JSON (x)" and "no article text" in report["reason"].iloc[2]
    assert (report["source_path"] == "feed.jsonl").all() and report["article_id"].iloc[0] == articles["article_id"].iloc[0]
