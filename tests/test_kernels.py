"""The report's one kernel: started once for all notebooks, reset between them, restarted on a taken port."""

from __future__ import annotations

import os

import nbformat
import pytest
from conftest import SAMPLE
from jupyter_client import BlockingKernelClient

from analysis import kernels
from analysis.report import ReportError, build_report

REAL_WAIT = BlockingKernelClient.wait_for_ready


def _notebook(path, *sources: str) -> str:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return str(path)


def _outputs(path) -> list[str]:
    """What each cell printed (a print may reach the notebook in more than one stream output)."""
    notebook = nbformat.read(path, as_version=4)
    return ["".join(o.get("text", "") for o in c.outputs if o.output_type == "stream" and o.name == "stdout").strip()
            for c in notebook.cells]


def test_notebooks_share_one_kernel_but_see_nothing_of_each_other(tmp_path):
    first = _notebook(tmp_path / "a.ipynb", "import os, sys\nsecret = 42\nprint(os.getpid())",
                      "sys.modules.setdefault('kernel_marker', sys)\nprint('ok')")
    (tmp_path / "sub").mkdir()
    second = _notebook(tmp_path / "b.ipynb", "import os, sys\nprint(os.getpid())",
                       "print('secret' in dir(), 'kernel_marker' in sys.modules, os.getcwd())")
    with kernels.ReportKernel(str(tmp_path)) as kernel:
        kernel.execute(first, str(tmp_path / "a.out.ipynb"), cwd=str(tmp_path), progress_bar=False)
        kernel.execute(second, str(tmp_path / "b.out.ipynb"), cwd=str(tmp_path / "sub"), progress_bar=False)
        manager = kernel.manager
        assert kernel.notebooks_run == 2 and kernel.alive()
    pid_a, _ = _outputs(tmp_path / "a.out.ipynb")
    pid_b, seen = _outputs(tmp_path / "b.out.ipynb")
    assert pid_a == pid_b  # one kernel process, so modules imported by the first are there for the second
    assert seen == f"False True {tmp_path / 'sub'}"  # no variable of the first; its own folder
    counts = [c.execution_count for c in nbformat.read(tmp_path / "b.out.ipynb", as_version=4).cells]
    assert counts == [1, 2]  # numbered as if it ran alone
    assert not manager.has_kernel and kernel.manager is None  # leaving the block shut the kernel down


def test_a_kernel_slow_to_start_is_waited_for_not_taken_for_dead(tmp_path, monkeypatch):
    # On a busy machine a kernel can take seconds before it answers its first heartbeat; a client that
    # judged by heartbeats alone said "Kernel died before replying to kernel_info" (seen in a CI run).
    slow = tmp_path / "slow"
    slow.mkdir()
    (slow / "sitecustomize.py").write_text("import time\ntime.sleep(3)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(slow), os.environ.get("PYTHONPATH", "")]))
    calls = _flaky_wait(monkeypatch, [])
    kernel = kernels.ReportKernel(str(tmp_path))
    try:
        kernel.start()
        assert len(calls) == 1 and kernel.alive()  # started once: no retry was needed
    finally:
        kernel.shutdown()


def test_the_kernel_is_shut_down_when_a_notebook_fails(tmp_path):
    import papermill

    broken = _notebook(tmp_path / "broken.ipynb", "raise ValueError('bad cell')")
    with pytest.raises(papermill.PapermillExecutionError, match="bad cell"):
        with kernels.ReportKernel(str(tmp_path)) as kernel:
            kernel.execute(broken, str(tmp_path / "out.ipynb"), progress_bar=False)
    assert kernel.manager is None


def _flaky_wait(monkeypatch, failures: list[str]) -> list[int]:
    calls: list[int] = []

    def wait_for_ready(self, timeout=None):
        calls.append(1)
        if len(calls) <= len(failures):
            raise RuntimeError(failures[len(calls) - 1])
        return REAL_WAIT(self, timeout=timeout)
    monkeypatch.setattr(BlockingKernelClient, "wait_for_ready", wait_for_ready)
    return calls


def test_a_kernel_that_died_before_answering_is_started_again(monkeypatch, tmp_path):
    calls = _flaky_wait(monkeypatch, ["Kernel died before replying to kernel_info"])
    kernel = kernels.ReportKernel(str(tmp_path))
    try:
        kernel.start()
        assert len(calls) == 2 and kernel.alive()
    finally:
        kernel.shutdown()
    assert kernel.manager is None


def test_it_gives_up_after_the_last_attempt_and_never_retries_other_errors(monkeypatch, tmp_path):
    calls = _flaky_wait(monkeypatch, ["Kernel died before replying to kernel_info"] * kernels.KERNEL_START_ATTEMPTS)
    kernel = kernels.ReportKernel(str(tmp_path))
    with pytest.raises(RuntimeError, match="kernel_info"):
        kernel.start()
    assert len(calls) == kernels.KERNEL_START_ATTEMPTS == 3 and kernel.manager is None
    calls = _flaky_wait(monkeypatch, ["something else broke"])
    with pytest.raises(RuntimeError, match="something else"):
        kernel.start()
    assert len(calls) == 1 and kernel.manager is None


def test_a_launched_kernel_boots_while_the_caller_works_and_is_the_one_that_runs(monkeypatch, tmp_path):
    calls = _flaky_wait(monkeypatch, [])
    notebook = _notebook(tmp_path / "a.ipynb", "import os, sys\nprint(os.getpid(), 'analysis.plots' in sys.modules, __import__('gc').get_freeze_count() > 100_000)")
    with kernels.ReportKernel(str(tmp_path)) as kernel:
        kernel.launch()  # returns before the kernel answers
        launched = kernel.manager
        assert launched.has_kernel and not kernel.ready and calls == []
        kernel.execute(notebook, str(tmp_path / "out.ipynb"), progress_bar=False)
        assert kernel.manager is launched and kernel.ready and len(calls) == 1  # waited for once, not started again
        pid = launched.provisioner.process.pid
    assert _outputs(tmp_path / "out.ipynb") == [f"{pid} True True"]  # the figure stack imported and frozen as it booted
    assert kernel.manager is None and not kernel.ready


def test_the_executed_copy_is_written_when_the_notebook_ends_not_at_every_cell(monkeypatch, tmp_path):
    import papermill.iorw

    writes: list[str] = []
    real = papermill.iorw.write_ipynb

    def counted(nb, path):
        writes.append(str(path))
        return real(nb, path)
    monkeypatch.setattr(papermill.iorw, "write_ipynb", counted)
    monkeypatch.setattr("papermill.engines.write_ipynb", counted)
    notebook = _notebook(tmp_path / "a.ipynb", *[f"print({i} * {i})" for i in range(6)])
    with kernels.ReportKernel(str(tmp_path)) as kernel:
        kernel.execute(notebook, str(tmp_path / "out.ipynb"), progress_bar=False)
    assert len(writes) == 2  # when it started and when it ended (papermill's own engine: 2 + 2 per cell)
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert _outputs(tmp_path / "out.ipynb") == [str(i * i) for i in range(6)]
    assert all(c.metadata.papermill["duration"] is not None for c in executed.cells)
    assert executed.metadata.papermill["duration"] > 0


def test_a_kernel_that_cannot_be_launched_stops_the_report_with_a_sentence(monkeypatch, tmp_path):
    def no_kernel(self):
        raise RuntimeError("no python3 kernel is installed")
    monkeypatch.setattr(kernels.ReportKernel, "launch", no_kernel)
    with pytest.raises(ReportError, match=r"01_load_and_clean.ipynb could not be run: RuntimeError: no python3 kernel"):
        build_report(SAMPLE / "kremlin.csv", tmp_path / "out", cache=False, progress=False)
