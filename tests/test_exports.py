"""Safe exports: no spreadsheet formula in a table ever becomes live (OWASP CSV injection)."""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd
import pytest

from analysis import export_table

PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1",
            "\r=1+1", "=cmd|' /C calc'!A0"]


@pytest.fixture
def exported(tmp_path):
    table = pd.DataFrame({
        "term": PAYLOADS + ["war", "special military operation"],
        "count": [-5, 1, 2, 3, 4, 5, 6, 7, 8],
        "rate": [0.5] * 9,
        "published": pd.to_datetime(["2022-02-24T10:00:00Z"] * 9, utc=True),
    })
    return table, export_table(table, tmp_path, "terms")


def test_xlsx_read_back_with_openpyxl_holds_no_formula(exported):
    table, written = exported
    assert [p.suffix for p in written] == [".csv", ".parquet", ".xlsx"]
    sheet = openpyxl.load_workbook(written[2]).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_row=len(table) + 1)]
    assert [c.data_type for c in cells] == ["s"] * len(table)  # text, never "f" (formula)
    assert [c.value for c in cells] == table["term"].tolist()  # the text itself, unchanged
    counts = [row[1] for row in sheet.iter_rows(min_row=2, max_row=len(table) + 1)]
    assert [c.value for c in counts] == table["count"].tolist() and counts[0].data_type == "n"
    assert sheet["D2"].is_date


def test_csv_quotes_formula_cells_and_leaves_numbers(exported):
    table, written = exported
    with open(written[0], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["term"] for r in rows[:len(PAYLOADS)]] == ["'" + p for p in PAYLOADS]
    assert [r["term"] for r in rows[len(PAYLOADS):]] == ["war", "special military operation"]
    assert rows[0]["count"] == "-5"  # a negative number is a number, not a formula


def test_parquet_keeps_values_as_they_are(exported):
    table, written = exported
    pd.testing.assert_frame_equal(pd.read_parquet(written[1]), table)
