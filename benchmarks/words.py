"""Words benchmark: the project's counting path against a naive baseline, in one run.

Task: count every word of a generated set (>= 2,000 articles x 500 words of real press-release
sentences) and the occurrences of 30 terms of interest (25 words, 5 phrases).
Baseline: ``df.text.apply(lambda t: TextBlob(t).words)`` for the word counts, plus one
``str.count`` per term over all texts. Project: one tokenization per article
(``term_frequencies`` with the phrases merged as terms). Prints both times, their ratio, and
checks that the 30 term counts are identical. Run: ``python benchmarks/words.py [N_ARTICLES]``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from _corpus import generated_articles

from analysis import term_frequencies
from analysis import tokens as tokens_module
from analysis.memos import clear_memos
from analysis.patterns import pattern_source

WORDS = ["russia", "ukraine", "war", "nato", "president", "military", "operation", "people", "kiev", "kyiv",
         "donbass", "donbas", "security", "sanctions", "peace", "negotiations", "invaders", "enemy", "nazi",
         "genocide", "civilians", "weapons", "europe", "west", "federation"]
PHRASES = ["special military operation", "armed forces", "united states", "vladimir putin", "minsk agreements"]


def naive(df):
    blob_words = df["text"].apply(lambda t: tokens_module.make_textblob(t).words)
    word_counts = Counter(w.lower() for words in blob_words for w in words)
    terms = {t: int(df["text"].str.count(pattern_source(t, "phrase"), flags=2).sum()) for t in WORDS + PHRASES}
    return word_counts, terms


def project(df):
    words = term_frequencies(df, stopwords=False, numbers=True).set_index("term")["count"]
    # Second pass over the same memoised tokens: phrases merged into single terms.
    phrases = term_frequencies(df, stopwords=False, numbers=True, phrases=PHRASES).set_index("term")["count"]
    terms = {t: int(words.get(t, 0)) for t in WORDS} | {t: int(phrases.get(t, 0)) for t in PHRASES}
    return words, terms


def main(n_articles: int = 2000) -> None:
    df = generated_articles(n_articles, 500)
    print(f"set: {len(df)} articles, {df.n_words.sum():,} words (mean {df.n_words.mean():.0f})")
    assert tokens_module.make_textblob("Warm up.").words  # loads the shipped punkt data before timing

    start = time.perf_counter()
    naive_words, naive_terms = naive(df)
    naive_time = time.perf_counter() - start

    clear_memos("tokens")  # empty memo: the project pays for its own tokenization
    start = time.perf_counter()
    project_words, project_terms = project(df)
    project_time = time.perf_counter() - start

    print(f"naive baseline (TextBlob(t).words + per-term str.count): {naive_time:8.2f} s")
    print(f"project (one tokenization, term_frequencies):            {project_time:8.2f} s")
    print(f"speed-up: {naive_time / project_time:.1f}x")
    diffs = {t: (naive_terms[t], project_terms[t]) for t in naive_terms if naive_terms[t] != project_terms[t]}
    print(f"30 term counts identical: {not diffs}" + (f"  differences: {diffs}" if diffs else ""))
    print("sample counts:", {t: project_terms[t] for t in ["war", "special military operation", "kiev", "kyiv"]})
    print(f"all word tokens: TextBlob {sum(naive_words.values()):,} vs project {int(project_words.sum()):,} "
          "(the tokenizers differ on possessives, hyphens and abbreviations)")
    if diffs:
        sys.exit(1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
