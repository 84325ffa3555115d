"""HTML extraction benchmark: the loader against trafilatura's defaults on real saved pages.

Scores both on ``../shared/data/realworld-dev/`` (358 real pages kept by the trafilatura project,
with the segments, titles, dates and authors its maintainers expect; see that folder's SOURCE.md):

- segments: every expected segment found in the body is a true positive, every one missing a false
  negative, every unwanted segment (navigation, comments, related links) found a false positive;
  precision, recall and F1 over all pages;
- title: exact (after the loader's normalisation, with the page's ``title_mode`` and alternatives)
  and normalised (case, punctuation and white space ignored);
- date: the same day as expected (the page's local date);
- author: the same set of names (case, white space and separators ignored);
- pages with no text, and seconds per page (each page is timed for both in turn, so a busy machine
  slows both alike).

Both see only the saved bytes, never the page's URL. trafilatura runs with its defaults plus
``with_metadata=True`` (without it, it reads no title, date or author). The loader is
``decode_bytes`` then ``extract_page``, what ``load_articles`` does with an HTML file.

Run: ``python benchmarks/extraction.py [--pages FOLDER] [--show-misses METRIC]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
import unicodedata
import warnings
from datetime import date
from pathlib import Path

from analysis.clean import normalize_text
from analysis.decoding import decode_bytes
from analysis.webpage import extract_page

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "realworld-dev"


def _flat(text: str | None) -> str:
    return re.sub(r"\s+", " ", normalize_text(text or "")).strip()


def _loose(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", _flat(text).casefold())
    return re.sub(r"[\W_]+", "", text)


def _names(author: str | None) -> set[str]:
    parts = re.split(r"\s*(?:;|,|/|&|\band\b|\bund\b|\bet\b)\s*", _flat(author).casefold())
    return {re.sub(r"[\W_]+", "", p) for p in parts if re.sub(r"[\W_]+", "", p)}


def _day(value) -> date | None:
    """The local calendar day of a date string or timestamp (no conversion to UTC)."""
    if value is None or value == "":
        return None
    if hasattr(value, "date"):
        return value.date()
    from dateutil import parser

    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        return date(*map(int, match.groups()))
    try:
        return parser.parse(text).date()
    except (ValueError, OverflowError):
        return None


def _title_ok(found: str, page: dict, loose: bool) -> bool:
    norm = _loose if loose else _flat
    got = norm(found)
    if not got:
        return False
    mode = page.get("title_mode") or "exact"
    for want in [page["title"], *page.get("title_alts", [])]:
        want = norm(want)
        if (mode == "exact" and got == want) or (mode == "contains" and want in got) or \
                (mode == "startswith" and got.startswith(want)) or (mode == "endswith" and got.endswith(want)):
            return True
    return False


def _loader(data: bytes) -> dict:
    try:
        text, _ = decode_bytes(data)
        page = extract_page(text)
    except Exception:  # noqa: BLE001 - a page the loader skips scores as empty
        return {"text": "", "title": "", "date": None, "author": None}
    return {"text": page.text, "title": page.title, "date": page.published, "author": page.author}


def _trafilatura(data: bytes) -> dict:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True)
    except Exception:  # noqa: BLE001
        doc = None
    if doc is None:
        return {"text": "", "title": "", "date": None, "author": None}
    return {"text": doc.text or "", "title": doc.title or "", "date": doc.date, "author": doc.author}


EXTRACTORS = {"loader": _loader, "trafilatura": _trafilatura}


def score(folder: Path, show: str | None = None, limit: int | None = None) -> dict[str, dict]:
    """Run both extractors on every page and return their metrics by name."""
    pages = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["pages"]
    if limit:
        pages = pages[:: max(len(pages) // limit, 1)][:limit]  # evenly spread over the set
    totals = {name: {"tp": 0, "fn": 0, "fp": 0, "title": 0, "title_loose": 0, "date": 0, "author": 0,
                     "empty": 0, "seconds": 0.0} for name in EXTRACTORS}
    misses: list[str] = []
    warnings.simplefilter("ignore")
    for page in pages:
        data = gzip.decompress((folder / "pages" / f"{page['file']}.gz").read_bytes())
        for name, extractor in EXTRACTORS.items():
            start = time.perf_counter()
            result = extractor(data)
            seconds = time.perf_counter() - start
            t = totals[name]
            t["seconds"] += seconds
            body = _flat(result["text"])
            t["empty"] += not body
            found = [_flat(s) in body for s in page["with"]]
            t["tp"] += sum(found)
            t["fn"] += len(found) - sum(found)
            t["fp"] += sum(_flat(s) in body for s in page["without"])
            ok = {}
            if "title" in page:
                ok["title"] = _title_ok(result["title"], page, loose=False)
                ok["title_loose"] = _title_ok(result["title"], page, loose=True)
            if "date" in page:
                want = {date.fromisoformat(d) for d in [page["date"], *page.get("date_alts", [])]}
                ok["date"] = _day(result["date"]) in want
            if "author" in page:
                ok["author"] = _names(result["author"]) == _names(page["author"])
            for key, value in ok.items():
                t[key] += value
            if show and name == "loader":
                bad = (show == "segments" and not all(found)) or (show == "empty" and not body) or \
                      (show in ok and not ok[show])
                if bad:
                    other = EXTRACTORS["trafilatura"](data)
                    misses.append(f"{page['file']}: want {page.get(show.replace('_loose', ''), '')!r} "
                                  f"loader {result.get(show.replace('_loose', ''), '')!r} "
                                  f"trafilatura {other.get(show.replace('_loose', ''), '')!r}"
                                  if show not in ("segments", "empty") else
                                  f"{page['file']}: missing {[s for s, f in zip(page['with'], found, strict=True) if not f]}")
    counts = {"pages": len(pages), "title": sum("title" in p for p in pages),
              "date": sum("date" in p for p in pages), "author": sum("author" in p for p in pages)}
    results = {}
    for name, t in totals.items():
        precision = t["tp"] / max(t["tp"] + t["fp"], 1)
        recall = t["tp"] / max(t["tp"] + t["fn"], 1)
        results[name] = {
            "segments precision": precision, "segments recall": recall,
            "segments F1": 2 * precision * recall / max(precision + recall, 1e-12),
            "title exact": t["title"] / max(counts["title"], 1),
            "title normalised": t["title_loose"] / max(counts["title"], 1),
            "date same day": t["date"] / max(counts["date"], 1), "author": t["author"] / max(counts["author"], 1),
            "pages with no text": t["empty"], "ms per page": 1000 * t["seconds"] / counts["pages"],
        }
    if show:
        print("\n".join(misses))
    print(f"{counts['pages']} pages ({counts['title']} with a title, {counts['date']} with a date, "
          f"{counts['author']} with an author)")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT, help="folder with expected.json and pages/")
    parser.add_argument("--show-misses", default=None, help="list the loader's misses for one metric "
                        "(segments, empty, title, title_loose, date, author)")
    parser.add_argument("--limit", type=int, default=None, help="score only N pages, evenly spread over the set")
    args = parser.parse_args()
    results = score(args.pages, args.show_misses, args.limit)
    loader, traf = results["loader"], results["trafilatura"]
    print(f"| {'metric':22} | {'loader':>8} | {'trafilatura':>11} | {'loader ≥':>8} |")
    print(f"|{'-' * 24}|{'-' * 10}:|{'-' * 13}:|{'-' * 10}|")
    for metric in loader:
        a, b = loader[metric], traf[metric]
        better = a <= b if metric in ("pages with no text", "ms per page") else a >= b
        shown = (f"{a:8.0f} | {b:11.0f}" if metric == "pages with no text" else
                 f"{a:8.1f} | {b:11.1f}" if metric == "ms per page" else f"{a:8.3f} | {b:11.3f}")
        mark = "yes" if better else "no"
        if metric == "ms per page":
            mark = f"{a / b:.2f}×"
        elif metric in ("segments precision", "segments recall"):
            mark = "(info)"
        print(f"| {metric:22} | {shown} | {mark:>8} |")


if __name__ == "__main__":
    main()
