"""Readers of the human-annotated sets the models are trained or evaluated on, with their split rules.

None of these sets ships with the package: they live in a ``shared/data`` folder beside the
repository (``FRAMING_LAB_DATA`` or the ``data`` argument points elsewhere). Only the training
script and the validity benchmark read them. The split rules of each set's ``SOURCE.md`` are
applied here, in one place:

- VADER ground truth (Hutto & Gilbert 2014, MIT): tweets, movie and Amazon review snippets and the
  NYT editorials with an **odd** article number may be fitted on; **even** NYT editorials are for
  evaluation only (:func:`vader_ratings` with ``split="train"`` or ``"test"``).
- NewsMTSC (Hamborg & Donnay 2021, MIT): fit and tune on ``train.jsonl`` only; ``devtest_rw`` and
  ``devtest_mt`` are for evaluation (:func:`newsmtsc_targets`).
- BABE and MBIC (Spinde et al. 2021, AGPL-3.0): evaluation only, never fitted or tuned on
  (:func:`babe_sentences`).
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Literal

import pandas as pd

__all__ = ["data_dir", "vader_ratings", "newsmtsc_targets", "babe_sentences"]

_VADER_FILES = {"tweets": "tweets_GroundTruth.txt", "movies": "movieReviewSnippets_GroundTruth.txt",
                "amazon": "amazonReviewSnippets_GroundTruth.txt", "nyt": "nytEditorialSnippets_GroundTruth.txt"}
_POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}


def data_dir(data: str | Path | None = None) -> Path:
    """The folder holding the annotated sets: ``data``, else ``$FRAMING_LAB_DATA``, else ``../shared/data``.

    >>> data_dir("/somewhere").as_posix()
    '/somewhere'
    """
    if data is not None:
        return Path(data)
    if os.environ.get("FRAMING_LAB_DATA"):
        return Path(os.environ["FRAMING_LAB_DATA"])
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def _read_tsv(path: Path, corpus: str) -> pd.DataFrame:
    rows = list(csv.reader(path.open(encoding="utf-8", errors="replace"), delimiter="\t", quoting=csv.QUOTE_NONE))
    rows = [r for r in rows if len(r) >= 3]
    ids = [r[0] for r in rows]
    return pd.DataFrame({"corpus": corpus, "id": ids, "human": [float(r[1]) for r in rows],
                         "sentence": ["\t".join(r[2:]) for r in rows],
                         "group": [f"{corpus}:{i.split('_')[0]}" if corpus == "nyt" else f"{corpus}:{i}" for i in ids]})


def vader_ratings(split: Literal["train", "test"], data: str | Path | None = None) -> pd.DataFrame:
    """Human-rated sentences of the VADER ground truth: ``corpus``, ``id``, ``human`` (−4 … +4), ``sentence``, ``group``.

    ``"train"``: tweets, movie and Amazon snippets and NYT editorials with an odd article number;
    ``"test"``: NYT editorials with an even article number (evaluation only). ``group`` is the NYT
    article (``nyt:17``) or the item itself, for grouped cross-validation.
    """
    folder = data_dir(data) / "vader"
    nyt = _read_tsv(folder / _VADER_FILES["nyt"], "nyt")
    odd = nyt["id"].str.split("_").str[0].astype(int) % 2 == 1
    if split == "test":
        return nyt[~odd].reset_index(drop=True)
    parts = [_read_tsv(folder / _VADER_FILES[c], c) for c in ("tweets", "movies", "amazon")]
    return pd.concat([*parts, nyt[odd]], ignore_index=True)


def newsmtsc_targets(split: Literal["train", "devtest_rw", "devtest_mt"], data: str | Path | None = None) -> pd.DataFrame:
    """One row per annotated target of NewsMTSC: ``sentence``, ``target``, ``start``, ``end``, ``label`` (−1, 0, 1), ``group``.

    ``group`` is the source article of the sentence (from its id), for grouped hold-outs.
    """
    path = data_dir(data) / "newsmtsc" / f"{split}.jsonl"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        parts = item["primary_gid"].split("_")
        for target in item["targets"]:
            rows.append((item["sentence_normalized"], target["mention"], int(target["from"]), int(target["to"]),
                         _POLARITY[float(target["polarity"])], "_".join(parts[:3])))
    return pd.DataFrame(rows, columns=["sentence", "target", "start", "end", "label", "group"])


def babe_sentences(name: Literal["SG1", "SG2", "MBIC"], data: str | Path | None = None) -> pd.DataFrame:
    """BABE / MBIC sentences with ``text``, ``label_bias`` and ``biased_words`` (AGPL-3.0: evaluation only)."""
    folder = data_dir(data) / "babe"
    if name == "MBIC":
        frame = pd.read_csv(folder / "final_labels_MBIC.csv", encoding="utf-8-sig")
    else:
        frame = pd.read_csv(folder / f"final_labels_{name}.csv", sep=";", encoding="utf-8-sig")
    return frame[["text", "label_bias", "biased_words"]].assign(text=lambda f: f["text"].astype(str))
