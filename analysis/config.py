"""Where the package finds its files and keeps its caches: every folder and cache setting, defined once.

The data folders ship inside the package (``analysis/data/...``); the cache folder and the notebooks
folder can be moved with environment variables. Other modules import these names from here and
never rebuild a path of their own. Nothing here reads a file.

- ``FRAMING_LAB_CACHE``: the on-disk cache folder (:func:`cache_folder`), or ``off`` to switch it off;
  else ``$XDG_CACHE_HOME/framing-lab`` (by default ``~/.cache/framing-lab``).
- ``FRAMING_LAB_NOTEBOOKS``: the folder of the numbered notebooks the report runs.
- The in-memory memos (:mod:`analysis.memos`) are bounded by the sizes below.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE_DIR", "DATA_DIR", "NLTK_DATA", "LEXICON_DIR", "CUES_DIR", "MODEL_DIR", "NOTEBOOKS_ENV",
           "CACHE_ENV", "CACHE_OFF", "TOKEN_MEMO_TOKENS", "SCORE_MEMO_TEXTS", "cache_folder"]

#: The package folder (``analysis/``).
PACKAGE_DIR = Path(__file__).resolve().parent
#: Shipped data: stop words, reference counts, actors, ... (``analysis/data``).
DATA_DIR = PACKAGE_DIR / "data"
#: nltk's Punkt parameters, shipped so that nothing is downloaded.
NLTK_DATA = DATA_DIR / "nltk"
#: Shipped lexicons (``loaded_terms``, ``naming``, ``frames``, ...).
LEXICON_DIR = DATA_DIR / "lexicons"
#: Shipped cue lists (reporting verbs, titles, ...), in the lexicon file format.
CUES_DIR = DATA_DIR / "cues"
#: Shipped model files (``analysis/models/*.json``).
MODEL_DIR = PACKAGE_DIR / "models"

#: Environment variable naming the folder of the numbered notebooks (default: ``notebooks/`` beside the package).
NOTEBOOKS_ENV = "FRAMING_LAB_NOTEBOOKS"
#: Environment variable naming the cache folder, or switching the cache off.
CACHE_ENV = "FRAMING_LAB_CACHE"
#: Values of :data:`CACHE_ENV` that switch the on-disk cache off.
CACHE_OFF = frozenset({"off", "0", "false", "no", "none"})

#: Bound of the token memo, in tokens held (about 6 characters a token; 3 million is some 400 MB).
TOKEN_MEMO_TOKENS = 3_000_000
#: Bound of the sentiment score memo, in texts.
SCORE_MEMO_TEXTS = 300_000


def cache_folder() -> Path | None:
    """The on-disk cache folder as the environment sets it, or ``None`` when it is switched off.

    >>> saved = os.environ.get(CACHE_ENV); os.environ[CACHE_ENV] = "off"
    >>> cache_folder() is None
    True
    >>> os.environ[CACHE_ENV] = "/tmp/framing-lab-demo"; str(cache_folder())
    '/tmp/framing-lab-demo'
    >>> _ = os.environ.pop(CACHE_ENV) if saved is None else os.environ.update({CACHE_ENV: saved})
    """
    setting = os.environ.get(CACHE_ENV, "")
    if setting.lower() in CACHE_OFF:
        return None
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing-lab"
