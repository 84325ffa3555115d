"""The package's front door: a short curated list of names, the 0.1 names deprecated for one release."""

from __future__ import annotations

import pytest

import analysis


def test_the_curated_api_is_short_and_complete():
    assert 20 <= len(analysis.__all__) <= 26 and "plots" in analysis.__all__
    assert all(callable(getattr(analysis, name)) for name in analysis.__all__ if name != "plots")
    assert analysis.plots.plot_top_terms.__module__ == "analysis.plots.words"


def test_an_old_top_level_name_still_works_with_a_warning_naming_its_module():
    from analysis.frequencies import term_over_time

    with pytest.warns(DeprecationWarning, match=r"import it from analysis\.frequencies"):
        assert analysis.term_over_time is term_over_time


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_function'"):
        analysis.no_such_function  # noqa: B018
