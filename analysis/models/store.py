"""The shipped model files: plain JSON (coefficients, vocabularies, word tables), read once, never unpickled.

A model file is ``analysis/models/<name>.json``: a dict with ``name``, ``version``, ``trained_on``
(data, licence, split), ``features``, ``metrics`` (held-out figures measured by the training script)
and the arrays the scorer needs as lists of numbers or strings. JSON keeps the files safe to
load (no code runs when a model is read) and readable with any tool.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import MODEL_DIR

__all__ = ["MODEL_DIR", "model_path", "load_model", "save_model"]

#: Where the shipped model files live (inside the package).


def model_path(name: str) -> Path:
    """Path of the shipped model file ``name``.

    >>> model_path("news_tone").name
    'news_tone.json'
    """
    return MODEL_DIR / f"{name}.json"


@lru_cache(maxsize=8)
def load_model(name: str) -> dict[str, Any]:
    """The shipped model ``name`` as a dict (read once per session).

    >>> load_model("news_tone")["name"]
    'news_tone'
    """
    path = model_path(name)
    if not path.exists():
        raise FileNotFoundError(f"model file {path} is missing: rebuild it with python -m analysis.models.train {name}")
    return json.loads(path.read_text(encoding="utf-8"))


def save_model(model: dict[str, Any], path: str | Path | None = None) -> Path:
    """Write ``model`` as compact, key-sorted JSON (same content, same bytes) and return the path."""
    path = Path(path) if path is not None else model_path(model["name"])
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n",
                    encoding="utf-8")
    load_model.cache_clear()
    return path
