"""What every figure of :mod:`analysis.plots` shares: a new Axes, the span of a time axis, its outlier note."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

__all__ = ["auto_freq", "date_span", "new_axes", "outlier_note"]


def new_axes(ax: Axes | None, size: tuple[float, float] = (9, 4)) -> Axes:
    """``ax``, or the Axes of a new figure of ``size`` inches.

    >>> new_axes(None, (3, 2)).figure.get_size_inches().tolist()
    [3.0, 2.0]
    """
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def date_span(dates: pd.Series) -> tuple[pd.Series, list[pd.Timestamp]]:
    """Which dates a time axis should cover, and the outliers it leaves out (to be named in a note).

    An outlier is a date at either end separated from the others by a gap more than twice as long as the
    span of the others (and at least 90 days), e.g. one article misdated to 1970 in a set from 2021-2023;
    at most a tenth of the dates (and at least one) can be outliers. Returns a mask aligned to ``dates``
    (True = inside the span; missing dates are False) and the sorted outlier dates.

    >>> when = pd.Series(pd.to_datetime(["2021-03-02", "2022-02-08", "2023-06-06", "1970-01-01"], utc=True))
    >>> mask, outliers = date_span(when)
    >>> mask.tolist(), [f"{d:%Y-%m-%d}" for d in outliers]
    ([True, True, True, False], ['1970-01-01'])
    """
    ordered = dates.dropna().sort_values()
    low, high = 0, len(ordered) - 1
    for _ in range(max(1, len(ordered) // 10)):
        if high - low < 2:
            break
        first_gap = ordered.iloc[low + 1] - ordered.iloc[low]
        last_gap = ordered.iloc[high] - ordered.iloc[high - 1]
        if first_gap >= last_gap and first_gap > max(2 * (ordered.iloc[high] - ordered.iloc[low + 1]),
                                                     pd.Timedelta(days=90)):
            low += 1
        elif last_gap > max(2 * (ordered.iloc[high - 1] - ordered.iloc[low]), pd.Timedelta(days=90)):
            high -= 1
        else:
            break
    if not len(ordered):
        return dates.notna(), []
    inside = dates.notna() & (dates >= ordered.iloc[low]) & (dates <= ordered.iloc[high])
    return inside, sorted(dates[dates.notna() & ~inside])


def outlier_note(ax: Axes, outliers: list[pd.Timestamp], what: str = "article") -> None:
    """Name under ``ax`` the dates :func:`date_span` left out of its time axis (nothing when there are none).

    >>> ax = new_axes(None); outlier_note(ax, [pd.Timestamp("1970-01-01")]); ax.texts[0].get_text()[:40]
    'Left out of the time axis: 1 article dat'
    """
    if outliers:
        named = ", ".join(f"{d:%d %b %Y}".lstrip("0") for d in outliers[:5]) + (" ..." if len(outliers) > 5 else "")
        ax.annotate(f"Left out of the time axis: {len(outliers)} {what}{'s' if len(outliers) > 1 else ''} dated far "
                    f"from the rest ({named}).", xy=(0, -0.32), xycoords="axes fraction", fontsize=8, va="top")


def auto_freq(dates: pd.Series) -> str:
    """Days for a span of up to four months, weeks up to two years, months beyond.

    >>> auto_freq(pd.Series(pd.to_datetime(["2022-01-01", "2022-03-01"])))
    'D'
    """
    span = (dates.max() - dates.min()) if len(dates) else pd.Timedelta(0)
    return "D" if span <= pd.Timedelta(days=120) else "W" if span <= pd.Timedelta(days=730) else "MS"
