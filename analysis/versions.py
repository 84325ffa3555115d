"""Versions of the libraries the package relies on, and the check that guards code written for one of them.

The fast sentiment scorers (:mod:`analysis._textblob_fast`, :mod:`analysis._vader_fast`) copy library
internals of one version; :func:`check_tested_version` lets them run only on that version (and only
while the internals they rely on are as expected), and otherwise warns and says what runs instead.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata

__all__ = ["installed_version", "check_tested_version"]


@lru_cache(maxsize=64)
def installed_version(package: str) -> str:
    """The installed version of ``package`` (a distribution name), or ``"absent"`` (looked up once per process).

    >>> installed_version("no-such-package-here")
    'absent'
    """
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def check_tested_version(package: str, installed: str, tested: str, *, internals_ok: Callable[[], bool],
                         what: str, instead: str) -> bool:
    """Whether code written for ``package`` ``tested`` may run; when not, a ``UserWarning`` naming what runs instead.

    It may run when the ``installed`` version is the ``tested`` one and ``internals_ok()`` (a check of
    the library internals the code relies on) holds.

    >>> check_tested_version("textblob", "0.20.1", "0.20.1", internals_ok=lambda: True, what="a", instead="b")
    True
    """
    if installed != tested:
        problem = f"{package} {installed} is installed, but {what} was written for {tested}"
    elif not internals_ok():
        problem = f"the internals of {package} {installed} are not the ones {what} relies on"
    else:
        return True
    warnings.warn(f"{problem}: scoring with {instead} (slower)", UserWarning, stacklevel=3)
    return False
