"""Framing Lab: how news media cover a story, from article sets to tables and figures.

This module only re-exports the public functions; each lives in the module named for what it holds.
"""

from .clean import cleaning_diff, normalize_text
from .concordance import compile_pattern, kwic, subset_articles
from .frequencies import collocations, distinctive_terms, keyness, term_frequencies, term_over_time
from .load import ARTICLE_COLUMNS, REPORT_COLUMNS, load_articles, summarize_articles, summarize_report
from .plots import (
    plot_article_lengths,
    plot_articles_over_time,
    plot_dispersion,
    plot_keyness,
    plot_term_over_time,
    plot_top_terms,
)
from .tokens import english_only, sentence_table, split_sentences, token_table, tokenize

__all__ = [
    # load, clean
    "ARTICLE_COLUMNS", "REPORT_COLUMNS", "cleaning_diff", "load_articles", "normalize_text", "summarize_articles",
    "summarize_report",
    # tokens, concordance
    "compile_pattern", "english_only", "kwic", "sentence_table", "split_sentences", "subset_articles", "token_table",
    "tokenize",
    # frequencies
    "collocations", "distinctive_terms", "keyness", "term_frequencies", "term_over_time",
    # plots
    "plot_article_lengths", "plot_articles_over_time", "plot_dispersion", "plot_keyness", "plot_term_over_time",
    "plot_top_terms",
]
