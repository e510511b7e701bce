"""In-app help: a short guide for sergeants and a keyboard cheat sheet built from the
window's own actions table (so it never lists a key the window does not have), each
printable through Qt's print dialog."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.findings import RULES
from rosterapp.domain.rule_help import rule_help
from rosterapp.ui.mainwindow.actions import ACTIONS, MENUS, ActionSpec

# Keys of the grid itself (not actions of the menus).
GRID_KEYS = (
    ("Type a code (E, L, RD…), then Enter", "set the cell; Enter moves down, as in a spreadsheet"),
    ("Type a code and a beat (E SOH)", "the tour on that beat"),
    ("Delete", "clear the selected cells"),
    ("Arrow keys, Shift+arrows", "move, select a block"),
    ("Escape", "leave the cell as it was (in Find: clear it)"),
    ("Ctrl+F", "find a person by name, shoulder number or role"),
    ("Shift+F1", "What's this? on a rule finding"),
)


def _keys(spec: ActionSpec) -> str:
    texts = []
    for k in (spec.shortcut, *spec.more):
        if k is None:
            continue
        seq = QKeySequence(k) if isinstance(k, QKeySequence.StandardKey) else QKeySequence(str(k))
        text = seq.toString(QKeySequence.SequenceFormat.NativeText)
        if text:
            texts.append(text)
    return " or ".join(texts)


def _label(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def shortcut_rows(actions: Iterable[ActionSpec] = ACTIONS) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every action that has a key, in menu order."""
    by_name = {a.name: a for a in actions}
    rows = []
    seen = set()
    for menu, names in MENUS:
        for name in names:
            spec = by_name.get(name or "")
            if spec is None or name in seen:
                continue
            seen.add(name)
            keys = _keys(spec)
            if keys:
                rows.append((_label(menu), _label(spec.text), keys))
    for spec in actions:  # toolbar-only actions
        if spec.name not in seen and _keys(spec):
            rows.append(("Toolbar", _label(spec.text), _keys(spec)))
    return rows


def shortcuts_html() -> str:
    out = ["<h2>Keyboard shortcuts</h2>", "<h3>In the grid</h3>", "<table cellpadding='3'>"]
    out += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in GRID_KEYS]
    out.append("</table><h3>Commands</h3><table cellpadding='3'>")
    menu = None
    for m, command, keys in shortcut_rows():
        if m != menu:
            out.append(f"<tr><td colspan='2'><i>{escape(m)}</i></td></tr>")
            menu = m
        out.append(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(command)}</td></tr>")
    out.append("</table>")
    return "".join(out)


def guide_html() -> str:
    """The short guide (resources/help/guide.html) and what every rule means."""
    from rosterapp.paths import resource

    text = resource("help", "guide.html").read_text(encoding="utf-8")
    rules = "".join(
        f"<dt><b>{escape(r.title[:1].upper() + r.title[1:])}</b> "
        f"<small>({escape(r.source)})</small></dt><dd>{escape(rule_help(r.id))}</dd>"
        for r in RULES.values()
    )
    return text.replace("<!-- rules -->", f"<dl>{rules}</dl>")


class HelpDialog(QDialog):
    """One page of help, shown and printable."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 640)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        self.browser.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton("&Print…", self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def print_page(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.browser.document().print_(printer)

    def save_pdf(self, target: Path) -> Path:
        """The page as a PDF file (what Print… to a file does, without the dialog)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        document: QTextDocument = self.browser.document()
        document.print_(printer)
        return target
