"""Loaded-terms benchmark: the lexicon matcher against per-term counting, in one run.

Task: count every entry of the shipped ``loaded_terms`` lexicon in a generated set (>= 2,000
articles x 500 words of real press-release sentences, see ``_corpus.py``).
Baseline: one ``str.count`` per entry over all texts (the same regular expression per entry as
``kwic`` uses). Project: ``lexicon_matcher``, the hits of one alternation for the whole lexicon
(longest entry first), one-word entries looked up per distinct word form. Prints both times and their
ratio, then checks the counts: per-term counting counts a shorter entry again inside a longer one
("illegally" inside "illegally annexed"), the matcher counts that text once, so for every entry
``baseline = matcher + occurrences inside hits of longer entries`` must hold exactly.
Also times the full ``find_loaded_terms`` (sentences, quotes, negation, attribution) on the set.
Run: ``python benchmarks/loaded_terms.py [N_ARTICLES]``.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter

from _corpus import generated_articles

from analysis import find_loaded_terms, load_lexicon
from analysis import lexicons as lexicons_module
from analysis.matcher import LexiconMatcher, lexicon_matcher
from analysis.memos import clear_memos
from analysis.patterns import pattern_source


def naive(texts, entries) -> dict[int, int]:
    return {i: int(texts.str.count(pattern_source(term, match), flags=re.IGNORECASE).sum())
            for i, (term, match) in enumerate(zip(entries["term"], entries["match"], strict=True))}


def project(texts, matcher: LexiconMatcher) -> tuple[Counter, list[tuple[int, str]]]:
    counts: Counter = Counter()
    hits = []
    for text in texts:
        for start, end, entry in matcher.find(text):
            counts[entry] += 1
            hits.append((entry, text[start:end]))
    return counts, hits


def main(n_articles: int = 2000) -> None:
    df = generated_articles(n_articles, 500)
    texts = df["text"]
    lexicon = load_lexicon("loaded_terms")
    print(f"set: {len(df)} articles, {df.n_words.sum():,} words; lexicon: {len(lexicon)} entries")
    matcher = lexicon_matcher(lexicon)
    entries = matcher.entries

    start = time.perf_counter()
    naive_counts = naive(texts, entries)
    naive_time = time.perf_counter() - start

    start = time.perf_counter()
    project_counts, hits = project(texts, matcher)
    project_time = time.perf_counter() - start

    print(f"naive baseline (one str.count per entry, {len(entries)} passes): {naive_time:8.2f} s")
    print(f"project (lexicon matcher: word look-ups + alternation): {project_time:8.2f} s")
    print(f"speed-up: {naive_time / project_time:.1f}x")

    # Same counts, once text inside a longer entry's hit is added back for the shorter entries.
    patterns = [re.compile(pattern_source(t, m), re.IGNORECASE) for t, m in zip(entries["term"], entries["match"],
                                                                                 strict=True)]
    nested: Counter = Counter()
    for (entry, text), n in Counter(hits).items():
        for other, pattern in enumerate(patterns):
            if other != entry:
                nested[other] += n * sum(1 for _ in pattern.finditer(text))
    mismatches = [entries["term"][i] for i in range(len(entries))
                  if naive_counts[i] != project_counts[i] + nested[i]]
    total_naive, total_project = sum(naive_counts.values()), sum(project_counts.values())
    print(f"hits: baseline {total_naive:,} (overlaps counted twice), matcher {total_project:,} "
          f"(longest match once), {sum(nested.values()):,} nested occurrences")
    print(f"per-entry counts agree for {len(entries) - len(mismatches)} of {len(entries)} entries"
          + (f"; differ: {mismatches}" if mismatches else ""))
    assert not mismatches

    clear_memos("tokens")  # empty memo: find_loaded_terms pays for its own sentence splitting
    lexicons_module._matcher.cache_clear()  # and builds its own matcher, word-form memo empty
    start = time.perf_counter()
    found = find_loaded_terms(df)
    full_time = time.perf_counter() - start
    assert len(found) == total_project
    print(f"find_loaded_terms (matching + sentences + quotes + voice, {len(found):,} hits): {full_time:8.2f} s "
          f"({naive_time / full_time:.1f}x faster than the baseline's counting alone)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
