"""Generated article sets for benchmarks, built from real sentences of the shared press releases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.clean import normalize_text
from analysis.tokens import count_words

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
PRESS = SHARED / "kremlin_zelenskyy_press"


def real_sentences() -> pd.DataFrame:
    """Sentences of the Kremlin and Ukrainian presidency releases, with their outlet."""
    frames = []
    for name, outlet in [("putin", "Kremlin"), ("zelenskyy", "President of Ukraine")]:
        body = pd.read_csv(PRESS / f"{name}.csv", usecols=["body"])["body"].dropna()
        sentences = body.str.split(r"(?<=[.!?])\s+(?=[A-Z\"])", regex=True).explode()
        sentences = sentences[sentences.str.len().between(20, 400)]
        frames.append(pd.DataFrame({"outlet": outlet, "sentence": sentences.to_numpy()}))
    return pd.concat(frames, ignore_index=True)


def generated_articles(n_articles: int = 2000, words: int = 500, seed: int = 0) -> pd.DataFrame:
    """``n_articles`` articles of about ``words`` words each, sentences drawn (seeded) from one outlet each."""
    rng = np.random.default_rng(seed)
    sentences = real_sentences()
    pools = {o: g["sentence"].to_numpy() for o, g in sentences.groupby("outlet")}
    lengths = {o: np.array([len(s.split()) for s in p]) for o, p in pools.items()}
    rows = []
    outlets = list(pools)
    for i in range(n_articles):
        outlet = outlets[i % len(outlets)]
        picks = rng.integers(0, len(pools[outlet]), size=words // 8)
        cum = np.cumsum(lengths[outlet][picks])
        chosen = pools[outlet][picks[: int(np.searchsorted(cum, words)) + 1]]
        rows.append({"article_id": f"g{i:06d}", "outlet": outlet, "title": f"Generated {i}",
                     "text": normalize_text(" ".join(chosen)),
                     "published": pd.Timestamp("2022-02-21", tz="UTC") + pd.Timedelta(hours=int(i % 400))})
    frame = pd.DataFrame(rows)
    frame["n_words"] = frame["text"].map(count_words)
    frame["language"] = "en"
    return frame
