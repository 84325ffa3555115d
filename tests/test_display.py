"""Tables for reading: whole sentences, no index numbers, rounded numbers, escaped cells."""

from __future__ import annotations

import pandas as pd

from analysis import show_table


def test_show_table_drops_row_numbers_keeps_labels_and_whole_sentences(tmp_path):
    sentence = "Residents marched down Elm Street on Saturday to protest the planned closure of the library."
    table = pd.DataFrame({"sentence": [sentence] * 3, "score": [0.123456, 2.0, 12345.0]}, index=[7, 8, 9])
    html = show_table(table, "scores", rows=2, folder=tmp_path)._repr_html_()
    assert f"<td>{sentence}</td>" in html and ">7<" not in html  # whole sentence, no index number
    assert '<td class="num">0.12</td>' in html and "12,345" not in html  # the third row is not shown
    assert "Showing the first 2 of 3 rows. All 3 are in" in html and (tmp_path / "scores.csv").exists()
    crosstab = pd.crosstab(pd.Series(["K", "U", "U"], name="outlet"), pd.Series(["own", "own", "quoted"], name="voice"))
    assert "<td>U</td>" in show_table(crosstab)._repr_html_()  # labels of the index are a column
    assert show_table(table.iloc[:0], empty="No quote.")._repr_html_() == "<p>No quote.</p>"
    assert "&lt;script&gt;" in show_table(pd.DataFrame({"t": ["<script>"]}))._repr_html_()
