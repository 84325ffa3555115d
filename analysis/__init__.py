"""Framing Lab: how news media cover a story, from article sets to tables and figures.

This module only re-exports the public functions; each lives in the module named for what it holds.
"""

# loading and cleaning
from .clean import cleaning_diff, normalize_text
from .load import ARTICLE_COLUMNS, REPORT_COLUMNS, load_articles, summarize_articles, summarize_report

# figures
from .plots import plot_article_lengths, plot_articles_over_time

# sentences and tokens
from .tokens import english_only, sentence_table, split_sentences, token_table, tokenize

__all__ = [
    "ARTICLE_COLUMNS", "REPORT_COLUMNS", "cleaning_diff", "english_only", "load_articles", "normalize_text",
    "plot_article_lengths", "plot_articles_over_time", "sentence_table", "split_sentences", "summarize_articles",
    "summarize_report", "token_table", "tokenize",
]
