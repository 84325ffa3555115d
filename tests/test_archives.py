"""Containers of article files: gzip files, zip archives and WARC web archives; every member and record is reported."""

from __future__ import annotations

import gzip
import io
import zipfile

import pandas as pd
import pytest
from conftest import EXPORT_BODY as BODY
from conftest import EXPORT_PAGE as PAGE
from conftest import csv_bytes as _csv

from analysis import load_articles


def test_gzip_files_are_read_like_their_inner_file(tmp_path):
    rows = [{"title": "Night of shelling", "text": BODY, "date": "2022-03-01"},
            {"title": "Empty", "text": "", "date": "2022-03-02"}]
    (tmp_path / "wire.csv.gz").write_bytes(gzip.compress(_csv(rows)))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.format(body=BODY + " Page.").encode()))
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(b"Some text that is cut off")[:-12])
    (tmp_path / "fake.txt.gz").write_bytes(b"not gzip at all")
    articles, report = load_articles(tmp_path, return_report=True)
    assert _statuses(report) == {
        ("broken.txt.gz", None): "skipped", ("fake.txt.gz", None): "skipped",
        ("page.html.gz", None): "loaded", ("wire.csv.gz", 2): "loaded", ("wire.csv.gz", 3): "skipped",
    }
    assert "truncated" in report.set_index("source_path").loc[str((tmp_path / "broken.txt.gz").as_posix()), "reason"]
    assert sorted(articles.title) == ["Night of shelling", "Night of shelling"]
    assert set(articles.outlet) == {"wire", tmp_path.name}  # a CSV's outlet is its name, as for plain files




def _statuses(report: pd.DataFrame) -> dict:
    return {(path.split("/")[-1], None if pd.isna(line) else int(line)): status
            for path, line, status in zip(report.source_path, report.source_line, report.status, strict=True)}


def _zip(members: dict[str, bytes], **kwargs) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name.endswith("/"):
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, data)
    return out.getvalue()


def test_zip_members_are_items_of_their_own(tmp_path):
    inner = _zip({"deep.txt": f"Deep story\n\n{BODY} From the inner archive.".encode()})
    (tmp_path / "set.zip").write_bytes(_zip({
        "BBC/": b"",
        "BBC/one.html": PAGE.format(body=BODY).encode(),
        "TASS/two.txt": f"Strikes continue\n\n{BODY} Second.".encode(),
        "rows.csv": _csv([{"title": "Row story", "text": BODY + " Row.", "source": "Wire"},
                          {"title": "Row without text", "text": "", "source": "Wire"}]),
        "TASS/copy.txt": f"Strikes continue\n\n{BODY} Second.".encode(),
        "notes.pdf": b"%PDF-1.4",
        "empty.txt": b"",
        "inner.zip": inner,
    }))
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    articles, report = load_articles(tmp_path, return_report=True)
    by_path = {p.split("::", 1)[1] if "::" in p else p.rsplit("/", 1)[-1]: (s, r)
               for p, s, r in zip(report.source_path, report.status, report.reason, strict=True)
               if not p.endswith("rows.csv")}
    assert len(report) == 9  # 6 single files + 2 CSV rows + the broken archive; the folder entry is no item
    assert by_path["BBC/one.html"][0] == "loaded"
    assert by_path["TASS/two.txt"][0] == "loaded"
    assert by_path["TASS/copy.txt"][0] == "duplicate"
    assert by_path["notes.pdf"] == ("skipped", by_path["notes.pdf"][1])
    assert "unsupported file type '.pdf'" in by_path["notes.pdf"][1]
    assert by_path["empty.txt"] == ("skipped", "empty file")
    assert by_path["inner.zip::deep.txt"][0] == "loaded"
    assert by_path["bad.zip"][0] == "skipped" and "zip archive could not be opened" in by_path["bad.zip"][1]
    rows = report[report.source_path.str.endswith("set.zip::rows.csv")]
    assert rows.source_line.tolist() == [2, 3] and rows.status.tolist() == ["loaded", "skipped"]
    outlets = dict(zip(articles.title, articles.outlet, strict=True))
    assert outlets["Night of shelling"] == "BBC" and outlets["Strikes continue"] == "TASS"
    assert outlets["Row story"] == "Wire" and outlets["Deep story"] == tmp_path.name


def _warc(gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))

    def response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))

    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://example.org/a", "request", http_headers=request))
    response("https://example.org/a", PAGE.format(body=BODY).encode())
    response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
    response("https://example.org/gone", b"<html><body>Not found</body></html>", status="404 Not Found")
    response("https://example.org/app", b"<html><body><script>document.write('app')</script></body></html>")
    response("https://example.org/b", PAGE.format(body=BODY + " A second page.").replace(
        "Night of shelling", "Second night").encode("cp1251"), "text/html; charset=windows-1251")
    return out.getvalue()


@pytest.mark.parametrize("name, gzipped", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_records_are_each_reported(tmp_path, name, gzipped):
    (tmp_path / name).write_bytes(_warc(gzipped))
    articles, report = load_articles(tmp_path / name, return_report=True)
    assert report.source_line.tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert report.status.tolist() == ["skipped", "skipped", "loaded", "skipped", "skipped", "skipped", "loaded"]
    reasons = report.reason.tolist()
    assert reasons[0] == "record 1: WARC warcinfo record, not a saved page"
    assert reasons[1] == "record 2 (https://example.org/a): WARC request record, not a saved page"
    assert reasons[3] == "record 4 (https://example.org/logo.png): image/png response, not an HTML page"
    assert reasons[4] == "record 5 (https://example.org/gone): HTTP status 404 response, not a page"
    assert "no article text" in reasons[5]
    assert articles.url.tolist() == ["https://example.org/a", "https://example.org/b"]
    assert articles.title.tolist() == ["Night of shelling", "Second night"]


@pytest.mark.parametrize("name, gzipped", [("cut.warc", False), ("cut.warc.gz", True)])
def test_damaged_warc_says_where_reading_stopped(tmp_path, name, gzipped):
    data = _warc(gzipped)
    (tmp_path / name).write_bytes(data[: len(data) * 2 // 3])
    articles, report = load_articles(tmp_path, return_report=True)
    assert report.status.iloc[-1] == "skipped"
    assert "WARC file unreadable from here on" in report.reason.iloc[-1]
    if gzipped:
        assert report.reason.iloc[-1].endswith("truncated gzip data")
    assert (report.status == "loaded").sum() == len(articles) >= 1
