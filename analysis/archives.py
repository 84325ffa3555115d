"""Containers of article files: gzip files, zip archives and WARC web archives.

Each container is opened in memory and yields its members one by one, so that the loader can
treat every member as an input item of its own: a member that cannot be read becomes a
:class:`Member` with a ``reason`` instead of ``data``, never an exception. See
:func:`container_kind`, :func:`archive_members` and :func:`warc_records`.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

__all__ = ["Member", "WarcRecord", "container_kind", "archive_members", "warc_records", "MAX_MEMBER_BYTES"]

#: Largest member (uncompressed) read from a gzip or zip file; bigger ones are reported, not read.
MAX_MEMBER_BYTES = 1 << 30

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass
class Member:
    """One member of a container: its name inside it, and its bytes or the reason it was not read."""

    name: str
    data: bytes | None = None
    reason: str | None = None


@dataclass
class WarcRecord:
    """One WARC record: its number (1-based), target URL, HTTP content type, and page bytes or a reason."""

    number: int
    url: str | None
    content_type: str
    data: bytes | None = None
    reason: str | None = None


def container_kind(name: str) -> str | None:
    """``"warc"``, ``"gzip"`` or ``"zip"`` for a container file name, else ``None``.

    >>> container_kind("crawl.warc.gz"), container_kind("set.csv.gz"), container_kind("set.zip"), container_kind("a.txt")
    ('warc', 'gzip', 'zip', None)
    """
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return "warc"
    if lower.endswith((".gz", ".gzip")):
        return "gzip"
    if lower.endswith(".zip"):
        return "zip"
    return None


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress every gzip member of ``data``; raises ``ValueError`` past ``limit`` bytes or on bad data."""
    out = io.BytesIO()
    stream = zlib.decompressobj(wbits=31)
    rest = data
    while rest:
        chunk = stream.decompress(rest, limit + 1 - out.tell())
        out.write(chunk)
        if out.tell() > limit:
            raise ValueError(f"larger than {limit // 2**20} MB uncompressed")
        if stream.unconsumed_tail:
            rest = stream.unconsumed_tail
            continue
        if not stream.eof:
            raise ValueError("truncated gzip data")
        rest = stream.unused_data.lstrip(b"\x00")
        stream = zlib.decompressobj(wbits=31)
    return out.getvalue()


def _gzip_problem(data: bytes) -> str | None:
    """Why gzip ``data`` cannot be read to its end (truncated, corrupt), or ``None`` when it can."""
    rest = data
    try:
        while rest:
            stream = zlib.decompressobj(wbits=31)
            while True:
                stream.decompress(rest, 1 << 20)
                rest = stream.unconsumed_tail
                if not rest:
                    break
            if not stream.eof:
                return "truncated gzip data"
            rest = stream.unused_data.lstrip(b"\x00")
    except zlib.error as exc:
        return f"corrupt gzip data ({exc})"
    return None


def archive_members(name: str, data: bytes, *, limit: int = MAX_MEMBER_BYTES) -> Iterator[Member]:
    """The members of a gzip file (one, named without ``.gz``) or a zip archive (every file in it).

    Folders inside a zip are not members; encrypted, oversized or corrupt members come with a reason.

    >>> import gzip
    >>> [(m.name, m.data) for m in archive_members("notes.txt.gz", gzip.compress(b"Hello"))]
    [('notes.txt', b'Hello')]
    """
    kind = container_kind(name)
    if kind == "gzip":
        inner = name[: name.lower().rfind(".gz")]
        if not data.startswith(_GZIP_MAGIC):
            yield Member(inner, reason="not gzip data (the file does not start with the gzip signature)")
            return
        try:
            yield Member(inner, data=_gunzip(data, limit))
        except (ValueError, zlib.error, EOFError) as exc:
            yield Member(inner, reason=f"gzip file could not be decompressed: {exc}")
        return
    if kind != "zip":
        raise ValueError(f"not a gzip or zip file name: {name!r}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Member("", reason=f"zip archive could not be opened: {exc}")
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            member = str(PurePosixPath(info.filename))
            if info.flag_bits & 0x1:
                yield Member(member, reason="encrypted zip member (a password is needed): not read")
            elif info.file_size > limit:
                yield Member(member, reason=f"zip member of {info.file_size / 2**20:.0f} MB is larger than "
                                            f"{limit // 2**20} MB: not read")
            else:
                try:
                    with archive.open(info) as handle:
                        yield Member(member, data=handle.read(limit + 1))
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error) as exc:
                    yield Member(member, reason=f"zip member could not be read: {exc}")


_PAGE_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")


def warc_records(data: bytes) -> Iterator[WarcRecord]:
    """Every record of a WARC (or ARC) file, plain or gzipped, as crawlers save them (``warcio``).

    ``response`` and ``resource`` records holding an HTML page come with the page's bytes (HTTP
    headers removed, transfer and content encodings undone); every other record comes with a
    reason (a request, metadata, an image, a redirect...). A damaged file ends with one record
    saying where reading stopped.

    >>> list(warc_records(b""))
    []
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    damaged = _gzip_problem(data) if data.startswith(_GZIP_MAGIC) else None
    try:
        records = ArchiveIterator(io.BytesIO(data), arc2warc=True)
        for record in records:
            number += 1
            kind = record.rec_type
            url = record.rec_headers.get_header("WARC-Target-URI")
            content_type = ""
            if record.http_headers is not None:
                content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            elif kind == "resource":
                content_type = (record.rec_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if kind not in ("response", "resource"):
                yield WarcRecord(number, url, content_type, reason=f"WARC {kind} record, not a saved page")
                continue
            status = record.http_headers.get_statuscode() if record.http_headers is not None else "200"
            if status and not status.startswith("2"):
                yield WarcRecord(number, url, content_type, reason=f"HTTP status {status} response, not a page")
                continue
            if content_type and not content_type.startswith(_PAGE_TYPES):
                yield WarcRecord(number, url, content_type, reason=f"{content_type} response, not an HTML page")
                continue
            try:
                body = record.content_stream().read()
            except (OSError, ValueError, EOFError, zlib.error) as exc:
                yield WarcRecord(number, url, content_type, reason=f"page content could not be read: {exc}")
                continue
            yield WarcRecord(number, url, content_type or "text/html", data=body)
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error, gzip.BadGzipFile, AttributeError) as exc:
        # warcio stops with an AttributeError on some truncated plain WARC files
        yield WarcRecord(number + 1, None, "", reason=f"WARC file unreadable from here on: {exc or type(exc).__name__}")
        return
    if damaged:
        yield WarcRecord(number + 1, None, "", reason=f"WARC file unreadable from here on: {damaged}")
