"""The route from the public functions to the per-article store: the rows of the step, stored once."""

from __future__ import annotations

import dataclasses

import pandas as pd

from analysis import steps
from analysis.store import step_rows

ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "title": ["", "Kharkiv"],
                         "text": ["Putin's brutal regime waged war.", "Shelling hit Kharkiv. Residents fled."]})


def test_step_rows_are_the_rows_of_the_step_stored_once(monkeypatch):
    expected = steps.run_step("loaded_terms", ARTICLES)
    pd.testing.assert_frame_equal(step_rows("loaded_terms", ARTICLES), expected, check_exact=True)
    calls = []
    original = steps.STEPS["loaded_terms"]

    def counted(articles, tables):
        calls.append(len(articles))
        return original.function(articles, tables)

    monkeypatch.setitem(steps.STEPS, "loaded_terms", dataclasses.replace(original, function=counted))
    pd.testing.assert_frame_equal(step_rows("loaded_terms", ARTICLES), expected, check_exact=True)
    assert calls == []  # read from the store
    step_rows("loaded_terms", ARTICLES, cache="refresh")
    step_rows("loaded_terms", ARTICLES, cache=False)
    assert calls == [2, 2]  # "refresh" and False compute every article


def test_an_edited_text_under_the_same_id_is_computed_again():
    step_rows("tokens", ARTICLES)
    edited = ARTICLES.assign(text=ARTICLES["text"] + " More words here.")
    assert step_rows("tokens", edited)["n_tokens"].tolist() == steps.run_step("tokens", edited)["n_tokens"].tolist()
