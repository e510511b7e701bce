"""Adding a beat or editing one: code, name, ward, priorities and visits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QWidget

from rosterapp.domain.values import BeatInfo
from rosterapp.services.beats import BeatInput, create_beat, update_beat
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.forms.ui_beat_dialog import Ui_BeatDialog
from rosterapp.ui.operations import Operations


class BeatDialog(FormDialog):
    def __init__(
        self,
        ops: Operations | None,
        team: str,
        beats: Sequence[BeatInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_BeatDialog()
        self.ui.setupUi(self)
        self.team = team
        self.beats = {b.code: b for b in beats}
        u = self.ui
        self.fields = {
            "code": u.code,
            "name": u.name,
            "priorities": u.priorities,
            "visit_minutes": u.visit,
            "visit_interval_minutes": u.interval,
            "ward": u.ward,
        }
        u.existing.addItem("New beat", None)
        for b in beats:
            u.existing.addItem(f"{b.code} – {b.name}", b.code)
        u.existing.currentIndexChanged.connect(self._load)
        self._wire()

    def _load(self) -> None:
        u = self.ui
        beat = self.beats.get(u.existing.currentData())
        u.code.setText(beat.code if beat else "")
        u.name.setText(beat.name if beat else "")
        u.ward.setText(beat.ward if beat else "")
        u.priorities.setText("; ".join(beat.priorities) if beat else "")
        u.hotspot.setChecked(bool(beat and beat.hotspot))
        u.visit.setValue(beat.visit_minutes if beat else 15)
        u.interval.setValue(beat.visit_interval_minutes if beat else 120)

    def save(self) -> Save:
        u = self.ui
        data = BeatInput(
            u.code.text(),
            u.name.text(),
            u.ward.text(),
            tuple(p.strip() for p in u.priorities.text().split(";") if p.strip()),
            u.hotspot.isChecked(),
            u.visit.value(),
            u.interval.value(),
        )
        old, team = u.existing.currentData(), self.team
        if old:
            seen = self.beats[old]
            return lambda db: update_beat(db, team, seen.id, data, expected_version=seen.version)
        return lambda db: create_beat(db, team, data)

    def take_newer(self, current: BeatInfo, version: int, *, reload: bool) -> None:
        u = self.ui
        seen = self.beats.pop(u.existing.currentData())
        # The other person may have renamed the beat: the save must find it by its code now.
        index = u.existing.currentIndex()
        u.existing.setItemData(index, current.code)
        u.existing.setItemText(index, f"{current.code} – {current.name}")
        if reload:
            self.beats[current.code] = current
            self._load()
        else:
            self.beats[current.code] = replace(seen, code=current.code, version=version)
