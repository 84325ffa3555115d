"""What to do with naming proposals: read the lines behind one, turn them into a naming table, save it.

:func:`analysis.discover.discover_naming` proposes pairs of terms that may name the same thing in
different ways; this module holds the steps after it: :func:`naming_evidence` (the KWIC lines of a
proposal, to check it), :func:`proposals_to_naming` (the kept proposals as a naming table) and
:func:`save_naming` (that table as a CSV with a provenance header, ready for
:func:`analysis.naming_contests`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .concordance import kwic
from .tokens import normalize_token

__all__ = ["naming_evidence", "proposals_to_naming", "save_naming"]


def _pattern(term: str) -> str:
    """A word-or-phrase pattern for a discovered term (possessive 's is allowed by the matcher)."""
    return " ".join(normalize_token(w) for w in term.split())


def naming_evidence(articles: pd.DataFrame, proposals: pd.DataFrame, rank: int = 1, *, by: str = "outlet",
                    lines: int = 3, window: int = 8) -> pd.DataFrame:
    """KWIC lines behind one proposal: up to ``lines`` lines per group for its term and for its variant.

    Columns: ``name`` (the term or the variant) and the columns of :func:`analysis.kwic`, ``by`` first.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                       "text": ["The protesters marched.", "The rioters marched."]})
    >>> p = pd.DataFrame({"rank": [1], "term": ["protesters"], "variant": ["rioters"]})
    >>> naming_evidence(frame, p)[["name", "outlet", "match"]].values.tolist()
    [['protesters', 'X', 'protesters'], ['rioters', 'Y', 'rioters']]
    """
    row = proposals.loc[proposals["rank"] == rank]
    if row.empty:
        raise ValueError(f"no proposal of rank {rank}; ranks are {proposals['rank'].tolist()}")
    parts = []
    for name in (str(row["term"].iloc[0]), str(row["variant"].iloc[0])):
        found = kwic(articles, _pattern(name), window=window, match="phrase")
        if by in articles and len(found):
            found[by] = found["article_id"].map(articles.drop_duplicates("article_id").set_index("article_id")[by])
            found = found.groupby(by, sort=True, group_keys=False).head(lines)
        found.insert(0, "name", name)
        parts.append(found)
    out = pd.concat(parts, ignore_index=True)
    columns = ["name", by, *[c for c in out.columns if c not in ("name", by)]]
    return out[[c for c in columns if c in out]]


def proposals_to_naming(proposals: pd.DataFrame, ranks: list[int] | None = None) -> pd.DataFrame:
    """The proposals (or those of ``ranks``) as a naming table to edit: ``term``, ``category``, ``match``, ``note``.

    Each proposal becomes a concept named ``term / variant`` with its two variants, and the pairs of its
    ``examples`` with them; the table loads with :func:`analysis.load_lexicon` and
    works in :func:`analysis.naming_contests` as it is.

    >>> p = pd.DataFrame({"rank": [1], "term": ["protesters"], "variant": ["rioters"], "kind": ["context"],
    ...                   "examples": [""]})
    >>> proposals_to_naming(p)[["term", "category"]].values.tolist()
    [['protesters', 'protesters / rioters: protesters'], ['rioters', 'protesters / rioters: rioters']]
    """
    chosen = proposals if ranks is None else proposals[proposals["rank"].isin(ranks)]
    rows = []
    for record in chosen.to_dict("records"):
        concept = f"{record['term']} / {record['variant']}"
        pairs = [(record["term"], record["variant"])]
        if record.get("examples") and not pd.isna(record.get("examples")):
            pairs += [tuple(p.split(" / ", 1)) for p in str(record["examples"]).split("; ")]
        for number, (term, variant) in enumerate(pairs):
            names = {record["term"]: term, record["variant"]: variant} if number else {term: term, variant: variant}
            for side, name in names.items():
                match = "word" if " " not in name else "phrase"
                rows.append((name, f"{concept}: {side}", match, f"discovered (rank {record['rank']}); check its lines"))
    return pd.DataFrame(rows, columns=["term", "category", "match", "note"]).drop_duplicates(["term", "category"])


def save_naming(proposals: pd.DataFrame, path: str | Path, ranks: list[int] | None = None) -> Path:
    """Write :func:`proposals_to_naming` as a naming CSV with a provenance header; returns the path.

    >>> import tempfile, os
    >>> p = pd.DataFrame({"rank": [1], "term": ["protesters"], "variant": ["rioters"], "kind": ["context"],
    ...                   "examples": [""]})
    >>> save_naming(p, os.path.join(tempfile.mkdtemp(), "naming.csv")).read_text().splitlines()[-1]
    'rioters,protesters / rioters: rioters,word,discovered (rank 1); check its lines'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Naming table proposed by analysis.discover.discover_naming from the article set itself.\n"
              "# Every row is a suggestion: read its lines (naming_evidence), delete what is not a naming choice,\n"
              "# merge concepts and add variants. Format: term,category,match,note with category 'concept: variant'.\n")
    target.write_text(header + proposals_to_naming(proposals, ranks).to_csv(index=False), encoding="utf-8")
    return target
