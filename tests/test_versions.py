"""Library versions and the guard of code written for one of them."""

from __future__ import annotations

import warnings

import pytest

from analysis.versions import check_tested_version, installed_version


def test_installed_version_of_a_pinned_library_and_of_a_missing_one():
    assert installed_version("textblob") == "0.20.1"
    assert installed_version("no-such-package-here") == "absent"


def test_the_tested_version_runs_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_tested_version("lib", "1.0", "1.0", internals_ok=lambda: True, what="the fast path",
                                    instead="lib itself")


@pytest.mark.parametrize("installed, internals, message", [
    ("1.1", True, r"lib 1\.1 is installed, but the fast path was written for 1\.0: scoring with lib itself"),
    ("1.0", False, r"the internals of lib 1\.0 are not the ones the fast path relies on: scoring with lib itself"),
])
def test_another_version_or_changed_internals_warn_and_refuse(installed, internals, message):
    with pytest.warns(UserWarning, match=message):
        assert not check_tested_version("lib", installed, "1.0", internals_ok=lambda: internals,
                                        what="the fast path", instead="lib itself")
