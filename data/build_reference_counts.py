"""Rebuild analysis/data/reference_counts.csv from the project's shared source data (developers only).

The reference is general news-register English against which :func:`analysis.defaults.choose_term`
finds the words characteristic of a set: word counts of the New York Times editorial snippets
shipped with VADER (Hutto & Gilbert 2014, MIT licence), only the editorials with an odd article
number (the even ones are kept for evaluation elsewhere in the project). Words are counted as
:mod:`analysis.tokens` counts them; numbers are left out; only words seen at least twice are kept.
Run from the repository root: ``python data/build_reference_counts.py ../shared/data``.
"""

import csv
import sys
from collections import Counter
from pathlib import Path

from analysis.tokens import normalize_token, tokenize

shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
source = shared / "vader" / "nytEditorialSnippets_GroundTruth.txt"
counts: Counter[str] = Counter()
sentences = 0
for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
    parts = line.split("\t")
    if len(parts) < 3 or int(parts[0].split("_")[0]) % 2 == 0:
        continue
    sentences += 1
    counts.update(normalize_token(t) for t in tokenize(parts[2]))
total = sum(counts.values())
kept = sorted(((w, n) for w, n in counts.items() if n >= 2 and any(c.isalpha() for c in w)), key=lambda x: (-x[1], x[0]))
out = Path(__file__).resolve().parent.parent / "analysis" / "data" / "reference_counts.csv"
with out.open("w", encoding="utf-8", newline="") as handle:
    handle.write(
        "# Reference word counts for Framing Lab: general news-register English, to find what is characteristic of a set.\n"
        f"# Source: New York Times editorial snippets of the VADER ground truth (Hutto & Gilbert 2014, ICWSM-14),\n"
        "#   https://github.com/cjhutto/vaderSentiment (additional_resources/hutto_ICWSM_2014.tar.gz),\n"
        "#   MIT licence, Copyright (c) 2016 C.J. Hutto. Only editorials with an odd article number.\n"
        f"# {sentences} sentences, {total} word tokens (all words, the total_words line); words seen at least twice,\n"
        "#   counted as analysis.tokens counts them (lower case, possessive 's removed). Rebuilt by\n"
        "#   data/build_reference_counts.py.\n")
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["term", "count"])
    writer.writerow(["total_words", total])
    writer.writerows(kept)
print(out, sentences, total, len(kept))
