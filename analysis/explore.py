"""Explore an article set in JupyterLab: from a term to its contexts to the whole article.

:func:`explore` is an ipywidgets panel (core widgets only, no JupyterLab extension): pick groups
(outlets), a period and a term or a lexicon category, and see

- the matches per group over time (:func:`explore_counts`, drawn with :func:`analysis.plots.plot_term_over_time`);
- the KWIC lines (:func:`explore_lines`);
- one line's whole article, with the term, the loaded terms and the attributions highlighted
  (:func:`highlight_spans`, :func:`highlight_article`; article text is always escaped).

Each view is a plain function returning a DataFrame or an HTML string, so it can be tested and
reused without a browser. :func:`compare_outlets` is the table behind
:func:`analysis.plots.plot_outlet_comparison`: the terms most characteristic of each of N groups.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

import numpy as np
import pandas as pd

from .concordance import KWIC_COLUMNS, kwic
from .frequencies import Stopwords, keyness, term_over_time
from .lexicons import LexiconLike, load_lexicon
from .loaded_terms import find_loaded_terms, loaded_term_kwic
from .matcher import compile_lexicon
from .patterns import Match, compile_pattern
from .sources import attributions
from .tokens import english_only

__all__ = ["SPAN_COLUMNS", "compare_outlets", "explore", "explore_counts", "explore_lines", "highlight_article",
           "highlight_spans"]

DateLike = str | date | datetime | pd.Timestamp | None
#: Columns of :func:`highlight_spans`.
SPAN_COLUMNS = ["field", "start", "end", "kind", "label"]
#: How each kind of span is drawn; each kind sets a different CSS property, so overlapping spans show all of them.
SPAN_STYLES = {
    "term": "background:#ffd54f",
    "loaded_term": "border-bottom:3px solid #c44e52",
    "attribution": "color:#1a4f9c;font-weight:600",
}


# --------------------------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------------------------

def _timestamp(value: DateLike, *, end: bool = False) -> pd.Timestamp | None:
    """A UTC timestamp; a date without a time as ``end`` means the end of that day (exclusive bound: next midnight)."""
    if value is None or value == "":
        return None
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    whole_day = (isinstance(value, date) and not isinstance(value, datetime)) or (isinstance(value, str) and len(value) <= 10)
    return stamp + pd.Timedelta(days=1) if end and whole_day else stamp


def _select(articles: pd.DataFrame, *, by: str, groups: Sequence[object] | None, start: DateLike,
            end: DateLike) -> pd.DataFrame:
    """The articles of the chosen groups published in ``[start, end]`` (undated ones drop out once a date is set)."""
    keep = np.ones(len(articles), dtype=bool)
    if groups is not None:
        keep &= articles[by].isin(list(groups)).fillna(False).to_numpy(dtype=bool)
    first, last = _timestamp(start), _timestamp(end, end=True)
    if first is not None:
        keep &= (articles["published"] >= first).fillna(False).to_numpy(dtype=bool)
    if last is not None:
        keep &= (articles["published"] < last).fillna(False).to_numpy(dtype=bool)
    return articles[keep]


def _category_entries(lexicon: LexiconLike, category: str) -> pd.DataFrame:
    table = load_lexicon("loaded_terms") if lexicon is None else (
        lexicon if isinstance(lexicon, pd.DataFrame) else load_lexicon(lexicon))
    entries = table[table["category"].astype(str) == category]
    if entries.empty:
        raise ValueError(f"no lexicon entry has category {category!r}; categories are "
                         f"{sorted(table['category'].astype(str).unique())}")
    return entries


def _one_of(term: str | None, category: str | None) -> None:
    if bool(term) == bool(category):
        raise ValueError("give either a term or a lexicon category (exactly one)")


# --------------------------------------------------------------------------------------------
# Data behind each view
# --------------------------------------------------------------------------------------------

def explore_counts(
    articles: pd.DataFrame,
    term: str | None = None,
    *,
    category: str | None = None,
    lexicon: LexiconLike = None,
    match: Match = "glob",
    by: str = "outlet",
    freq: str = "D",
    groups: Sequence[object] | None = None,
    start: DateLike = None,
    end: DateLike = None,
) -> pd.DataFrame:
    """Matches of a term, or of a lexicon category's entries, per period and group (the explorer's figure).

    The table of :func:`analysis.term_over_time` (``by``, ``period``, ``hits``, ``articles``, ``words``,
    ``per_1000``) for the articles of ``groups`` published between ``start`` and ``end`` (dates are
    UTC and inclusive: ``end="2022-02-23"`` keeps the whole 23rd). A category is searched with its own
    entries as :func:`analysis.find_loaded_terms` searches them (one alternation, longest entry first),
    in the text of English articles only; counts are of text matches (headlines are not counted), so
    they agree line for line with :func:`explore_lines`.

    Args:
        articles: article table.
        term: a word, phrase, glob or regex (see ``match``), as in :func:`analysis.kwic`.
        category: a category of the loaded-terms lexicon instead of a term (e.g. ``"pejorative"``).
        lexicon: lexicon for ``category`` (table, shipped name, file or list); default ``loaded_terms``.
        match: matching mode of ``term``.
        by: article column to group by.
        freq: pandas period frequency (``"D"``, ``"W"``, ``"M"``).
        groups: values of ``by`` to keep (default all).
        start, end: first and last day (or time) of the period (default: no limit).

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["war and war", "peace"],
    ...     "n_words": [3, 1], "published": pd.to_datetime(["2022-02-24", "2022-02-25"], utc=True)})
    >>> explore_counts(frame, "war", groups=["X"])[["outlet", "hits", "per_1000"]].values.tolist()
    [['X', 2, 666.666...]]
    """
    _one_of(term, category)
    chosen = _select(articles, by=by, groups=groups, start=start, end=end)
    if term:
        return term_over_time(chosen, term, by=by, freq=freq, match=match)
    regex, _ = compile_lexicon(_category_entries(lexicon, str(category)))
    return term_over_time(english_only(chosen), regex.pattern, by=by, freq=freq, match="regex")


def explore_lines(
    articles: pd.DataFrame,
    term: str | None = None,
    *,
    category: str | None = None,
    lexicon: LexiconLike = None,
    match: Match = "glob",
    by: str = "outlet",
    groups: Sequence[object] | None = None,
    start: DateLike = None,
    end: DateLike = None,
    window: int = 8,
) -> pd.DataFrame:
    """The KWIC lines behind :func:`explore_counts`, oldest first, each with a short ``label`` for a selector.

    Columns: ``by`` (when it is not ``outlet``), the columns of :func:`analysis.kwic`, ``term`` (the
    term searched, or the lexicon entry that matched), ``category`` (empty for a term) and ``label``
    (``"3. Kremlin 2022-02-24: …left [match] right…"``, plain text).

    Args:
        articles: article table.
        term: a word, phrase, glob or regex (see ``match``).
        category: a loaded-terms category instead of a term.
        lexicon: lexicon for ``category``; default the shipped ``loaded_terms``.
        match: matching mode of ``term``.
        by: article column the ``groups`` refer to.
        groups: values of ``by`` to keep (default all).
        start, end: first and last day (or time) of the period, UTC, inclusive.
        window: words of context on each side.

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["It was a brutal regime."],
    ...     "published": pd.to_datetime(["2022-02-24"], utc=True)})
    >>> explore_lines(frame, category="pejorative")[["match", "term", "label"]].values.tolist()
    [['regime', 'regime', '1. X 2022-02-24: …It was a brutal [regime]…']]
    """
    _one_of(term, category)
    chosen = _select(articles, by=by, groups=groups, start=start, end=end)
    if term:
        lines = kwic(chosen, term, window=window, match=match).assign(term=term, category=pd.NA)
    else:
        hits = find_loaded_terms(chosen, _category_entries(lexicon, str(category)), window=window)
        lines = loaded_term_kwic(hits[(hits["field"] == "text").to_numpy(dtype=bool)])
        lines = lines[[*KWIC_COLUMNS, "term", "category"]]
    lines = lines.sort_values(["published", "article_id", "start"], kind="stable", na_position="last",
                              ignore_index=True)
    lines["term"] = lines["term"].astype("string")
    lines["category"] = lines["category"].astype("string")
    if by not in lines:
        lines.insert(0, by, lines["article_id"].map(dict(zip(chosen["article_id"], chosen[by], strict=True))))
    day = pd.to_datetime(lines["published"], utc=True).dt.strftime("%Y-%m-%d").fillna("undated")
    number = pd.Series(np.arange(1, len(lines) + 1), dtype="string")
    lines["label"] = (number + ". " + lines[by].astype("string").fillna("") + " " + day.astype("string") + ": …"
                      + lines["left"].str.slice(-60) + " [" + lines["match"] + "] "
                      + lines["right"].str.slice(0, 60)).str.strip() + "…"
    return lines


def highlight_spans(
    articles: pd.DataFrame,
    article_id: str,
    *,
    term: str | None = None,
    match: Match = "glob",
    lexicon: LexiconLike = None,
) -> pd.DataFrame:
    """What to highlight in one article: the term's matches, the loaded terms and the attributions.

    One row per span (:data:`SPAN_COLUMNS`): ``field`` (``title`` or ``text``), ``start``/``end``
    (character offsets in that field), ``kind`` (``term``, ``loaded_term``, ``attribution``) and
    ``label`` (what the span is: the term searched; the lexicon entry, its category and voice; the
    reporting verb and kind of source). Spans may overlap ("Zelensky" can be a source and part of a
    term). Loaded terms come from :func:`analysis.find_loaded_terms` (headline and text), attributions
    from :func:`analysis.attributions` (the source as written, text only).

    Args:
        articles: article table holding ``article_id``.
        article_id: the article to show.
        term: also mark this word, phrase, glob or regex (``match``), in headline and text.
        match: matching mode of ``term``.
        lexicon: loaded-terms lexicon; default the shipped ``loaded_terms``.

    Raises:
        KeyError: no article has that ``article_id``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "title": ["War"], "text": ["Peskov said the regime fell."]})
    >>> highlight_spans(frame, "a", term="war")[["field", "start", "end", "kind"]].values.tolist()
    [['text', 0, 6, 'attribution'], ['text', 16, 22, 'loaded_term'], ['title', 0, 3, 'term']]
    """
    article = articles[(articles["article_id"] == article_id).fillna(False).to_numpy(dtype=bool)].head(1)
    if article.empty:
        raise KeyError(f"no article with article_id {article_id!r}")
    frames = []
    if term:
        regex = compile_pattern(term, match)
        for field in ("title", "text"):
            value = str(article[field].fillna("").iloc[0]) if field in article else ""
            found = [(m.start(), m.end()) for m in regex.finditer(value) if m.end() > m.start()]
            frames.append(pd.DataFrame({"field": field, "start": [s for s, _ in found], "end": [e for _, e in found],
                                        "kind": "term", "label": f"term searched: {term}"}))
    hits = find_loaded_terms(article, lexicon)
    frames.append(pd.DataFrame({
        "field": hits["field"].astype(str), "start": hits["start"], "end": hits["end"], "kind": "loaded_term",
        "label": "loaded term " + hits["term"].astype(str) + " (" + hits["category"].astype(str) + ", "
                 + hits["voice"].astype(str) + " voice)"}))
    cited = attributions(article)
    frames.append(pd.DataFrame({
        "field": "text", "start": cited["start"], "end": cited["end"], "kind": "attribution",
        "label": "source (" + cited["source_kind"].astype(str) + "), cue: " + cited["verb"].astype(str)}))
    out = pd.concat([f for f in frames if len(f)], ignore_index=True) if any(len(f) for f in frames) else \
        pd.DataFrame(columns=SPAN_COLUMNS)
    out = out[SPAN_COLUMNS].sort_values(["field", "start", "end", "kind"], ignore_index=True)
    return out.astype({"field": "string", "start": "int64", "end": "int64", "kind": "string", "label": "string"})


def _marked(text: str, spans: pd.DataFrame) -> str:
    """``text`` escaped, with one ``<mark>`` per stretch covered by the same set of spans (so overlaps nest cleanly)."""
    if spans.empty:
        return html.escape(text)
    starts = spans["start"].to_numpy(dtype=np.int64).clip(0, len(text))
    ends = spans["end"].to_numpy(dtype=np.int64).clip(0, len(text))
    kinds, labels = spans["kind"].astype(str).to_numpy(), spans["label"].astype(str).to_numpy()
    cuts = np.unique(np.concatenate([[0, len(text)], starts, ends]))
    out = []
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        piece = html.escape(text[a:b])
        active = np.flatnonzero((starts <= a) & (ends >= b))
        if not len(active):
            out.append(piece)
            continue
        style = ";".join(SPAN_STYLES[k] for k in dict.fromkeys(kinds[active]))
        note = html.escape("; ".join(dict.fromkeys(labels[active])), quote=True)
        background = "" if "term" in kinds[active] else "background:none;"
        out.append(f'<mark style="{background}{style}" title="{note}">{piece}</mark>')
    return "".join(out)


def highlight_article(
    articles: pd.DataFrame,
    article_id: str,
    *,
    term: str | None = None,
    match: Match = "glob",
    lexicon: LexiconLike = None,
) -> str:
    """One article as HTML: headline, outlet and date, and the text with :func:`highlight_spans` marked.

    Every character of article text is escaped (``html.escape``); markup comes only from this
    function (``<mark>`` with an inline style per kind and a ``title`` naming what was found, never
    article text). The term has a yellow background, loaded terms a red underline, sources are blue.

    Args:
        articles: article table holding ``article_id``.
        article_id: the article to show.
        term: also mark this term.
        match: matching mode of ``term``.
        lexicon: loaded-terms lexicon; default the shipped ``loaded_terms``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "title": ["<b>x</b>"], "text": ["A brutal regime."]})
    >>> page = highlight_article(frame, "a")
    >>> "&lt;b&gt;x&lt;/b&gt;" in page, page.count(">brutal</mark>"), page.count(">regime</mark>")
    (True, 1, 1)
    """
    spans = highlight_spans(articles, article_id, term=term, match=match, lexicon=lexicon)
    row = articles[(articles["article_id"] == article_id).fillna(False).to_numpy(dtype=bool)].iloc[0]

    def field(name: str) -> str:
        value = row.get(name, "")
        return "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else str(value)

    when = pd.Timestamp(row["published"]).strftime("%Y-%m-%d %H:%M UTC") if pd.notna(row.get("published")) else "undated"
    counts = spans["kind"].value_counts()
    legend = " · ".join(f'<mark style="{"" if k == "term" else "background:none;"}{SPAN_STYLES[k]}">'
                        f'{k.replace("_", " ")}</mark> {int(counts.get(k, 0))}' for k in SPAN_STYLES)
    title = _marked(field("title"), spans[spans["field"] == "title"]) or "(no headline)"
    body = _marked(field("text"), spans[spans["field"] == "text"])
    return (f'<div class="framing-lab-article"><h3 style="margin:.2em 0">{title}</h3>'
            f'<p style="color:#555;margin:.2em 0">{html.escape(field("outlet"))} · {html.escape(when)} · '
            f'article {html.escape(str(article_id))}</p><p style="margin:.2em 0;font-size:90%">{legend} '
            f'(hover a mark for what it is)</p><div style="white-space:pre-wrap;line-height:1.5;max-height:40em;'
            f'overflow:auto;border:1px solid #ddd;padding:.5em">{body}</div></div>')


def compare_outlets(
    articles: pd.DataFrame,
    *,
    by: str = "outlet",
    top: int = 10,
    min_count: int = 5,
    max_p: float = 0.01,
    stopwords: Stopwords = True,
) -> pd.DataFrame:
    """The terms most characteristic of each of N groups, with every group's log ratio against the rest (wide).

    From one :func:`analysis.keyness` call (every group against the rest of the set): for each group,
    the ``top`` terms with the highest positive keyness (G², p ≤ ``max_p``); a term characteristic of
    several groups is kept for the one where its keyness is highest. One row per term:
    ``term``, ``characteristic_of`` (the group), ``keyness`` and ``p_value`` there, then for every
    group ``log_ratio: <group>`` (binary log of its relative frequency against the rest; 1 = twice as
    frequent) and ``count: <group>``. The table behind :func:`analysis.plots.plot_outlet_comparison`.

    Args:
        articles: article table.
        by: article column to group by.
        top: terms per group.
        min_count: minimum count of a term in the whole set.
        max_p: largest p-value of a term kept.
        stopwords: drop the shipped stop words (or pass your own list; ``False`` keeps all).

    >>> frame = pd.DataFrame({"article_id": list("abc"), "outlet": ["K", "U", "W"],
    ...     "text": ["operation operation operation operation peace", "war war war war peace", "peace talks"]})
    >>> compare_outlets(frame, min_count=1, max_p=1)[["term", "characteristic_of", "count: K"]].values.tolist()
    [['operation', 'K', 4], ['war', 'U', 0], ['talks', 'W', 0], ['peace', 'W', 1]]
    >>> compare_outlets(frame[frame["outlet"] == "K"], min_count=1, max_p=1).columns.tolist()
    ['term', 'characteristic_of', 'keyness', 'p_value', 'log_ratio: K', 'count: K']
    """
    key = keyness(articles, by=by, stopwords=stopwords, min_count=min_count)
    groups = list(dict.fromkeys(key["target"]))
    chosen = key[(key["keyness"] > 0) & (key["p_value"] <= max_p)]
    chosen = chosen.sort_values(["target", "keyness"], ascending=[True, False]).groupby("target", sort=False).head(top)
    chosen = chosen.sort_values("keyness", ascending=False).drop_duplicates("term")
    if len(groups) < 2 or chosen.empty:  # one group has no "rest" to be characteristic against
        return pd.DataFrame({"term": pd.Series(dtype="string"), "characteristic_of": pd.Series(dtype="object"),
                             "keyness": pd.Series(dtype="float64"), "p_value": pd.Series(dtype="float64"),
                             **{f"log_ratio: {g}": pd.Series(dtype="float64") for g in groups},
                             **{f"count: {g}": pd.Series(dtype="int64") for g in groups}})
    wide = key[key["term"].isin(chosen["term"])].pivot(index="term", columns="target")
    out = pd.DataFrame({"term": chosen["term"].to_numpy(), "characteristic_of": chosen["target"].to_numpy(),
                        "keyness": chosen["keyness"].to_numpy(), "p_value": chosen["p_value"].to_numpy()})
    for group in groups:
        out[f"log_ratio: {group}"] = wide[("log_ratio", group)].reindex(out["term"]).to_numpy()
    for group in groups:
        out[f"count: {group}"] = wide[("target_count", group)].reindex(out["term"]).fillna(0).astype("int64").to_numpy()
    order = pd.Categorical(out["characteristic_of"], categories=groups, ordered=True)
    out = out.assign(_order=order).sort_values(["_order", "keyness"], ascending=[True, False]).drop(columns="_order")
    out["term"] = out["term"].astype("string")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# The widget
# --------------------------------------------------------------------------------------------

def _lines_html(lines: pd.DataFrame, *, by: str, limit: int) -> str:
    """KWIC lines as an HTML table: every cell escaped, the match in bold."""
    rows = [f"<tr><td>{i + 1}</td><td>{html.escape(str(g))}</td><td>{html.escape(d)}</td>"
            f'<td style="text-align:right">{html.escape(str(left))}</td><td><b>{html.escape(str(m))}</b></td>'
            f"<td>{html.escape(str(right))}</td></tr>"
            for i, (g, d, left, m, right) in enumerate(zip(
                lines[by].fillna(""), pd.to_datetime(lines["published"], utc=True).dt.strftime("%Y-%m-%d").fillna(""),
                lines["left"].fillna(""), lines["match"].fillna(""), lines["right"].fillna(""), strict=True))
            if i < limit]
    more = f"<p>First {limit} of {len(lines)} lines.</p>" if len(lines) > limit else f"<p>{len(lines)} lines.</p>"
    return (f'{more}<div style="max-height:24em;overflow:auto"><table style="font-size:90%">'
            f"<thead><tr><th>#</th><th>{html.escape(by)}</th><th>date</th><th>left</th><th>match</th><th>right</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def explore(
    articles: pd.DataFrame,
    *,
    by: str = "outlet",
    term: str = "war",
    lexicon: LexiconLike = None,
    freq: str = "D",
    window: int = 8,
    max_lines: int = 200,
):
    """An interactive explorer (ipywidgets): groups, period, term or category → counts, KWIC lines, article.

    Pick groups (several with Ctrl/Cmd-click), a period, and type a term (word, phrase or glob such
    as ``annex*``) or choose a lexicon category; the panel shows matches per 1,000 words over time,
    the KWIC lines, and a selector of those lines: choosing one shows the whole article with the term,
    loaded terms and attributions highlighted (:func:`highlight_article`). Uses only the core widgets
    of ipywidgets 8, so it works in JupyterLab and Notebook without any extension; the data behind each
    view comes from :func:`explore_counts`, :func:`explore_lines` and :func:`highlight_article`.

    Args:
        articles: article table.
        by: article column to group by.
        term: the term shown first.
        lexicon: loaded-terms lexicon (categories and highlights); default the shipped ``loaded_terms``.
        freq: period of the figure (``"D"``, ``"W"``, ``"M"``).
        window: words of context in the KWIC lines.
        max_lines: lines shown in the table and the selector.

    Returns:
        an :class:`ipywidgets.VBox`; its ``views`` attribute maps view names to the widgets inside
        (``groups``, ``start``, ``end``, ``term``, ``hint``, ``category``, ``counts``, ``lines``, ``line``,
        ``article``, ``status``), and ``refresh()`` redraws it. A filter that leaves no line empties the
        article view; the term box applies on Enter (the ``hint`` under it says so).

    >>> panel = explore(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "title": ["T"], "text": ["A war."],
    ...     "n_words": [2], "published": pd.to_datetime(["2022-02-24"], utc=True)}))
    >>> panel.views["line"].options[0][0], "<mark" in panel.views["article"].value
    ('1. X 2022-02-24: …A [war]…', True)
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from .diff import _png
    from .plots import plot_term_over_time

    table = load_lexicon("loaded_terms") if lexicon is None else (
        lexicon if isinstance(lexicon, pd.DataFrame) else load_lexicon(lexicon))
    names = sorted(articles[by].dropna().astype(str).unique())
    dates = articles["published"].dropna()
    first = dates.min().date() if len(dates) else None
    last = dates.max().date() if len(dates) else None
    views = {
        "groups": widgets.SelectMultiple(options=names, value=tuple(names), rows=min(6, max(len(names), 2)),
                                         description=by.capitalize()),
        "start": widgets.DatePicker(value=first, description="From"),
        "end": widgets.DatePicker(value=last, description="To"),
        "term": widgets.Text(value=term, description="Term", placeholder="word, phrase or glob, then Enter",
                             continuous_update=False),
        "hint": widgets.HTML("<small>The term applies when you press Enter (or leave the box).</small>"),
        "category": widgets.Dropdown(options=[("(the term)", "")] + [(c, c) for c in
                                     dict.fromkeys(table["category"].astype(str))], value="",
                                     description="or category"),
        "status": widgets.HTML(),
        "counts": widgets.Output(),
        "lines": widgets.HTML(),
        "line": widgets.Select(options=[], rows=8, description="Read line", layout=widgets.Layout(width="100%")),
        "article": widgets.HTML(),
    }
    state: dict[str, object] = {"lines": pd.DataFrame()}

    def options() -> dict:
        category = views["category"].value
        return {"term": None if category else (views["term"].value.strip() or None), "category": category or None,
                "lexicon": table, "by": by, "groups": list(views["groups"].value), "start": views["start"].value,
                "end": views["end"].value}

    def show_article(change=None) -> None:
        lines = state["lines"]
        position = views["line"].value
        if position is None or not len(lines):
            views["article"].value = ""
            return
        chosen = options()
        views["article"].value = highlight_article(articles, str(lines["article_id"].iloc[position]),
                                                   term=chosen["term"], lexicon=table)

    def refresh(change=None) -> None:
        chosen = options()
        views["counts"].outputs = ()
        if not (chosen["term"] or chosen["category"]):
            views["status"].value = "<b>Type a term and press Enter, or choose a category.</b>"
            state["lines"] = pd.DataFrame()
            views["lines"].value, views["line"].options, views["article"].value = "", [], ""
            return
        try:
            counts = explore_counts(articles, freq=freq, **chosen)
            lines = explore_lines(articles, window=window, **chosen)
        except ValueError as exc:  # a malformed regex or glob: say so in the panel
            views["status"].value = f"<b>{html.escape(str(exc))}</b>"
            state["lines"] = pd.DataFrame()
            views["lines"].value, views["line"].options, views["article"].value = "", [], ""
            return
        state["lines"] = lines
        searched = chosen["term"] or f"category {chosen['category']}"
        views["status"].value = html.escape(f"{len(lines)} matches of {searched!r} in "
                                            f"{lines['article_id'].nunique()} articles")
        if len(counts):  # the figure as a PNG output: works the same with or without a live kernel
            ax = plot_term_over_time(counts, by=by, term=searched)
            views["counts"].outputs = ({"output_type": "display_data", "metadata": {},
                                        "data": {"image/png": _png(ax), "text/plain": f"figure: {searched}"}},)
            plt.close(ax.figure)
        views["lines"].value = _lines_html(lines, by=by, limit=max_lines)
        views["line"].options = [(label, i) for i, label in enumerate(lines["label"].head(max_lines))]
        views["line"].value = 0 if len(lines) else None
        if not len(lines):  # a filter that leaves no line leaves no article to read
            views["article"].value = ""
        show_article()

    for name in ("groups", "start", "end", "term", "category"):
        views[name].observe(refresh, names="value")
    views["line"].observe(show_article, names="value")
    panel = _Explorer([
        widgets.HBox([views["groups"], widgets.VBox([views["start"], views["end"]]),
                      widgets.VBox([views["term"], views["hint"], views["category"]])]),
        views["status"], views["counts"], views["lines"], views["line"], views["article"]])
    panel.views, panel.refresh = views, refresh
    refresh()
    return panel


@lru_cache(maxsize=1)
def _explorer_class() -> type:
    import ipywidgets as widgets

    class Explorer(widgets.VBox):
        """The explorer panel; a short text stands in for it where widgets cannot be shown (static HTML)."""

        def __repr__(self) -> str:
            return "Framing Lab explorer (interactive: open the notebook in JupyterLab and run it to use it)"

    return Explorer


def _Explorer(children: list) -> object:  # noqa: N802 - made on first use: importing analysis skips ipywidgets
    return _explorer_class()(children)
