"""Saved web pages: one small hand-written page for each cause of lost text or metadata."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import load_articles
from analysis.webpage import extract_page, split_authors

PARAGRAPHS = [
    "The regional council voted on Tuesday to rebuild the bridge over the river by next spring.",
    "Engineers told the council that the old piers had been weakened by years of flooding and ice.",
    "Residents who cross the river every day said the detour had added an hour to their journeys.",
    "The work will be paid for by the national road fund and by a loan from the regional bank.",
]
BODY_HTML = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _page(head: str = "", body: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
            f"{body}<footer>Copyright 2023 Example Media. All rights reserved.</footer></body></html>")


def test_form_wrapped_article_keeps_its_text():
    # Some sites wrap the whole page in one <form> (ASP.NET): deleting forms deleted the article.
    page = extract_page(_page(body=f"<form id='aspnetForm' method='post'><article><h1>Bridge to be rebuilt</h1>"
                                    f"{BODY_HTML}</article></form>"))
    assert page.text.split("\n") == PARAGRAPHS
    assert page.title == "Bridge to be rebuilt"


def test_table_laid_out_article_keeps_its_text():
    # Old sites lay out the page with a table: navigation in one cell, the article in the other.
    cells = "".join(f"<tr><td>{p}</td></tr>" for p in PARAGRAPHS)
    page = extract_page(_page(body="<table><tr><td class='menu'><a href='/a'>News</a><br><a href='/b'>Archive</a>"
                                   f"</td><td><h1>Bridge to be rebuilt</h1><table>{cells}</table></td></tr></table>"))
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    assert "Copyright" not in page.text


def test_json_ld_author_wins_over_publisher_meta():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge to be rebuilt",
          "datePublished": "2023-03-14T09:30:00+01:00",
          "author": [{"@type": "Person", "name": "Maria Lopez"}, {"@type": "Person", "name": "Tom Baker"}],
          "publisher": {"@type": "Organization", "name": "Example Media"}}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta name="author" content="Example Media"><meta property="og:site_name" content="Example Media">')
    page = extract_page(_page(head, f"<article><h1>Bridge to be rebuilt</h1>{BODY_HTML}</article>"))
    assert page.author == "Maria Lopez; Tom Baker"
    assert page.published == "2023-03-14T09:30:00+01:00"


@pytest.mark.parametrize("meta", [
    '<meta property="article:author" content="https://www.facebook.com/maria.lopez.journalist">',
    '<meta name="author" content="@mlopez_news">',
    '<meta name="author" content="Example Media">',
])
def test_profile_url_handle_or_publisher_is_not_an_author(meta):
    head = meta + '<meta property="og:site_name" content="Example Media">'
    page = extract_page(_page(head, f"<article><h1>Bridge to be rebuilt</h1>{BODY_HTML}</article>"))
    assert page.author is None
    with_byline = extract_page(_page(head, "<article><h1>Bridge to be rebuilt</h1>"
                                           "<p class='byline'>By <a rel='author' href='/staff/maria-lopez'>"
                                           f"Maria Lopez</a></p>{BODY_HTML}</article>"))
    assert with_byline.author == "Maria Lopez"


@pytest.mark.parametrize("byline, names", [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Von Anna Schmidt und Peter Braun", ["Anna Schmidt", "Peter Braun"]),
    ("Rob Smith, Example Media", ["Rob Smith"]),
    ("Example Media, London, UK", []),  # the rest describes the publisher
    ("Grant Tinsley, PhD", ["Grant Tinsley"]),
    ("jane.doe", []),
    ("Redaktion", []),
    ("newsdesk@example.com", []),
])
def test_split_authors(byline, names):
    assert split_authors(byline, site_names=["Example Media"]) == names


def test_day_first_time_element_is_read_day_first():
    # 01-11-2023 on a German page is 1 November, not 11 January.
    body = (f"<article><h1>Brücke wird neu gebaut</h1><time datetime='01-11-2023'>1. November 2023</time>"
            f"{BODY_HTML}</article>")
    page = extract_page(_page(body=body, lang="de"))
    assert page.published == "2023-11-01"


def test_numeric_date_order_follows_the_pages_other_dates():
    # An American page writes month first; a page whose other dates show day first wins over its language.
    body = "<article><h1>Bridge</h1><time datetime='03/04/2023'>March 4</time>" + BODY_HTML + "</article>"
    assert extract_page(_page(body=body, lang="en-US")).published == "2023-03-04"
    evidence = body.replace("</article>", "<p>Earlier reports: 25/12/2022, 31/01/2023.</p></article>")
    assert extract_page(_page(body=evidence, lang="en-US")).published == "2023-04-03"


def test_article_published_time_wins_over_stale_meta_date():
    head = ('<meta name="date" content="2019-01-01">'
            '<meta property="article:published_time" content="2023-03-14T09:30:00+01:00">')
    page = extract_page(_page(head, f"<article><h1>Bridge</h1>{BODY_HTML}</article>"))
    assert page.published == "2023-03-14T09:30:00+01:00"


def test_title_without_site_name_suffix():
    head = "<title>Bridge to be rebuilt | Example Media</title><meta property='og:site_name' content='Example Media'>"
    page = extract_page(_page(head, BODY_HTML))
    assert page.title == "Bridge to be rebuilt"
    assert page.outlet == "Example Media"


def test_xml_declared_page_loads(tmp_path):
    # lxml refuses a str that declares its encoding; such pages used to be skipped.
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n'
             '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
             '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
             '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>Bridge to be rebuilt</title>'
             '<meta property="article:published_time" content="2023-03-14" /></head>'
             f"<body><article><h1>Bridge to be rebuilt</h1>{BODY_HTML}</article></body></html>")
    (tmp_path / "page.xhtml").write_text(xhtml, encoding="utf-8")
    articles, report = load_articles(tmp_path, return_report=True)
    assert report.status.tolist() == ["loaded"]
    row = articles.iloc[0]
    assert row.title == "Bridge to be rebuilt"
    assert row.text == "\n\n".join(PARAGRAPHS)
    assert row.published == pd.Timestamp("2023-03-14", tz="UTC")


def test_comments_are_not_part_of_the_body():
    comments = ("<section id='comments' class='comments'><h3>3 comments</h3>"
                "<div class='comment'><p>Great article, I drive over that bridge every single morning!</p></div>"
                "</section>")
    page = extract_page(_page(body=f"<article><h1>Bridge</h1>{BODY_HTML}</article>{comments}"))
    assert PARAGRAPHS[0] in page.text and "Great article" not in page.text


def test_real_pages_not_worse_than_trafilatura_defaults():
    # 60 of the real pages of ../shared, evenly spread (benchmarks/extraction.py scores all 358).
    import sys
    from pathlib import Path

    from conftest import shared_path

    folder = shared_path("realworld-dev")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from extraction import score

    results = score(folder, limit=60)
    ours, theirs = results["loader"], results["trafilatura"]
    for metric in ("segments F1", "title exact", "date same day", "author"):
        assert ours[metric] >= theirs[metric], metric
    assert ours["title exact"] > theirs["title exact"] + 0.1  # titles without site-name suffixes
    assert ours["pages with no text"] <= theirs["pages with no text"]
