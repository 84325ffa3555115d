"""Framing Lab: how news media cover a story, from article sets to tables and figures.

This module only re-exports the public functions; each lives in the module named for what it holds.
"""

from .actors import actor_sentiment, find_actor_sentences, load_actors
from .agency import agency_summary, find_agency
from .article_table import ARTICLE_COLUMNS, REPORT_COLUMNS
from .clean import cleaning_diff, normalize_text
from .collocations import collocations
from .concordance import kwic, subset_articles
from .defaults import choose_actors, choose_category, choose_concept, choose_split_date, choose_term, choose_terms
from .diff import compare_runs
from .discover import discover_naming
from .display import add_readable_entry, show_table
from .explore import compare_outlets, explore_counts, explore_lines, highlight_article, highlight_spans
from .explorer import explore
from .exports import export_table, save_figure
from .frames import find_frame_cues, frame_shares
from .frequencies import compare_terms, distinctive_terms, keyness, term_frequencies, term_over_time
from .groups import add_group
from .lexicons import load_lexicon, shipped_lexicons
from .load import load_articles, summarize_articles, summarize_report
from .loaded_terms import find_loaded_terms, loaded_term_kwic, loaded_term_rates
from .models import score_loaded_language, score_news_tone, score_target_sentiment
from .naming import find_naming_variants, naming_contests
from .patterns import compile_pattern
from .people import actor_table, find_people, people_to_actors
from .pipeline import run_pipeline
from .plots import (
    plot_actor_sentiment,
    plot_agency,
    plot_article_lengths,
    plot_articles_over_time,
    plot_dispersion,
    plot_frame_shares,
    plot_keyness,
    plot_loaded_term_rates,
    plot_loaded_term_voice,
    plot_naming_contests,
    plot_outlet_comparison,
    plot_reporting_verbs,
    plot_run_changes,
    plot_sentiment_distribution,
    plot_sentiment_means,
    plot_term_over_time,
    plot_top_terms,
    plot_topic_shares,
)
from .proposals import naming_evidence, proposals_to_naming, save_naming
from .report import build_report
from .sentiment import score_sentiment, score_texts, summarize_sentiment
from .sources import attribution_summary, attributions
from .stories import compare_stories, group_stories
from .tokens import english_only, sentence_table, split_sentences, token_table, tokenize
from .topics import topics
from .voice import scare_quotes

__all__ = [
    # load, clean; the whole pipeline and the report
    "build_report", "export_table", "run_pipeline", "save_figure",
    "ARTICLE_COLUMNS", "REPORT_COLUMNS", "cleaning_diff", "load_articles", "normalize_text", "summarize_articles",
    "summarize_report",
    # defaults chosen from the set, tables for reading
    "choose_actors", "choose_category", "choose_concept", "choose_split_date", "choose_term", "choose_terms",
    "show_table", "add_group", "add_readable_entry",
    # tokens, concordance
    "compile_pattern", "english_only", "kwic", "sentence_table", "split_sentences", "subset_articles", "token_table",
    "tokenize",
    # frequencies
    "collocations", "compare_terms", "distinctive_terms", "keyness", "term_frequencies", "term_over_time",
    # plots
    "plot_article_lengths", "plot_articles_over_time", "plot_dispersion", "plot_keyness", "plot_term_over_time",
    "plot_top_terms", "plot_loaded_term_rates", "plot_loaded_term_voice",
    # loaded terms
    "find_loaded_terms", "load_lexicon", "loaded_term_kwic", "loaded_term_rates", "scare_quotes", "shipped_lexicons",
    # sentiment
    "plot_actor_sentiment", "plot_sentiment_distribution", "plot_sentiment_means",
    "actor_sentiment", "find_actor_sentences", "load_actors", "score_sentiment", "score_texts", "summarize_sentiment",
    # shipped models
    "score_loaded_language", "score_news_tone", "score_target_sentiment",
    # framing
    "attribution_summary", "attributions", "compare_stories", "find_frame_cues", "find_naming_variants", "frame_shares",
    "group_stories", "naming_contests", "plot_frame_shares", "plot_naming_contests", "plot_reporting_verbs",
    # discover: naming, people, agency, topics
    "discover_naming", "naming_evidence", "proposals_to_naming", "save_naming", "actor_table", "find_people",
    "people_to_actors", "agency_summary", "find_agency", "topics",
    "plot_agency", "plot_topic_shares",
    # explore, compare runs
    "compare_outlets", "compare_runs", "explore", "explore_counts", "explore_lines", "highlight_article",
    "highlight_spans", "plot_outlet_comparison", "plot_run_changes",
]
