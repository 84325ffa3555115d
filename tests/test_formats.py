"""Export formats of news databases and spreadsheets: Excel, GDELT and Media Cloud; every row and record is reported."""

from __future__ import annotations

import datetime
import json

import pandas as pd
from conftest import EXPORT_BODY as BODY
from conftest import csv_bytes as _csv

from analysis import load_articles


def test_excel_sheets_and_rows(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "Kremlin"
    first.append(["headline", "body", "publish_date", "media_name"])
    first.append(["Talks in Belarus", BODY, datetime.datetime(2022, 2, 28, 14, 0), "Kremlin"])
    first.append(["No body here", None, datetime.datetime(2022, 3, 1), "Kremlin"])
    first.append([None, None, None, None])  # blank row: not an item
    first.append(["Too many cells", BODY, "2022-03-02", "Kremlin", "stray"])
    second = book.create_sheet("Kyiv")
    second.append([None, None])  # a blank row before the header is skipped
    second.append(["title", "text"])
    second.append(["Address to the nation", BODY + " Address."])
    book.create_sheet("Notes")  # empty sheet
    book.save(tmp_path / "releases.xlsx")
    articles, report = load_articles(tmp_path / "releases.xlsx", return_report=True)
    got = [(p.split("::")[1], None if pd.isna(line) else int(line), s)
           for p, line, s in zip(report.source_path, report.source_line, report.status, strict=True)]
    assert got == [("Kremlin", 2, "loaded"), ("Kremlin", 3, "skipped"), ("Kremlin", 5, "skipped"),
                   ("Kyiv", 3, "loaded"), ("Notes", None, "skipped")]
    assert report.reason.tolist()[2] == "row 5: 5 cells but the header has 4"
    assert report.reason.tolist()[4] == "sheet is empty (no header row)"
    talks = articles.set_index("title").loc["Talks in Belarus"]
    assert talks.published == pd.Timestamp("2022-02-28 14:00", tz="UTC") and talks.outlet == "Kremlin"
    assert articles.set_index("title").loc["Address to the nation"].outlet == "releases"


def test_a_broken_workbook_is_one_reported_item(tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    articles, report = load_articles(tmp_path, return_report=True)
    assert len(articles) == 0 and report.status.tolist() == ["skipped"]
    assert report.reason[0].startswith("not a readable .xlsx workbook")








GKG_LINE = ("20220301120000-{n}\t20220301120000\t1\t{site}\thttps://{site}/story-{n}" + "\t" * 21
            + "\t<PAGE_TITLE>Story {n}</PAGE_TITLE>")


def test_gdelt_gkg_records_are_reported_without_text(tmp_path):
    lines = [GKG_LINE.format(n=1, site="example.org"), GKG_LINE.format(n=2, site="example.net"), "garbage line"]
    (tmp_path / "20220301120000.gkg.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, report = load_articles(tmp_path, return_report=True)
    assert len(articles) == 0
    assert report.source_line.tolist() == [1, 2, 3] and set(report.status) == {"skipped"}
    assert report.reason[0] == ("line 1: GDELT GKG record 20220301120000-1 has no article text "
                                "(metadata only; the page is https://example.org/story-1)")
    assert report.reason[2] == "line 3: not a GDELT GKG record (1 tab-separated fields)"


def test_gdelt_doc_and_media_cloud_column_names(tmp_path):
    # A GDELT DOC API article list, joined with the texts the user fetched; and two Media Cloud exports.
    doc = {"articles": [
        {"url": "https://example.org/a", "url_mobile": "", "title": "Talks resume", "seendate": "20220301T101500Z",
         "socialimage": "", "domain": "example.org", "language": "English", "sourcecountry": "Ukraine",
         "text": BODY},
        {"url": "https://example.org/b", "title": "Listed only", "seendate": "20220301T111500Z",
         "domain": "example.org", "language": "English"},
    ]}
    (tmp_path / "gdelt.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "mediacloud_search.csv").write_bytes(_csv([
        {"id": "abc", "indexed_date": "2022-03-05 10:00:00", "language": "en", "media_name": "example.com",
         "media_url": "https://example.com", "publish_date": "2022-03-02", "title": "Search hit",
         "url": "https://example.com/s"}]))
    (tmp_path / "mediacloud_api.json").write_text(json.dumps([
        {"stories_id": 7, "media_id": 1, "media_name": "Example Times", "media_url": "https://times.example",
         "publish_date": "2022-03-03 08:00:00", "title": "API story", "url": "https://times.example/7",
         "guid": "https://times.example/7", "language": "en", "collect_date": "2022-03-03 09:00:00",
         "story_text": BODY + " From the API."}]), encoding="utf-8")
    articles, report = load_articles(tmp_path, return_report=True)
    assert len(report) == 4 and (report.status == "loaded").sum() == 2
    talks = articles.set_index("title").loc["Talks resume"]
    assert talks.outlet == "example.org" and talks.published == pd.Timestamp("2022-03-01 10:15", tz="UTC")
    assert talks.url == "https://example.org/a"
    story = articles.set_index("title").loc["API story"]
    assert story.outlet == "Example Times" and story.published == pd.Timestamp("2022-03-03 08:00", tz="UTC")
    assert story.text == BODY + " From the API."
    skipped = report[report.status == "skipped"].reason.tolist()
    assert all("no article text" in reason for reason in skipped)
