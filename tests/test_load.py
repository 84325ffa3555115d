"""Loading: every format, every report reason, the seed article checked by hand, the cache."""

from __future__ import annotations

import json
import time

import pandas as pd
import pytest
from conftest import BODY, SEED, network_is_blocked, shared_path

from analysis import load_articles
from analysis.article_table import ARTICLE_COLUMNS, REPORT_COLUMNS
from analysis.clean import cleaning_diff
from analysis.load import summarize_report

# --- the seed article, checked by hand -----------------------------------------------------


def test_seed_article_is_parsed_as_checked_by_hand():
    articles = load_articles(SEED)
    assert len(articles) == 1
    article = articles.iloc[0]
    assert article["title"] == "Russia reportedly plans massive troop surge in Ukraine, targets Kharkiv"
    assert article["published"] == pd.Timestamp("2024-03-22 18:09", tz="UTC")
    assert article["text"].startswith("The Russian Ministry of Defense")
    assert article["text"].endswith("undesirable to almost everyone.")
    for noise in ["Russia wants to mobilize even 300 thousand", "Images source", "Getty Images",
                  "Related content", "2:09 PM EDT"]:
        assert noise not in article["text"]
    assert article["section"] == "News"
    assert article["language"] == "en"
    # The sub-heading inside the body is body text, not noise.
    assert "From a special operation to a war" in article["text"]
    # Hand count: 362 word tokens in the cleaned body (tokens as analysis.tokens defines them).
    assert article["n_words"] == 362
    assert article["raw_text"].startswith("NewsRussia reportedly plans")


def test_shared_seed_matches_the_shipped_copy():
    shared_seed = shared_path("seed", "000_91f5a0ceed31be41.txt")
    assert shared_seed.read_bytes() == SEED.read_bytes()
    shared = load_articles(shared_seed).iloc[0]
    assert shared["title"] == "Russia reportedly plans massive troop surge in Ukraine, targets Kharkiv"
    assert shared["published"] == pd.Timestamp("2024-03-22 18:09", tz="UTC")


def test_cleaning_diff_explains_each_removed_line():
    diff = cleaning_diff(load_articles(SEED))
    removed = dict(zip(diff.loc[diff.status == "removed", "line"], diff.loc[diff.status == "removed", "reason"],
                       strict=True))
    assert removed["Images source: © Getty Images | Anadolu Agency, Sefa Karacan"] == "image credit"
    assert removed["2:09 PM EDT, March 22, 2024"] == "time line (moved to published)"
    assert removed["Related content"] == "trailer"
    assert removed["Russia wants to mobilize even 300 thousand new soldiers."] in {"image caption", "repeated line"}
    assert (diff.status == "kept").sum() == 9  # the 9 body paragraphs, sub-heading included

# --- a folder with every format and every kind of bad input --------------------------------


def _write_mixed_folder(root):
    (root / "tass").mkdir(parents=True)
    (root / "tass" / "scrape.txt").write_text(
        "Strikes on Kyiv\n\nMarch 1, 2022 10:00 UTC\n\n" + BODY + "\n\nRead more\nOther story\n", encoding="utf-8")
    (root / "page.html").write_text(
        "<html><head><title>Page | Daily</title>"
        '<meta property="og:site_name" content="The Daily Example">'
        '<meta property="article:published_time" content="2022-03-02T08:30:00+02:00">'
        '<meta name="author" content="Jane Doe"></head><body><nav>Home | World | Sport</nav>'
        "<article><h1>Shelling of Kharkiv continues</h1>"
        "<p>" + BODY + "</p><p>The city council counted damaged buildings in four districts of the city.</p>"
        "</article><footer>Copyright 2022 The Daily Example</footer><script>var x = 1;</script></body></html>",
        encoding="utf-8")
    rows = [
        {"headline": "Talks in Belarus", "body": BODY + " Talks began in Belarus.", "publish_date": "2022-02-28",
         "media_name": "Wire One", "url": "https://example.org/a"},
        {"headline": "Undated piece", "body": BODY + " An undated report.", "publish_date": "not a date",
         "media_name": "Wire One", "url": "https://example.org/b"},
        {"headline": "No text here", "body": "", "publish_date": "2022-02-28", "media_name": "Wire One",
         "url": "https://example.org/c"},
    ]
    pd.DataFrame(rows).to_csv(root / "mediacloud.csv", index=False)
    (root / "legacy.csv").write_bytes(
        ("title,text,date\nCafé talks,\"The café owner said the “ceasefire” failed. "
         "People were afraid – again.\",2022-03-03\n").encode("cp1252"))
    (root / "bom.tsv").write_bytes(
        "\ufefftitle\ttext\tdate\nBOM story\tA story about sanctions and the rouble, saved with a byte order mark.\t"
        "2022-03-04\n".encode())
    lines = [
        json.dumps({"title": "Line one", "content": BODY + " First line.", "date": "2022-03-05T12:00:00Z",
                    "source": "Feed"}),
        '{"title": "Broken", "content": "unterminated',
        json.dumps({"title": "Line three", "content": BODY + " Third line.", "date": "2022-03-05",
                    "source": "Feed"}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "list.json").write_text(json.dumps([
        {"headline": "JSON list story", "text": BODY + " From a JSON list.", "published": 1646300000},
        {"headline": "Русская статья", "text": "Российские войска продолжили наступление на Киев. "
                                              "Власти сообщили о разрушениях в нескольких районах города."},
    ]), encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "tass" / "scrape_copy.txt").write_text(
        "Strikes on Kyiv\n\nMarch 1, 2022 10:00 UTC\n\n" + BODY + "\n", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not supported")


@pytest.fixture
def mixed_folder(tmp_path):
    _write_mixed_folder(tmp_path / "set")
    return tmp_path / "set"


def _reason(report, path_part, line=None):
    rows = report[report.source_path.str.contains(path_part, regex=False)]
    if line is not None:
        rows = rows[rows.source_line == line]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_mixed_folder_loads_and_report_accounts_for_every_item(mixed_folder):
    articles, report = load_articles(mixed_folder, return_report=True)
    assert list(report.columns) == REPORT_COLUMNS
    # Input items: 12 single files + 3 CSV rows + 1 cp1252 row + 1 BOM row + 3 JSONL lines + 2 JSON items
    # - 4 multi-article files counted by their rows (mediacloud, legacy, bom, feed, list: 5 files)
    expected_items = (3 + 1 + 1 + 3 + 2) + 6  # rows + single files (scrape, page, empty, binary, copy, pdf)
    assert len(report) == expected_items
    counts = report.status.value_counts().to_dict()
    assert counts == {"loaded": 10, "skipped": 5, "duplicate": 1}
    assert counts["loaded"] == len(articles)

    assert "empty file" in _reason(report, "empty.txt").reason
    assert "binary" in _reason(report, "binary.txt").reason
    assert "unsupported file type '.pdf'" in _reason(report, "notes.pdf").reason
    broken = _reason(report, "feed.jsonl", line=2)
    assert broken.status == "skipped" and broken.reason.startswith("line 2: broken JSON")
    no_text = _reason(report, "mediacloud.csv", line=4)
    assert no_text.status == "skipped" and "no article text" in no_text.reason
    undated = _reason(report, "mediacloud.csv", line=3)
    assert undated.status == "loaded" and "unparseable date 'not a date'" in undated.reason
    duplicate = _reason(report, "scrape_copy.txt")
    original = _reason(report, "tass/scrape.txt")
    assert original.status == "loaded" and duplicate.status == "duplicate"
    assert duplicate.reason == f"exact duplicate of article {original.article_id} ({original.source_path})"
    russian = articles[articles.title == "Русская статья"].iloc[0]
    assert russian.language == "ru"
    assert "not analysed as English" in report.set_index("article_id").loc[russian.article_id, "reason"]

    legacy = articles[articles.title == "Café talks"].iloc[0]
    assert _reason(report, "legacy.csv").encoding.lower().replace("_", "") in {"cp1252", "windows1252"}
    assert 'the "ceasefire" failed' in legacy.text and "afraid - again" in legacy.text
    assert "“ceasefire”" in legacy.raw_text  # the original stays available
    assert articles[articles.title == "BOM story"].iloc[0].outlet == "bom"
    assert _reason(report, "bom.tsv").encoding == "utf-8-sig"

    page = articles[articles.title == "Shelling of Kharkiv continues"].iloc[0]
    assert page.outlet == "The Daily Example" and page.author == "Jane Doe"
    assert page.published == pd.Timestamp("2022-03-02 06:30", tz="UTC")
    assert "Home | World" not in page.text and "Copyright" not in page.text and "var x" not in page.text
    assert page.text.startswith("Kyiv was shelled overnight")

    scrape = articles[articles.title == "Strikes on Kyiv"]
    assert scrape.outlet.tolist() == ["tass"]  # first sub-folder names the outlet
    assert (scrape.published == pd.Timestamp("2022-03-01 10:00", tz="UTC")).all()
    assert not scrape.text.str.contains("Read more|Other story").any()
    mc = articles[articles.title == "Talks in Belarus"].iloc[0]
    assert (mc.outlet, mc.url) == ("Wire One", "https://example.org/a")
    assert mc.published == pd.Timestamp("2022-02-28", tz="UTC")
    assert articles[articles.title == "JSON list story"].iloc[0].published == pd.Timestamp(1646300000, unit="s",
                                                                                           tz="UTC")
    assert report.loc[report.status == "loaded", "article_id"].isin(articles.article_id).all()


def test_same_text_in_two_outlets_is_two_articles(tmp_path):
    for outlet in ("wire_a", "wire_b"):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "story.txt").write_text("Strikes on Kyiv\n\n" + BODY, encoding="utf-8")
    articles, report = load_articles(tmp_path, return_report=True)
    assert sorted(articles.outlet) == ["wire_a", "wire_b"] and (report.status == "loaded").all()
    articles, report = load_articles(tmp_path, outlet="One Outlet", return_report=True)
    assert len(articles) == 1 and report.status.tolist() == ["loaded", "duplicate"]


def test_mixed_folder_summary_and_no_exception_per_item(mixed_folder):
    _, report = load_articles(mixed_folder, return_report=True)
    summary = summarize_report(report)
    assert summary["items"].sum() == len(report)
    assert {"loaded", "skipped", "duplicate"} == set(summary.status)


def test_missing_source_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="article source not found: .*nowhere"):
        load_articles(tmp_path / "nowhere")


def test_empty_folder_gives_empty_frames_with_columns(tmp_path):
    articles, report = load_articles(tmp_path, return_report=True)
    assert articles.empty and list(articles.columns) == ARTICLE_COLUMNS
    assert report.empty and list(report.columns) == REPORT_COLUMNS


def test_loading_works_with_the_network_blocked(mixed_folder, no_network):
    assert network_is_blocked()
    articles = load_articles(mixed_folder, cache=False)
    assert len(articles) == 10


def test_second_load_is_served_from_the_cache(mixed_folder, monkeypatch):
    import analysis.load as load_module

    start = time.perf_counter()
    first = load_articles(mixed_folder)
    first_time = time.perf_counter() - start

    def fail(*args, **kwargs):
        raise AssertionError("parsed again instead of read from the cache")

    monkeypatch.setattr(load_module, "read_items", fail)
    start = time.perf_counter()
    second = load_articles(mixed_folder)
    second_time = time.perf_counter() - start
    pd.testing.assert_frame_equal(first, second)
    print(f"first load {first_time:.3f} s, cached load {second_time:.3f} s")


def test_changed_file_invalidates_only_itself(mixed_folder, monkeypatch):
    import analysis.load as load_module

    load_articles(mixed_folder)
    (mixed_folder / "added.jsonl").write_text(json.dumps({"title": "Added", "text": BODY + " Added."}) + "\n")
    parsed = []
    original = load_module.read_items
    monkeypatch.setattr(load_module, "read_items", lambda text, path: parsed.append(path.name) or original(text, path))
    articles = load_articles(mixed_folder)
    assert parsed == ["added.jsonl"]
    assert "Added" in set(articles.title)
