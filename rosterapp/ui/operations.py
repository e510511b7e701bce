"""Database work off the GUI thread, after Anki's CollectionOp and QueryOp.

Every read and write the window makes runs on one database worker thread, in the
order asked. Results come back to the GUI thread through queued signals, where the
op's callbacks run; the GUI thread itself only paints and takes keys.

- `ops.query(fn)` reads: `fn(db)` returns plain data for `success`.
- `ops.write(fn, changes)` writes: on success `changed(Changes)` is emitted, on
  which the grid, cover, findings and docks refresh.
- `ops.job(fn)` is long work (solve, export, import, backup): `fn(db, progress)`
  reports progress; `progress(...)` returns False once the user has cancelled.

A failure is shown as a sentence (a popup unless the caller handles it), never as a
traceback; unexpected errors are logged with theirs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from time import monotonic
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from rosterapp.domain.grid import CellChange
from rosterapp.exports.files import Cancelled, ExportError
from rosterapp.importers.tabular import ImportFailed
from rosterapp.services.errors import ServiceError
from rosterapp.storage import Database, DatabaseError, PermissionDenied
from rosterapp.storage.engine import is_permission_denied

log = logging.getLogger(__name__)

# Errors a user can act on: their text is the sentence shown.
USER_ERRORS = (ServiceError, ExportError, ImportFailed, DatabaseError, OSError)
Progress = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Changes:
    """What a write changed, for the views to refresh (Anki's OpChanges)."""

    cells: tuple[CellChange, ...] = ()  # patched into the grid in place
    week: bool = False  # anything else the week view shows: read it again
    teams: bool = False  # the list of teams or a team's settings
    # What the views need for `cells`, worked out on the worker in the same op (the
    # window's re-check of the people edited), so that they need no second trip.
    checked: Any = None

    def __bool__(self) -> bool:
        return bool(self.cells) or self.week or self.teams


def sentence(exc: BaseException) -> str:
    """What the user is told: the error's own words, or where the details are."""
    if isinstance(exc, USER_ERRORS):
        return str(exc)
    from rosterapp.logs import log_file

    return f"unexpected error: {exc} (details in {log_file()})"


@dataclass(frozen=True)
class _Outcome:
    result: Any = None
    error: BaseException | None = None
    cancelled: bool = False


class Op(QObject):
    """One piece of database work; configure it, then `run()` it (once)."""

    progress = Signal(object, object)  # Python objects: solver costs pass 2**31
    done = Signal(object)
    failed = Signal(object)  # the exception itself, not its text
    cancelled = Signal()
    finished = Signal()
    # Emitted on the worker; Op lives on the GUI thread, so these arrive queued.
    _progress_relay = Signal(object, object)
    _outcome_relay = Signal(object)

    def __init__(
        self,
        ops: Operations,
        fn: Callable[..., Any],
        *,
        reports_progress: bool = False,
        changes: Callable[[Any], Changes] | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(ops)
        self.ops = ops
        self.fn = fn
        self.key = key
        self._reports_progress = reports_progress
        self._changes = changes
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self._dialog: QProgressDialog | None = None
        self._own_dialog = False
        self._cancel = threading.Event()
        # A solver stopped early still has its best roster: deliver it.
        self.keep_result_on_cancel = False
        self.error: BaseException | None = None
        self._progress_relay.connect(self._on_progress)
        self._outcome_relay.connect(self._on_outcome)

    # --- configuring --------------------------------------------------------------
    def success(self, fn: Callable[[Any], None]) -> Op:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Op:
        self._failure = fn
        return self

    def on_cancel(self, fn: Callable[[], None]) -> Op:
        self._on_cancel = fn
        return self

    def with_progress(
        self,
        label: str,
        *,
        cancel: str | None = None,
        title: str | None = None,
        wait_ms: int = 500,
    ) -> Op:
        """A window-modal progress dialog, shown only if the op takes longer than
        `wait_ms`; with a `cancel` button text, Cancel stops the op (see `cancel`)."""
        dialog = QProgressDialog(label, cancel or "", 0, 0, self.ops.window)
        if cancel is None:
            dialog.setCancelButton(None)
        if title:
            dialog.setWindowTitle(title)
        dialog.setMinimumDuration(wait_ms)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._own_dialog = True
        return self.with_dialog(dialog)

    def with_dialog(self, dialog: QProgressDialog) -> Op:
        """A progress dialog whose Cancel stops the op; closed when the op ends."""
        self._dialog = dialog
        dialog.canceled.connect(self.cancel)
        return self

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    def run(self) -> Op:
        self.ops._submit(self)
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- on the worker ----------------------------------------------------------------
    def _report(self, a: Any, b: Any) -> bool:
        self._progress_relay.emit(a, b)
        return not self._cancel.is_set()

    def _execute(self, db: Database) -> None:
        if self.ops._superseded(self) or self._cancel.is_set():
            outcome = _Outcome(cancelled=True)
        else:
            outcome = self._call(db)
        self._outcome_relay.emit(outcome)

    def _call(self, db: Database) -> _Outcome:
        try:
            result = self.fn(db, self._report) if self._reports_progress else self.fn(db)
        except Cancelled:
            return _Outcome(cancelled=True)
        except USER_ERRORS as exc:
            return _Outcome(error=exc)
        except sa.exc.DBAPIError as exc:
            if is_permission_denied(exc):  # the server's refusal, in plain words
                return _Outcome(error=PermissionDenied(db.refusal(exc)))
            log.exception("database work failed")
            return _Outcome(error=exc)
        except Exception as exc:  # logged here, where its traceback is
            log.exception("database work failed")
            return _Outcome(error=exc)
        if self._cancel.is_set() and not self.keep_result_on_cancel:
            return _Outcome(cancelled=True)
        return _Outcome(result=result)

    # --- back on the GUI thread ---------------------------------------------------------
    @Slot(object, object)
    def _on_progress(self, a: Any, b: Any) -> None:
        self.progress.emit(a, b)

    @Slot(object)
    def _on_outcome(self, outcome: _Outcome) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            if self._own_dialog:
                self._dialog.deleteLater()
        moot = self.ops._superseded(self)
        self.ops._retire(self)
        try:
            # Moot: a newer query of the same key answers instead. Closed: nothing
            # may land on a window that has gone.
            if not moot and not self.ops._closed:
                self._deliver(outcome)
        finally:
            self.finished.emit()
            self.deleteLater()
            self.ops._run_when_idle()

    def _deliver(self, outcome: _Outcome) -> None:
        if outcome.cancelled:
            if self._on_cancel is not None:
                self._on_cancel()
            self.cancelled.emit()
        elif outcome.error is not None:
            self.error = outcome.error
            if self._failure is not None:
                self._failure(outcome.error)
            else:
                self.ops.show_failure(outcome.error)
            self.failed.emit(outcome.error)
        else:
            changes = self._changes(outcome.result) if self._changes else None
            try:
                if self._success is not None:
                    self._success(outcome.result)
                self.done.emit(outcome.result)
            finally:
                # Saved is saved: the views refresh even if a callback failed.
                if changes:
                    self.ops.changed.emit(changes)


class Operations(QObject):
    """The window's database worker: one thread, ops run in the order submitted."""

    changed = Signal(object)  # Changes, after a write succeeded
    busy = Signal(bool)

    def __init__(self, db: Database, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db = db
        self.window = parent
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rosterapp-db")
        self._live: set[Op] = set()
        self._latest: dict[str, Op] = {}
        self._idle_waiters: list[Callable[[], None]] = []
        self._soon = 0  # after_paint() calls still to run
        self._closed = False

    @property
    def idle(self) -> bool:
        return not self._live and not self._soon

    def after_paint(self, fn: Callable[[], None]) -> None:
        """Run `fn` once the events queued now (the repaint a result asked for) are
        done: work started then does not slow the paint down. Counts as busy until it
        has run, so that wait() waits for what it starts too."""
        self._soon += 1

        def run() -> None:
            self._soon -= 1
            if not self._closed:
                fn()
            if self.idle:
                self.busy.emit(False)

        QTimer.singleShot(0, self, run)

    def when_idle(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the GUI thread once every op asked for so far has finished and
        been delivered (at once if none is running).

        An edit reads the grid: the cell's version for the conflict check, the value
        to fill down, the step to undo. Typed while an earlier save is still on its
        way, it must see that save, not the grid as it was before."""
        if not self._live:
            fn()
        else:
            self._idle_waiters.append(fn)

    def _run_when_idle(self) -> None:
        while self._idle_waiters and not self._live and not self._closed:
            self._idle_waiters.pop(0)()

    def query(self, fn: Callable[[Database], Any], *, key: str | None = None) -> Op:
        """A read. With a `key`, a newer query of the same key makes an older one moot:
        it is skipped if it has not started, and its result is dropped if it has."""
        return Op(self, fn, key=key)

    def write(
        self, fn: Callable[[Database], Any], changes: Changes | Callable[[Any], Changes]
    ) -> Op:
        """A write; `changes` (or a function of the result) is broadcast on success."""
        of = changes if callable(changes) else (lambda _result: changes)
        return Op(self, fn, changes=of)

    def job(
        self,
        fn: Callable[[Database, Progress], Any],
        changes: Callable[[Any], Changes] | None = None,
    ) -> Op:
        """Long work with progress; `progress(a, b)` returns False once cancelled."""
        return Op(self, fn, reports_progress=True, changes=changes)

    def show_failure(self, exc: BaseException) -> None:
        """The default for an op nobody handles: a popup with the sentence."""
        text = sentence(exc)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Something went wrong",
            text[:1].upper() + text[1:],
            parent=self.window,
        )
        box.open()

    def wait(self, timeout: float = 30.0, *, until: Callable[[], bool] | None = None) -> bool:
        """Run the event loop until every op has finished (start-up, screenshots, tests),
        or with `until`, until that holds; True if it came to pass in time.

        It sleeps in a real event loop rather than spinning processEvents(): a spinning
        GUI thread would fight the worker for the interpreter lock and slow it down."""
        end = monotonic() + timeout

        def done() -> bool:
            return until() if until is not None else self.idle

        while not done() and monotonic() < end:
            if until is not None and self.idle:
                break  # nothing left that could make it come true
            self._sleep(end, done)
        return done()

    def _sleep(self, end: float, done: Callable[[], bool]) -> None:
        loop = QEventLoop()

        def idle(busy: bool) -> None:
            if not busy:
                loop.quit()

        def check() -> None:
            if done():
                loop.quit()

        self.busy.connect(idle)
        tick = QTimer()
        tick.timeout.connect(check)
        tick.start(5)
        QTimer.singleShot(max(1, int((end - monotonic()) * 1000)), loop.quit)
        loop.exec()
        tick.stop()
        self.busy.disconnect(idle)

    def shutdown(self) -> None:
        """Stop what can stop and wait for the worker: nothing runs on a closed window."""
        if self._closed:
            return
        self._closed = True
        for op in self._live:
            op.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._live.clear()

    # --- for Op ----------------------------------------------------------------------
    def _submit(self, op: Op) -> None:
        if self._closed:
            return
        if op.key is not None:
            self._latest[op.key] = op
        self._live.add(op)
        if len(self._live) == 1:
            self.busy.emit(True)
        db = self.db
        self._executor.submit(op._execute, db)

    def _retire(self, op: Op) -> None:
        self._live.discard(op)
        if op.key is not None and self._latest.get(op.key) is op:
            del self._latest[op.key]
        if not self._live:
            self.busy.emit(False)

    def _superseded(self, op: Op) -> bool:
        return op.key is not None and self._latest.get(op.key, op) is not op
