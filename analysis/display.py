"""Tables for reading: whole sentences, no index numbers, rounded numbers, the top rows and a note on the rest.

:func:`show_table` is what a notebook cell ends with to show a table. It returns a
:class:`ShownTable` that Jupyter (and the HTML report) renders as an escaped HTML table:

- no pandas index numbers (a meaningful index, such as the outlets of a crosstab, becomes a column);
- every cell whole: sentences and KWIC lines are never cut with "..." (the page wraps them);
- numbers rounded for reading (``digits`` decimals, thousands separators), dates without a time
  when the time is midnight;
- a long table shows its first ``rows`` rows and says how many more there are and, when
  ``folder`` is given, the CSV file holding all of them;
- an empty table shows the sentence ``empty`` instead, saying what is missing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .html import data_table, escape_text

__all__ = ["ShownTable", "add_readable_entry", "show_table"]

_REGEX_SIGNS = frozenset("\\()[]{}|^$+")


def _cell(value: object, digits: int) -> str:
    if value is None or (not isinstance(value, (list, tuple, np.ndarray, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        if float(value).is_integer() and abs(value) >= 1000:
            return f"{int(value):,}"
        return f"{float(value):,.{digits}f}"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}" if value == value.normalize() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in value)
    return str(value)


class ShownTable:
    """A table as shown to a reader (see :func:`show_table`); ``table`` holds the rows shown."""

    def __init__(self, table: pd.DataFrame, *, total: int, empty: str, note: str, digits: int):
        self.table, self.total, self.empty, self.note, self.digits = table, total, empty, note, digits

    def _rows(self) -> list[list[str]]:
        return [[_cell(v, self.digits) for v in row] for row in self.table.itertuples(index=False, name=None)]

    def _repr_html_(self) -> str:
        if self.total == 0:
            return f"<p>{escape_text(self.empty)}</p>"
        numeric = [pd.api.types.is_numeric_dtype(self.table[c]) and not pd.api.types.is_bool_dtype(self.table[c])
                   for c in self.table.columns]
        note = f"<p><em>{escape_text(self.note)}</em></p>" if self.note else ""
        return data_table(list(self.table.columns), self._rows(), numeric) + note

    def __repr__(self) -> str:
        if self.total == 0:
            return self.empty
        text = pd.DataFrame(self._rows(), columns=[str(c) for c in self.table.columns]).to_string(index=False)
        return f"{text}\n{self.note}" if self.note else text


def show_table(
    table: pd.DataFrame | pd.Series,
    name: str | None = None,
    *,
    rows: int = 15,
    empty: str = "There is nothing to show here for this set.",
    folder: str | Path | None = None,
    digits: int = 2,
) -> ShownTable:
    """A table ready for reading: the first ``rows`` rows, no index numbers, rounded numbers, whole cells.

    Args:
        table: the table (a Series becomes a one-column table; a non-default index becomes columns).
        name: file name (without ``.csv``) under which ``folder`` receives the whole table.
        rows: rows shown; the note under the table says how many more there are.
        empty: the sentence shown when the table has no row (say what the set lacks).
        folder: where to write ``NAME.csv`` with every row (the report passes its ``tables`` folder).
        digits: decimals shown for fractional numbers.

    >>> shown = show_table(pd.DataFrame({"term": ["war", "peace"], "per_1000": [1.23456, 0.5]}), rows=1)
    >>> print(repr(shown))
    term per_1000
     war     1.23
    Showing the first 1 of 2 rows.
    >>> show_table(pd.DataFrame({"term": []}), empty="No term occurs in this set.")
    No term occurs in this set.
    """
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    unnamed = all(n is None for n in frame.index.names)
    if unnamed and pd.api.types.is_integer_dtype(frame.index.dtype):
        frame = frame.reset_index(drop=True)  # row numbers only: not shown
    else:
        frame = frame.reset_index()  # labels (outlets of a crosstab, periods): shown as columns
    frame.columns = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    note = ""
    if folder is not None and name and len(frame):
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        frame.to_csv(path / f"{name}.csv", index=False)
    if len(frame) > rows:
        where = (f" All {len(frame):,} are in {Path(folder).name}/{name}.csv." if folder is not None and name
                 else "")
        note = f"Showing the first {rows:,} of {len(frame):,} rows.{where}"
    return ShownTable(frame.head(rows), total=len(frame), empty=empty, note=note, digits=digits)


def add_readable_entry(hits: pd.DataFrame) -> pd.DataFrame:
    r"""``hits`` with an ``entry`` column: the lexicon entry as written, or for a regex entry the words it matched.

    A reader sees "dictator*" or "special military operation" as in the lexicon file, but
    ``honou?r(?![\w-])`` as the words found ("honour", "honor"), lower case.

    >>> hits = pd.DataFrame({"term": ["dictator*", "honou?r(?![\\w-])"], "matched": ["dictators", "Honour"]})
    >>> add_readable_entry(hits)["entry"].tolist()
    ['dictator*', 'honour']
    """
    terms = hits["term"].astype(str)
    regex = terms.map(lambda t: any(c in _REGEX_SIGNS for c in t))
    return hits.assign(entry=terms.where(~regex, hits["matched"].astype(str).str.lower()))
