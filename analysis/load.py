"""Loading article sets: plain-text scrapes, HTML pages, CSV/TSV, JSON and JSON Lines, Excel
workbooks, and gzip, zip and WARC containers of them.

Pages are read by :mod:`analysis.webpage`, containers opened by :mod:`analysis.archives`, and
spreadsheets and news-database exports (GDELT, Media Cloud) by :mod:`analysis.formats`; bytes are
decoded by :mod:`analysis.decoding`, text formats read by :mod:`analysis.readers`, and the article
table and load report built by :mod:`analysis.article_table`; this module finds the files, opens
containers and workbooks, caches what it parsed and marks duplicates.

Every input item (a single-article file, or one row/line/object of a multi-article file)
ends up either as an article or as a row of the load report with a reason; nothing is
dropped silently. See :func:`load_articles`.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from . import archives, cache, formats, snapshot
from .article_table import (
    REPORT_COLUMNS,
    Item,
    Skip,
    article_frame,
    build_tables,
    concat_tables,
    report_frame,
    skipped_file,
)
from .decoding import decode_bytes
from .language import load_model_in_background
from .readers import (
    DELIMITED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    read_items,
    read_page,
)

__all__ = ["load_articles", "summarize_report", "summarize_articles", "printable_name", "SUPPORTED_SUFFIXES"]

#: Bumped whenever parsing changes (here or in decoding, readers, article_table), so cached sets from an
#: older version are not reused.
LOADER_VERSION = "6"

XLSX_SUFFIXES = {".xlsx", ".xlsm"}
ARCHIVE_SUFFIXES = {".gz", ".gzip", ".zip", ".warc", ".arc"}
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | set(DELIMITED_SUFFIXES) | JSON_SUFFIXES | JSONL_SUFFIXES
    | XLSX_SUFFIXES | ARCHIVE_SUFFIXES
)
MULTI_SUFFIXES = set(DELIMITED_SUFFIXES) | JSON_SUFFIXES | JSONL_SUFFIXES | XLSX_SUFFIXES


def _load_file(path: Path, display: str, outlet: str | None, default_outlet: str,
               columns: dict[str, str] | None, use_cache: bool | str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if path.is_symlink() and path.is_dir():
        return skipped_file(display, "symbolic link to a folder: not followed (it could loop); load its target directly")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return skipped_file(display, f"unsupported file type {path.suffix or '(no extension)'!r}; "
                                     f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    try:
        mode = path.stat().st_mode  # follows links: a link to a pipe or a device is no regular file either
        if not stat.S_ISREG(mode):
            kind = ("named pipe" if stat.S_ISFIFO(mode) else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                    else "socket" if stat.S_ISSOCK(mode) else "special file")
            return skipped_file(display, f"not a regular file ({kind}{', via a link' if path.is_symlink() else ''}): "
                                         "not read")
        data = path.read_bytes()
    except OSError as exc:
        return skipped_file(display, f"cannot read file: {exc.strerror or exc}")
    key = cache.content_key(LOADER_VERSION, data, display, outlet or "", default_outlet,
                            json.dumps(columns or {}, sort_keys=True))

    def parse() -> tuple[pd.DataFrame, pd.DataFrame]:
        load_model_in_background()  # read while the file is parsed: its articles' languages are found after
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
        return skipped_file(display, f"unsupported file type {suffix or '(no extension)'!r}; "
                                     f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if suffix in XLSX_SUFFIXES:
        return _parse_xlsx(data, display, outlet, default_outlet, columns)
    try:
        text, encoding = decode_bytes(data, allow_nul=suffix in MULTI_SUFFIXES)
    except Skip as skip:
        return skipped_file(display, str(skip))
    try:
        items = read_items(text, Path(name))
    except Skip as skip:
        return skipped_file(display, str(skip), encoding)
    except (RecursionError, ValueError, TypeError, LookupError) as exc:  # a parser's limit, not ours
        return skipped_file(display, f"could not be parsed ({type(exc).__name__}: {str(exc)[:120]})", encoding)
    if not items:
        return skipped_file(display, "no article rows in file", encoding)
    for item in items:
        if isinstance(item, Item):
            item.notes.extend(notes)
    return build_tables(items, display, outlet, default_outlet, columns, encoding)


#: Archives inside archives are opened this many levels deep, no deeper.
MAX_ARCHIVE_DEPTH = 3


def _parse_archive(data: bytes, name: str, display: str, outlet: str | None, default_outlet: str,
                   columns: dict[str, str] | None, depth: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every member of a gzip or zip file, each loaded as a file of its own (``archive.zip::member``)."""
    if depth >= MAX_ARCHIVE_DEPTH:
        return skipped_file(display, f"archive nested more than {MAX_ARCHIVE_DEPTH} deep: not opened")
    frames = []
    for member in archives.archive_members(name, data):
        where = f"{display}::{member.name}" if member.name and archives.container_kind(name) == "zip" else display
        if member.data is None:
            frames.append(skipped_file(where, member.reason or "not read"))
            continue
        parts = Path(member.name).parts
        member_outlet = (parts[0] if len(parts) > 1 else Path(member.name).stem
                         if Path(member.name).suffix.lower() in MULTI_SUFFIXES else default_outlet)
        frames.append(_parse_bytes(member.data, member.name, where, outlet, member_outlet, columns, depth + 1))
    if not frames:
        return skipped_file(display, "archive holds no files")
    return concat_tables(frames)


def _parse_xlsx(data: bytes, display: str, outlet: str | None, default_outlet: str,
                columns: dict[str, str] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every sheet of a workbook (``book.xlsx::Sheet``), one article per data row."""
    sheets: dict[str, list[Item | Skip]] = {}
    try:
        for sheet, row, fields in formats.xlsx_rows(data):
            items = sheets.setdefault(sheet, [])
            if isinstance(fields, str):
                items.append(Skip(fields))
            else:
                items.append(Item(row, fields))
    except ValueError as exc:
        return skipped_file(display, str(exc))
    if not sheets:
        return skipped_file(display, "workbook has no sheets")
    return concat_tables([build_tables(items, f"{display}::{sheet}", outlet, default_outlet, columns, "xlsx", unit="row")
                          for sheet, items in sheets.items()])


def _parse_warc(data: bytes, display: str, outlet: str | None, default_outlet: str,
                columns: dict[str, str] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every record of a WARC file: saved HTML pages become articles (``source_line`` = record number)."""
    items: list[Item | Skip] = []
    encodings: list[str | None] = []
    for record in archives.warc_records(data):
        encoding = None
        try:
            if record.data is None:
                raise Skip(record.reason or "not a page")
            text, encoding = decode_bytes(record.data)
            item = read_page(text, Path("page.html"))[0]
            item.line = record.number
            if record.url:
                item.fields["url"] = record.url
            items.append(item)
        except Skip as skip:
            where = f" ({record.url})" if record.url else ""
            items.append(Skip(f"record {record.number}{where}: {skip}"))
        encodings.append(encoding)
    if not items:
        return skipped_file(display, "WARC file holds no records")
    articles, report = build_tables(items, display, outlet, default_outlet, columns, "", unit="record")
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
    :data:`analysis.article_table.COLUMN_ALIASES`); map others with ``columns={"their_name": "text"}``.

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
        The article table (columns :data:`analysis.article_table.ARTICLE_COLUMNS` plus any other input columns),
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
    articles = article_frame(pd.concat(article_frames, ignore_index=True) if article_frames else [])
    report = (pd.concat(report_frames, ignore_index=True) if report_frames
              else report_frame(pd.DataFrame(columns=REPORT_COLUMNS)))
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
    # column by column: a boolean mask filters an Arrow string column in one pass, where ``.loc`` takes row by row
    keep = ~repeated.to_numpy()
    return pd.DataFrame({column: articles[column].array[keep] for column in articles.columns}), report


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

