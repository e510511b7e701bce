"""Starting the window: application identity, fonts, style, error handling."""

from __future__ import annotations

import logging
import sys
import tempfile
from datetime import date
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from rosterapp import APP_DISPLAY_NAME, APP_NAME, ORG_NAME, __version__, paths
from rosterapp.logs import safe_traceback, setup_logging
from rosterapp.storage import Database, DatabaseDamaged, DatabaseError
from rosterapp.ui.settings import Key

log = logging.getLogger("rosterapp.ui")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the traceback to the file; show the user a sentence and where the log is."""
    log.error("unexpected error\n%s", safe_traceback(exc.with_traceback(tb)))
    if QApplication.instance() is not None:
        QMessageBox.critical(
            None,
            f"{APP_DISPLAY_NAME}: something went wrong",
            f"{exc}\n\nYour last saved change is safe. Details are in {setup_logging()}.",
        )


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QCoreApplication.setOrganizationName(ORG_NAME)
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationDisplayName(APP_DISPLAY_NAME)
        app.setStyle("Fusion")  # follows the system light/dark scheme
        from rosterapp.ui.icons import app_icon

        app.setWindowIcon(app_icon())
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font = paths.resource("fonts", name)
        if font.is_file():
            QFontDatabase.addApplicationFont(str(font))
    return app


def install_error_handling() -> None:
    setup_logging()
    qInstallMessageHandler(_qt_message)
    sys.excepthook = _excepthook


def run_gui(
    db_target: str | None,
    *,
    screenshot: Path | None = None,
    team: str | None = None,
    week: date | None = None,
    weeks: str | None = None,
    size: tuple[int, int] | None = None,
    dark: bool = False,
) -> int:
    app = make_app()
    install_error_handling()
    try:
        db = Database.open(db_target)
    except DatabaseDamaged as exc:
        if screenshot is not None:
            raise
        restored = offer_restore(db_target, exc)
        if restored is None:
            return 1
        db = restored
    except DatabaseError as exc:
        if screenshot is not None:
            raise
        QMessageBox.critical(None, f"{APP_DISPLAY_NAME}: cannot open the database", str(exc))
        return 1
    from rosterapp.ui.first_run import offer_demo_if_empty
    from rosterapp.ui.mainwindow import MainWindow

    if screenshot is None:
        offer_demo_if_empty(db)
    if screenshot is not None:
        with tempfile.TemporaryDirectory() as scratch:
            # Fresh settings, thrown away after: a screenshot neither follows nor changes
            # the user's saved window (its size, team, span, docks).
            own = QSettings(str(Path(scratch) / "screenshot.ini"), QSettings.Format.IniFormat)
            own.setValue(Key.COLOURS, "dark" if dark else "light")
            shot = MainWindow(db, team=team, week=week, weeks=weeks, settings=own)
            return save_screenshot(app, shot, screenshot, size or (1600, 1000))
    window = MainWindow(db, team=team, week=week, weeks=weeks)
    # The first week is read on the worker; give it a moment so that the window opens
    # filled rather than empty (a slow server just opens it empty, then fills it).
    window.ops.wait(timeout=1.0, until=lambda: bool(window.model.days))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.start_daily_backup()
    if db.on_network_drive:
        QMessageBox.warning(
            window,
            "Database on a network drive",
            f"{db.display_name} is on a network drive. SQLite cannot lock files "
            "there reliably, so edits can be lost. Keep the file on this "
            "computer, or share the roster through a PostgreSQL server.",
        )
    code = app.exec()
    db.close()
    return code


def offer_restore(target: str | None, exc: DatabaseDamaged) -> Database | None:
    """A damaged file: say so and offer the newest backup instead of crashing."""
    from rosterapp.services.backups import latest_backup, restore

    newest = latest_backup()
    if newest is None:
        QMessageBox.critical(
            None,
            f"{APP_DISPLAY_NAME}: the database is damaged",
            f"{exc}\n\nNo backup was found in {paths.backup_dir()}.",
        )
        return None
    answer = QMessageBox.question(
        None,
        f"{APP_DISPLAY_NAME}: the database is damaged",
        f"{exc}\n\nRestore the latest backup, {newest.name}? The damaged file is kept aside.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        restore(target, newest)
        return Database.open(target)
    except DatabaseError as again:
        QMessageBox.critical(None, f"{APP_DISPLAY_NAME}: restore failed", str(again))
        return None


def _save_private_png(pixmap: QPixmap, target: Path) -> bool:
    """The window shows names: the PNG is user-only from its first byte (atomic_path's
    temporary file is made 0600), and nothing is left behind if it cannot be written."""
    from rosterapp.exports.files import ExportError, atomic_path

    try:
        with atomic_path(target) as tmp:
            if not pixmap.save(str(tmp), "PNG"):
                raise ExportError(f"cannot write {target}")
    except (ExportError, OSError):
        return False
    return True


def save_screenshot(
    app: QApplication, window: object, target: Path, size: tuple[int, int] = (1600, 1000)
) -> int:
    from rosterapp.ui.mainwindow import MainWindow

    assert isinstance(window, MainWindow)
    window.resize(*size)
    window.show()
    window.ops.wait(until=lambda: bool(window.model.days))  # not for the read-ahead
    for _ in range(5):
        app.processEvents()
    pixmap = window.grab()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not _save_private_png(pixmap, target):
        print(f"rosterapp: cannot write {target}", file=sys.stderr)
        return 1
    window.close()  # stops its database worker
    # Delete the window while the application still exists; leaving it to the
    # garbage collector at interpreter exit crashes PySide6.
    window.deleteLater()
    app.processEvents()
    print(f"Saved {target} ({pixmap.width()}×{pixmap.height()})")
    return 0
