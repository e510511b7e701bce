"""The main window, in parts: shell and docks (shell), the actions table (actions),
navigation, the week shown (week_view, and week_state on the worker), editing, the
team editors, and long jobs (jobs: solver and exports; files: imports and backups)."""

from rosterapp.ui.mainwindow.editing import parse_entry
from rosterapp.ui.mainwindow.shell import MainWindow, about_text

__all__ = ["MainWindow", "about_text", "parse_entry"]
