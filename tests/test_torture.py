"""The torture corpus: every bad or odd input is loaded or reported with a reason; nothing is lost."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from torture import ESCAPED_NAMES, write_torture_corpus

from analysis import load_articles


@pytest.fixture(scope="module")
def torture(tmp_path_factory):
    folder = tmp_path_factory.mktemp("torture") / "corpus"
    expected = write_torture_corpus(folder)
    os.environ["FRAMING_LAB_CACHE"] = str(folder.parent / "cache")  # beside the corpus, not in it: read again below
    exceptions = 0
    try:
        articles, report = load_articles(folder, return_report=True)
    except Exception:  # counted, and the test below fails on it
        exceptions += 1
        raise
    report = report.assign(rel=report["source_path"].str.slice(len(folder.as_posix()) + 1))
    return folder, expected, articles, report, exceptions


def test_every_input_item_is_loaded_or_reported(torture):
    folder, expected, articles, report, exceptions = torture
    per_file = report.groupby("rel").size().to_dict()
    assert per_file == expected  # one report row per input item, for every file
    counts = report["status"].value_counts().to_dict()
    tried = sum(expected.values())
    loaded, duplicate, skipped = (counts.get(k, 0) for k in ("loaded", "duplicate", "skipped"))
    lost = tried - (loaded + duplicate + skipped)
    print(f"\ntorture corpus: {len(expected)} files, inputs tried {tried}, loaded {loaded}, "
          f"reported {duplicate + skipped} (duplicate {duplicate}, skipped {skipped}), lost {lost}, "
          f"exceptions {exceptions}")
    assert len(expected) >= 40
    assert lost == 0 and exceptions == 0
    assert loaded == len(articles)
    assert report["reason"].str.len().gt(0).all()
    assert set(report.loc[report.status == "loaded", "article_id"]) == set(articles["article_id"])


def _row(report, rel, line=None):
    rows = report[report.rel == rel]
    if line is not None:
        rows = rows[rows.source_line == line]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize("rel, status, reason", [
    ("empty.txt", "skipped", "empty file"),
    ("whitespace.txt", "skipped", "only white space"),
    ("binary_with_txt_extension.txt", "skipped", "binary"),
    ("png_renamed.txt", "skipped", "binary"),
    ("nul_in_middle.txt", "skipped", "binary"),
    ("only_bom.txt", "skipped", "byte-order mark"),
    ("only_scrape_noise.txt", "skipped", "no body text"),
    ("csv_header_only.csv", "skipped", "no article rows"),
    ("json_broken.json", "skipped", "broken JSON at line 1"),
    ("json_empty_list.json", "skipped", "no article rows"),
    ("json_scalar.json", "skipped", "JSON holds a int"),
    ("html_only_scripts_nav.html", "skipped", "no article text found in HTML"),
    ("report.pdf", "skipped", "unsupported file type '.pdf'"),
    ("no_extension", "skipped", "unsupported file type"),
    ("loop_a.txt", "skipped", "symbolic links"),
    ("link_to_dir", "skipped", "symbolic link to a folder"),
    ("dup/original.txt", "duplicate", "exact duplicate of article"),
    # a scrape without a time line loads with the warning issue 13 asks for, never a silent NaT
    ("utf16_no_bom.txt", "loaded", "no publication date found"),
    ("cp1251_russian.txt", "loaded", "language detected as 'ru'"),
    # issue 14, point 4: each reported alone, the rest loads
    ("caf\\xe9_latin1_name.txt", "loaded", "file or folder name is not valid UTF-8"),
    ("outlet_\\xff\\xfe/story.txt", "loaded", "file or folder name is not valid UTF-8"),
    ("json_too_deep.json", "skipped", "JSON nested deeper than the parser allows"),
    ("html_too_deep.html", "loaded", "HTML nested deeper than the extractor allows"),
    ("named_pipe.txt", "skipped", "not a regular file (named pipe)"),
    ("link_to_pipe.txt", "skipped", "not a regular file (named pipe, via a link)"),
    ("link_to_device.txt", "skipped", "not a regular file (device, via a link)"),
    ("json_lone_surrogate.json", "loaded", "loaded"),
])
def test_reasons(torture, rel, status, reason):
    row = _row(torture[3], rel)
    assert row.status == status and reason in row.reason


@pytest.mark.parametrize("rel, line, status, reason", [
    ("jsonl_broken_middle.jsonl", 2, "skipped", "line 2: broken JSON"),
    ("jsonl_broken_middle.jsonl", 3, "skipped", "not an article object"),
    ("jsonl_broken_middle.jsonl", 5, "loaded", "loaded"),
    ("json_list_with_non_objects.json", 2, "skipped", "item 2: a JSON int"),
    ("csv_ragged_rows.csv", 3, "skipped", "line 3: 5 fields but the header has 3"),
    ("csv_ragged_rows.csv", 4, "loaded", "loaded"),
    ("csv_missing_text_column.csv", 3, "skipped", "no article text"),
    ("csv_many_dates.csv", 9, "loaded", "unparseable date '2022-02-30'"),
    ("csv_many_dates.csv", 11, "loaded", "unparseable date 'yesterday afternoon'"),
    # issue 14, point 4
    ("jsonl_too_deep_line.jsonl", 1, "loaded", "loaded"),
    ("jsonl_too_deep_line.jsonl", 2, "skipped", "line 2: JSON nested deeper than the parser allows"),
    ("jsonl_too_deep_line.jsonl", 3, "loaded", "loaded"),
    ("csv_dates_out_of_range.csv", 2, "loaded", "out of range date '9999-12-31'"),
    ("csv_dates_out_of_range.csv", 3, "loaded", "out of range date '1 March 12022'"),
    ("csv_dates_out_of_range.csv", 4, "loaded", "out of range date '0001-01-01'"),
    ("csv_dates_out_of_range.csv", 5, "loaded", "unparseable date '-1'"),
    ("csv_dates_out_of_range.csv", 6, "loaded", "unparseable date '13'"),
    ("csv_dates_out_of_range.csv", 9, "loaded", "out of range date '99999999999'"),
    ("csv_nul_row.csv", 2, "loaded", "loaded"),
    ("csv_nul_row.csv", 3, "skipped", "line 3: contains NUL bytes"),
    ("csv_nul_row.csv", 4, "loaded", "loaded"),
    ("csv_unclosed_quote.csv", 2, "loaded", "loaded"),
    ("csv_unclosed_quote.csv", 3, "skipped", "line 3: unclosed quote"),
    ("csv_unclosed_quote.csv", 4, "loaded", "loaded"),
    ("csv_unclosed_quote.csv", 5, "loaded", "loaded"),
    ("csv_unclosed_quote_at_end.csv", 3, "skipped", "line 3: unclosed quote"),
    ("csv_unclosed_quote_at_end.csv", 4, "loaded", "loaded"),
    ("jsonl_u2028.jsonl", 1, "loaded", "loaded"),
    ("jsonl_u2028.jsonl", 2, "loaded", "loaded"),
])
def test_row_reasons(torture, rel, line, status, reason):
    row = _row(torture[3], rel, line)
    assert row.status == status and reason in row.reason


def _article(torture, rel, line=None):
    report = torture[3]
    aid = _row(report, rel, line).article_id
    return torture[2].set_index("article_id").loc[aid]


def test_encodings_are_decoded(torture):
    assert _article(torture, "cp1251_russian.txt").title == "Обстрел Харькова"
    western = _article(torture, "cp1252_western.txt")
    assert "Zürich" in western.text and "naïve" in western.text and '"ceasefire"' in western.text
    assert _row(torture[3], "cp1252_western.txt").encoding == "cp1252"
    assert _article(torture, "utf16_no_bom.txt").title == "Shelling of Kyiv continues"
    assert _article(torture, "utf16_be_bom.txt").title == "Shelling of Odesa continues"
    assert _article(torture, "truncated_utf8.txt").text.startswith("Официальные лица")
    cafe = _article(torture, "csv_cp1252.csv", 2)
    assert cafe.title == "Café" and "The café owner in Zürich" in cafe.text


def test_text_oddities(torture):
    mixed = _article(torture, "mixed_line_endings.txt")
    assert mixed.text == "First paragraph here is text.\n\nSecond one.\n\nThird paragraph, old Mac style."
    odd = _article(torture, "zero_width_and_rtl.txt")
    assert "\u200b" not in odd.text and "\u202e" not in odd.text and "Kharkiv" in odd.text
    entities = _article(torture, "html_entities_in_headline.csv", 2)
    assert entities.title == 'AT&T "deal" - talks <end>'
    # trafilatura drops what follows a dash in a <title> (usually the site name): 'Café'
    assert _article(torture, "html_with_entities.htm").title.startswith("Café")
    embedded = _article(torture, "csv_embedded_newlines.csv", 2)
    assert embedded.text == "First line of body.\nSecond line of body, with a comma."
    assert _article(torture, "csv_embedded_newlines.csv", 4).text == 'He said "no" twice.'
    assert _article(torture, "csv_duplicate_headers.csv", 2)["text.1"] == "Second text column."
    assert _article(torture, "tsv_export.tsv", 2).outlet == "Wire"


def test_html_scripts_do_not_become_text(torture):
    page = _article(torture, "html_xss_payloads.html")
    assert "alert(2)" not in page.text and "alert(3)" not in page.text
    # Text that *shows* markup is kept as text (to be escaped on output), never as markup.
    assert "<script>alert(1)</script>" in page.text
    assert page.outlet == "Evil <b>Site"


@pytest.mark.parametrize("line, expected", [
    (2, "2022-03-01 12:00"), (3, "2022-03-01 10:00"), (4, "2022-03-01 17:00"), (5, "2022-03-01 00:00"),
    (6, "2022-01-03 00:00"),  # 01/03/2022 is month first (US style), documented
    (7, "2022-03-01 12:00"), (8, "2022-03-01 12:00"), (9, None), (10, None), (11, None), (12, None), (13, None),
])
def test_dates_in_many_formats(torture, line, expected):
    published = _article(torture, "csv_many_dates.csv", line).published
    if expected is None:
        assert pd.isna(published)
    else:
        assert published == pd.Timestamp(expected, tz="UTC")


def test_hostile_items_keep_their_text_and_dates(torture):
    """What the point-4 items load as: the text after an unclosed quote, U+2028 kept, dates read or left empty."""
    assert _article(torture, "csv_unclosed_quote.csv", 4).text == "Body after."
    assert _article(torture, "jsonl_u2028.jsonl", 1).text.endswith("One\u2028two\u2029three.")
    assert _article(torture, "html_too_deep.html").text.endswith("Deep paragraph about Kharkiv.")
    assert _article(torture, "html_too_deep.html").title == "Deep page"
    assert "\ufffd" in _article(torture, "json_lone_surrogate.json", 1).text
    assert _article(torture, "outlet_\\xff\\xfe/story.txt").outlet == "outlet_\\xff\\xfe"
    march_first = pd.Timestamp("2022-03-01 12:00", tz="UTC")
    for line in (7, 8):  # epoch milliseconds and seconds told apart by range
        assert _article(torture, "csv_dates_out_of_range.csv", line).published == march_first
    for line in (2, 3, 4, 5, 6, 9):
        assert pd.isna(_article(torture, "csv_dates_out_of_range.csv", line).published)
    for line in (1, 2, 3):  # {"$date": ...} exports
        assert _article(torture, "json_mongo_dates.jsonl", line).published == march_first


def test_big_inputs(torture):
    big = _article(torture, "big_single_article.txt")
    assert big.n_words > 7_000_000 and len(big.text) > 45 * 1024 * 1024
    tiny = torture[3][torture[3].rel == "tiny_articles.jsonl"]
    assert len(tiny) == 100_000 and (tiny.status == "loaded").all()


def test_near_duplicates_stay_separate_articles(torture):
    assert _row(torture[3], "dup/near_duplicate.txt").status == "loaded"
    assert _row(torture[3], "dup/exact_copy.txt").status == "loaded"


def test_same_input_same_ids_and_results(torture, monkeypatch):
    folder, _, articles, report, _ = torture
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(folder.parent / "cache"))  # the cache the first load filled
    again, again_report = load_articles(folder, return_report=True)  # from the cache
    fresh = load_articles(folder / "dup", cache=False)
    pd.testing.assert_frame_equal(articles, again)
    pd.testing.assert_frame_equal(report.drop(columns="rel"), again_report)
    assert set(fresh.article_id) <= set(articles.article_id)


def test_each_small_file_alone_never_raises(torture):
    folder, expected, *_ = torture
    for rel in expected:
        if rel in {"big_single_article.txt", "tiny_articles.jsonl", "link_to_dir"}:
            continue
        path = Path(folder) / (os.fsdecode(ESCAPED_NAMES[rel]) if rel in ESCAPED_NAMES else rel)
        articles, report = load_articles(path, return_report=True, cache=False)
        assert len(report) == expected[rel], rel
