"""Every notebook runs top to bottom on data/sample, headless and with the network blocked."""

from __future__ import annotations

import json
import os

import nbformat
import pytest
from conftest import OFFLINE_DIR, ROOT
from nbclient import NotebookClient

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_load_and_clean.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_question_and_parameters(path):
    notebook = nbformat.read(path, as_version=4)
    first, second = notebook.cells[0], notebook.cells[1]
    assert first.cell_type == "markdown" and first.source.startswith("# ") and "?" in first.source.splitlines()[0]
    assert "parameters" in second.metadata.get("tags", [])
    assert "articles_path" in second.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_offline(path, monkeypatch):
    # The kernel is a separate process: sitecustomize.py in tests/offline blocks its network.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(OFFLINE_DIR), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(path, as_version=4)
    probe = nbformat.v4.new_code_cell(
        "import socket\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=0.5)\n"
        "except OSError as exc:\n    assert 'offline test guard' in str(exc), exc\n"
        "else:\n    raise AssertionError('network reachable from the notebook kernel')")
    notebook.cells.insert(0, probe)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
