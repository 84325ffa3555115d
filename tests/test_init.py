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


def test_every_public_name_is_its_function_even_after_every_submodule_is_imported():
    # analysis.explore and analysis.collocations are modules as well as public functions: importing a
    # submodule sets the package's attribute to it, which must not hide the function of the same name.
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if module.name != "analysis.__main__":
            importlib.import_module(module.name)
    functions = {name: getattr(analysis, name) for name in analysis.__all__ if name != "plots"}
    assert all(callable(f) and not isinstance(f, type(analysis)) for f in functions.values())
    assert functions["explore"].__module__ == "analysis.explorer"
    assert functions["collocations"].__module__ == "analysis.collocations"
