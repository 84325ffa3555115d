"""The report's Jupyter kernels: their environment and options, and a start that survives a taken port.

Every notebook of a report runs in a kernel of its own, started with this process's environment plus
:data:`KERNEL_ENV` (the caller's own environment is never changed) and :data:`KERNEL_ARGUMENTS`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

__all__ = ["KERNEL_ARGUMENTS", "KERNEL_ENV", "KERNEL_START_ATTEMPTS", "execute_notebook", "kernel_manager_class"]

#: Set in the environment of every report kernel (and only there): figures are captured as outputs even
#: where ``MPLBACKEND`` names a non-interactive backend (as on CI machines).
KERNEL_ENV = {"MPLBACKEND": "module://matplotlib_inline.backend_inline"}

#: Passed to every report kernel: errors only in its log, and a pandas table shown as it is (not through
#: analysis.display.show_table) keeps whole cells instead of cutting them at 50 characters with "...".
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR",
                    "--IPKernelApp.exec_lines=import pandas; pandas.set_option('display.max_colwidth', None)"]

#: Starts of a notebook's kernel tried before the report gives up on it.
KERNEL_START_ATTEMPTS = 3


@lru_cache(maxsize=1)
def kernel_manager_class() -> type:
    """The kernel manager of the report's kernels: this process's environment plus :data:`KERNEL_ENV`.

    >>> kernel_manager_class().__name__
    'ReportKernelManager'
    """
    from jupyter_client.manager import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):  # the one call nbclient makes to start a kernel
            kw["env"] = {**os.environ, **(kw.get("env") or {}), **KERNEL_ENV}
            return await super().start_kernel(**kw)

    return ReportKernelManager


def execute_notebook(source: str, target: str, **options: Any) -> None:
    """``papermill.execute_notebook`` in a report kernel, started again when it died before answering.

    jupyter_client picks free ports and then starts the kernel, so another process can take a port in
    between ("Address already in use"): that kernel dies before any cell ran, and a new one (on new
    ports) is started, up to :data:`KERNEL_START_ATTEMPTS` times in all. Any other failure is raised at once.

    >>> KERNEL_START_ATTEMPTS
    3
    """
    import papermill

    options = {"kernel_manager_class": kernel_manager_class(), "extra_arguments": KERNEL_ARGUMENTS, **options}
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(source, target, **options)
            return
        except RuntimeError as exc:
            if "before replying to kernel_info" not in str(exc) or attempt == KERNEL_START_ATTEMPTS:
                raise
