"""Export formats of news databases and spreadsheets: Excel sheets, GDELT and Media Cloud.

- :func:`xlsx_rows`: the rows of every sheet of an ``.xlsx`` workbook (openpyxl, read-only, values
  only: formulas are never evaluated), the first non-empty row of a sheet being its header.
- :data:`EXPORT_ALIASES`: column names of GDELT (DOC API article lists, GKG) and Media Cloud
  exports (old API and new search), added to the loader's recognised names.
- :func:`is_gkg` / :func:`gkg_rows`: raw GDELT GKG 2.x files (tab-separated, no header row),
  named with GDELT's own column names; a GKG record's page title is read from its extras.

GDELT and Media Cloud list articles (URL, title, date, outlet) without their text unless you
asked for it: such rows are reported as skipped for having no text, never dropped.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator

__all__ = ["EXPORT_ALIASES", "GKG_COLUMNS", "xlsx_rows", "is_gkg", "gkg_rows"]

#: Column names of news-database exports, by canonical column, tried after the loader's own names.
EXPORT_ALIASES = {
    # Media Cloud API v2 stories (story_text with text=true); GDELT has no text column.
    "text": ["story_text"],
    # GDELT DOC API "seendate" (20240301T101500Z); GKG "V2.1DATE" / BigQuery "DATE" (20150218230000).
    "published": ["seendate", "v2.1date", "collect_date"],
    # GDELT DOC "domain", GKG "V2SOURCECOMMONNAME" / "SourceCommonName"; Media Cloud "media_url" last.
    "outlet": ["sourcecommonname", "v2sourcecommonname", "domain", "media_url"],
    # GKG "V2DOCUMENTIDENTIFIER" / "DocumentIdentifier"; GDELT DOC "url_mobile" when "url" is empty.
    "url": ["documentidentifier", "v2documentidentifier", "url_mobile", "guid"],
}

#: The 27 columns of a GDELT GKG 2.1 record, as GDELT's codebook names them.
GKG_COLUMNS = [
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
]
_GKG_ID = re.compile(r"^\d{14}-(?:T?\d+)\t")
_PAGE_TITLE = re.compile(r"<PAGE_TITLE>(.*?)</PAGE_TITLE>", re.S)


def is_gkg(text: str) -> bool:
    """Whether ``text`` is a raw GDELT GKG file: tab-separated records starting with a GKG record id.

    >>> is_gkg("20150218230000-0\\t20150218230000\\t1\\texample.com\\thttps://example.com/a" + "\\t" * 22)
    True
    >>> is_gkg("title,text\\nA,B")
    False
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return bool(_GKG_ID.match(first)) and first.count("\t") in (len(GKG_COLUMNS) - 1, 26, 25)


def gkg_rows(text: str) -> Iterator[tuple[int, dict[str, str] | str]]:
    """``(line, fields)`` for each record of a raw GKG file, or ``(line, reason)`` for a malformed line.

    ``fields`` holds GDELT's column names plus ``title`` (the page title from ``V2EXTRASXML``).

    >>> line = "20150218230000-0\\t20150218230000\\t1\\texample.com\\thttps://example.com/a" + "\\t" * 21
    >>> line += "\\t<PAGE_TITLE>Talks resume</PAGE_TITLE>"
    >>> number, fields = next(gkg_rows(line))
    >>> number, fields["V2SOURCECOMMONNAME"], fields["title"]
    (1, 'example.com', 'Talks resume')
    """
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > len(GKG_COLUMNS) or not _GKG_ID.match(line):
            yield number, f"line {number}: not a GDELT GKG record ({len(cells)} tab-separated fields)"
            continue
        fields = dict(zip(GKG_COLUMNS, cells + [""] * (len(GKG_COLUMNS) - len(cells)), strict=True))
        title = _PAGE_TITLE.search(fields["V2EXTRASXML"])
        if title:
            fields["title"] = html.unescape(title.group(1)).strip()
        yield number, fields


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_rows(data: bytes) -> Iterator[tuple[str, int, dict[str, str] | str]]:
    """``(sheet, row number, fields)`` for every data row of every sheet of an ``.xlsx`` workbook.

    A sheet's first non-empty row is its header; cells are read as values (a formula gives its
    last saved result, never evaluated). A sheet with no header yields ``(sheet, 0, reason)``.
    Raises ``ValueError`` when the bytes are not a readable workbook.

    >>> import io, openpyxl
    >>> book = openpyxl.Workbook(); sheet = book.active; sheet.title = "Set"
    >>> sheet.append(["title", "text"]); sheet.append(["Fire", "The fire burned."])
    >>> out = io.BytesIO(); book.save(out)
    >>> list(xlsx_rows(out.getvalue()))
    [('Set', 2, {'title': 'Fire', 'text': 'The fire burned.'})]
    """
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"not a readable .xlsx workbook: {exc}") from None
    try:
        for sheet in book.worksheets:
            header: list[str] | None = None
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell(v) for v in row]
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    while cells and not cells[-1].strip():
                        cells.pop()  # a sheet's used range can be wider than its header
                    header, seen = [], set()
                    for position, name in enumerate(cells, start=1):
                        name = name.strip() or f"column {position}"
                        while name in seen:
                            name += "_"
                        seen.add(name)
                        header.append(name)
                    continue
                extra = cells[len(header):]
                if any(c.strip() for c in extra):
                    yield sheet.title, number, f"row {number}: {len(cells)} cells but the header has {len(header)}"
                    continue
                cells = cells[: len(header)] + [""] * (len(header) - len(cells))
                yield sheet.title, number, dict(zip(header, cells, strict=True))
            if header is None:
                yield sheet.title, 0, "sheet is empty (no header row)"
    finally:
        book.close()
