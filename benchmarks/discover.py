"""Discovery benchmark: how discover_naming, topics, find_people and find_agency scale with the set, in one run.

Sets of N generated articles (about 500 words of real press-release sentences each, two outlets; see
``_corpus.py``) for N = 250, 1,000 and 2,000 (or the sizes given). Tokenizing is timed apart (the notebooks
share it with every other view). Prints seconds per step and, for each size, the ratio of its time to the
smallest set's against the ratio of their sizes: a time ratio near the size ratio is linear growth.
Run: ``python benchmarks/discover.py [N ...]``.
"""

from __future__ import annotations

import sys
import time

from _corpus import generated_articles

from analysis import discover_naming, find_people
from analysis.agency import find_agency
from analysis.tokens import article_token_list
from analysis.topics import topics


def timed(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def main(sizes: list[int]) -> None:
    steps = {"tokenize": article_token_list, "discover_naming": discover_naming, "topics": topics,
             "find_people": find_people, "find_agency": find_agency}
    results = {}
    for n in sizes:
        articles = generated_articles(n)
        results[n] = {name: timed(step, articles) for name, step in steps.items()}
        row = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in results[n].items())
        print(f"{n:>6,} articles ({int(articles['n_words'].sum()):,} words): {row}")
    base = sizes[0]
    for n in sizes[1:]:
        ratios = ", ".join(f"{name} x{results[n][name] / results[base][name]:.1f}" for name in steps)
        print(f"{n:,} vs {base:,} articles (size x{n / base:.0f}): {ratios}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [250, 1000, 2000])
