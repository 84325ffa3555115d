"""Command line: ``python -m analysis --help``."""

from __future__ import annotations

import argparse
import sys

from .options import ArgumentError, check_group_column
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
                    "Exit codes: 0 done, 2 bad arguments (checked before any notebook runs), 3 nothing to analyse "
                    "(missing path, no article loads, or none is in English; OUT/load_report.csv is still written), "
                    "4 a notebook failed.")
    report.add_argument("articles", help="article file or folder")
    report.add_argument("-o", "--out", default="report", help="output folder (default: ./report)")
    report.add_argument("--by", default="outlet", help="column to compare groups by (default: outlet)")
    report.add_argument("--lexicon", help="your own loaded-terms lexicon file (CSV), added to the shipped one")
    report.add_argument("--term", help="the term notebooks 02 and 06 follow (default: the set's most characteristic)")
    report.add_argument("--split-date", metavar="DATE",
                        help="compare the articles before and after DATE, e.g. 2024-05-01 (default: the median day)")
    report.add_argument("--actors", metavar="ACTORS.csv",
                        help="your own actor table (actor,alias,match,case_sensitive) for sentiment by actor "
                             "(default: the shipped actors the set names and its most cited sources)")
    report.add_argument("--naming", metavar="NAMING.csv",
                        help="your own naming lexicon ('concept: variant' categories), added to the shipped one")
    report.add_argument("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://host:8786")
    report.add_argument("--no-cache", action="store_true", help="run everything again even if unchanged")
    report.add_argument("--cell-timeout", type=float, default=3600, metavar="SECONDS",
                        help="time limit of each notebook cell (default: 3600; a cell over it stops the report, exit 4)")
    report.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    report.add_argument("--compare", metavar="OLD_SET",
                        help="an older article set: end the report with a 'What changed since OLD_SET' section")
    diff = commands.add_parser(
        "diff", help="what rose or fell between two article sets (e.g. last week and this week)",
        description="Compare OLD_SET and NEW_SET (files or folders, as for 'report'): per group, which words, loaded "
                    "terms, naming variants, sources and frames rose or fell (rate per 1,000 words, G2, the articles "
                    "responsible). Writes OUT/changes.csv (the table), OUT/changes.png and .svg (the figure) and "
                    "OUT/diff.html (self-contained page). Exit codes: 0 done, 2 bad arguments, 3 a set is missing "
                    "or has no article.")
    diff.add_argument("old", metavar="OLD_SET", help="the earlier article file or folder")
    diff.add_argument("new", metavar="NEW_SET", help="the later article file or folder")
    diff.add_argument("-o", "--out", default="diff", help="output folder (default: ./diff)")
    diff.add_argument("--by", default="outlet", help="column to compare groups by (default: outlet)")
    diff.add_argument("--min-count", type=int, default=3, help="least matches in both sets together (default: 3)")
    diff.add_argument("--top", type=int, default=20, help="changes per aspect shown on the page (default: 20)")
    diff.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    return parser


def _diff(args: argparse.Namespace) -> int:
    """``python -m analysis diff``: compare two sets, write the table, the figure and a page."""
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    from .diff import compare_runs, run_changes_section
    from .exports import save_figure
    from .html import notebook_page
    from .load import load_articles
    from .plots import plot_run_changes

    sets = []
    for name in (args.old, args.new):
        path = Path(name).expanduser().absolute()
        if not path.exists():
            print(f"error: {path}: no such file or folder", file=sys.stderr)
            return 3
        articles = load_articles(path, progress=not args.quiet)
        if articles.empty:
            print(f"error: {path}: no article could be loaded", file=sys.stderr)
            return 3
        try:
            check_group_column(articles, args.by)
        except ArgumentError as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 2
        sets.append((path, articles))
    (old_path, old), (new_path, new) = sets
    changes = compare_runs(old, new, by=args.by, min_count=args.min_count)
    out = Path(args.out).expanduser().absolute()
    save_figure(plot_run_changes(changes, by=args.by), changes, out, "changes")
    section = run_changes_section(changes, old_name=old_path.name, new_name=new_path.name, by=args.by, top=args.top)
    (out / "diff.html").write_text(notebook_page(section, f"Framing Lab: {old_path.name} → {new_path.name}"),
                                   encoding="utf-8")
    rose = int((changes["direction"] == "rose").sum())
    print(f"{len(old)} old and {len(new)} new articles: {rose} items rose, {len(changes) - rose} fell; "
          f"table {out / 'changes.csv'}, page {out / 'diff.html'}")
    return 0


def _stop_on_sigterm() -> None:
    """Make ``kill`` (SIGTERM) stop a report as Ctrl-C does, so its notebook kernels are shut down too."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "diff":
        return _diff(args)
    if args.command == "report":
        _stop_on_sigterm()
        try:
            # --lexicon FILE is added to the shipped lexicon, as its help says
            lexicon = ["loaded_terms", args.lexicon] if args.lexicon else None
            naming = ["naming", args.naming] if args.naming else None  # likewise added to the shipped one
            result = build_report(args.articles, args.out, by=args.by, lexicon=lexicon, scheduler=args.scheduler,
                                  cache="refresh" if args.no_cache else True, progress=not args.quiet,
                                  compare_with=args.compare, cell_timeout=args.cell_timeout, term=args.term,
                                  split_date=args.split_date, actors=args.actors, naming=naming)
        except ArgumentError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("interrupted: the report was not finished (nothing was stored in the cache)", file=sys.stderr)
            return 130
        except ReportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 4 if "failed in cell" in str(exc) or "could not be run" in str(exc) else 3
        skipped = int((result.report["status"] != "loaded").sum())
        print(f"{result.articles} articles ({skipped} input items skipped or duplicate, see the Load report); "
              f"report: {result.html} ({result.seconds:.1f} s{', unchanged set: from cache' if result.cached else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
