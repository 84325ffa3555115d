"""Loading article sets: plain-text scrapes, HTML pages, CSV/TSV, JSON and JSON Lines, Excel
workbooks, and gzip, zip and WARC containers of them.

Pages are read by :mod:`analysis.webpage`, containers opened by :mod:`analysis.archives`, and
spreadsheets and news-database exports (GDELT, Media Cloud) by :mod:`analysis.formats`; this
module dispatches each file to its reader and builds the article table.

Every input item (a single-article file, or one row/line/object of a multi-article file)
ends up either as an article or as a row of the load report with a reason; nothing is
dropped silently. See :func:`load_articles`.
"""

from __future__ import annotations

import csv
import html
import html.parser
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import archives, cache, formats, snapshot
from .clean import date_out_of_range, detect_language, normalize_text, parse_date, parse_scrape
from .tokens import count_words
from .webpage import PageTooDeep, extract_page

__all__ = ["load_articles", "summarize_report", "summarize_articles", "ARTICLE_COLUMNS", "REPORT_COLUMNS"]

#: Columns every article table has, in this order (other columns found in the input follow).
ARTICLE_COLUMNS = [
    "article_id", "outlet", "title", "published", "url", "author", "text", "raw_text",
    "language", "n_words", "source_path", "source_line",
]
#: Columns of the load report: one row per input item.
REPORT_COLUMNS = ["source_path", "source_line", "status", "reason", "article_id", "encoding"]

#: Bumped whenever parsing changes, so cached sets from an older version are not reused.
LOADER_VERSION = "6"

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DELIMITED_SUFFIXES = {".csv": None, ".tsv": "\t", ".tab": "\t"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
ARCHIVE_SUFFIXES = {".gz", ".gzip", ".zip", ".warc", ".arc"}
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | set(DELIMITED_SUFFIXES) | JSON_SUFFIXES | JSONL_SUFFIXES
    | XLSX_SUFFIXES | ARCHIVE_SUFFIXES
)
MULTI_SUFFIXES = set(DELIMITED_SUFFIXES) | JSON_SUFFIXES | JSONL_SUFFIXES | XLSX_SUFFIXES

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
_JSON_LIST_KEYS = ("articles", "data", "items", "results", "stories", "records", "documents", "docs")


class _Skip(Exception):
    """An input item that cannot become an article; the message is the report's reason."""


@dataclass
class _Item:
    """One candidate article before normalisation."""

    line: int | None
    fields: dict
    notes: list[str] = field(default_factory=list)  # warnings for the load report ("loaded; …")


# --- decoding --------------------------------------------------------------------------

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0xFFF0 <= ord(ch) or ch == "\ufffd")
    return bad / len(sample)


_WESTERN = set("“”‘’–—€…•™°£§©®«»¡¿") | {chr(c) for c in range(0xC0, 0x100)}


def _unusual(text: str) -> int:
    """Non-ASCII characters outside Western European letters and typographic punctuation."""
    return sum(1 for ch in text if ord(ch) > 0x7F and ch not in _WESTERN)


def _latin_only(text: str) -> bool:
    """Whether every non-ASCII letter of ``text`` is Latin script (so cp1252 is a fair alternative)."""
    import unicodedata

    return all("LATIN" in unicodedata.name(ch, "") for ch in set(text) if ord(ch) > 0x7F and ch.isalpha())


def decode_bytes(data: bytes, *, allow_nul: bool = False) -> tuple[str, str]:
    """Decode file content to text, detecting the encoding; returns ``(text, encoding)``.

    ``allow_nul``: a few NUL bytes in otherwise UTF-8 text are kept (for multi-article files,
    where the parser then skips only the rows holding them). Raises ``_Skip`` with a readable
    reason for empty, binary or undecodable content.
    """
    if not data.strip():
        raise _Skip("empty file" if not data else "file contains only white space")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise _Skip(f"undecodable: has a {encoding} byte-order mark but invalid bytes at offset {exc.start}") from None
            if not text.strip():
                raise _Skip("file contains only a byte-order mark and white space")
            return text, encoding
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: NULs in every other byte of ASCII text.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        for encoding, zeros, half in (("utf-16-le", odd, len(head[1::2])), ("utf-16-be", even, len(head[0::2]))):
            if half and zeros / half > 0.3:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if _control_ratio(text) < 0.02:
                    return text, encoding
        lines = data.split(b"\n")
        if not (allow_nul and sum(b"\x00" in line for line in lines) <= len(lines) // 2):
            raise _Skip("binary file (contains NUL bytes), not text")
        try:  # NULs in a few rows of a text file: the parser skips those rows
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            raise _Skip("binary file (contains NUL bytes), not text") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8"), "utf-8 (truncated final character dropped)"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is None or best.encoding is None:
        raise _Skip("binary or undecodable file: no text encoding fits its bytes")
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise _Skip(f"undecodable: guessed encoding {encoding} does not fit every byte") from None
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    # cp1252 is the commonest legacy encoding of English-language news: prefer it whenever it
    # reads the bytes at least as plausibly as the detector's guess (often cp1250 for short text).
    if western is not None and _latin_only(text) and _unusual(western) <= _unusual(text):
        text, encoding = western, "cp1252"
    if _control_ratio(text) > 0.05:
        raise _Skip("binary file (mostly control characters), not text")
    return text, encoding


# --- one parser per format -------------------------------------------------------------


def _parse_text(text: str, path: Path) -> list[_Item]:
    scrape = parse_scrape(text)
    if not scrape.text:
        raise _Skip("no body text left after removing headline and scrape noise")
    return [_Item(None, {"title": scrape.title, "text": scrape.text, "raw_text": text,
                         "published": scrape.published, "author": scrape.author or None,
                         "dateline": scrape.dateline or None, "section": scrape.section or None})]


def _parse_html(text: str, path: Path) -> list[_Item]:
    try:
        page = extract_page(text)
    except PageTooDeep:
        raise
    except ValueError as exc:
        raise _Skip(str(exc)) from None
    if not page.text.strip():
        raise _Skip("no article text found in HTML (only navigation, scripts or boilerplate)")
    return [_Item(None, {
        "title": page.title,
        "text": "\n\n".join(page.text.split("\n")),
        "raw_text": text,
        "published": page.published,
        "outlet": page.outlet,
        "author": page.author,
        "url": page.url,
    })]


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:30])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _unique_headers(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in header:
        name = name.strip() or "unnamed"
        if name in seen:
            seen[name] += 1
            out.append(f"{name}.{seen[name]}")
        else:
            seen[name] = 0
            out.append(name)
    return out


def _parse_delimited(text: str, path: Path, delimiter: str | None) -> list[_Item | _Skip]:
    delimiter = delimiter or _sniff_delimiter(text)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    lines = io.StringIO(text, newline="").readlines()  # physical lines, ends kept

    def rows_from(index: int):  # a strict reader from physical line ``index`` (0-based) on
        return csv.reader((lines[i] for i in range(index, len(lines))), delimiter=delimiter, strict=True)

    reader = rows_from(0)
    try:
        header = next(reader)
    except StopIteration:
        raise _Skip("CSV file has no header row") from None
    except csv.Error as exc:
        raise _Skip(f"CSV header could not be read: {exc}") from None
    header = _unique_headers(header)
    items: list[_Item | _Skip] = []
    offset = 0  # physical lines before the current reader's first line
    start = reader.line_num + 1  # the (1-based) line where the next row starts
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            consumed = offset + reader.line_num
            line = start
            offset, start = line, line + 1  # resume on the line after the bad row's first line
            reader = rows_from(offset)
            if consumed > line:  # the row ran on over the following lines: an unclosed quote
                items.append(_Skip(f"line {line}: unclosed quote (the row would run on to line {consumed}); "
                                   f"row skipped, reading resumes on line {line + 1}"))
                continue
            try:  # a stray quote inside one line: read that line leniently, as spreadsheets do
                row = next(csv.reader([lines[line - 1]], delimiter=delimiter))
            except (csv.Error, StopIteration):
                items.append(_Skip(f"line {line}: malformed CSV ({exc})"))
                continue
        else:
            line, start = start, offset + reader.line_num + 1
        if any("\x00" in cell for cell in row):
            items.append(_Skip(f"line {line}: contains NUL bytes (binary data, not text); row skipped"))
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank line between rows: not an item
        if len(row) > len(header):
            extra = row[len(header):]
            if any(cell.strip() for cell in extra):
                items.append(_Skip(f"line {line}: {len(row)} fields but the header has {len(header)}"))
                continue
            row = row[: len(header)]
        row = row + [""] * (len(header) - len(row))
        items.append(_Item(line, dict(zip(header, row, strict=True))))
    return items


def _json_records(value, what: str) -> list[_Item | _Skip]:
    if isinstance(value, dict):
        for key in _JSON_LIST_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            return [_Item(1, value)]
    if not isinstance(value, list):
        raise _Skip(f"JSON holds a {type(value).__name__}, not an article object or a list of them")
    return [_record_item(number, record, what) for number, record in enumerate(value, start=1)]


def _record_item(number: int, record: object, what: str) -> _Item | _Skip:
    """An article candidate for a JSON object; a reported skip for any other JSON value."""
    if isinstance(record, dict):
        return _Item(number, record)
    return _Skip(f"{what} {number}: a JSON {type(record).__name__}, not an article object")


_TOO_DEEP = "JSON nested deeper than the parser allows (about 1,000 levels): not read"


def _parse_jsonl(text: str, path: Path) -> list[_Item | _Skip]:
    items: list[_Item | _Skip] = []
    # Only \n (and \r\n) end a line: str.splitlines() would also split at U+2028/U+2029, which
    # JSON allows raw inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(_Skip(f"line {number}: broken JSON ({exc.msg} at column {exc.colno})"))
            continue
        except RecursionError:
            items.append(_Skip(f"line {number}: {_TOO_DEEP}"))
            continue
        items.append(_record_item(number, record, "line"))
    return items


def _parse_json(text: str, path: Path) -> list[_Item | _Skip]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON Lines saved with a .json name
            return _parse_jsonl(text, path)
        raise _Skip(f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise _Skip(_TOO_DEEP) from None
    return _json_records(value, "item")


# Elements skipped by the plain-text fallback for pages too deep for the extractor.
_FURNITURE = ("nav", "footer", "aside", "script", "style", "noscript", "form", "iframe", "button")


class _PlainText(html.parser.HTMLParser):
    """Text of an HTML page by plain tag stripping (no depth limit): the fallback for pages too deep to parse."""

    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _FURNITURE:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _FURNITURE:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _parse_deep_html(text: str) -> list[_Item]:
    stripper = _PlainText()
    stripper.feed(text)
    stripper.close()
    body = "\n\n".join(p.strip() for p in "".join(stripper.parts).split("\n") if p.strip())
    if not body:
        raise _Skip("no article text found in HTML (nested too deep for the extractor; plain text fallback empty)")
    return [_Item(None, {"title": " ".join("".join(stripper.title).split()), "text": body, "raw_text": text},
                  notes=["HTML nested deeper than the extractor allows (256 levels): text taken by plain tag "
                         "stripping, without boilerplate removal"])]


def _parse_page(text: str, path: Path) -> list[_Item]:
    """An HTML page: the extractor, or the plain-text fallback for pages nested too deep for it."""
    try:
        return _parse_html(text, path)
    except PageTooDeep:
        return _parse_deep_html(text)


def _parse_gkg(text: str) -> list[_Item | _Skip]:
    """A raw GDELT GKG file: every record is reported; GKG records carry no article text."""
    items: list[_Item | _Skip] = []
    for line, fields in formats.gkg_rows(text):
        if isinstance(fields, str):
            items.append(_Skip(fields))
        else:
            items.append(_Skip(f"line {line}: GDELT GKG record {fields['GKGRECORDID']} has no article text "
                               f"(metadata only; the page is {fields['V2DOCUMENTIDENTIFIER'] or 'not named'})"))
    return items


def _parse_file(text: str, path: Path) -> list[_Item | _Skip]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        stripped = text.lstrip()[:200].lower()
        if stripped.startswith(("<!doctype html", "<html")):
            return _parse_page(text, path)
        return _parse_text(text, path)
    if suffix in HTML_SUFFIXES:
        return _parse_page(text, path)
    if suffix in DELIMITED_SUFFIXES:
        if formats.is_gkg(text):
            return _parse_gkg(text)
        return _parse_delimited(text, path, DELIMITED_SUFFIXES[suffix])
    if suffix in JSONL_SUFFIXES:
        return _parse_jsonl(text, path)
    return _parse_json(text, path)


# --- from raw fields to the article table ---------------------------------------------


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


def _build(items: list[_Item | _Skip], display: str, outlet: str | None, default_outlet: str,
           columns: dict[str, str] | None, encoding: str, unit: str = "line") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn parsed items of one file into (articles, report) frames."""
    rows: list[dict] = []
    report: list[dict] = []
    single = len(items) == 1 and isinstance(items[0], _Item) and items[0].line is None
    for item in items:
        try:
            _build_item(item, rows, report, single, display, outlet, default_outlet, columns, unit)
        except Exception as exc:  # one odd item never stops the file: it is reported, the rest loads
            line = getattr(item, "line", None)
            where = "" if single or line is None else f"{unit} {line}: "
            report.append({"source_line": line, "status": "skipped", "article_id": None,
                           "reason": f"{where}could not be read ({type(exc).__name__}: {str(exc)[:120]})"})
    articles = _article_frame(rows)
    report_frame = pd.DataFrame(report, columns=["source_line", "status", "reason", "article_id"])
    report_frame.insert(0, "source_path", display)
    report_frame["encoding"] = encoding
    return articles, _report_frame(report_frame)


def _build_item(item: _Item | _Skip, rows: list[dict], report: list[dict], single: bool, display: str,
                outlet: str | None, default_outlet: str, columns: dict[str, str] | None, unit: str = "line") -> None:
    """Append one item to ``rows`` (an article) and ``report`` (its load-report row)."""
    if isinstance(item, _Skip):
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
    language = detect_language(body)
    if language not in ("en", "und"):
        notes.append(f"language detected as {language!r}: flagged, not analysed as English")
    row = {
        "article_id": article_id(the_outlet, title, body),
        "outlet": the_outlet,
        "title": title,
        "published": published,
        "url": _as_text(fields.pop("url", None)).strip() or None,
        "author": normalize_text(_as_text(fields.pop("author", None))) or None,
        "text": body,
        "raw_text": raw_text,
        "language": language,
        "n_words": count_words(body),
        "source_path": display,
        "source_line": item.line,
    }
    for key, value in fields.items():
        row[key] = _as_text(value) if value is not None else None
    rows.append(row)
    report.append({"source_line": item.line, "status": "loaded", "article_id": row["article_id"],
                   "reason": where + ("; ".join(notes) if notes else "loaded")})


def _article_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """The article table with its documented column order and dtypes."""
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


def _report_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=REPORT_COLUMNS)
    frame["source_line"] = frame["source_line"].astype("Int64")
    for column in ["source_path", "status", "reason", "article_id", "encoding"]:
        frame[column] = frame[column].astype("string")
    return frame


def _skip_file(display: str, reason: str, encoding: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    report = pd.DataFrame([{"source_path": display, "source_line": None, "status": "skipped",
                            "reason": reason, "article_id": None, "encoding": encoding}])
    return _article_frame([]), _report_frame(report)


def _load_file(path: Path, display: str, outlet: str | None, default_outlet: str,
               columns: dict[str, str] | None, use_cache: bool | str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if path.is_symlink() and path.is_dir():
        return _skip_file(display, "symbolic link to a folder: not followed (it could loop); load its target directly")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return _skip_file(display, f"unsupported file type {path.suffix or '(no extension)'!r}; "
                                   f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    try:
        mode = path.stat().st_mode  # follows links: a link to a pipe or a device is no regular file either
        if not stat.S_ISREG(mode):
            kind = ("named pipe" if stat.S_ISFIFO(mode) else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                    else "socket" if stat.S_ISSOCK(mode) else "special file")
            return _skip_file(display, f"not a regular file ({kind}{', via a link' if path.is_symlink() else ''}): "
                                       "not read")
        data = path.read_bytes()
    except OSError as exc:
        return _skip_file(display, f"cannot read file: {exc.strerror or exc}")
    key = cache.content_key(LOADER_VERSION, data, display, outlet or "", default_outlet,
                            json.dumps(columns or {}, sort_keys=True))

    def parse() -> tuple[pd.DataFrame, pd.DataFrame]:
        notes = () if display == os.fsdecode(path.as_posix()) else (
            "file or folder name is not valid UTF-8 (shown with \\x escapes)",)
        return _parse_bytes(data, path.name, display, outlet, default_outlet, columns, notes=notes)

    return cache.cached_frames("articles", key, parse, enabled=bool(use_cache), refresh=use_cache == "refresh")


def printable_name(name: str) -> str:
    """A file or folder name as text: bytes that are not valid UTF-8 shown as ``\\xNN`` escapes.

    >>> import os; printable_name(os.fsdecode(b"TASS/caf\\xe9.txt"))
    'TASS/caf\\\\xe9.txt'
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _parse_bytes(data: bytes, name: str, display: str, outlet: str | None, default_outlet: str,
                 columns: dict[str, str] | None, depth: int = 0,
                 notes: tuple[str, ...] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles, report) of one file's content; containers and workbooks are opened here."""
    kind = archives.container_kind(name)
    if kind == "warc":
        return _parse_warc(data, display, outlet, default_outlet, columns)
    if kind is not None:
        return _parse_archive(data, name, display, outlet, default_outlet, columns, depth)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return _skip_file(display, f"unsupported file type {suffix or '(no extension)'!r}; "
                                   f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if suffix in XLSX_SUFFIXES:
        return _parse_xlsx(data, display, outlet, default_outlet, columns)
    try:
        text, encoding = decode_bytes(data, allow_nul=suffix in MULTI_SUFFIXES)
    except _Skip as skip:
        return _skip_file(display, str(skip))
    try:
        items = _parse_file(text, Path(name))
    except _Skip as skip:
        return _skip_file(display, str(skip), encoding)
    except (RecursionError, ValueError, TypeError, LookupError) as exc:  # a parser's limit, not ours
        return _skip_file(display, f"could not be parsed ({type(exc).__name__}: {str(exc)[:120]})", encoding)
    if not items:
        return _skip_file(display, "no article rows in file", encoding)
    for item in items:
        if isinstance(item, _Item):
            item.notes.extend(notes)
    return _build(items, display, outlet, default_outlet, columns, encoding)


def _concat(frames: list[tuple[pd.DataFrame, pd.DataFrame]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = [a for a, _ in frames if len(a)]
    return (_article_frame(pd.concat(articles, ignore_index=True) if articles else []),
            _report_frame(pd.concat([r for _, r in frames], ignore_index=True)))


#: Archives inside archives are opened this many levels deep, no deeper.
MAX_ARCHIVE_DEPTH = 3


def _parse_archive(data: bytes, name: str, display: str, outlet: str | None, default_outlet: str,
                   columns: dict[str, str] | None, depth: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every member of a gzip or zip file, each loaded as a file of its own (``archive.zip::member``)."""
    if depth >= MAX_ARCHIVE_DEPTH:
        return _skip_file(display, f"archive nested more than {MAX_ARCHIVE_DEPTH} deep: not opened")
    frames = []
    for member in archives.archive_members(name, data):
        where = f"{display}::{member.name}" if member.name and archives.container_kind(name) == "zip" else display
        if member.data is None:
            frames.append(_skip_file(where, member.reason or "not read"))
            continue
        parts = Path(member.name).parts
        member_outlet = (parts[0] if len(parts) > 1 else Path(member.name).stem
                         if Path(member.name).suffix.lower() in MULTI_SUFFIXES else default_outlet)
        frames.append(_parse_bytes(member.data, member.name, where, outlet, member_outlet, columns, depth + 1))
    if not frames:
        return _skip_file(display, "archive holds no files")
    return _concat(frames)


def _parse_xlsx(data: bytes, display: str, outlet: str | None, default_outlet: str,
                columns: dict[str, str] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every sheet of a workbook (``book.xlsx::Sheet``), one article per data row."""
    sheets: dict[str, list[_Item | _Skip]] = {}
    try:
        for sheet, row, fields in formats.xlsx_rows(data):
            items = sheets.setdefault(sheet, [])
            if isinstance(fields, str):
                items.append(_Skip(fields))
            else:
                items.append(_Item(row, fields))
    except ValueError as exc:
        return _skip_file(display, str(exc))
    if not sheets:
        return _skip_file(display, "workbook has no sheets")
    return _concat([_build(items, f"{display}::{sheet}", outlet, default_outlet, columns, "xlsx", unit="row")
                    for sheet, items in sheets.items()])


def _parse_warc(data: bytes, display: str, outlet: str | None, default_outlet: str,
                columns: dict[str, str] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every record of a WARC file: saved HTML pages become articles (``source_line`` = record number)."""
    items: list[_Item | _Skip] = []
    encodings: list[str | None] = []
    for record in archives.warc_records(data):
        encoding = None
        try:
            if record.data is None:
                raise _Skip(record.reason or "not a page")
            text, encoding = decode_bytes(record.data)
            item = _parse_page(text, Path("page.html"))[0]
            item.line = record.number
            if record.url:
                item.fields["url"] = record.url
            items.append(item)
        except _Skip as skip:
            where = f" ({record.url})" if record.url else ""
            items.append(_Skip(f"record {record.number}{where}: {skip}"))
        encodings.append(encoding)
    if not items:
        return _skip_file(display, "WARC file holds no records")
    articles, report = _build(items, display, outlet, default_outlet, columns, "", unit="record")
    report["encoding"] = pd.array(encodings, dtype="string")
    return articles, report


def _walk(source: Path) -> Iterable[Path]:
    """Files below ``source`` in a stable order; symlinked folders are not followed (no loops)."""
    for root, dirs, files in os.walk(source, followlinks=False):
        linked = [d for d in dirs if (Path(root) / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if d not in {".ipynb_checkpoints", "__pycache__", ".git"} and d not in linked)
        for name in sorted(files + linked):  # a linked folder is reported, not entered
            yield Path(root) / name


def _sources(source: str | os.PathLike | Sequence[str | os.PathLike]) -> list[tuple[Path, str]]:
    """(file, default outlet) for every file named by ``source``."""
    roots = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    files: list[tuple[Path, str]] = []
    for root in roots:
        path = Path(root)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"article source not found: {str(root)!r} (looked in {Path.cwd()})")
        if path.is_dir():
            for file in _walk(path):
                relative = file.relative_to(path)
                if len(relative.parts) > 1:
                    outlet = relative.parts[0]
                elif file.suffix.lower() in MULTI_SUFFIXES:
                    outlet = file.stem
                else:
                    outlet = Path(os.path.abspath(path)).name
                files.append((file, printable_name(outlet)))
        else:
            multi = path.suffix.lower() in MULTI_SUFFIXES
            files.append((path, printable_name(path.stem if multi else Path(os.path.abspath(path)).parent.name)))
    return files


def load_articles(
    source: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    outlet: str | None = None,
    columns: dict[str, str] | None = None,
    return_report: bool = False,
    cache: bool | str = True,
    progress: bool | None = None,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Load an article set into a DataFrame with one row per article.

    ``source`` is a file, a folder (read recursively) or a list of them. Supported:
    plain-text scrapes (``.txt``), HTML pages, CSV/TSV, JSON and JSON Lines exports
    (Media Cloud exports included). Columns are recognised by common names (see
    ``COLUMN_ALIASES``); map others with ``columns={"their_name": "text"}``.

    The outlet of an article is ``outlet`` if given, else its own outlet/source/media_name
    field or ``og:site_name``, else the first sub-folder below a loaded folder, else the
    file name of a CSV/JSON file, else the folder holding a text or HTML file.

    Exact duplicates (same outlet, title and body) are returned once and reported as
    ``duplicate`` with the ``article_id`` they repeat. Parsed files are cached as Parquet
    keyed by their content (see :mod:`analysis.cache`); ``cache=False`` bypasses that.

    Args:
        source: file, folder, or list of files and folders.
        outlet: outlet name for every article, overriding what the files say.
        columns: extra column-name mapping, ``{"input column": "canonical column"}``.
        return_report: also return the load report (one row per input item).
        cache: use the Parquet cache; ``"refresh"`` parses every file again and replaces its cache entry.
        progress: show a progress bar (default: when there are more than 20 files).

    Returns:
        The article table (columns ``ARTICLE_COLUMNS`` plus any other input columns),
        or ``(articles, report)`` when ``return_report`` is true.

    Raises:
        FileNotFoundError: ``source`` (or one of its entries) does not exist.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Fire in Kharkiv\\n\\nThe fire burned all night.")
    >>> load_articles(folder, cache=False)[["title", "text", "n_words"]].values.tolist()
    [['Fire in Kharkiv', 'The fire burned all night.', 5]]
    """
    if isinstance(source, (str, os.PathLike)) and snapshot.is_snapshot(source):  # a report's frozen set
        articles, report = snapshot.read_snapshot(source)
        return (articles, report) if return_report else articles
    files = _sources(source)
    show = progress if progress is not None else len(files) > 20
    from tqdm.auto import tqdm

    article_frames, report_frames = [], []
    for path, default_outlet in tqdm(files, desc="Loading articles", unit="file", disable=not show):
        display = printable_name(path.as_posix())
        articles, report = _load_file(path, display, outlet, default_outlet, columns, cache)
        article_frames.append(articles)
        report_frames.append(report)
    articles = _article_frame(pd.concat(article_frames, ignore_index=True) if article_frames else [])
    report = (pd.concat(report_frames, ignore_index=True) if report_frames
              else _report_frame(pd.DataFrame(columns=REPORT_COLUMNS)))
    articles, report = _mark_duplicates(articles, report)
    return (articles, report) if return_report else articles


def _mark_duplicates(articles: pd.DataFrame, report: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep the first copy of each ``article_id``; report the others as duplicates."""
    repeated = articles["article_id"].duplicated(keep="first")
    if not repeated.any():
        return articles, report
    first = articles.loc[~repeated].set_index("article_id")
    report = report.copy()
    loaded = report.index[report["status"] == "loaded"]
    # Report rows of loaded items line up one-to-one, in order, with article rows.
    dup_rows = loaded[repeated.to_numpy()]
    for row in dup_rows:
        aid = report.at[row, "article_id"]
        where = first.loc[aid]
        line = "" if pd.isna(where["source_line"]) else f" line {where['source_line']}"
        report.at[row, "status"] = "duplicate"
        report.at[row, "reason"] = f"exact duplicate of article {aid} ({where['source_path']}{line})"
    return articles.loc[~repeated].reset_index(drop=True), report


def summarize_report(report: pd.DataFrame) -> pd.DataFrame:
    """Count load-report rows by status and reason (line numbers folded away), largest first.

    >>> rep = pd.DataFrame({"status": ["loaded", "skipped", "skipped"],
    ...                     "reason": ["loaded", "line 3: broken JSON (x)", "line 9: broken JSON (x)"]})
    >>> summarize_report(rep).values.tolist()
    [['skipped', 'broken JSON (x)', 2], ['loaded', 'loaded', 1]]
    """
    reasons = report["reason"].astype("string").str.replace(r"^(?:line|item|row|record) \d+: ", "", regex=True)
    reasons = reasons.str.replace(r"\b(?:line|item|row|record) \d+\b", "line N", regex=True)
    counts = (pd.DataFrame({"status": report["status"], "reason": reasons})
              .value_counts(sort=False).rename("items").reset_index())
    return counts.sort_values(["items", "status"], ascending=[False, True], ignore_index=True)


def summarize_articles(articles: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """One row per group: articles, words, median length, first and last publication date.

    >>> frame = pd.DataFrame({"outlet": ["A", "A"], "n_words": [10, 30],
    ...                       "published": pd.to_datetime(["2022-02-24", "2022-03-01"], utc=True)})
    >>> summarize_articles(frame)[["outlet", "articles", "words", "median_words"]].values.tolist()
    [['A', 2, 40, 20.0]]
    """
    grouped = articles.groupby(by, dropna=False, observed=True)
    return grouped.agg(
        articles=("n_words", "size"), words=("n_words", "sum"), median_words=("n_words", "median"),
        first_published=("published", "min"), last_published=("published", "max"),
        undated=("published", lambda s: int(s.isna().sum())),
    ).reset_index()
