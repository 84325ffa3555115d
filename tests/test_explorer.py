"""The explorer panel (ipywidgets): its views follow the selection, on the shipped sample."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from conftest import SAMPLE

from analysis import explore, load_articles
from analysis.explore import explore_lines

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def sample():
    return load_articles(SAMPLE, cache=False)


def test_explorer_widget_updates_its_views(sample):
    panel = explore(sample, term="war")
    views = panel.views
    assert views["groups"].value == ("Kremlin", "President of Ukraine", "web_scrape")
    assert "158 matches" in views["status"].value
    assert len(views["line"].options) == 158
    assert views["counts"].outputs and "image/png" in views["counts"].outputs[0]["data"]
    assert "<mark" in views["article"].value
    views["groups"].value = ("Kremlin",)
    views["end"].value = pd.Timestamp("2022-02-25").date()
    views["start"].value = pd.Timestamp("2022-02-24").date()
    assert len(views["line"].options) == 10
    views["line"].value = 3
    chosen = explore_lines(sample, "war", groups=["Kremlin"], start="2022-02-24", end="2022-02-25").iloc[3]
    assert f"article {chosen['article_id']}" in views["article"].value
    views["category"].value = "hedge"
    assert "category hedge" in views["status"].value.replace("&#x27;", "'")
    views["category"].value, views["term"].value = "", ""
    assert "Type a term" in views["status"].value and views["line"].options == ()
    assert repr(panel).startswith("Framing Lab explorer")
