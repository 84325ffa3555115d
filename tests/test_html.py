"""HTML of the package: article text is always escaped, figures are embedded, pages carry no script."""

from __future__ import annotations

import base64

import matplotlib
import nbformat
import pandas as pd
import pytest

from analysis.html import escape_markdown, escape_text, figure_png, kwic_table, mark_spans, notebook_page

matplotlib.use("Agg")

ATTACKS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "&amp; already", "'quoted'"]


@pytest.mark.parametrize("text", ATTACKS)
def test_article_text_never_becomes_markup(text):
    assert "<" not in escape_text(text) and '"' not in escape_text(text)
    lines = pd.DataFrame({text: [text], "published": [pd.NaT], "left": [text], "match": [text], "right": [text]})
    table = kwic_table(lines, by=text, limit=10)
    assert "<script" not in table and "<img" not in table
    spans = pd.DataFrame({"start": [0], "end": [len(text)], "kind": ["term"], "label": [text]})
    marked = mark_spans(text, spans, {"term": "background:#ffd54f"})
    assert marked.count("<mark") == 1 and "<script" not in marked and "<img" not in marked


def test_overlapping_spans_are_cut_into_stretches():
    spans = pd.DataFrame({"start": [0, 2], "end": [4, 6], "kind": ["term", "loaded_term"], "label": ["a", "b"]})
    marked = mark_spans("abcdefg", spans, {"term": "background:#ffd54f", "loaded_term": "border-bottom:3px"})
    assert marked.count("<mark") == 3 and marked.endswith("</mark>g") and 'title="a; b">cd</mark>' in marked


def test_figure_png_is_a_png():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    assert base64.b64decode(figure_png(ax)).startswith(b"\x89PNG")
    plt.close(fig)


def test_page_has_contents_no_script_and_escaped_title():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# One\n\ntext"),
                                               nbformat.v4.new_markdown_cell("# One")])
    page = notebook_page(notebook, "<script>x</script>")
    assert "<script" not in page.lower()
    assert '<a href="#one">One</a>' in page and '<a href="#one-2">One</a>' in page
    assert "Content-Security-Policy" in page


def test_markdown_names_are_text():
    assert escape_markdown("<img src=x>") == r"\<img src\=x\>"
