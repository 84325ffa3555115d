"""A report kernel that dies while starting (its port taken by another process) is started again."""

from __future__ import annotations

import papermill
import pytest

from analysis import kernels


def _flaky(failures: list[str]):
    calls = []

    def execute(source, target, **options):
        calls.append(options["kernel_manager_class"].__name__)
        if len(calls) <= len(failures):
            raise RuntimeError(failures[len(calls) - 1])
    return execute, calls


def test_a_kernel_that_died_before_answering_is_started_again(monkeypatch):
    execute, calls = _flaky(["Kernel died before replying to kernel_info"])
    monkeypatch.setattr(papermill, "execute_notebook", execute)
    kernels.execute_notebook("in.ipynb", "out.ipynb")
    assert calls == ["ReportKernelManager", "ReportKernelManager"]


def test_it_gives_up_after_the_last_attempt_and_never_retries_other_errors(monkeypatch):
    execute, calls = _flaky(["Kernel died before replying to kernel_info"] * kernels.KERNEL_START_ATTEMPTS)
    monkeypatch.setattr(papermill, "execute_notebook", execute)
    with pytest.raises(RuntimeError, match="kernel_info"):
        kernels.execute_notebook("in.ipynb", "out.ipynb")
    assert len(calls) == kernels.KERNEL_START_ATTEMPTS == 3
    execute, calls = _flaky(["something else broke"])
    monkeypatch.setattr(papermill, "execute_notebook", execute)
    with pytest.raises(RuntimeError, match="something else"):
        kernels.execute_notebook("in.ipynb", "out.ipynb")
    assert len(calls) == 1
