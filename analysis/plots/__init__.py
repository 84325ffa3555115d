"""Seaborn figures: each ``plot_*`` function draws on an Axes and returns it (never shows or saves).

``analysis.plots`` is the namespace a notebook uses (``from analysis import plots``; ``plots.plot_top_terms(...)``);
the figures live in modules by what they show: :mod:`.words` (the set and its words), :mod:`.tone` (how things are
said: sentiment, loaded terms) and :mod:`.framing` (naming, frames, sources, comparisons), on the shared helpers of
:mod:`.base`.
"""

from __future__ import annotations

from .base import date_span
from .framing import (
    plot_agency,
    plot_frame_shares,
    plot_naming_contests,
    plot_outlet_comparison,
    plot_reporting_verbs,
    plot_run_changes,
    plot_topic_shares,
)
from .tone import (
    plot_actor_sentiment,
    plot_loaded_term_rates,
    plot_loaded_term_voice,
    plot_sentiment_distribution,
    plot_sentiment_means,
)
from .words import (
    plot_article_lengths,
    plot_articles_over_time,
    plot_dispersion,
    plot_keyness,
    plot_term_over_time,
    plot_top_terms,
)

__all__ = ["date_span", "plot_articles_over_time", "plot_article_lengths", "plot_top_terms", "plot_keyness", "plot_term_over_time", "plot_dispersion", "plot_loaded_term_rates", "plot_loaded_term_voice", "plot_sentiment_distribution", "plot_sentiment_means", "plot_actor_sentiment", "plot_naming_contests", "plot_frame_shares", "plot_reporting_verbs", "plot_outlet_comparison", "plot_run_changes", "plot_topic_shares", "plot_agency"]
