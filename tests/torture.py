"""Torture corpus: writes, on the fly, a folder of bad and odd inputs with the number of items each holds.

``write_torture_corpus(folder)`` returns ``{relative path: expected number of input items}``: the
number of report rows the loader must give for that file (1 for a single-article file or a file
that cannot be read at all; the number of rows/lines/objects for a multi-article file).
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

BODY = ("Officials said the shelling of Kharkiv continued overnight. The regional governor reported damage "
        "to residential buildings and a school. Residents spent the night in metro stations.")
RU_BODY = ("Официальные лица заявили, что обстрел Харькова продолжался всю ночь. Губернатор сообщил о "
           "повреждениях жилых домов и школы.")
WEST_BODY = ("The café owner in Zürich said the “ceasefire” had failed – again. Prices rose by 5 € and "
             "naïve hopes faded.")


def _w(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def write_torture_corpus(folder: Path, *, big_mb: int = 50, tiny: int = 100_000) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    items: dict[str, int] = {}

    def add(name: str, data: bytes | str, n_items: int = 1) -> None:
        _w(folder, name, data)
        items[name] = n_items

    story = f"Shelling of Kharkiv continues\n\n{BODY}\n"
    # --- empty, white space, binary, broken encodings
    add("empty.txt", b"")
    add("whitespace.txt", b"   \n\t\n  \r\n")
    add("binary_with_txt_extension.txt", bytes(range(256)) * 64)
    add("png_renamed.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 20)
    add("nul_in_middle.txt", ("Headline\n\n" + BODY).encode() + b"\x00\x00\x00" + BODY.encode())
    add("truncated_utf8.txt", ("Truncated story\n\n" + RU_BODY).encode("utf-8")[:-1])
    add("utf16_bom.txt", codecs.BOM_UTF16_LE + story.encode("utf-16-le"))
    add("utf16_no_bom.txt", story.replace("Kharkiv", "Kyiv").encode("utf-16-le"))
    add("utf16_be_bom.txt", codecs.BOM_UTF16_BE + story.replace("Kharkiv", "Odesa").encode("utf-16-be"))
    add("utf8_bom.txt", codecs.BOM_UTF8 + story.replace("Kharkiv", "Lviv").encode())
    add("only_bom.txt", codecs.BOM_UTF8 + b"  \n")
    add("cp1251_russian.txt", ("Обстрел Харькова\n\n" + RU_BODY + "\n").encode("cp1251"))
    add("cp1252_western.txt", ("Café talks fail\n\n" + WEST_BODY + "\n").encode("cp1252"))
    add("mixed_line_endings.txt", "Mixed endings\r\n\r\nFirst paragraph here is text.\n\nSecond one.\r"
                                  "\rThird paragraph, old Mac style.\r\n")
    add("zero_width_and_rtl.txt", "Zero\u200bwidth head\u200dline\n\nThe word Kh\u200barkiv is split by a "
                                  "zero-width space. \u202eRight-to-left override text\u202c and Arabic "
                                  "\u0645\u0631\u062d\u0628\u0627 appear.\n")
    add("only_scrape_noise.txt", "Headline only\n\nRelated content\nAnother headline\n")
    add("very_long_line.txt", "Long line\n\n" + ("word " * 200_000).strip() + ".\n")
    # --- big inputs
    paragraphs = (f"Paragraph {i}. {BODY}\n\n" for i in range(big_mb * 1024 * 1024 // (len(BODY) + 20)))
    add("big_single_article.txt", "A very long article\n\n" + "".join(paragraphs))
    lines = [json.dumps({"title": f"Tiny {i}", "text": f"Tiny article number {i} says troops moved."})
             for i in range(tiny)]
    add("tiny_articles.jsonl", "\n".join(lines) + "\n", tiny)
    # --- CSV oddities
    add("csv_embedded_newlines.csv", 'title,text,date\n"Two lines","First line of body.\nSecond line of body, '
                                     'with a comma.",2022-03-01\n"Quote ""inside""","He said ""no"" twice.",'
                                     '2022-03-02\n', 2)
    add("csv_missing_text_column.csv", "title,date,url\nNo body,2022-03-01,https://example.org/x\n"
                                       "Still none,2022-03-02,https://example.org/y\n", 2)
    add("csv_duplicate_headers.csv", "title,text,text,date\nDup header,Body from the first text column.,"
                                     "Second text column.,2022-03-03\n", 1)
    add("csv_extra_columns.csv", "title,text,date,mood,score,extra\nExtra columns,A body with extra columns "
                                 "around it.,2022-03-04,calm,7,x\n", 1)
    add("csv_semicolons.csv", "title;text;date\nSemicolons;A body, with commas, in a semicolon file.;"
                              "04.03.2022\nSecond;Another body here.;2022-03-05\n", 2)
    add("csv_ragged_rows.csv", "title,text,date\nGood row,Body of the good row.,2022-03-01\nBad row,Body,"
                               "2022-03-01,unexpected,fields\nShort row,Body of the short row.\n", 3)
    add("csv_header_only.csv", "title,text,date\n")
    add("csv_cp1252.csv", ("title,text\nCafé,\"" + WEST_BODY + "\"\n").encode("cp1252"), 1)
    add("tsv_export.tsv", "headline\tbody\tpublish_date\tmedia_name\nTSV story\tA body in a tab separated "
                          "file.\t2022-03-06T10:00:00+03:00\tWire\n", 1)
    add("html_entities_in_headline.csv", "title,text\nAT&amp;T &quot;deal&quot; &#8211; talks &lt;end&gt;,"
                                         "Body with an entity &amp; more text here.\n", 1)
    dates = ["2022-03-01T12:00:00Z", "2022-03-01 12:00:00+02:00", "1 March 2022 12:00 EST", "March 1, 2022",
             "01/03/2022", "Tue, 01 Mar 2022 12:00:00 GMT", "1646136000", "2022-02-30", "2022-13-45",
             "yesterday afternoon", "0000-00-00", ""]
    rows = ["title,text,date"] + [f'Date {i},"{BODY} Variant {i}.","{d}"' for i, d in enumerate(dates)]
    add("csv_many_dates.csv", "\n".join(rows) + "\n", len(dates))
    # --- JSON oddities
    add("json_object_not_list.json", json.dumps({"title": "Single object", "text": BODY}), 1)
    add("json_object_without_text.json", json.dumps({"title": "No text", "url": "https://example.org"}), 1)
    add("json_nested_articles.json", json.dumps({"meta": {"n": 2}, "articles": [
        {"headline": "Nested one", "body": BODY + " One."}, {"headline": "Nested two", "body": BODY + " Two."}]}), 2)
    add("json_list_with_non_objects.json", json.dumps([{"title": "Ok", "text": BODY + " Ok."}, 42, "text",
                                                       None]), 4)
    add("json_broken.json", '[{"title": "Broken", "text": "no end"')
    add("json_empty_list.json", "[]")
    add("json_scalar.json", "42")
    jl = [json.dumps({"title": "Before", "text": BODY + " Before."}), '{"title": "Broken", "text": ',
          json.dumps(["a", "list"]), "", json.dumps({"title": "After", "text": BODY + " After."})]
    add("jsonl_broken_middle.jsonl", "\n".join(jl) + "\n", 4)
    # --- HTML
    add("html_only_scripts_nav.html", "<html><head><title>Nav</title><script>var a=1;</script></head><body>"
                                      "<nav><a href='/'>Home</a> | <a href='/w'>World</a></nav><script>track()"
                                      "</script><footer>© Example</footer></body></html>")
    add("html_xss_payloads.html",
        "<html><head><title>XSS &amp; friends</title><meta property='og:site_name' content='Evil &lt;b&gt;Site'>"
        "</head><body><article><h1>Payload story</h1><p>" + BODY + " &lt;script&gt;alert(1)&lt;/script&gt; and "
        "&lt;img src=x onerror=alert(1)&gt; written as text.</p><p>" + BODY + "</p><script>alert(2)</script>"
        "<img src=x onerror=alert(3)></article></body></html>")
    add("html_with_entities.htm", "<html><head><title>Caf&eacute; &ndash; &quot;talks&quot;</title></head><body>"
                                  "<article><p>" + BODY + " Caf&eacute; owners &amp; staff.</p><p>" + BODY +
                                  "</p></article></body></html>")
    add("html_in_txt.txt", "<!DOCTYPE html><html><head><title>HTML saved as txt</title></head><body><article>"
                           "<p>" + BODY + "</p><p>" + BODY + "</p></article></body></html>")
    # --- duplicates and near-duplicates
    add("dup/original.txt", story)
    add("dup/exact_copy.txt", story)
    add("dup/near_duplicate.txt", story.replace("overnight", "through the night"))
    # --- unsupported, links, permissions
    add("report.pdf", b"%PDF-1.4\n%binary")
    add("no_extension", "Some text without an extension.")
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    items["loop_a.txt"] = items["loop_b.txt"] = 1
    os.symlink("utf8_bom.txt", folder / "link_to_file.txt")
    items["link_to_file.txt"] = 1
    (folder / "subdir").mkdir()
    _w(folder, "subdir/inner.txt", story.replace("Kharkiv", "Sumy"))
    items["subdir/inner.txt"] = 1
    os.symlink("subdir", folder / "link_to_dir")
    items["link_to_dir"] = 1
    locked = _w(folder, "no_read_permission.txt", story.replace("Kharkiv", "Dnipro"))
    locked.chmod(0)
    items["no_read_permission.txt"] = 1
    _add_hostile_items(folder, add, items)
    return items


#: Relative names (as the load report shows them) of torture files whose real names are not valid UTF-8.
ESCAPED_NAMES = {"caf\\xe9_latin1_name.txt": b"caf\xe9_latin1_name.txt",
                 "outlet_\\xff\\xfe/story.txt": b"outlet_\xff\xfe/story.txt"}


def _add_hostile_items(folder: Path, add, items: dict[str, int]) -> None:
    """Issue 14, point 4: items that once stopped a whole run; each must be reported alone."""
    story = f"Shelling of Kharkiv continues\n\n{BODY}\n"
    # file and folder names that are not valid UTF-8 (Latin-1 bytes, stray bytes)
    for shown, raw in ESCAPED_NAMES.items():
        path = folder / os.fsdecode(raw)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(story.replace("Kharkiv", "Kherson" if "caf" in shown else "Mariupol"), encoding="utf-8")
        items[shown] = 1
    # JSON nested deeper than the parser allows: the whole file, and one line of a JSON Lines file
    add("json_too_deep.json", "[" * 100_000 + "]" * 100_000, 1)
    add("jsonl_too_deep_line.jsonl", "\n".join([json.dumps({"title": "Shallow one", "text": BODY + " One."}),
                                                '{"title": "Deep", "text": ' + "[" * 50_000 + "]" * 50_000 + "}",
                                                json.dumps({"title": "Shallow two", "text": BODY + " Two."})]) + "\n", 3)
    # dates out of range, numbers that are no dates, epoch seconds and milliseconds
    dates = ["9999-12-31", "1 March 12022", "0001-01-01", "-1", "13", "1646136000000", "1646136000", "99999999999"]
    rows = ["title,text,date"] + [f'Range {i},"{BODY} Range {i}.","{d}"' for i, d in enumerate(dates)]
    add("csv_dates_out_of_range.csv", "\n".join(rows) + "\n", len(dates))
    mongo = [{"title": "Mongo ISO", "text": BODY + " ISO.", "date": {"$date": "2022-03-01T12:00:00Z"}},
             {"title": "Mongo long", "text": BODY + " Long.", "date": {"$date": {"$numberLong": "1646136000000"}}},
             {"title": "Mongo number", "text": BODY + " Number.", "date": {"$date": 1646136000000}}]
    add("json_mongo_dates.jsonl", "\n".join(json.dumps(m) for m in mongo) + "\n", 3)
    # one CSV row with NUL bytes; an unclosed quote in the middle and at the end of a CSV
    add("csv_nul_row.csv", (b"title,text\nFirst,Body of the first row.\nNul,Body with \x00\x00 inside.\n"
                            b"Third,Body of the third row.\n"), 3)
    add("csv_unclosed_quote.csv", 'title,text,date\nGood,"Body one.",2022-03-01\nBroken,"Body with unclosed '
                                  'quote,2022-03-02\nAfter,"Body after.",2022-03-03\nLast,"Last body.",2022-03-04\n', 4)
    add("csv_unclosed_quote_at_end.csv", 'title,text\nGood,Body of the good row.\nOpen,"Body that never ends\n'
                                         'More,text after it\n', 3)
    # a raw U+2028 / U+2029 inside a JSON string is valid JSON
    add("jsonl_u2028.jsonl", '{"title": "Line separator", "text": "' + BODY + ' One\u2028two\u2029three."}\n'
                             + json.dumps({"title": "Next line", "text": BODY + " Next."}) + "\n", 2)
    # a lone surrogate escape: valid JSON, not storable text
    add("json_lone_surrogate.json", '[{"title": "Surrogate", "text": "' + BODY + ' Broken emoji \\ud83d here."}]', 1)
    # HTML nested deeper than the parser allows (libxml2: 256 levels)
    add("html_too_deep.html", "<html><head><title>Deep page</title></head><body><article><p>" + BODY + "</p>"
                              + "<div>" * 3000 + "<p>Deep paragraph about Kharkiv.</p>" + "</div>" * 3000
                              + "</article></body></html>", 1)
    # named pipes, devices and links to them
    os.mkfifo(folder / "named_pipe.txt")
    items["named_pipe.txt"] = 1
    os.symlink("named_pipe.txt", folder / "link_to_pipe.txt")
    items["link_to_pipe.txt"] = 1
    os.symlink("/dev/zero", folder / "link_to_device.txt")
    items["link_to_device.txt"] = 1
