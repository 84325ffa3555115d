"""The grouping column (``--by``) on any per-article result table.

Result tables (sentence scores, attributions, loaded-term hits) carry ``article_id`` and ``outlet``;
to compare by another column of the article table (``--by desk``, ``--by author``) a notebook adds
that column with :func:`add_group`.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["add_group"]


def add_group(table: pd.DataFrame, articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """``table`` with the article column ``by`` added (looked up by ``article_id``); unchanged if it has it.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "desk": ["Local", "Politics"]})
    >>> add_group(pd.DataFrame({"article_id": ["b", "a", "b"], "n": [1, 2, 3]}), articles, "desk")["desk"].tolist()
    ['Politics', 'Local', 'Politics']
    """
    if by in table.columns:
        return table
    lookup = articles.drop_duplicates("article_id").set_index("article_id")[by]
    out = table.copy()
    out.insert(1 if "article_id" in out.columns else 0, by, lookup.reindex(out["article_id"]).to_numpy())
    return out
