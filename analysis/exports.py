"""Tables and figures written to a folder the user names: CSV, Parquet and Excel; PNG and SVG beside their data.

:func:`export_table` writes one table in every format a reader may want, with spreadsheet formulas
never live (OWASP "CSV Injection"); :func:`save_figure` writes a figure beside the CSV of the data it
shows, so every figure can be checked and redrawn.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["FORMULA_STARTS", "export_table", "neutralize_formulas", "save_figure"]


#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text_columns(table: pd.DataFrame) -> list:
    return [c for c in table.columns if not (pd.api.types.is_numeric_dtype(table[c])
                                             or pd.api.types.is_datetime64_any_dtype(table[c])
                                             or pd.api.types.is_bool_dtype(table[c]))]


def neutralize_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells that a spreadsheet would run as formulas start with ``'``.

    Cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are prefixed with a single
    quote, as OWASP recommends for CSV files; numbers stay numbers.

    >>> neutralize_formulas(pd.DataFrame({"t": ["=1+1", "war", "-2"], "n": [-1, 2, 3]})).values.tolist()
    [["'=1+1", -1], ['war', 2], ["'-2", 3]]
    """
    out = table.copy()
    for column in _text_columns(out):
        values = out[column]
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS)).astype(bool)
        if risky.any():
            out[column] = values.astype(object).where(~risky, "'" + values.astype(str))
    return out


def _write_excel(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` to ``path`` with openpyxl, every text cell stored as text (never as a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    sheet.append([str(c) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        sheet.append([None if (not isinstance(v, str) and pd.isna(v)) else v for v in row])
    for cells in sheet.iter_rows(min_row=1):
        for cell in cells:
            if isinstance(cell.value, str):
                if ILLEGAL_CHARACTERS_RE.search(cell.value):  # control characters Excel cannot hold
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", cell.value)
                cell.data_type = "s"  # openpyxl would store "=..." as a live formula
    book.save(path)


def export_table(table: pd.DataFrame, out: str | Path, name: str, *, excel: bool = True) -> list[Path]:
    """Write ``table`` as ``OUT/NAME.csv`` and ``OUT/NAME.parquet`` (and ``.xlsx`` where openpyxl is installed).

    Returns the files written. Time zones are kept in CSV/Parquet; Excel gets naive UTC times.
    Spreadsheet formulas in text cells are never live: in the CSV such cells start with ``'``
    (:func:`neutralize_formulas`); in Excel every text cell is stored as text. The Parquet file
    keeps the values as they are.

    >>> import tempfile
    >>> [p.suffix for p in export_table(pd.DataFrame({"term": ["war"], "count": [3]}), tempfile.mkdtemp(), "t")][:2]
    ['.csv', '.parquet']
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / f"{name}.csv", folder / f"{name}.parquet"]
    # CRLF rows (RFC 4180): a cell holding a carriage return is then quoted, not split across rows.
    neutralize_formulas(table).to_csv(written[0], index=False, lineterminator="\r\n")
    table.to_parquet(written[1], index=False)
    if excel:
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            return written
        naive = table.copy()
        for column in naive.columns:
            if isinstance(naive[column].dtype, pd.DatetimeTZDtype):
                naive[column] = naive[column].dt.tz_localize(None)
        _write_excel(naive, folder / f"{name}.xlsx")
        written.append(folder / f"{name}.xlsx")
    return written


def save_figure(ax, data: pd.DataFrame, out: str | Path, name: str) -> list[Path]:
    """Save the figure holding ``ax`` as ``OUT/NAME.png`` and ``OUT/NAME.svg``, beside ``OUT/NAME.csv`` of ``data``.

    ``data`` is the table the figure plots, so every figure can be checked and redrawn.

    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.bar(["K", "U"], [3, 5])
    >>> [p.suffix for p in save_figure(ax, pd.DataFrame({"outlet": ["K", "U"], "n": [3, 5]}), tempfile.mkdtemp(), "f")]
    ['.png', '.svg', '.csv']
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    figure = ax.get_figure() if hasattr(ax, "get_figure") else ax
    written = [folder / f"{name}.png", folder / f"{name}.svg", folder / f"{name}.csv"]
    figure.savefig(written[0], dpi=150, bbox_inches="tight")
    figure.savefig(written[1], bbox_inches="tight")
    data.to_csv(written[2], index=False)
    return written
