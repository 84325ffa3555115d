"""Framing Lab: how news media cover a story, from article sets to tables and figures."""

from .clean import cleaning_diff, normalize_text
from .load import ARTICLE_COLUMNS, REPORT_COLUMNS, load_articles, summarize_articles, summarize_report
from .plots import plot_article_lengths, plot_articles_over_time

__all__ = [
    "ARTICLE_COLUMNS", "REPORT_COLUMNS", "cleaning_diff", "load_articles", "normalize_text",
    "plot_article_lengths", "plot_articles_over_time", "summarize_articles", "summarize_report",
]
