"""Figures: every plot function is in the analysis.plots namespace, titled and labelled on real results."""

from __future__ import annotations

import inspect

from analysis import plots
from analysis.actors import actor_sentiment
from analysis.frames import frame_shares
from analysis.naming import naming_contests
from analysis.plots import (
    plot_actor_sentiment,
    plot_frame_shares,
    plot_naming_contests,
    plot_reporting_verbs,
    plot_sentiment_distribution,
    plot_sentiment_means,
)
from analysis.sentiment import summarize_sentiment
from analysis.sources import attributions


def test_every_plot_function_is_in_the_namespace_with_an_example():
    from analysis.plots import framing, tone, words

    defined = {name for module in (framing, tone, words) for name, f in inspect.getmembers(module, inspect.isfunction)
               if name.startswith("plot_") and f.__module__ == module.__name__}
    assert len(defined) == 18 and defined <= set(plots.__all__)
    assert all(">>>" in (getattr(plots, name).__doc__ or "") for name in defined)


def test_frame_plot_is_titled(sample):
    ax = plot_frame_shares(frame_shares(sample))
    assert "lexicon approximation" in ax.get_title()


def test_naming_plot_is_titled_and_labelled(sample):
    contests = naming_contests(sample)
    ax = plot_naming_contests(contests)
    assert "the war" in ax.get_title() and ax.get_ylabel() == "Outlet"


def test_reporting_verbs_plot_is_labelled(sample):
    ax = plot_reporting_verbs(attributions(sample))
    assert ax.get_xlabel() == "Share of the group's attributions"


def test_plots_return_labelled_axes(seed, seed_sentences):
    ax = plot_sentiment_distribution(seed_sentences)
    assert ax.get_title().startswith("Distribution of vader_compound by outlet")
    ax = plot_sentiment_means(summarize_sentiment(seed_sentences))
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    ax = plot_actor_sentiment(actor_sentiment(seed))
    assert ax.get_ylabel() == "Actor" and "Putin" in [t.get_text() for t in ax.get_yticklabels()]
