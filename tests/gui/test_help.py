"""Help: the guide with every rule explained, a keyboard cheat sheet made from the
actions table (printable), and What's this? on a rule finding."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtWidgets import QWhatsThis

from rosterapp.domain.findings import RULES
from rosterapp.domain.rule_help import RULE_HELP
from rosterapp.ui.help import _keys, shortcut_rows
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.mainwindow.actions import ACTIONS
from tests.gui.conftest import settle


def test_every_rule_has_its_meaning() -> None:
    assert set(RULE_HELP) == set(RULES)
    assert all(len(text) > 30 for text in RULE_HELP.values())


def test_the_cheat_sheet_lists_every_key_of_the_window(window: MainWindow) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    native = QKeySequence.SequenceFormat.NativeText
    bound = {s.toString(native) for a in window.findChildren(QAction) for s in a.shortcuts()}
    for _menu, command, keys in shortcut_rows():
        assert set(keys.split(" or ")) <= bound, command  # a key the window has
    # Every command of the table with a key on this platform is listed.
    assert len(shortcut_rows()) == sum(1 for a in ACTIONS if _keys(a))
    assert ("Roster", "Publish", "Ctrl+Shift+P") in shortcut_rows()


def test_the_guide_and_shortcuts_open_and_print(window: MainWindow, tmp_path: Path) -> None:
    guide = window.show_guide()
    text = guide.browser.toPlainText()  # type: ignore[attr-defined]
    assert "A week in five steps" in text
    assert RULES["rest-11h"].title[1:] in text and RULE_HELP["rest-day-owed"][:40] in text
    keys = window.show_shortcuts()
    assert "Ctrl+Shift+P" in keys.browser.toPlainText()  # type: ignore[attr-defined]
    pdf = keys.save_pdf(tmp_path / "keys.pdf")  # type: ignore[attr-defined]
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    assert out.returncode != 0 or "Keyboard shortcuts" in out.stdout
    assert pdf.stat().st_size > 1000
    guide.close()
    keys.close()


def test_whats_this_on_a_finding_says_what_its_rule_means(window: MainWindow) -> None:
    from datetime import timedelta

    from tests.gui.test_workspace import WEEK, first_pc_row

    mid = window.model.rows[first_pc_row(window)].member.id
    window.set_cells_from_grid([(mid, WEEK + timedelta(days=1))], "LL")
    settle(window)
    window.set_cells_from_grid([(mid, WEEK + timedelta(days=2))], "E")
    settle(window)
    lst = window.dock.list
    item = next((lst.item(i) for i in range(lst.count()) if lst.item(i).whatsThis()), None)
    assert item is not None, "a rest finding is listed"
    finding = item.data(0x0100 + 1)
    assert RULE_HELP[finding.rule] in item.whatsThis()
    lst.setCurrentItem(item)
    lst.setFocus()
    window.whats_this()
    QWhatsThis.hideText()
