"""The base of every editor built on a Designer form in ui/: nothing is saved until it
is valid, the problem is said next to the fields, and the save runs as a write op on
the database worker (the dialog stays open, its buttons off, until it is saved)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from rosterapp.services.errors import ServiceError, StaleRow
from rosterapp.storage import Database
from rosterapp.ui.conflict import Choice, ask_reload_or_apply
from rosterapp.ui.operations import Changes, Operations, sentence
from rosterapp.ui.palette import error_style

# What a form's save() returns: the write to run on the worker.
Save = Callable[[Database], Any]


class FormError(ValueError):
    """A problem the form finds in what was typed itself, with the field it is in."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class FormDialog(QDialog):
    """Runs `save()` on OK; a refused save is said in the form, and the field the error
    names (ServiceError.field, FormError.field) takes the focus."""

    ui: Any
    fields: dict[str, QWidget]  # the field an error names → the widget to focus
    # What a successful save changes, for the window to refresh.
    changes = Changes(week=True)
    # A form that only collects values (the window writes them) has no save op.
    writes = True

    def __init__(self, ops: Operations | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.result_value: Any = None
        self.saving = False

    def _wire(self) -> None:
        from rosterapp.ui.dialogs.fields import typeable_dates

        typeable_dates(self)
        # The form's red is for a light window; the scheme shown now may be dark.
        self.ui.error.setStyleSheet(error_style(bold=True))
        self.ui.buttons.accepted.connect(self.submit)
        self.ui.buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        if self.saving:
            return
        try:
            work = self.save()
        except (ServiceError, ValueError) as exc:
            self.show_problem(str(exc), getattr(exc, "field", None))
            return
        if not self.writes or self.ops is None:
            self._saved(work)
            return
        self._busy(True)
        self.ops.write(work, self.changes).success(self._saved).failure(self._refused).run()

    def _busy(self, busy: bool) -> None:
        self.saving = busy
        self.ui.buttons.setEnabled(not busy)

    def _saved(self, result: Any) -> None:
        self._busy(False)
        self.result_value = result
        self.ui.error.setText("")
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, StaleRow):
            self._stale(exc)
        elif isinstance(exc, ServiceError | ValueError):
            self.show_problem(str(exc), getattr(exc, "field", None))
        else:
            self.show_problem(sentence(exc))

    def show_problem(self, message: str, field: str | None = None) -> None:
        self.ui.error.setText(message[:1].upper() + message[1:])
        widget = self.fields.get(field) if field else None
        if widget is not None:
            widget.setFocus()

    def ask_stale(self, message: str) -> Choice:
        return ask_reload_or_apply(self, message)

    def _stale(self, exc: StaleRow) -> None:
        """Someone saved this record since the dialog opened: show who, when and what,
        then reload their values into the form or write the user's over them."""
        choice = self.ask_stale(str(exc))
        if exc.current is None or exc.current_version is None:
            self.show_problem(str(exc))  # removed meanwhile: nothing to reload or apply to
            return
        if choice == "reload":
            self.take_newer(exc.current, exc.current_version, reload=True)
            self.ui.error.setText("Reloaded what is saved now; make your changes again")
        elif choice == "apply":
            self.take_newer(exc.current, exc.current_version, reload=False)
            self.submit()
        else:
            self.show_problem(str(exc))

    def take_newer(self, current: Any, version: int, *, reload: bool) -> None:
        """Adopt the stored version: refill the form from `current` (reload) or keep the
        user's values so that the next save writes over it (apply)."""
        raise NotImplementedError

    def save(self) -> Any:
        """Read the form (raising ValueError for what is wrong in it) and return the
        write to run, or, for a form that `writes` nothing, the values themselves."""
        raise NotImplementedError
