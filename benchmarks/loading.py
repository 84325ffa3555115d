"""Loading benchmark: time and peak memory for one 50 MB article and for 100,000 tiny articles,
and for the full press-release set parsed cold and then read from the Parquet cache.

Each case runs in a fresh process so its peak resident memory (ru_maxrss) is its own.
Run: ``python benchmarks/loading.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CASE = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from analysis import load_articles
path = Path({path!r})
start = time.perf_counter()
articles, report = load_articles(path, return_report=True, cache={cache!r})
seconds = time.perf_counter() - start
print(json.dumps({{"articles": len(articles), "items": len(report), "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run(path: Path, cache: bool, env_cache: str) -> dict:
    code = CASE.format(tests=str(Path(__file__).resolve().parents[1] / "tests"), path=str(path), cache=cache)
    env = {"FRAMING_LAB_CACHE": env_cache, "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**__import__("os").environ, **env})
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from torture import BODY

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "big" / "article.txt"
        big.parent.mkdir()
        paragraphs = (f"Paragraph {i}. {BODY}\n\n" for i in range(50 * 1024 * 1024 // (len(BODY) + 20)))
        big.write_text("A very long article\n\n" + "".join(paragraphs))
        tiny = tmp / "tiny" / "tiny.jsonl"
        tiny.parent.mkdir()
        tiny.write_text("\n".join(json.dumps({"title": f"Tiny {i}", "text": f"Tiny article {i} says troops moved."})
                                  for i in range(100_000)) + "\n")
        press = Path(__file__).resolve().parents[2] / "shared" / "data" / "kremlin_zelenskyy_press"
        cache = str(tmp / "cache")
        print(f"{'case':44} {'items':>8} {'articles':>9} {'seconds':>8} {'peak MB':>8}")
        for label, path, use_cache in [
            (f"one article of {big.stat().st_size / 2**20:.0f} MB", big, False),
            ("100,000 tiny articles (JSON Lines)", tiny, False),
            ("1,796 press releases, cold (parse + cache)", press, True),
            ("1,796 press releases, warm (from cache)", press, True),
        ]:
            r = run(path, use_cache, cache)
            print(f"{label:44} {r['items']:>8,} {r['articles']:>9,} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
