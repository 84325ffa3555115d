"""The whole report on a large set: wall time and peak memory of ``python -m analysis report`` (kernels included).

Builds a set of N generated articles (default 20,000, about 300 words each, real sentences of the shared
press releases drawn seeded, see ``_corpus.py``; dates over 400 hours) as one JSON Lines file, then runs
the report once under ``/usr/bin/time -v`` (GNU time: "Maximum resident set size" is the largest single
process of the tree, i.e. the report process or one notebook kernel, whichever is larger), samples the RSS
summed over the whole process tree (psutil, every 0.5 s), and prints the wall time, both peaks and the time
per 1,000 articles. Run: ``python benchmarks/report_large.py [N]``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _corpus import generated_articles

ROOT = Path(__file__).resolve().parents[1]


def main(n: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="framing-large-"))
    (folder / "set").mkdir()
    articles = generated_articles(n, words=300)
    articles[["outlet", "title", "text", "published"]].assign(published=articles["published"].astype(str)).to_json(
        folder / "set" / "articles.jsonl", orient="records", lines=True)
    print(f"{n:,} articles, {int(articles['n_words'].sum()):,} words in {folder / 'set'}", flush=True)
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "analysis", "report", str(folder / "set"), "-o",
               str(folder / "out"), "--no-cache", "-q"]
    env = {**os.environ, "FRAMING_LAB_CACHE": str(folder / "cache")}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:  # the sum over the whole tree (report process and its kernels), every half second
        import psutil

        root = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.5)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    stdout, stderr = process.communicate()
    watcher.join()
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    print(result.stdout.strip())
    if result.returncode:
        print(result.stderr[-3000:])
    parts = [float(p) for p in wall.group(1).split(":")] if wall else []
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    print(f"exit {result.returncode}; wall {wall.group(1) if wall else '?'} ({seconds:.0f} s, "
          f"{seconds / n * 1000:.1f} s per 1,000 articles); peak RSS of the largest process "
          f"{int(rss.group(1)) / 1024:.0f} MiB; peak RSS summed over the process tree {peak[0] / 2**20:.0f} MiB"
          if rss else "no time -v output")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
