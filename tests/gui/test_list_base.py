"""The list dialogs' shared model and dialog (ui/dialogs/list_base.py): a model over
plain rows that passes Qt's model checks, edits handed on to be saved, and a dialog that
reads its rows as an op, keeps the row it was on and says what went wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from rosterapp.services.errors import InvalidInput
from rosterapp.storage import Database
from rosterapp.ui.dialogs.list_base import Display, Edit, ListDialog, ListModel
from rosterapp.ui.operations import Changes, Operations

Fruit = tuple[str, int]


class FruitModel(ListModel[Fruit]):
    columns = ("Name", "Count")
    text_roles = (Display, Edit)
    editable = frozenset({0})

    def arrange(self, rows: Sequence[Fruit]) -> list[Fruit]:
        return sorted(rows)

    def texts(self, row: Fruit) -> Sequence[str]:
        return (row[0], str(row[1]))

    def value(self, row: Fruit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return f"{row[1]} of them"
        return None


class FruitDialog(ListDialog[Fruit]):
    noun = "apple"

    def __init__(self, ops: Operations, store: list[Fruit]) -> None:
        super().__init__(ops, FruitModel(), "Fruit", (400, 300), "Fruit")
        self.store = store
        self.lay_out([self.hint("Fruit in the bowl")], [("eat", "&Eat one", self.eat)])

    def reader(self) -> Callable[[Database], Sequence[Fruit]]:
        store = self.store
        return lambda _db: list(store)

    def key(self, row: Fruit) -> object:
        return row[0]

    def eat(self) -> None:
        row = self.chosen()
        if row is None:
            return
        store, name = self.store, row[0]

        def eat(_db: Database) -> None:
            i = next(i for i, r in enumerate(store) if r[0] == name)
            if store[i][1] == 0:
                raise InvalidInput(f"no {name} left")
            store[i] = (name, store[i][1] - 1)

        self.save(eat, Changes(), keep=name)


@pytest.fixture
def ops(qtbot: QtBot, sqlite_db: Database) -> Iterator[Operations]:
    from rosterapp.ui.app import make_app

    make_app()
    operations = Operations(sqlite_db, None)
    yield operations
    operations.shutdown()


def test_the_model_passes_qts_checks_and_hands_edits_on(qtmodeltester: ModelTester) -> None:
    model = FruitModel()
    typed: list[tuple[Fruit, int, str]] = []
    model.edit_handler = lambda row, column, text: typed.append((row, column, text))
    model.set_rows([("pear", 2), ("apple", 0), ("fig", 7)])
    qtmodeltester.check(model)
    assert [r[0] for r in model.rows] == ["apple", "fig", "pear"]
    assert model.data(model.index(1, 1)) == "7"
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == "7 of them"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(2, 0), "Pears")
    assert not model.setData(model.index(2, 1), "9")  # not a column typed over
    assert typed == [(("pear", 2), 0, "Pears")]
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_dialog_reads_keeps_its_row_and_says_what_went_wrong(
    qtbot: QtBot, ops: Operations
) -> None:
    store: list[Fruit] = [("pear", 1), ("apple", 1)]
    dialog = FruitDialog(ops, store)
    qtbot.add_widget(dialog)
    dialog.eat()
    assert dialog.error.text() == "Choose an apple first"
    dialog.refresh()
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 2)
    assert dialog.select("pear")
    dialog.buttons["eat"].click()
    qtbot.waitUntil(lambda: dialog.model.rows[1] == ("pear", 0))
    assert dialog.selected() == ("pear", 0) and dialog.error.text() == ""
    dialog.eat()
    qtbot.waitUntil(lambda: dialog.error.text() != "")
    assert dialog.error.text() == "no pear left"
    assert store == [("pear", 0), ("apple", 1)]
