"""Framing Lab: how news media cover a story, from article sets to tables and figures.

The names here are the ones a notebook user needs first: load a set, count its words, score its
sentiment, find its loaded terms, compare its framing, run the report, explore it. Figures are in the
namespace :mod:`analysis.plots` (``from analysis import plots``). Everything else is imported from the
module that holds it (``from analysis.frequencies import term_over_time``); ``ARCHITECTURE.md`` says
which module owns what.

Release 0.1 exported 92 names here; those not listed below still work for one release, with a
``DeprecationWarning`` naming the module to import them from.
"""

from __future__ import annotations

import importlib
import warnings

# Two public functions share their name with a submodule (analysis.collocations, analysis.explore): importing
# that submodule sets the package attribute to the module, so these two are bound here, after their modules.
from .collocations import collocations
from .explorer import explore

#: The public names and the module that holds each, imported on first use: ``python -m analysis``
#: starts without the figure stack (seaborn, scipy.stats: seconds), which a notebook imports anyway.
_PUBLIC = {
    "actor_sentiment": "analysis.actors",
    "kwic": "analysis.concordance",
    "compare_runs": "analysis.diff",
    "discover_naming": "analysis.discover",
    "show_table": "analysis.display",
    "export_table": "analysis.exports",
    "frame_shares": "analysis.frames",
    "keyness": "analysis.frequencies",
    "term_frequencies": "analysis.frequencies",
    "load_lexicon": "analysis.lexicons",
    "load_articles": "analysis.load",
    "summarize_articles": "analysis.load",
    "summarize_report": "analysis.load",
    "find_loaded_terms": "analysis.loaded_terms",
    "loaded_term_rates": "analysis.loaded_terms",
    "naming_contests": "analysis.naming",
    "find_people": "analysis.people",
    "run_pipeline": "analysis.pipeline",
    "build_report": "analysis.report",
    "score_sentiment": "analysis.sentiment",
    "summarize_sentiment": "analysis.sentiment",
    "attributions": "analysis.sources",
    "compare_stories": "analysis.stories",
    "plots": "analysis.plots",
}

__all__ = [
    # load
    "load_articles", "summarize_articles", "summarize_report",
    # word use
    "term_frequencies", "keyness", "collocations", "kwic",
    # sentiment
    "score_sentiment", "summarize_sentiment", "actor_sentiment",
    # loaded terms
    "find_loaded_terms", "loaded_term_rates", "load_lexicon",
    # framing
    "naming_contests", "attributions", "frame_shares", "compare_stories",
    # discover
    "discover_naming", "find_people",
    # the whole run, the report, exploring
    "run_pipeline", "build_report", "compare_runs", "explore",
    # tables for reading and export
    "show_table", "export_table",
    "plots",
]

#: Names release 0.1 exported here, and the module that holds each (deprecated here: import from there).
_MOVED = {
    "ARTICLE_COLUMNS": "analysis.article_table",
    "REPORT_COLUMNS": "analysis.article_table",
    "actor_table": "analysis.people",
    "add_group": "analysis.groups",
    "add_readable_entry": "analysis.display",
    "agency_summary": "analysis.agency",
    "attribution_summary": "analysis.sources",
    "choose_actors": "analysis.defaults",
    "choose_category": "analysis.defaults",
    "choose_concept": "analysis.defaults",
    "choose_split_date": "analysis.defaults",
    "choose_term": "analysis.defaults",
    "choose_terms": "analysis.defaults",
    "cleaning_diff": "analysis.clean",
    "compare_outlets": "analysis.explore",
    "compare_terms": "analysis.frequencies",
    "compile_pattern": "analysis.patterns",
    "distinctive_terms": "analysis.frequencies",
    "english_only": "analysis.tokens",
    "explore_counts": "analysis.explore",
    "explore_lines": "analysis.explore",
    "find_actor_sentences": "analysis.actors",
    "find_agency": "analysis.agency",
    "find_frame_cues": "analysis.frames",
    "find_naming_variants": "analysis.naming",
    "group_stories": "analysis.stories",
    "highlight_article": "analysis.explore",
    "highlight_spans": "analysis.explore",
    "load_actors": "analysis.actors",
    "loaded_term_kwic": "analysis.loaded_terms",
    "naming_evidence": "analysis.proposals",
    "normalize_text": "analysis.clean",
    "people_to_actors": "analysis.people",
    "plot_actor_sentiment": "analysis.plots",
    "plot_agency": "analysis.plots",
    "plot_article_lengths": "analysis.plots",
    "plot_articles_over_time": "analysis.plots",
    "plot_dispersion": "analysis.plots",
    "plot_frame_shares": "analysis.plots",
    "plot_keyness": "analysis.plots",
    "plot_loaded_term_rates": "analysis.plots",
    "plot_loaded_term_voice": "analysis.plots",
    "plot_naming_contests": "analysis.plots",
    "plot_outlet_comparison": "analysis.plots",
    "plot_reporting_verbs": "analysis.plots",
    "plot_run_changes": "analysis.plots",
    "plot_sentiment_distribution": "analysis.plots",
    "plot_sentiment_means": "analysis.plots",
    "plot_term_over_time": "analysis.plots",
    "plot_top_terms": "analysis.plots",
    "plot_topic_shares": "analysis.plots",
    "proposals_to_naming": "analysis.proposals",
    "save_figure": "analysis.exports",
    "save_naming": "analysis.proposals",
    "scare_quotes": "analysis.voice",
    "score_loaded_language": "analysis.models",
    "score_news_tone": "analysis.models",
    "score_target_sentiment": "analysis.models",
    "score_texts": "analysis.sentiment",
    "sentence_table": "analysis.tokens",
    "shipped_lexicons": "analysis.lexicons",
    "split_sentences": "analysis.tokens",
    "subset_articles": "analysis.concordance",
    "term_over_time": "analysis.frequencies",
    "token_table": "analysis.tokens",
    "tokenize": "analysis.tokens",
    "topics": "analysis.topics",
}


def __getattr__(name: str):
    """The public names, imported on first use; old top-level names still resolve for one release, with a
    warning naming their module."""
    if name in _PUBLIC:
        module = importlib.import_module(_PUBLIC[name])
        value = module if name == "plots" else getattr(module, name)
        globals()[name] = value  # resolved once
        return value
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    warnings.warn(f"analysis.{name} is deprecated here: import it from {module}", DeprecationWarning, stacklevel=2)
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
