"""The article table and the load report: their columns, the input items they are built from, article ids.

Every reader turns one file into input items: an :class:`Item` (one candidate article: its raw
fields, the line it came from, notes for the report) or a :class:`Skip` (the reason an item cannot
become an article). :func:`build_tables` turns one file's items into its rows of the article table
(columns :data:`ARTICLE_COLUMNS`, fields recognised by the names of :data:`COLUMN_ALIASES`) and of
the load report (:data:`REPORT_COLUMNS`): every item ends up in one or the other, nothing is
dropped silently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import cache, formats
from .clean import date_out_of_range, normalize_text, parse_date
from .language import detect_languages, load_model_in_background
from .tokens import count_words

__all__ = ["ARTICLE_COLUMNS", "REPORT_COLUMNS", "COLUMN_ALIASES", "Item", "Skip", "article_id", "build_tables",
           "article_frame", "report_frame", "skipped_file", "concat_tables"]

#: Columns every article table has, in this order (other columns found in the input follow).
ARTICLE_COLUMNS = [
    "article_id", "outlet", "title", "published", "url", "author", "text", "raw_text",
    "language", "n_words", "source_path", "source_line",
]
#: Columns of the load report: one row per input item.
REPORT_COLUMNS = ["source_path", "source_line", "status", "reason", "article_id", "encoding"]

# Column names recognised in tabular and JSON inputs (case-insensitive), best first.
COLUMN_ALIASES = {
    "text": ["text", "body", "content", "article", "full_text", "fulltext", "story", "maintext", "article_text"],
    "title": ["title", "headline", "heading", "head"],
    "published": ["published", "publish_date", "published_at", "publication_date", "pub_date",
                  "pubdate", "date", "datetime", "timestamp", "created_at", "date_published"],
    "outlet": ["outlet", "source", "media_name", "media", "publisher", "site_name", "sitename",
               "source_name", "publication"],
    "url": ["url", "link", "permalink", "source_url", "uri"],
    "author": ["author", "authors", "byline", "creator", "writer"],
}
for _canonical, _names in formats.EXPORT_ALIASES.items():  # GDELT and Media Cloud column names
    COLUMN_ALIASES[_canonical] = COLUMN_ALIASES[_canonical] + [n for n in _names if n not in COLUMN_ALIASES[_canonical]]


class Skip(Exception):
    """An input item that cannot become an article; the message is the load report's reason.

    >>> str(Skip("line 3: broken JSON"))
    'line 3: broken JSON'
    """


@dataclass
class Item:
    """One candidate article before normalisation: its line in the file (``None``: the whole file) and raw fields.

    >>> Item(2, {"title": "Talks", "text": "Talks began."}).notes
    []
    """

    line: int | None
    fields: dict
    notes: list[str] = field(default_factory=list)  # warnings for the load report ("loaded; …")


def _canonical_fields(fields: dict, columns: dict[str, str] | None) -> dict:
    """Rename recognised keys to the canonical names; other keys are kept as extras."""
    lower = {str(k).strip().lower(): k for k in fields}
    out: dict = {}
    used: set = set()
    mapping = {v: k for k, v in (columns or {}).items()}  # canonical -> user's name
    for canonical, aliases in COLUMN_ALIASES.items():
        candidates = [mapping[canonical]] if canonical in mapping else aliases
        for alias in candidates:
            key = alias if alias in fields else lower.get(alias.lower())
            if key is not None and key not in used:
                out[canonical] = fields[key]
                used.add(key)
                break
    for key in ("raw_text", "section"):
        if key in fields:
            out[key] = fields[key]
            used.add(key)
    for key, value in fields.items():
        if key in used:
            continue
        name = str(key).strip()
        if name in ARTICLE_COLUMNS or name in out:
            name = f"input_{name}"
        out[name] = value
    return out


def _as_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_as_text(v) for v in value if _as_text(v))
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("text") or "")
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a JSON "\\ud83d" escape: not storable text
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def article_id(outlet: str, title: str, text: str) -> str:
    """Stable identifier of an article, derived from its outlet, title and body.

    >>> article_id("TASS", "Title", "Body.") == article_id("TASS", "Title", "Body.")
    True
    """
    return cache.content_key(outlet, title, text)[:16]


def build_tables(items: list[Item | Skip], display: str, outlet: str | None, default_outlet: str,
                 columns: dict[str, str] | None, encoding: str, unit: str = "line") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn parsed items of one file into (articles, report) frames.

    The languages of all the file's articles are identified together once its items are read (see
    :func:`analysis.language.detect_languages`); the language model is read meanwhile.
    """
    rows: list[dict] = []
    report: list[dict] = []
    notes: list[list[str]] = []  # per article row: its load-report notes, the language's still to come
    single = len(items) == 1 and isinstance(items[0], Item) and items[0].line is None
    if any(isinstance(item, Item) for item in items):
        load_model_in_background()
    for item in items:
        try:
            _build_item(item, rows, report, notes, single, display, outlet, default_outlet, columns, unit)
        except Exception as exc:  # one odd item never stops the file: it is reported, the rest loads
            line = getattr(item, "line", None)
            where = "" if single or line is None else f"{unit} {line}: "
            report.append({"source_line": line, "status": "skipped", "article_id": None,
                           "reason": f"{where}could not be read ({type(exc).__name__}: {str(exc)[:120]})"})
    _add_languages(rows, report, notes)
    articles = article_frame(rows)
    reported = pd.DataFrame(report, columns=["source_line", "status", "reason", "article_id"])
    reported.insert(0, "source_path", display)
    reported["encoding"] = encoding
    return articles, report_frame(reported)


def _build_item(item: Item | Skip, rows: list[dict], report: list[dict], notes_of: list[list[str]], single: bool,
                display: str, outlet: str | None, default_outlet: str, columns: dict[str, str] | None,
                unit: str = "line") -> None:
    """Append one item to ``rows`` (an article, its language still to find) and ``report`` (its load-report row,
    whose reason :func:`_add_languages` completes from the notes appended to ``notes_of``)."""
    if isinstance(item, Skip):
        match = re.match(r"(?:line|item|row|record) (\d+)", str(item))
        report.append({"source_line": int(match.group(1)) if match else None, "status": "skipped",
                       "reason": str(item), "article_id": None})
        return
    fields = _canonical_fields(item.fields, columns)
    where = "" if single else f"{unit if item.line else 'item'} {item.line}: "
    raw_text = _as_text(fields.pop("raw_text", None)) or _as_text(fields.get("text"))
    body = normalize_text(html.unescape(_as_text(fields.pop("text", None))))
    if not body:
        present = [k for k in item.fields if _as_text(item.fields[k]).strip()]
        report.append({"source_line": item.line, "status": "skipped", "article_id": None,
                       "reason": f"{where}no article text (no non-empty text/body/content field; "
                                 f"fields present: {', '.join(map(str, present[:12])) or 'none'})"})
        return
    title = normalize_text(html.unescape(_as_text(fields.pop("title", None)))).replace("\n", " ")
    the_outlet = outlet or normalize_text(_as_text(fields.pop("outlet", None))) or default_outlet
    fields.pop("outlet", None)
    notes = list(item.notes)
    published_raw = fields.pop("published", None)
    published = (published_raw if isinstance(published_raw, pd.Timestamp) else parse_date(published_raw))
    if published is None and _as_text(published_raw).strip():
        shown = _as_text(published_raw.get("$date") if isinstance(published_raw, dict) else published_raw)
        problem = "out of range" if date_out_of_range(published_raw) else "unparseable"
        notes.append(f"{problem} date {shown[:40]!r} left empty")
    elif published is None and single:
        notes.append("no publication date found")
    row = {
        "article_id": article_id(the_outlet, title, body),
        "outlet": the_outlet,
        "title": title,
        "published": published,
        "url": _as_text(fields.pop("url", None)).strip() or None,
        "author": normalize_text(_as_text(fields.pop("author", None))) or None,
        "text": body,
        "raw_text": raw_text,
        "language": None,  # found for all the file's articles at once (_add_languages)
        "n_words": count_words(body),
        "source_path": display,
        "source_line": item.line,
    }
    for key, value in fields.items():
        row[key] = _as_text(value) if value is not None else None
    rows.append(row)
    report.append({"source_line": item.line, "status": "loaded", "article_id": row["article_id"], "reason": where})
    notes_of.append(notes)


def _add_languages(rows: list[dict], report: list[dict], notes_of: list[list[str]]) -> None:
    """Each article row's language, and the reasons of the loaded rows of ``report`` (in the same order)."""
    loaded = [entry for entry in report if entry["status"] == "loaded"]
    for row, entry, notes, language in zip(rows, loaded, notes_of, detect_languages([r["text"] for r in rows]),
                                           strict=True):
        row["language"] = language
        if language not in ("en", "und"):
            notes.append(f"language detected as {language!r}: flagged, not analysed as English")
        entry["reason"] += "; ".join(notes) if notes else "loaded"


def article_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """The article table with its documented column order and dtypes."""
    if isinstance(rows, list) and rows:
        # pd.DataFrame(rows) column by column (10x faster than from the dicts): keys in order of first
        # appearance, a key a row lacks as NaN
        keys = dict.fromkeys(key for row in rows for key in row)
        frame = pd.DataFrame({key: [row.get(key, np.nan) for row in rows] for key in keys})
    else:
        frame = pd.DataFrame(rows)
    for column in ARTICLE_COLUMNS:
        if column not in frame:
            frame[column] = None
    extras = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    frame = frame[ARTICLE_COLUMNS + extras]
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    frame["n_words"] = frame["n_words"].astype("int64")
    frame["source_line"] = frame["source_line"].astype("Int64")
    for column in ["article_id", "outlet", "title", "url", "author", "text", "raw_text", "language",
                   "source_path", *extras]:
        frame[column] = frame[column].astype("string")
    return frame


def report_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=REPORT_COLUMNS)
    frame["source_line"] = frame["source_line"].astype("Int64")
    for column in ["source_path", "status", "reason", "article_id", "encoding"]:
        frame[column] = frame[column].astype("string")
    return frame


def skipped_file(display: str, reason: str, encoding: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    report = pd.DataFrame([{"source_path": display, "source_line": None, "status": "skipped",
                            "reason": reason, "article_id": None, "encoding": encoding}])
    return article_frame([]), report_frame(report)



def concat_tables(frames: list[tuple[pd.DataFrame, pd.DataFrame]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = [a for a, _ in frames if len(a)]
    return (article_frame(pd.concat(articles, ignore_index=True) if articles else []),
            report_frame(pd.concat([r for _, r in frames], ignore_index=True)))

