"""The route from the public analysis functions to the per-article store of :mod:`analysis.steps`.

``find_loaded_terms``, ``find_naming_variants``, ``find_frame_cues``, ``attributions``, ``scare_quotes``
and ``score_sentiment(level="sentence")`` / ``(level="article")`` return :func:`step_rows`: the rows of their step, read from
the one content-keyed store (:func:`analysis.steps.per_article`, on :mod:`analysis.cache` and
:mod:`analysis.atomic`) and computed only for articles not stored before: the notebooks, the report,
``diff`` and ``run_pipeline`` all read the same results.

:mod:`analysis.steps` is looked up when a function is called, not imported here: it names every step's
function, so a static import would make each step's code seem to reach every module of the package
(``tests/test_steps.py`` checks that a step's declared dependencies cover the modules its code
imports). This module computes nothing a step returns; its code cannot change a result.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

import pandas as pd

from .cache import CacheArg

__all__ = ["step_rows"]


def step_rows(name: str, articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame] | None = None, *,
              cache: CacheArg = True) -> pd.DataFrame:
    """The rows of step ``name`` for ``articles``: :func:`analysis.steps.per_article`.

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Russia's army moved. Kyiv held."]})
    >>> step_rows("tokens", arts).values.tolist()
    [['a', 2, 5]]
    """
    return import_module(f"{__package__}.steps").per_article(name, articles, tables, cache=cache)
