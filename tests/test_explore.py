"""The data behind the explorer's views and the outlet comparison, on the shipped sample."""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest
from conftest import SAMPLE

from analysis import find_loaded_terms, load_articles, load_lexicon
from analysis.explore import compare_outlets, explore_counts, explore_lines, highlight_article, highlight_spans
from analysis.frequencies import term_over_time
from analysis.plots import plot_outlet_comparison

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def sample():
    return load_articles(SAMPLE, cache=False)


def _war(text: str) -> int:
    """'war' as a whole word, counted independently of the package (no hyphen or letter either side)."""
    return len(re.findall(r"(?<![\w'\-])war(?![\w\-])", text, flags=re.I))


def test_counts_and_lines_of_a_term_agree_with_a_plain_regex(sample):
    # Kremlin releases dated 24-25 Feb 2022 (UTC): "war" counted by hand with a regex over the texts.
    window = sample[(sample["outlet"] == "Kremlin") & (sample["published"] >= pd.Timestamp("2022-02-24", tz="UTC"))
                    & (sample["published"] < pd.Timestamp("2022-02-26", tz="UTC"))]
    expected = int(window["text"].map(_war).sum())
    assert expected == 10  # hand-checked: all ten in the 24 Feb address
    counts = explore_counts(sample, "war", groups=["Kremlin"], start="2022-02-24", end="2022-02-25")
    assert counts["outlet"].unique().tolist() == ["Kremlin"]
    assert counts["hits"].tolist() == [10, 0]
    assert counts["words"].tolist() == window.groupby(window["published"].dt.floor("D"))["n_words"].sum().tolist()
    lines = explore_lines(sample, "war", groups=["Kremlin"], start="2022-02-24", end="2022-02-25")
    assert len(lines) == 10 and set(lines["match"].str.lower()) == {"war"}
    assert lines["label"].iloc[0].startswith("1. Kremlin 2022-02-24: …") and "[War]" in lines["label"].iloc[0]


def test_term_counts_are_term_over_time_of_the_selection(sample):
    chosen = sample[sample["outlet"].isin(["President of Ukraine"])]
    expected = term_over_time(chosen, "invad*", freq="W")
    pd.testing.assert_frame_equal(explore_counts(sample, "invad*", groups=["President of Ukraine"], freq="W"), expected)


def test_category_counts_match_category_lines(sample):
    counts = explore_counts(sample, category="pejorative")
    lines = explore_lines(sample, category="pejorative")
    assert counts["hits"].sum() == lines["published"].notna().sum() > 100
    assert (lines["category"] == "pejorative").all()
    # "invader*" hits, counted independently
    texts = sample["text"].str.cat(sep="\n")
    assert (lines["term"] == "invader*").sum() == len(re.findall(r"(?<![\w\-])invaders?(?:'s?)?(?![\w\-])", texts, re.I))


def test_selection_filters_and_errors(sample):
    assert explore_lines(sample, "war", groups=["nobody"]).empty
    assert explore_lines(sample, "war", start="2030-01-01").empty
    with pytest.raises(ValueError, match="exactly one"):
        explore_lines(sample, "war", category="hedge")
    with pytest.raises(ValueError, match="categories are"):
        explore_counts(sample, category="no such category")


def test_input_frame_is_not_mutated(sample):
    before = sample.copy()
    explore_lines(sample, "war")
    explore_counts(sample, category="hedge")
    highlight_article(sample, sample["article_id"].iloc[0], term="war")
    compare_outlets(sample)
    pd.testing.assert_frame_equal(sample, before)


ARTICLE = pd.DataFrame({
    "article_id": ["x1"], "outlet": ["<b>Evil</b> outlet"], "title": ["War <script>alert('t')</script>"],
    "published": pd.to_datetime(["2022-02-25 10:00"], utc=True),
    "text": ["Dmitry Peskov said the Kiev regime <script>alert(1)</script> waged war. "
             "<img src=x onerror=alert(2)> Brutal invaders came."]})


def test_highlight_spans_hand_checked():
    spans = highlight_spans(ARTICLE, "x1", term="war")
    text = ARTICLE["text"].iloc[0]
    got = [(f, text[s:e] if f == "text" else ARTICLE["title"].iloc[0][s:e], k) for f, s, e, k in
           spans[["field", "start", "end", "kind"]].itertuples(index=False)]
    assert ("text", "Dmitry Peskov", "attribution") in got
    assert ("text", "Kiev regime", "loaded_term") in got  # the lexicon's longest entry wins
    assert ("text", "war", "term") in got and ("title", "War", "term") in got
    assert ("text", "Brutal", "loaded_term") in got and ("text", "invaders", "loaded_term") in got
    assert list(spans.columns) == ["field", "start", "end", "kind", "label"]


def test_highlight_article_escapes_article_text_and_marks_overlaps():
    page = highlight_article(ARTICLE, "x1", term="regime")
    assert "<script" not in page and "<img" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert not re.search(r"<[^>]*\son\w+\s*=", page)  # no live event-handler attribute
    # "regime" is both the term and the end of the loaded term "Kiev regime": one mark carrying both styles
    assert re.search(r'<mark style="background:none;border-bottom:3px solid #c44e52"[^>]*>Kiev </mark>', page)
    assert re.search(r'<mark style="background:#ffd54f;border-bottom:3px solid #c44e52"[^>]*>regime</mark>', page) \
        or re.search(r'<mark style="border-bottom:3px solid #c44e52;background:#ffd54f"[^>]*>regime</mark>', page)
    # the visible text is the article text, character for character
    visible = re.sub(r"<[^>]+>", "", page.split('overflow:auto;border:1px solid #ddd;padding:.5em">')[1])
    import html

    assert html.unescape(visible).startswith(ARTICLE["text"].iloc[0])


def test_overlapping_spans_are_split_not_nested_wrongly():
    frame = pd.DataFrame({"article_id": ["a"], "title": [""], "text": ["It was an illegally annexed land."]})
    # "illegally annexed" is one loaded term; "annex*" as term overlaps its second half
    page = highlight_article(frame, "a", term="annex*")
    body = page.split('padding:.5em">')[1]
    assert ">illegally </mark>" in body and ">annexed</mark>" in body
    assert body.count("<mark") == body.count("</mark>") == 2


def test_highlight_unknown_article(sample):
    with pytest.raises(KeyError, match="no article"):
        highlight_article(sample, "nope")


def test_compare_outlets_on_the_sample(sample):
    table = compare_outlets(sample, top=5)
    groups = ["Kremlin", "President of Ukraine", "web_scrape"]
    assert list(table.columns[:4]) == ["term", "characteristic_of", "keyness", "p_value"]
    assert [c for c in table.columns if c.startswith("log_ratio: ")] == [f"log_ratio: {g}" for g in groups]
    assert table.groupby("characteristic_of").size().le(5).all() and table["term"].is_unique
    kiev = table.set_index("term").loc["kiev"]
    # hand-checked: "Kiev" only in Kremlin releases (77 times), never in the Ukrainian ones
    assert kiev["characteristic_of"] == "Kremlin" and kiev["count: Kremlin"] == 77
    assert kiev["count: President of Ukraine"] == 0
    kremlin_kiev = sum(len(re.findall(r"\bKiev(?:'s)?\b", t)) for t in sample.loc[sample["outlet"] == "Kremlin", "text"])
    assert kremlin_kiev == 77
    assert (table["keyness"] > 0).all() and (table["p_value"] <= 0.01).all()


def test_outlet_comparison_labels_do_not_overlap(sample):
    table = compare_outlets(sample, top=12)
    ax = plot_outlet_comparison(table)
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text() in set(table["term"])]
    assert len(labels) == len(table)
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlaps = [(labels[i].get_text(), labels[j].get_text()) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                if boxes[i].overlaps(boxes[j])]
    assert not overlaps
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() == "Outlet"


def test_category_hits_are_find_loaded_terms_hits_for_every_entry(sample):
    # One hit engine: for every category and every entry of the shipped lexicon, the explorer's lines and
    # counts are exactly find_loaded_terms' hits in the texts (same article, entry and offset), not only the totals.
    lexicon = load_lexicon("loaded_terms")
    hits = find_loaded_terms(sample)
    hits = hits[hits["field"] == "text"]
    dated = set(sample.loc[sample["published"].notna(), "article_id"])
    seen_entries = set()
    for category in dict.fromkeys(lexicon["category"]):
        expected = hits[hits["category"].astype(str) == category]
        lines = explore_lines(sample, category=category)
        assert sorted(zip(lines["article_id"], lines["term"], lines["start"], strict=True)) == sorted(
            zip(expected["article_id"], expected["term"], expected["start"], strict=True)), category
        assert (lines["match"].tolist() == expected.set_index(["article_id", "start"]).loc[
            list(zip(lines["article_id"], lines["start"], strict=True)), "matched"].tolist())
        for term in lexicon.loc[lexicon["category"] == category, "term"]:
            assert (lines["term"] == term).sum() == (expected["term"] == term).sum(), term
            seen_entries.add(term)
        per_article = explore_counts(sample.assign(doc=sample["article_id"]), category=category, by="doc", freq="D")
        per_article = per_article[per_article["hits"] > 0].groupby("doc")["hits"].sum()
        expected_counts = expected[expected["article_id"].isin(dated)].groupby("article_id").size()
        assert per_article.to_dict() == expected_counts.to_dict(), category
    assert seen_entries == set(lexicon["term"])
    assert len(hits) > 500  # the sample exercises the engine


def test_category_counts_and_lines_go_through_find_loaded_terms(sample, monkeypatch):
    import importlib

    explore_module = importlib.import_module("analysis.explore")  # analysis.explore is also the widget function
    calls = []

    def spy(articles, lexicon=None, **kwargs):
        calls.append(lexicon)
        return find_loaded_terms(articles, lexicon, **kwargs)

    monkeypatch.setattr(explore_module, "find_loaded_terms", spy)
    mine = load_lexicon("loaded_terms")
    explore_counts(sample, category="hedge", lexicon=mine)
    explore_lines(sample, category="hedge", lexicon=mine)
    assert len(calls) == 2 and all(c is mine for c in calls)  # the whole lexicon used, not the category's part
