"""The report's Jupyter kernel: one for all its notebooks, started once, reset between them, always stopped.

A report runs its notebooks one after another in one :class:`ReportKernel`: the kernel starts (and
imports the package) once, not once per notebook, and the package's in-memory memos (tokens, sentence
scores, matchers) carry over from one notebook to the next. Before each notebook, the kernel's
namespace is cleared (``%reset -f``), its figures closed, its folder set to the notebook's and its
cell counter set back to 1, so a notebook sees nothing another one defined and numbers its cells as
it would alone.
The kernel gets this process's environment plus :data:`KERNEL_ENV` (the caller's own environment is
never changed) and :data:`KERNEL_ARGUMENTS`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from types import TracebackType
from typing import Any

__all__ = ["KERNEL_ARGUMENTS", "KERNEL_ENV", "KERNEL_START_ATTEMPTS", "RESET_CODE", "ReportKernel",
           "kernel_manager_class", "report_engine"]

#: Set in the environment of every report kernel (and only there): figures are captured as outputs even
#: where ``MPLBACKEND`` names a non-interactive backend (as on CI machines).
KERNEL_ENV = {"MPLBACKEND": "module://matplotlib_inline.backend_inline"}

#: Passed to every report kernel: errors only in its log; no command history (the cell numbers start again
#: at 1 for each notebook, which IPython's history database refuses with an "ERROR!" line in the output,
#: and a report has no business writing to the user's ~/.ipython); and a pandas table shown as it is (not
#: through analysis.display.show_table) keeps whole cells instead of cutting them at 50 characters with "...";
#: the package and its figure stack imported as the kernel boots (seconds, while the report loads the set),
#: then frozen out of the garbage collector (``gc.freeze``): a full collection, as ``%reset -f`` runs before
#: each notebook, no longer walks the 200,000 objects of the imported modules (0.3 s each, now 0.02 s).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False",
                    "--IPKernelApp.exec_lines=import pandas; pandas.set_option('display.max_colwidth', None); "
                    "import analysis.plots, gc; gc.freeze()"]

#: Starts of the kernel tried before the report gives up on it.
KERNEL_START_ATTEMPTS = 3

#: Run silently before each notebook (``{cwd!r}``: the notebook's folder): nothing a notebook defined
#: reaches the next one.
RESET_CODE = """\
%reset -f
import os, matplotlib.pyplot
matplotlib.pyplot.close("all")
os.chdir({cwd!r})
del os, matplotlib
get_ipython().execution_count = 1
"""


@lru_cache(maxsize=1)
def kernel_manager_class() -> type:
    """The kernel manager of the report's kernel: this process's environment plus :data:`KERNEL_ENV`.

    >>> kernel_manager_class().__name__
    'ReportKernelManager'
    """
    from jupyter_client.manager import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):
            kw["env"] = {**os.environ, **(kw.get("env") or {}), **KERNEL_ENV}
            return await super().start_kernel(**kw)

    return ReportKernelManager


@lru_cache(maxsize=1)
def report_engine() -> str:
    """Register (once) and name papermill's engine for the report: nbclient's, but writing the executed copy
    when the notebook starts and ends, and when papermill's autosave interval (30 s) has passed since the
    last write, not at the start and end of every cell. Each write validates and serialises the whole
    notebook, figures included: about 200 writes, 4 s of a report on the sample. The copy still holds
    the failing or timed-out cell: papermill writes it when the notebook ends, whichever way.

    >>> report_engine()
    'framing-lab'
    """
    from papermill.engines import NBClientEngine, papermill_engines

    class ReportEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            write = nb_man.save

            def save(**options: Any) -> None:
                ended = bool(nb_man.nb.metadata.papermill.get("end_time"))  # set just before the final write
                waited = (nb_man.now() - nb_man.last_save_time).total_seconds()
                if ended or waited >= nb_man.autosave_cell_every:
                    write(**options)

            nb_man.save = save
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register("framing-lab", ReportEngine)
    return "framing-lab"


class ReportKernel:
    """One kernel for every notebook of a report; ``with ReportKernel(cwd) as kernel: kernel.execute(...)``.

    jupyter_client picks free ports and then starts the kernel, so another process can take a port in
    between ("Address already in use"): that kernel dies before it answers, and a new one (on new ports)
    is started, up to :data:`KERNEL_START_ATTEMPTS` times in all. It starts with the first notebook
    (:meth:`execute`), or earlier with :meth:`launch` (the report launches it before it loads the set, so
    the kernel boots meanwhile); leaving the ``with`` block, normally,
    on an error or on Ctrl-C, shuts the kernel down.

    >>> ReportKernel("/tmp").notebooks_run
    0
    """

    def __init__(self, cwd: str, *, startup_timeout: float = 60) -> None:
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.manager: Any = None
        self.ready = False  # answered once: launched and booted
        self.notebooks_run = 0

    def __enter__(self) -> ReportKernel:  # the kernel starts with the first notebook
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.shutdown()

    def _client(self) -> Any:
        """A blocking client of the kernel whose parent is its manager: it asks the manager whether the
        kernel process lives. A client without one judges by heartbeats, and a kernel still starting on a
        busy machine (no heartbeat answered within a second) would be taken for dead."""
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient(**self.manager.get_connection_info(session=True),
                                      connection_file=self.manager.connection_file, parent=self.manager)
        client.start_channels()
        return client

    def launch(self) -> None:
        """Start the kernel process and return at once: it boots and imports the package
        (:data:`KERNEL_ARGUMENTS`) while the caller goes on; :meth:`start` waits for it."""
        from jupyter_core.utils import run_sync

        self.manager = kernel_manager_class()(kernel_name="python3")
        self.ready = False
        run_sync(self.manager.start_kernel)(extra_arguments=KERNEL_ARGUMENTS, cwd=self.cwd)

    def start(self) -> None:
        """Wait until the kernel answers (launching it first unless :meth:`launch` did); again on new ports
        if it died while starting."""
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            if self.manager is None:
                self.launch()
            client = self._client()
            try:
                client.wait_for_ready(timeout=self.startup_timeout)
                self.ready = True
                return
            except RuntimeError as exc:
                self.shutdown()
                if "before replying to kernel_info" not in str(exc) or attempt == KERNEL_START_ATTEMPTS:
                    raise
            finally:
                client.stop_channels()

    def reset(self, cwd: str) -> None:
        """Clear the namespace, close the figures, go to ``cwd``, number cells from 1 (:data:`RESET_CODE`)."""
        client = self._client()
        try:
            reply = client.execute(RESET_CODE.format(cwd=str(cwd)), silent=True, reply=True,
                                   timeout=self.startup_timeout)
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the report kernel could not be reset: {reply['content'].get('evalue')}")

    def alive(self) -> bool:
        """Whether the kernel runs."""
        from jupyter_core.utils import run_sync

        return self.manager is not None and self.manager.has_kernel and run_sync(self.manager.is_alive)()

    def execute(self, source: str, target: str, *, cwd: str | None = None, **options: Any) -> None:
        """``papermill.execute_notebook(source, target, **options)`` in this kernel, reset first, run in
        ``cwd`` (default the kernel's folder); a kernel that died is started again first."""
        import papermill

        if not (self.ready and self.alive()):
            self.start()
        self.reset(cwd or self.cwd)
        self.notebooks_run += 1
        papermill.execute_notebook(source, target, km=self.manager, cwd=cwd, engine_name=report_engine(), **options)

    def shutdown(self) -> None:
        """Stop the kernel now, if it runs."""
        from jupyter_core.utils import run_sync

        if self.manager is not None and self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=True)
        self.manager = None
        self.ready = False
