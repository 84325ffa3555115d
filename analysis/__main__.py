"""Command line: ``python -m analysis --help``."""

from __future__ import annotations

import argparse
import sys

from .report import ReportError, build_report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Framing Lab: how news media cover a story. Runs offline on your own article files.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report", help="run every notebook on an article set and write one HTML report",
        description="Execute the numbered notebooks on ARTICLES (a file or a folder of .txt, .html, .csv, .tsv, "
                    ".json, .jsonl files) and write OUT/report.html (self-contained: figures embedded, article "
                    "text escaped), OUT/notebooks/*.ipynb (executed) and OUT/load_report.csv. "
                    "Exit codes: 0 done, 2 bad arguments, 3 nothing to analyse (missing path or no article "
                    "loads), 4 a notebook failed.")
    report.add_argument("articles", help="article file or folder")
    report.add_argument("-o", "--out", default="report", help="output folder (default: ./report)")
    report.add_argument("--by", default="outlet", help="column to compare groups by (default: outlet)")
    report.add_argument("--lexicon", help="your own loaded-terms lexicon file (CSV), added to the shipped one")
    report.add_argument("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://host:8786")
    report.add_argument("--no-cache", action="store_true", help="run everything again even if unchanged")
    report.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "report":
        try:
            result = build_report(args.articles, args.out, by=args.by, lexicon=args.lexicon,
                                  scheduler=args.scheduler, use_cache=not args.no_cache, progress=not args.quiet)
        except ReportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 4 if "failed in cell" in str(exc) or "could not be run" in str(exc) else 3
        skipped = int((result.report["status"] != "loaded").sum())
        print(f"{result.articles} articles ({skipped} input items skipped or duplicate, see the Load report); "
              f"report: {result.html} ({result.seconds:.1f} s{', unchanged set: from cache' if result.cached else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
