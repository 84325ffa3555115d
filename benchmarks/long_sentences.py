"""Very long sentences: time of every per-article step on one sentence of 1k, 4k and 16k words.

A step whose time grows by much more than the size factor (x4) is quadratic in sentence length.
Run: ``python benchmarks/long_sentences.py``.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from _corpus import real_sentences

from analysis import attributions, find_loaded_terms, kwic, score_sentiment, term_frequencies
from analysis.tokens import article_tokens, count_words
from analysis.voice import scare_quotes


def one_sentence(words: int, seed: int = 0) -> str:
    """Real sentences joined by commas into one sentence of about ``words`` words."""
    pool = real_sentences()["sentence"].str.rstrip(".!?").to_numpy()
    rng = np.random.default_rng(seed)
    parts, total = [], 0
    while total < words:
        s = pool[rng.integers(len(pool))]
        parts.append(s)
        total += len(s.split())
    return ", ".join(parts) + "."


STEPS = {
    "tokens + sentences": lambda a: article_tokens(a.text.iloc[0] + " "),
    "term_frequencies": lambda a: term_frequencies(a),
    "kwic 'war'": lambda a: kwic(a, "war"),
    "score_sentiment": lambda a: score_sentiment(a, level="sentence"),
    "find_loaded_terms": lambda a: find_loaded_terms(a),
    "scare_quotes": lambda a: scare_quotes(a),
    "attributions": lambda a: attributions(a),
}


def main() -> None:
    sizes = [1000, 4000, 16000]
    times: dict[str, list[float]] = {name: [] for name in STEPS}
    for n in sizes:
        text = one_sentence(n)
        articles = pd.DataFrame({"article_id": [f"long{n}"], "outlet": ["X"], "title": ["Long"], "language": ["en"],
                                 "published": [pd.NaT], "text": [text], "n_words": [count_words(text)]})
        for name, step in STEPS.items():
            start = time.perf_counter()
            step(articles)
            times[name].append(time.perf_counter() - start)
    print(f"{'step':22}" + "".join(f"{n:>10,} w" for n in sizes) + "   growth per x4 words")
    for name, values in times.items():
        growth = " ".join(f"x{b / a:.1f}" for a, b in zip(values, values[1:], strict=False))
        print(f"{name:22}" + "".join(f"{v:>11.3f}s" for v in values) + f"   {growth}")


if __name__ == "__main__":
    main()
