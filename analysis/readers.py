"""Readers of the text formats: one file's text to input items (:class:`analysis.article_table.Item`).

One reader per format: plain-text scrapes, HTML pages (with a plain-text fallback for pages nested
too deep for the extractor), CSV/TSV, JSON, JSON Lines and raw GDELT GKG files. :func:`read_items`
picks the reader by file name. Items that cannot become articles are returned (or raised) as
:class:`analysis.article_table.Skip` with their reason. Bytes are decoded by :mod:`analysis.decoding`;
containers and workbooks are opened by :mod:`analysis.load`.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import formats
from .article_table import Item, Skip
from .clean import parse_scrape
from .webpage import PageTooDeep, extract_page

__all__ = ["TEXT_SUFFIXES", "HTML_SUFFIXES", "DELIMITED_SUFFIXES", "JSON_SUFFIXES", "JSONL_SUFFIXES",
           "read_items", "read_page"]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DELIMITED_SUFFIXES = {".csv": None, ".tsv": "\t", ".tab": "\t"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
_JSON_LIST_KEYS = ("articles", "data", "items", "results", "stories", "records", "documents", "docs")


def _parse_text(text: str, path: Path) -> list[Item]:
    scrape = parse_scrape(text)
    if not scrape.text:
        raise Skip("no body text left after removing headline and scrape noise")
    return [Item(None, {"title": scrape.title, "text": scrape.text, "raw_text": text,
                        "published": scrape.published, "author": scrape.author or None,
                        "dateline": scrape.dateline or None, "section": scrape.section or None})]


def _parse_html(text: str, path: Path) -> list[Item]:
    try:
        page = extract_page(text)
    except PageTooDeep:
        raise
    except ValueError as exc:
        raise Skip(str(exc)) from None
    if not page.text.strip():
        raise Skip("no article text found in HTML (only navigation, scripts or boilerplate)")
    return [Item(None, {
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


#: Largest CSV field read: article bodies outgrow the csv module's default limit (131,072 characters).
CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


@contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    """``csv.field_size_limit(limit)`` for the ``with`` block only: the caller's limit is restored afterwards.

    >>> before = csv.field_size_limit()
    >>> with _field_size_limit(10**9):
    ...     csv.field_size_limit()
    1000000000
    >>> csv.field_size_limit() == before
    True
    """
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _parse_delimited(text: str, path: Path, delimiter: str | None) -> list[Item | Skip]:
    """The rows of a CSV/TSV file, read with a field size limit that fits article bodies (this call only)."""
    with _field_size_limit(CSV_FIELD_LIMIT):
        return _delimited_items(text, delimiter or _sniff_delimiter(text))


def _delimited_items(text: str, delimiter: str) -> list[Item | Skip]:
    lines = io.StringIO(text, newline="").readlines()  # physical lines, ends kept

    def rows_from(index: int):  # a strict reader from physical line ``index`` (0-based) on
        return csv.reader((lines[i] for i in range(index, len(lines))), delimiter=delimiter, strict=True)

    reader = rows_from(0)
    try:
        header = next(reader)
    except StopIteration:
        raise Skip("CSV file has no header row") from None
    except csv.Error as exc:
        raise Skip(f"CSV header could not be read: {exc}") from None
    header = _unique_headers(header)
    items: list[Item | Skip] = []
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
                items.append(Skip(f"line {line}: unclosed quote (the row would run on to line {consumed}); "
                                  f"row skipped, reading resumes on line {line + 1}"))
                continue
            try:  # a stray quote inside one line: read that line leniently, as spreadsheets do
                row = next(csv.reader([lines[line - 1]], delimiter=delimiter))
            except (csv.Error, StopIteration):
                items.append(Skip(f"line {line}: malformed CSV ({exc})"))
                continue
        else:
            line, start = start, offset + reader.line_num + 1
        if any("\x00" in cell for cell in row):
            items.append(Skip(f"line {line}: contains NUL bytes (binary data, not text); row skipped"))
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank line between rows: not an item
        if len(row) > len(header):
            extra = row[len(header):]
            if any(cell.strip() for cell in extra):
                items.append(Skip(f"line {line}: {len(row)} fields but the header has {len(header)}"))
                continue
            row = row[: len(header)]
        row = row + [""] * (len(header) - len(row))
        items.append(Item(line, dict(zip(header, row, strict=True))))
    return items


def _json_records(value, what: str) -> list[Item | Skip]:
    if isinstance(value, dict):
        for key in _JSON_LIST_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            return [Item(1, value)]
    if not isinstance(value, list):
        raise Skip(f"JSON holds a {type(value).__name__}, not an article object or a list of them")
    return [_record_item(number, record, what) for number, record in enumerate(value, start=1)]


def _record_item(number: int, record: object, what: str) -> Item | Skip:
    """An article candidate for a JSON object; a reported skip for any other JSON value."""
    if isinstance(record, dict):
        return Item(number, record)
    return Skip(f"{what} {number}: a JSON {type(record).__name__}, not an article object")


_TOO_DEEP = "JSON nested deeper than the parser allows (about 1,000 levels): not read"


def _parse_jsonl(text: str, path: Path) -> list[Item | Skip]:
    items: list[Item | Skip] = []
    # Only \n (and \r\n) end a line: str.splitlines() would also split at U+2028/U+2029, which
    # JSON allows raw inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(Skip(f"line {number}: broken JSON ({exc.msg} at column {exc.colno})"))
            continue
        except RecursionError:
            items.append(Skip(f"line {number}: {_TOO_DEEP}"))
            continue
        items.append(_record_item(number, record, "line"))
    return items


def _parse_json(text: str, path: Path) -> list[Item | Skip]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON Lines saved with a .json name
            return _parse_jsonl(text, path)
        raise Skip(f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise Skip(_TOO_DEEP) from None
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


def _parse_deep_html(text: str) -> list[Item]:
    stripper = _PlainText()
    stripper.feed(text)
    stripper.close()
    body = "\n\n".join(p.strip() for p in "".join(stripper.parts).split("\n") if p.strip())
    if not body:
        raise Skip("no article text found in HTML (nested too deep for the extractor; plain text fallback empty)")
    return [Item(None, {"title": " ".join("".join(stripper.title).split()), "text": body, "raw_text": text},
                 notes=["HTML nested deeper than the extractor allows (256 levels): text taken by plain tag "
                        "stripping, without boilerplate removal"])]


def read_page(text: str, path: Path) -> list[Item]:
    """An HTML page: the extractor, or the plain-text fallback for pages nested too deep for it."""
    try:
        return _parse_html(text, path)
    except PageTooDeep:
        return _parse_deep_html(text)


def _parse_gkg(text: str) -> list[Item | Skip]:
    """A raw GDELT GKG file: every record is reported; GKG records carry no article text."""
    items: list[Item | Skip] = []
    for line, fields in formats.gkg_rows(text):
        if isinstance(fields, str):
            items.append(Skip(fields))
        else:
            items.append(Skip(f"line {line}: GDELT GKG record {fields['GKGRECORDID']} has no article text "
                              f"(metadata only; the page is {fields['V2DOCUMENTIDENTIFIER'] or 'not named'})"))
    return items


def read_items(text: str, path: Path) -> list[Item | Skip]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        stripped = text.lstrip()[:200].lower()
        if stripped.startswith(("<!doctype html", "<html")):
            return read_page(text, path)
        return _parse_text(text, path)
    if suffix in HTML_SUFFIXES:
        return read_page(text, path)
    if suffix in DELIMITED_SUFFIXES:
        if formats.is_gkg(text):
            return _parse_gkg(text)
        return _parse_delimited(text, path, DELIMITED_SUFFIXES[suffix])
    if suffix in JSONL_SUFFIXES:
        return _parse_jsonl(text, path)
    return _parse_json(text, path)

