"""Editors built on the Designer forms in ui/: nothing is saved until it is valid, and the
problem is said next to the fields."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QWidget

from rosterapp.domain.briefing import BriefingItemInfo
from rosterapp.domain.enums import RANK_ORDER, AbsenceKind, AbstractionCategory, EntryKind, Rank
from rosterapp.domain.grid import CellChange
from rosterapp.domain.values import BeatInfo, MemberInfo, ShiftTypeInfo, SkillInfo, TeamInfo
from rosterapp.services import absences, briefing_items, members, teams
from rosterapp.services import beats as beats_service
from rosterapp.services.beats import BeatInput, create_beat, update_beat
from rosterapp.services.errors import ServiceError, StaleRow
from rosterapp.services.shift_types import ShiftSpec, create_shift_type
from rosterapp.storage import Database
from rosterapp.ui.conflict import ask_reload_or_apply
from rosterapp.ui.forms.ui_absence_dialog import Ui_AbsenceDialog
from rosterapp.ui.forms.ui_beat_dialog import Ui_BeatDialog
from rosterapp.ui.forms.ui_briefing_item_dialog import Ui_BriefingItemDialog
from rosterapp.ui.forms.ui_cover_dialog import Ui_CoverDialog
from rosterapp.ui.forms.ui_member_dialog import Ui_MemberDialog
from rosterapp.ui.forms.ui_pattern_dialog import Ui_PatternDialog
from rosterapp.ui.forms.ui_shift_type_dialog import Ui_ShiftTypeDialog
from rosterapp.ui.forms.ui_team_dialog import Ui_TeamDialog
from rosterapp.ui.forms.ui_team_settings_dialog import Ui_TeamSettingsDialog
from rosterapp.ui.forms.ui_transfer_dialog import Ui_TransferDialog

ROLES = [
    "DWO",
    "Town centre officer",
    "Ward PCSO",
    "Neighbourhood sergeant",
    "Neighbourhood inspector",
    "Schools officer",
    "Special",
]
MARKINGS = ["OFFICIAL-SENSITIVE", "OFFICIAL", "SECRET"]


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FormDialog(QDialog):
    """Runs `save()` on OK; a ServiceError is shown in the form and focuses its field."""

    ui: Any
    fields: dict[str, QWidget]  # keyword in an error message → the field to focus

    def _wire(self) -> None:
        self.ui.buttons.accepted.connect(self.submit)
        self.ui.buttons.rejected.connect(self.reject)
        self.result_value: Any = None

    def submit(self) -> None:
        try:
            self.result_value = self.save()
        except StaleRow as exc:
            self._stale(exc)
            return
        except (ServiceError, ValueError) as exc:
            self.show_problem(str(exc))
            return
        self.ui.error.setText("")
        self.accept()

    def show_problem(self, message: str) -> None:
        self.ui.error.setText(message[:1].upper() + message[1:])
        for keyword, widget in self.fields.items():
            if keyword in message.lower():
                widget.setFocus()
                break

    def ask_stale(self, message: str) -> str:
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
        raise NotImplementedError


def member_choices(combo: Any, people: Sequence[MemberInfo], current: int | None = None) -> None:
    for m in people:
        combo.addItem(f"{m.shoulder_number} – {m.display_name}", m.shoulder_number)
        if m.id == current:
            combo.setCurrentIndex(combo.count() - 1)


def chosen_shoulder(combo: Any) -> str:
    data = combo.currentData()
    if data:
        return str(data)
    return combo.currentText().split("–")[0].strip()


_SKILL_LINE = re.compile(r"^\s*(?P<name>[^\s:]+)(?:[\s:]+(?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


def parse_skill_lines(text: str) -> list[SkillInfo]:
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SKILL_LINE.match(line)
        if match is None:
            raise ValueError(
                f"skills line {n}: write a skill, then optionally a date (taser 2027-03-31)"
            )
        expiry = match["date"]
        try:
            expires = date.fromisoformat(expiry) if expiry else None
        except ValueError:
            raise ValueError(f"skills line {n}: {expiry} is not a date") from None
        out.append(SkillInfo(match["name"], expires))
    return out


class MemberDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        team: str,
        member: MemberInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_MemberDialog()
        self.ui.setupUi(self)
        self.db, self.team, self.member = db, team, member
        u = self.ui
        self.fields = {
            "shoulder": u.shoulder,
            "staff": u.staff,
            "first name": u.firstName,
            "last name": u.lastName,
            "role": u.role,
            "contracted": u.hours,
            "call sign": u.callSign,
            "e-mail": u.email,
            "phone": u.phone,
            "skill": u.skills,
        }
        for rank in RANK_ORDER:
            u.rank.addItem(rank.label, rank.value)
        u.role.addItems(ROLES)
        self.setWindowTitle("New team member" if member is None else f"Edit {member.display_name}")
        if member is not None:
            self._load(member)
        else:
            u.rank.setCurrentIndex(RANK_ORDER.index(Rank.PC))
        self._wire()

    def _load(self, member: MemberInfo) -> None:
        u = self.ui
        u.shoulder.setText(member.shoulder_number)
        u.staff.setText(member.staff_number)
        u.firstName.setText(member.first_name)
        u.lastName.setText(member.last_name)
        u.rank.setCurrentIndex(RANK_ORDER.index(member.rank))
        u.role.setCurrentText(member.role)
        u.hours.setValue(member.contracted_hours)
        u.callSign.setText(member.call_sign or "")
        u.email.setText(member.email or "")
        u.phone.setText(member.phone or "")
        u.optOut.setChecked(member.wtr_opt_out)
        u.skills.setPlainText(
            "\n".join(
                f"{s.name} {s.expires.isoformat()}" if s.expires else s.name for s in member.skills
            )
        )

    def take_newer(self, current: MemberInfo, version: int, *, reload: bool) -> None:
        if reload:
            self._load(current)
            self.member = current
        elif self.member is not None:
            self.member = replace(self.member, version=version)

    def save(self) -> MemberInfo:
        u = self.ui
        data = members.MemberInput(
            shoulder_number=u.shoulder.text(),
            staff_number=u.staff.text(),
            first_name=u.firstName.text(),
            last_name=u.lastName.text(),
            rank=Rank(u.rank.currentData()),
            role=u.role.currentText(),
            contracted_hours=u.hours.value(),
            wtr_opt_out=u.optOut.isChecked(),
            call_sign=u.callSign.text(),
            email=u.email.text(),
            phone=u.phone.text(),
            skills=parse_skill_lines(u.skills.toPlainText()),
            start_date=self.member.start_date if self.member else None,
        )
        if self.member is None:
            return members.create_member(self.db, self.team, data)
        return members.update_member(
            self.db, self.member.id, data, expected_version=self.member.version
        )


class AbsenceDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        people: Sequence[MemberInfo],
        start: date,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AbsenceDialog()
        self.ui.setupUi(self)
        self.db = db
        u = self.ui
        self.fields = {
            "ends": u.toDate,
            "note": u.note,
            "member": u.member,
            "already has": u.fromDate,
        }
        member_choices(u.member, people, member_id)
        for kind in AbsenceKind:
            if kind is not AbsenceKind.REST_DAY:
                u.kind.addItem(kind.label, kind.value)
        u.category.addItem("—", None)
        for cat in AbstractionCategory:
            u.category.addItem(cat.value.replace("_", " ").capitalize(), cat.value)
        u.fromDate.setDate(qdate(start))
        u.toDate.setDate(qdate(start))
        self._wire()

    def save(self) -> tuple[absences.AbsenceInfo, list[CellChange]]:
        u = self.ui
        category = u.category.currentData()
        return absences.record_absence(
            self.db,
            chosen_shoulder(u.member),
            AbsenceKind(u.kind.currentData()),
            pydate(u.fromDate.date()),
            pydate(u.toDate.date()),
            category=AbstractionCategory(category) if category else None,
            note=u.note.text(),
        )


class TeamSettingsDialog(FormDialog):
    def __init__(self, db: Database, team: TeamInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TeamSettingsDialog()
        self.ui.setupUi(self)
        self.db, self.team = db, team
        u = self.ui
        self.fields = {"marking": u.marking, "leave": u.leaveLimit, "abstraction": u.abstraction}
        u.marking.addItems(MARKINGS)
        self._load(team)
        self._wire()

    def _load(self, team: TeamInfo) -> None:
        u = self.ui
        u.name.setText(team.name)
        u.borough.setText(team.borough)
        u.marking.setCurrentText(team.protective_marking)
        u.showReason.setChecked(team.show_absence_reason)
        u.leaveLimit.setValue(team.leave_threshold_pct)
        u.abstraction.setValue(team.abstraction_threshold_pct)
        u.tolerance.setValue(team.contract_hours_tolerance)

    def take_newer(self, current: TeamInfo, version: int, *, reload: bool) -> None:
        if reload:
            self._load(current)
            self.team = current
        else:
            self.team = replace(self.team, version=version)

    def save(self) -> TeamInfo:
        u = self.ui
        if not u.name.text().strip():
            raise ValueError("the team name cannot be empty")
        return teams.update_team_settings(
            self.db,
            self.team.code,
            expected_version=self.team.version,
            name=u.name.text().strip(),
            borough=u.borough.text().strip(),
            protective_marking=u.marking.currentText().strip(),
            show_absence_reason=u.showReason.isChecked(),
            leave_threshold_pct=u.leaveLimit.value(),
            abstraction_threshold_pct=u.abstraction.value(),
            contract_hours_tolerance=u.tolerance.value(),
        )


class BriefingItemDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        team: str,
        beats: Sequence[BeatInfo],
        start: date,
        end: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_BriefingItemDialog()
        self.ui.setupUi(self)
        self.db, self.team = db, team
        u = self.ui
        self.fields = {"ends": u.toDate, "shift": u.shifts, "text": u.text, "beat": u.beat}
        u.beat.addItem("All beats", None)
        for b in beats:
            u.beat.addItem(f"{b.code} – {b.name}", b.code)
        for value, label in ((1, "1 – high"), (2, "2 – normal"), (3, "3 – low")):
            u.priority.addItem(label, value)
        u.priority.setCurrentIndex(1)
        u.fromDate.setDate(qdate(start))
        u.toDate.setDate(qdate(end))
        self._wire()

    def save(self) -> BriefingItemInfo:
        u = self.ui
        codes = tuple(c for c in re.split(r"[\s,;]+", u.shifts.text().upper()) if c)
        return briefing_items.add_item(
            self.db,
            self.team,
            pydate(u.fromDate.date()),
            pydate(u.toDate.date()),
            u.text.toPlainText(),
            shifts=codes,
            beat=u.beat.currentData(),
            priority=int(u.priority.currentData()),
        )


class TransferDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        people: Sequence[MemberInfo],
        all_teams: Sequence[TeamInfo],
        current_team: str,
        start: date,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_TransferDialog()
        self.ui.setupUi(self)
        self.db = db
        u = self.ui
        self.fields = {"already in team": u.team, "member": u.member}
        member_choices(u.member, people, member_id)
        for t in all_teams:
            if t.code != current_team:
                u.team.addItem(f"{t.name} ({t.code})", t.code)
        u.fromDate.setDate(qdate(start))
        self._wire()

    def save(self) -> None:
        u = self.ui
        if u.team.currentData() is None:
            raise ValueError("there is no other team to transfer to")
        members.transfer_member(
            self.db, chosen_shoulder(u.member), str(u.team.currentData()), pydate(u.fromDate.date())
        )


class PatternDialog(FormDialog):
    """Collects a pattern; the window applies it (so that it is one undo step)."""

    def __init__(self, start: date, end: date, people: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PatternDialog()
        self.ui.setupUi(self)
        u = self.ui
        self.fields = {"pattern": u.pattern, "ends": u.toDate}
        u.pattern.setText(
            "E E E E E RD RD RD RD L L L L L L RD RD LL LL LL LL RD RD E E E E E RD L L L L L RD"
        )
        u.fromDate.setDate(qdate(start))
        u.toDate.setDate(qdate(end))
        self.setWindowTitle(
            f"Apply a rota pattern to {people} {'person' if people == 1 else 'people'}"
        )
        self._wire()

    def save(self) -> tuple[list[str | None], date, date, int, bool]:
        u = self.ui
        tokens = [t for t in re.split(r"[\s,;]+", u.pattern.text().strip().upper()) if t]
        if not tokens:
            raise ValueError("the pattern is empty: type codes separated by spaces")
        start, end = pydate(u.fromDate.date()), pydate(u.toDate.date())
        if end < start:
            raise ValueError("the period ends before it starts")
        pattern = [None if t in ("-", ".", "_") else t for t in tokens]
        return pattern, start, end, u.stagger.value(), u.overwrite.isChecked()


class BeatDialog(FormDialog):
    def __init__(
        self, db: Database, team: str, beats: Sequence[BeatInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_BeatDialog()
        self.ui.setupUi(self)
        self.db, self.team = db, team
        self.beats = {b.code: b for b in beats}
        u = self.ui
        self.fields = {
            "code": u.code,
            "name": u.name,
            "priorit": u.priorities,
            "visits last": u.visit,
            "apart": u.interval,
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

    def save(self) -> BeatInfo:
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
        old = u.existing.currentData()
        if old:
            seen = self.beats[old]
            return update_beat(self.db, self.team, seen.id, data, expected_version=seen.version)
        return create_beat(self.db, self.team, data)

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


class ShiftTypeDialog(FormDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ShiftTypeDialog()
        self.ui.setupUi(self)
        self.db = db
        u = self.ui
        self.fields = {
            "code": u.code,
            "name": u.name,
            "colour": u.colour,
            "start": u.start,
            "break": u.refreshment,
        }
        u.kind.addItem("Tour of duty", None)
        for kind in AbsenceKind:
            u.kind.addItem(f"Not a duty: {kind.label.lower()}", kind.value)
        u.kind.currentIndexChanged.connect(self._kind_changed)
        self._wire()

    def _kind_changed(self) -> None:
        duty = self.ui.kind.currentData() is None
        for w in (self.ui.start, self.ui.end, self.ui.refreshment):
            w.setEnabled(duty)

    def save(self) -> ShiftTypeInfo:
        u = self.ui
        absence = u.kind.currentData()
        duty = absence is None
        spec = ShiftSpec(
            code=u.code.text().strip().upper(),
            name=u.name.text().strip(),
            kind=EntryKind.DUTY if duty else EntryKind.ABSENCE,
            start=u.start.time().toPython() if duty else None,
            end=u.end.time().toPython() if duty else None,
            refreshment_minutes=u.refreshment.value() if duty else 0,
            colour=u.colour.text().strip(),
            absence_kind=None if duty else AbsenceKind(absence),
        )
        return create_shift_type(self.db, spec)


WEEKDAY_CHOICES = [
    ("Every day", (0, 1, 2, 3, 4, 5, 6)),
    ("Monday to Friday", (0, 1, 2, 3, 4)),
    ("Saturday and Sunday", (5, 6)),
    ("Thursday to Saturday", (3, 4, 5)),
] + [
    (name, (i,))
    for i, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
]


class CoverDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        team: str,
        beats: Sequence[BeatInfo],
        shifts: Sequence[ShiftTypeInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CoverDialog()
        self.ui.setupUi(self)
        self.db, self.team = db, team
        u = self.ui
        self.fields = {"minimum": u.minimum, "skill": u.skill}
        u.beat.addItem("The whole team", None)
        for b in beats:
            u.beat.addItem(f"{b.code} – {b.name}", b.code)
        for label, days in WEEKDAY_CHOICES:
            u.days.addItem(label, days)
        for st in shifts:
            if st.is_duty:
                u.shift.addItem(f"{st.code} – {st.name} {st.times_label}", st.code)
        u.rank.addItem("Any rank", None)
        for rank in RANK_ORDER:
            u.rank.addItem(rank.label, rank.value)
        self._wire()

    def save(self) -> int:
        u = self.ui
        skill = u.skill.text().strip().lower() or None
        rank = Rank(u.rank.currentData()) if u.rank.currentData() else None
        days = u.days.currentData()
        for weekday in days:
            beats_service.set_requirement(
                self.db,
                self.team,
                weekday=weekday,
                shift=str(u.shift.currentData()),
                min_count=u.minimum.value(),
                beat=u.beat.currentData(),
                rank=rank,
                skill=skill,
            )
        return len(days)


class TeamDialog(FormDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TeamDialog()
        self.ui.setupUi(self)
        self.db = db
        self.fields = {"code": self.ui.code, "name": self.ui.name}
        self._wire()

    def save(self) -> TeamInfo:
        u = self.ui
        return teams.create_team(
            self.db,
            u.code.text(),
            u.name.text(),
            u.borough.text(),
            default_shifts=u.defaults.isChecked(),
        )
