"""Defaults chosen from the set, tables for reading, option checks, time axes: hand-checked on small frames."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.defaults import choose_actors, choose_category, choose_concept, choose_split_date, choose_term
from analysis.options import ArgumentError, check_group_column, check_report_arguments
from analysis.plots import date_span


def _frame(texts, dates=None, outlets=None):
    n = len(texts)
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(n)], "outlet": outlets or ["X"] * n,
                         "language": ["en"] * n, "text": texts, "n_words": [len(t.split()) for t in texts],
                         "published": pd.to_datetime(dates or [None] * n, utc=True)})


def test_the_term_must_be_spread_over_articles_not_repeated_in_one():
    articles = _frame(["Hydrant hydrant hydrant hydrant hydrant on the corner.", "The depot closes on Friday.",
                       "Residents want the depot open."])
    choice = choose_term(articles)
    assert choice.value == "depot"  # 2 of 3 articles; "hydrant" (5 times) is in one article only
    assert choice.sentence == ("Showing 'depot' — the set's most characteristic term (2 times in 2 articles, against "
                               "general news English). Set `term` to choose another.")


def test_a_term_set_by_the_user_is_kept_and_no_english_gives_none():
    assert choose_term(_frame(["The depot closes."]), "library").value == "library"
    german = _frame(["Der Stadtrat hat die Radwege beschlossen."]).assign(language="de")
    assert choose_term(german).value is None


@pytest.mark.parametrize("dates, expected, sentence", [
    (["2024-05-01", "2024-05-02", "2024-05-09"], "2024-05-02",
     "Splitting at 2 May 2024, the median publication day: 1 article before, 2 on or after. Set `split_date` to "
     "choose another date."),
    (["2024-05-01", "2024-05-01", "2024-05-01", "2024-05-03"], "2024-05-03",  # median is the first day: move on
     "Splitting at 3 May 2024, the median publication day: 3 articles before, 1 on or after. Set `split_date` to "
     "choose another date."),
    (["2024-06-03 09:00", "2024-06-03 21:00"], None,
     "All dated articles are from 3 June 2024, so there are no two periods to compare."),
    (None, None, "No article of the set has a publication date, so the two periods are not compared."),
])
def test_split_date_is_the_median_day_with_articles_on_both_sides(dates, expected, sentence):
    texts = ["Text."] * (len(dates) if dates else 2)
    choice = choose_split_date(_frame(texts, dates))
    assert (None if choice.value is None else f"{choice.value:%Y-%m-%d}") == expected
    assert choice.sentence == sentence


def test_a_split_date_that_leaves_a_period_empty_is_refused_in_a_sentence():
    choice = choose_split_date(_frame(["a", "b"], ["2024-05-01", "2024-05-02"]), "2030-01-01")
    assert choice.value is None and choice.sentence.startswith("No dated article is on or after 1 January 2030")


def test_concept_and_category_are_the_most_frequent_and_say_so():
    contests = pd.DataFrame({"concept": ["capital", "the war", "the war"], "hits": [2, 5, 1]})
    assert choose_concept(contests).sentence == ("Showing the names for 'the war', the concept with the most hits in "
                                                 "this set (6; the others found are 'capital'). Set `concept` to "
                                                 "choose another.")
    assert choose_concept(contests.iloc[:0]).value is None
    hits = pd.DataFrame({"category": ["hedge", "hedge", "pejorative"], "voice": ["quoted", "quoted", "own"]})
    assert choose_category(hits).value == "pejorative"
    assert choose_category(hits[hits["voice"] == "quoted"]).sentence.endswith("in any voice (2). Set `kwic_category` "
                                                                              "to choose another.")


def test_actors_are_the_shipped_ones_named_plus_sources_cited_twice_without_titles():
    articles = _frame(["NATO met in Brussels. Jane Doe said the talks went well."])
    sources = pd.DataFrame({"source": ["Jane Doe", "Jane Doe", "President", "President", "John Roe"],
                            "source_kind": ["person"] * 5})
    choice = choose_actors(articles, sources=sources)
    assert list(dict.fromkeys(choice.value["actor"])) == ["NATO", "Jane Doe"]  # "President" is a title; Roe once
    assert choice.sentence == ("Actors chosen from this set: the shipped actors it names (NATO) and its most cited "
                               "sources (Jane Doe). Set `actors_path` to a table of your own.")




def test_date_span_names_the_outlier_and_keeps_an_even_spread():
    spread = pd.Series(pd.date_range("2021-01-01", periods=12, freq="90D", tz="UTC"))
    assert date_span(spread)[1] == [] and date_span(spread)[0].all()
    with_outlier = pd.concat([spread, pd.Series(pd.to_datetime(["2099-01-01"], utc=True))], ignore_index=True)
    assert [f"{d:%Y}" for d in date_span(with_outlier)[1]] == ["2099"]


def test_option_checks_name_the_file_and_line_of_a_malformed_lexicon(tmp_path):
    bad = tmp_path / "terms.csv"
    bad.write_text("term,category,match,note\nsaving,my,nonsense,\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match=r"--lexicon .*terms.csv: .*line 2"):
        check_report_arguments(lexicon=bad)
    with pytest.raises(ArgumentError, match="the columns are article_id, outlet"):
        check_group_column(_frame(["a"]), "desk")
