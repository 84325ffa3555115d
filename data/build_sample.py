"""Rebuild data/sample/ from the project's shared source data (developers only).

The Kremlin and President-of-Ukraine releases of 21 Feb - 7 Mar 2022 (the recognition of
the "DPR"/"LPR" and the first two weeks of the full-scale invasion), unchanged except for an
added ``outlet`` column, plus the seed scrape. Run from the repository root:
``python data/build_sample.py ../shared/data``.
"""

import shutil
import sys
from pathlib import Path

import pandas as pd

shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
out = Path(__file__).parent / "sample"
window = ("2022-02-21", "2022-03-08")
for name, outlet, target in [
    ("putin", "Kremlin", "kremlin.csv"),
    ("zelenskyy", "President of Ukraine", "president_of_ukraine.jsonl"),
]:
    releases = pd.read_csv(shared / "kremlin_zelenskyy_press" / f"{name}.csv", dtype=str)
    when = pd.to_datetime(releases["date"], utc=True)
    chosen = releases[(when >= window[0]) & (when < window[1])].sort_values("date")
    chosen.insert(0, "outlet", outlet)
    if target.endswith(".csv"):
        chosen.to_csv(out / target, index=False)
    else:
        chosen.to_json(out / target, orient="records", lines=True, force_ascii=False)
    print(target, len(chosen))
shutil.copy(shared / "seed" / "000_91f5a0ceed31be41.txt", out / "web_scrape" / "000_91f5a0ceed31be41.txt")
