"""The data behind the explorer: from a term to its contexts to the whole article.

The explorer panel (:func:`analysis.explorer.explore`, ipywidgets) shows, for chosen groups (outlets),
a period and a term or a lexicon category:

- the matches per group over time (:func:`explore_counts`, drawn with :func:`analysis.plots.plot_term_over_time`);
- the KWIC lines (:func:`explore_lines`);
- one line's whole article, with the term, the loaded terms and the attributions highlighted
  (:func:`highlight_spans`, :func:`highlight_article`; article text is always escaped).

Each view is a plain function here returning a DataFrame or an HTML string, so it can be tested and
reused without a browser. A lexicon category is counted through the one hit engine of the package:
its hits are those of :func:`analysis.find_loaded_terms` (the same matcher, the same lexicon), so the
explorer's counts and the loaded-term tables never disagree. :func:`compare_outlets` is the table
behind :func:`analysis.plots.plot_outlet_comparison`: the terms most characteristic of each of N groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd

from .concordance import KWIC_COLUMNS, kwic
from .frequencies import Stopwords, keyness, term_over_time
from .html import escape_text, mark_spans
from .lexicons import LexiconLike, resolve_lexicon
from .loaded_terms import find_loaded_terms, loaded_term_kwic
from .patterns import Match, compile_pattern
from .sources import attributions
from .tokens import english_only

__all__ = ["SPAN_COLUMNS", "SPAN_STYLES", "Marks", "Selection", "compare_outlets", "explore_counts", "explore_lines",
           "highlight_article", "highlight_spans"]

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


class Selection(TypedDict, total=False):
    """What :func:`explore_counts` and :func:`explore_lines` count: their keyword arguments besides the term.

    Keys:
        category: a category of the lexicon instead of a term (e.g. ``"pejorative"``).
        lexicon: the lexicon used (table, shipped name, file or list); default the shipped ``loaded_terms``.
        match: matching mode of the term (default ``"glob"``), as in :func:`analysis.kwic`.
        by: article column to group by (default ``"outlet"``).
        groups: values of ``by`` to keep (default all).
        start: first day (or time) of the period, UTC, inclusive (default: no limit).
        end: last day (or time) of the period, UTC, inclusive: ``end="2022-02-23"`` keeps the whole 23rd.
    """

    category: str | None
    lexicon: LexiconLike
    match: Match
    by: str
    groups: Sequence[object] | None
    start: DateLike
    end: DateLike


def _selected(articles: pd.DataFrame, term: str | None, selection: Selection,
              window: int = 8) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The chosen articles and, for a category, its hits in their texts (``None`` for a term)."""
    unknown = sorted(set(selection) - set(Selection.__annotations__))
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r}")
    category = selection.get("category")
    if bool(term) == bool(category):
        raise ValueError("give either a term or a lexicon category (exactly one)")
    chosen = _select(articles, by=selection.get("by", "outlet"), groups=selection.get("groups"),
                     start=selection.get("start"), end=selection.get("end"))
    if term:
        return chosen, None
    table = resolve_lexicon(selection.get("lexicon"))
    if not (table["category"].astype(str) == str(category)).any():
        raise ValueError(f"no lexicon entry has category {category!r}; categories are "
                         f"{sorted(table['category'].astype(str).unique())}")
    hits = find_loaded_terms(chosen, table, window=window)  # the one hit engine, over the whole lexicon used
    return chosen, hits[((hits["field"] == "text") & (hits["category"].astype(str) == str(category)))
                        .to_numpy(dtype=bool)]


# --------------------------------------------------------------------------------------------
# Data behind each view
# --------------------------------------------------------------------------------------------

def explore_counts(
    articles: pd.DataFrame,
    term: str | None = None,
    *,
    freq: str = "D",
    **selection: Unpack[Selection],
) -> pd.DataFrame:
    """Matches of a term, or of a lexicon category's entries, per period and group (the explorer's figure).

    The table of :func:`analysis.term_over_time` (``by``, ``period``, ``hits``, ``articles``, ``words``,
    ``per_1000``) for the chosen articles (see :class:`Selection`: ``category``, ``lexicon``, ``match``,
    ``by``, ``groups``, ``start``, ``end``). A category's hits are those :func:`analysis.find_loaded_terms`
    finds with the whole lexicon, in the text of English articles only (where an entry of another category
    wins at a place, the place is that category's); counts are of text matches (headlines are not
    counted), so they agree line for line with :func:`explore_lines`.

    Args:
        articles: article table.
        term: a word, phrase, glob or regex (see ``match``), as in :func:`analysis.kwic`.
        freq: pandas period frequency (``"D"``, ``"W"``, ``"M"``).
        **selection: the keywords of :class:`Selection`.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["war and war", "peace"],
    ...     "n_words": [3, 1], "published": pd.to_datetime(["2022-02-24", "2022-02-25"], utc=True)})
    >>> explore_counts(frame, "war", groups=["X"])[["outlet", "hits", "per_1000"]].values.tolist()
    [['X', 2, 666.666...]]
    """
    chosen, hits = _selected(articles, term, selection)
    by = selection.get("by", "outlet")
    if hits is None:
        return term_over_time(chosen, str(term), by=by, freq=freq, match=selection.get("match", "glob"))
    english = english_only(chosen)
    out = term_over_time(english, r"(?!)", by=by, freq=freq, match="regex")  # periods, articles and words
    dated = english.dropna(subset=["published"])
    per_article = dated["article_id"].map(hits.groupby("article_id").size()).fillna(0).astype("int64")
    period = dated["published"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(freq).dt.start_time
    counted = per_article.groupby([dated[by], period], observed=True).sum()
    out["hits"] = pd.Series(list(zip(out[by], out["period"], strict=True))).map(counted).fillna(0).astype("int64")
    out["per_1000"] = 1000 * out["hits"] / out["words"].where(out["words"] > 0)
    return out


def explore_lines(
    articles: pd.DataFrame,
    term: str | None = None,
    *,
    window: int = 8,
    **selection: Unpack[Selection],
) -> pd.DataFrame:
    """The KWIC lines behind :func:`explore_counts`, oldest first, each with a short ``label`` for a selector.

    Columns: ``by`` (when it is not ``outlet``), the columns of :func:`analysis.kwic`, ``term`` (the
    term searched, or the lexicon entry that matched), ``category`` (empty for a term) and ``label``
    (``"3. Kremlin 2022-02-24: …left [match] right…"``, plain text). A category's lines are its hits in
    :func:`analysis.find_loaded_terms` (text only), the same as :func:`explore_counts` counts.

    Args:
        articles: article table.
        term: a word, phrase, glob or regex (see ``match``).
        window: words of context on each side.
        **selection: the keywords of :class:`Selection` (``category``, ``lexicon``, ``match``, ``by``,
            ``groups``, ``start``, ``end``).

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["It was a brutal regime."],
    ...     "published": pd.to_datetime(["2022-02-24"], utc=True)})
    >>> explore_lines(frame, category="pejorative")[["match", "term", "label"]].values.tolist()
    [['regime', 'regime', '1. X 2022-02-24: …It was a brutal [regime]…']]
    """
    chosen, hits = _selected(articles, term, selection, window)
    by = selection.get("by", "outlet")
    if hits is None:
        lines = kwic(chosen, str(term), window=window, match=selection.get("match", "glob")).assign(
            term=term, category=pd.NA)
    else:
        lines = loaded_term_kwic(hits)[[*KWIC_COLUMNS, "term", "category"]]
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
    hits = find_loaded_terms(article, resolve_lexicon(lexicon))
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


class Marks(TypedDict, total=False):
    """What :func:`highlight_article` marks besides the loaded terms and attributions: the keywords of :func:`highlight_spans`."""

    term: str | None
    match: Match
    lexicon: LexiconLike


def highlight_article(articles: pd.DataFrame, article_id: str, **marks: Unpack[Marks]) -> str:
    """One article as HTML: headline, outlet and date, and the text with :func:`highlight_spans` marked.

    Every character of article text is escaped (:func:`analysis.html.mark_spans`); markup comes only from this
    function (``<mark>`` with an inline style per kind and a ``title`` naming what was found, never
    article text). The term has a yellow background, loaded terms a red underline, sources are blue.

    Args:
        articles: article table holding ``article_id``.
        article_id: the article to show.
        **marks: ``term`` (also mark this term), ``match`` (its matching mode) and ``lexicon`` (the
            loaded-terms lexicon used; default the shipped ``loaded_terms``), as in :func:`highlight_spans`.

    >>> frame = pd.DataFrame({"article_id": ["a"], "title": ["<b>x</b>"], "text": ["A brutal regime."]})
    >>> page = highlight_article(frame, "a")
    >>> "&lt;b&gt;x&lt;/b&gt;" in page, page.count(">brutal</mark>"), page.count(">regime</mark>")
    (True, 1, 1)
    """
    spans = highlight_spans(articles, article_id, **marks)
    row = articles[(articles["article_id"] == article_id).fillna(False).to_numpy(dtype=bool)].iloc[0]

    def field(name: str) -> str:
        value = row.get(name, "")
        return "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else str(value)

    when = pd.Timestamp(row["published"]).strftime("%Y-%m-%d %H:%M UTC") if pd.notna(row.get("published")) else "undated"
    counts = spans["kind"].value_counts()
    legend = " · ".join(f'<mark style="{"" if k == "term" else "background:none;"}{SPAN_STYLES[k]}">'
                        f'{k.replace("_", " ")}</mark> {int(counts.get(k, 0))}' for k in SPAN_STYLES)
    title = mark_spans(field("title"), spans[spans["field"] == "title"], SPAN_STYLES) or "(no headline)"
    body = mark_spans(field("text"), spans[spans["field"] == "text"], SPAN_STYLES)
    return (f'<div class="framing-lab-article"><h3 style="margin:.2em 0">{title}</h3>'
            f'<p style="color:#555;margin:.2em 0">{escape_text(field("outlet"))} · {escape_text(when)} · '
            f'article {escape_text(article_id)}</p><p style="margin:.2em 0;font-size:90%">{legend} '
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
