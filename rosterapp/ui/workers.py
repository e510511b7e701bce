"""Long work off the GUI thread: a job on the thread pool, with progress and cancel."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from rosterapp.exports.files import Cancelled, ExportError
from rosterapp.importers.tabular import ImportFailed
from rosterapp.services.errors import ServiceError
from rosterapp.storage import DatabaseError

log = logging.getLogger(__name__)

# A job receives a progress callback: call it with (done, total); False means stop.
JobFunction = Callable[[Callable[[int, int], bool]], Any]
_USER_ERRORS = (ServiceError, ExportError, ImportFailed, DatabaseError, OSError)


class JobSignals(QObject):
    # Python objects, not C ints: a solver's costs and bounds can pass 2**31.
    progress = Signal(object, object)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Job(QRunnable):
    def __init__(self, fn: JobFunction, *, keep_result_on_cancel: bool = False) -> None:
        super().__init__()
        self.fn = fn
        # A solver stopped early still has its best roster: deliver it.
        self.keep_result_on_cancel = keep_result_on_cancel
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the window keeps it until its signals have arrived

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except _USER_ERRORS as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # logged with its traceback, shown as a sentence
            log.exception("background job failed")
            from rosterapp.logs import log_file

            self.signals.failed.emit(f"unexpected error: {exc} (details in {log_file()})")
        else:
            if self._cancel.is_set() and not self.keep_result_on_cancel:
                self.signals.cancelled.emit()
            else:
                self.signals.done.emit(result)


def start(job: Job) -> Job:
    QThreadPool.globalInstance().start(job)
    return job
