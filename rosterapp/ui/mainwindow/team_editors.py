"""The Team menu: the editors for members, absences, beats, codes, cover and teams.

Each form saves itself as a write op; the views refresh from its `changed` broadcast.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QInputDialog

from rosterapp.domain.values import MemberInfo
from rosterapp.services.leavers import set_beat_in_use
from rosterapp.services.roster.bulk import apply_pattern
from rosterapp.ui.dialogs import (
    AbsenceDialog,
    BeatDialog,
    BriefingItemDialog,
    CoverDialog,
    FormDialog,
    MemberDialog,
    PatternDialog,
    RosterShapeDialog,
    ShiftTypeDialog,
    TeamDialog,
    TeamSettingsDialog,
    TransferDialog,
)
from rosterapp.ui.dialogs.beats_list import BeatsListDialog
from rosterapp.ui.dialogs.blackouts import BlackoutsDialog
from rosterapp.ui.dialogs.cover_list import CoverListDialog
from rosterapp.ui.dialogs.end_member import EndMemberDialog
from rosterapp.ui.dialogs.operations_list import OperationsDialog
from rosterapp.ui.dialogs.shift_codes import ShiftCodesDialog
from rosterapp.ui.dialogs.taskings import TaskingsDialog
from rosterapp.ui.dialogs.toil import ToilDialog
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.operations import Changes, sentence
from rosterapp.ui.undo import AbsenceCommand


class TeamEditors(WindowBase):
    def _current_member(self, row: int | None = None) -> MemberInfo | None:
        if row is None:
            idx = self.view.currentIndex()
            row = idx.row() if idx.isValid() else None
        if row is None or row >= len(self.model.rows):
            return None
        return self.model.rows[row].member

    def _current_day(self) -> date:
        idx = self.view.currentIndex()
        return self.model.days[idx.column()] if idx.isValid() else self.first_day

    def open_dialog(self, dialog: FormDialog) -> bool:
        """Shown modally; tests replace this to drive the dialog."""
        return dialog.exec() == FormDialog.DialogCode.Accepted

    def edit_member(self, *, new: bool = False, row: int | None = None) -> None:
        if self.team is None:
            return
        member = None if new else self._current_member(row)
        if not new and member is None:
            self.show_message("Select a person first")
            return
        grid = self.model.grid
        beats = [b for b in grid.beats.values() if b.active] if grid is not None else []
        dialog = MemberDialog(
            self.ops, self.team, member, self, beats=beats, start=self._current_day()
        )
        if self.open_dialog(dialog):
            self.show_message("Member saved")

    def end_membership(self) -> None:
        """Someone leaves the team: ended from a day, never deleted."""
        if self.team is None or self.model.grid is None:
            return
        member = self._current_member()
        people = [r.member for r in self.model.grid.rows]
        dialog = EndMemberDialog(
            self.ops, self.team, people, self._current_day(), member.id if member else None, self
        )
        if self.open_dialog(dialog):
            self.show_message("Membership ended: their rosters up to the last day stay")

    def retire_beat(self) -> None:
        """A beat no longer patrolled: past duties keep it; it is not offered any more."""
        if self.team is None or self.model.grid is None:
            return
        beats = sorted(self.model.grid.beats.values(), key=lambda b: (b.sort_order, b.code))
        labels = [f"{b.code} – {b.name}" + ("" if b.active else " (retired)") for b in beats]
        chosen = self.choose_item("Retire or reinstate a beat", "Beat:", labels)
        if chosen is None:
            return
        beat = beats[labels.index(chosen)]
        team, code, in_use = self.team, beat.code, not beat.active
        self.ops.write(
            lambda db: set_beat_in_use(db, team, code, in_use), Changes(week=True)
        ).success(
            lambda _: self.show_message(f"Beat {code} {'reinstated' if in_use else 'retired'}")
        ).failure(lambda exc: self.show_error(sentence(exc))).run()

    def choose_item(self, title: str, label: str, items: list[str]) -> str | None:
        """Asked modally; tests replace this."""
        text, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return str(text) if ok else None

    def record_absence(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        member = self._current_member()
        people = [r.member for r in self.model.grid.rows]
        dialog = AbsenceDialog(
            self.ops, people, self._current_day(), member.id if member else None, self
        )
        if not self.open_dialog(dialog):
            return
        info, cleared = dialog.result_value
        self.undo_stack.push(
            AbsenceCommand(self.ops, self.team, info, cleared, on_conflict=self.undo_refused)
        )
        n = len(cleared)
        duties = f"; {n} dut{'y' if n == 1 else 'ies'} cleared" if cleared else ""
        self.show_message(f"{info.kind.label} recorded{duties} (Ctrl+Z puts them back)")

    def transfer(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        member = self._current_member()
        dialog = TransferDialog(
            self.ops,
            [r.member for r in self.model.grid.rows],
            self.teams,
            self.team,
            self._current_day(),
            member.id if member else None,
            self,
        )
        if self.open_dialog(dialog):
            self.show_message("Transfer recorded; earlier rosters stay with this team")

    def add_tasking(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        beats = list(self.model.grid.beats.values())
        dialog = BriefingItemDialog(
            self.ops, self.team, beats, self._current_day(), self.last_day, self
        )
        if self.open_dialog(dialog):
            self.show_message("Tasking saved: it will print on the briefing sheets")

    def team_settings(self) -> None:
        if self.model.grid is None:
            return
        if self.open_dialog(TeamSettingsDialog(self.ops, self.model.grid.team, self)):
            self.show_message("Team settings saved")

    def roster_shape(self) -> None:
        if self.model.grid is None:
            return
        if self.open_dialog(RosterShapeDialog(self.ops, self.model.grid.team, self)):
            self.show_message("Roster shape saved: the next auto-roster uses it")

    def edit_beats(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        beats = sorted(self.model.grid.beats.values(), key=lambda b: (b.sort_order, b.code))
        if self.open_dialog(BeatDialog(self.ops, self.team, beats, self)):
            self.show_message("Beat saved")

    def add_shift_type(self) -> None:
        if self.open_dialog(ShiftTypeDialog(self.ops, self)):
            self.show_message("Code added: type it in any cell")

    def edit_shift_codes(self) -> ShiftCodesDialog:
        """The list of codes: rename, recolour, retire, reorder, or add one."""
        grid = self.model.grid
        codes = [s for s in grid.shift_types.values() if not s.is_operation] if grid else []
        dialog = ShiftCodesDialog(self.ops, codes, lambda: self._add_from(dialog), self)
        dialog.open()
        return dialog

    def record_toil(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        member = self._current_member()
        people = [r.member for r in self.model.grid.rows]
        dialog = ToilDialog(
            self.ops, people, self._current_day(), member.id if member else None, self
        )
        if self.open_dialog(dialog):
            t = dialog.result_value
            self.show_message(f"{t.hours:g} h of TOIL earned on {t.day:%d %b} recorded")

    def list_blackouts(self) -> BlackoutsDialog | None:
        """The dates the team grants no leave without an audited reason."""
        if self.team is None:
            return None
        dialog = BlackoutsDialog(self.ops, self.team, date.today(), self)
        dialog.open()
        return dialog

    def list_taskings(self) -> TaskingsDialog | None:
        """The taskings still to print: reword, raise, lower, end, or add one."""
        if self.team is None:
            return None
        dialog = TaskingsDialog(
            self.ops, self.team, self.first_day, lambda: self._add_tasking_from(dialog), self
        )
        dialog.open()
        return dialog

    def _add_tasking_from(self, dialog: TaskingsDialog) -> None:
        self.add_tasking()
        dialog.refresh()

    def list_beats(self) -> BeatsListDialog | None:
        """The beats as a list: edit, retire or reinstate, move up or down."""
        if self.team is None or self.model.grid is None:
            return None
        beats = list(self.model.grid.beats.values())
        dialog = BeatsListDialog(
            self.ops, self.team, beats, lambda: self._edit_beat_from(dialog), self
        )
        dialog.open()
        return dialog

    def _edit_beat_from(self, dialog: BeatsListDialog) -> None:
        self.edit_beats()
        dialog.refresh()

    def list_cover(self) -> CoverListDialog | None:
        """The cover requirements in force from the first day shown, with their dates."""
        if self.team is None or self.model.grid is None:
            return None
        order = {c: st.sort_order for c, st in self.model.grid.shift_types.items()}
        dialog = CoverListDialog(
            self.ops, self.team, self.first_day, order, lambda: self._add_cover_from(dialog), self
        )
        dialog.open()
        return dialog

    def show_operations(self) -> OperationsDialog:
        """Operations and events from the first day shown: add, allocate, shortfall."""
        dialog = OperationsDialog(
            self.ops, self.undo_stack, self.team or "", self.first_day, self.undo_refused, self
        )
        dialog.open()
        return dialog

    def _add_cover_from(self, dialog: CoverListDialog) -> None:
        self.edit_cover()
        dialog.refresh()

    def _add_from(self, dialog: ShiftCodesDialog) -> None:
        self.add_shift_type()
        dialog.refresh()

    def edit_cover(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        grid = self.model.grid
        dialog = CoverDialog(
            self.ops,
            self.team,
            sorted(grid.beats.values(), key=lambda b: (b.sort_order, b.code)),
            sorted(
                (s for s in grid.shift_types.values() if not s.is_operation),
                key=lambda s: s.sort_order,
            ),
            self,
            start=self.first_day,
        )
        if self.open_dialog(dialog):
            self.show_message("Cover requirement saved")

    def new_team(self) -> None:
        dialog = TeamDialog(self.ops, self)
        if self.open_dialog(dialog):
            self.load_teams(dialog.result_value.code)
            self.show_message("Team created: add members with Team → New member, or import them")

    def apply_pattern(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        rows = sorted({i.row() for i in self.view.selectedIndexes()}) or list(
            range(len(self.model.rows))
        )
        people = [self.model.rows[r].member.id for r in rows]
        dialog = PatternDialog(self.first_day, self.last_day, len(people), self)
        if not self.open_dialog(dialog):
            return
        pattern, start, end, stagger, overwrite = dialog.result_value
        beat_of: dict[int, str] = {}
        for (mid, _day), cell in sorted(self.model.grid.cells.items(), key=lambda kv: kv[0][1]):
            if cell.beat:
                beat_of[mid] = cell.beat  # each person keeps their usual beat
        team = self.team
        self.bulk_write(
            lambda db: apply_pattern(
                db,
                team,
                people,
                pattern,
                start,
                end,
                stagger_days=stagger,
                beat_of=beat_of,
                overwrite=overwrite,
            ),
            "Apply pattern",
            lambda n: f"Pattern applied: {n} cells changed",
        )
