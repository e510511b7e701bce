"""A team member's details, rank, role and skills."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from rosterapp.domain.enums import RANK_ORDER, Rank
from rosterapp.domain.requests import Balance
from rosterapp.domain.values import BeatInfo, MemberInfo, SkillInfo
from rosterapp.services import members
from rosterapp.services.balances import member_balance
from rosterapp.ui.dialogs.form import FormDialog, FormError, Save
from rosterapp.ui.forms.ui_member_dialog import Ui_MemberDialog
from rosterapp.ui.operations import Operations, sentence
from rosterapp.ui.qdates import from_qdate, to_qdate

ROLES = ROLES = [
    "DWO",
    "Town centre officer",
    "Ward PCSO",
    "Neighbourhood sergeant",
    "Neighbourhood inspector",
    "Schools officer",
    "Special",
]


_SKILL_LINE = re.compile(r"^\s*(?P<name>[^\s:]+)(?:[\s:]+(?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


def parse_skill_lines(text: str) -> list[SkillInfo]:
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SKILL_LINE.match(line)
        if match is None:
            raise FormError(
                f"skills line {n}: write a skill, then optionally a date (taser 2027-03-31)",
                field="skills",
            )
        expiry = match["date"]
        try:
            expires = date.fromisoformat(expiry) if expiry else None
        except ValueError:
            raise FormError(f"skills line {n}: {expiry} is not a date", field="skills") from None
        out.append(SkillInfo(match["name"], expires))
    return out


class MemberDialog(FormDialog):
    def __init__(
        self,
        ops: Operations | None,
        team: str,
        member: MemberInfo | None = None,
        parent: QWidget | None = None,
        *,
        beats: Sequence[BeatInfo] = (),
        start: date | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_MemberDialog()
        self.ui.setupUi(self)
        self.team, self.member = team, member
        u = self.ui
        # Where the auto-roster puts their duties; a beat retired since stays listed.
        u.usualBeat.addItem("— none (the beat they work most) —", None)
        for beat in sorted(beats, key=lambda b: (b.sort_order, b.code)):
            u.usualBeat.addItem(f"{beat.code} — {beat.name}", beat.id)
        self.fields = {
            "shoulder_number": u.shoulder,
            "staff_number": u.staff,
            "first_name": u.firstName,
            "last_name": u.lastName,
            "role": u.role,
            "contracted_hours": u.hours,
            "call_sign": u.callSign,
            "email": u.email,
            "phone": u.phone,
            "skills": u.skills,
            "usual_beat_id": u.usualBeat,
            "max_late_lates": u.maxLateLates,
            "free_days": u.freeMon,
            "wtr_opt_out_since": u.optOutSince,
            "service_start": u.serviceStart,
            "leave_entitlement": u.leaveEntitlement,
            "start_date": u.startDate,
        }
        u.optOutSince.setDate(QDate.currentDate())
        u.optOut.toggled.connect(u.optOutSince.setEnabled)
        self.free_boxes = [u.freeMon, u.freeTue, u.freeWed, u.freeThu]
        self.free_boxes += [u.freeFri, u.freeSat, u.freeSun]
        for rank in RANK_ORDER:
            u.rank.addItem(rank.label, rank.value)
        u.role.addItems(ROLES)
        self.setWindowTitle("New team member" if member is None else f"Edit {member.display_name}")
        u.startDate.setDate(to_qdate(start or date.today()))
        if member is not None:
            self._load(member)
            self._show_balance(member.id)
            u.startDate.setEnabled(False)  # moving teams later is a transfer
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
        since = member.wtr_opt_out_since
        u.optOutSince.setDate(to_qdate(since) if since else QDate.currentDate())
        u.optOutSince.setEnabled(member.wtr_opt_out)

        if member.start_date is not None:
            u.startDate.setDate(to_qdate(member.start_date))
        at = u.usualBeat.findData(member.usual_beat_id)
        if at < 0 and member.usual_beat_id is not None:
            u.usualBeat.addItem(f"beat #{member.usual_beat_id}", member.usual_beat_id)
            at = u.usualBeat.count() - 1
        u.usualBeat.setCurrentIndex(max(at, 0))
        u.noNights.setChecked(member.no_nights)
        u.maxLateLates.setValue(member.max_late_lates or 0)
        for weekday, box in enumerate(self.free_boxes):
            box.setChecked(member.free_on(weekday))
        u.serviceStart.setText(member.service_start.isoformat() if member.service_start else "")
        u.leaveEntitlement.setValue(member.leave_entitlement or 0)
        u.skills.setPlainText(
            "\n".join(
                f"{s.name} {s.expires.isoformat()}" if s.expires else s.name for s in member.skills
            )
        )

    def _show_balance(self, member_id: int) -> None:
        if self.ops is None:
            return
        self.ops.query(lambda db: member_balance(db, member_id, date.today())).success(
            lambda b: self._balance_shown(balance_text(b))
        ).failure(lambda exc: self._balance_shown(f"Balances: {sentence(exc)}")).run()

    def _balance_shown(self, text: str) -> None:
        """The balances arrive after the form is shown: grow it to hold their lines
        rather than cut the last one off."""
        label = self.ui.balance
        label.setText(text)
        short = label.heightForWidth(label.width()) - label.height()
        if self.isVisible() and short > 0:
            self.resize(self.width(), self.height() + short)

    def take_newer(self, current: MemberInfo, version: int, *, reload: bool) -> None:
        if reload:
            self._load(current)
            self.member = current
        elif self.member is not None:
            self.member = replace(self.member, version=version)

    def save(self) -> Save:
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
            wtr_opt_out_since=u.optOutSince.date().toPython() if u.optOut.isChecked() else None,
            call_sign=u.callSign.text(),
            email=u.email.text(),
            phone=u.phone.text(),
            skills=parse_skill_lines(u.skills.toPlainText()),
            start_date=self.member.start_date if self.member else from_qdate(u.startDate.date()),
            usual_beat_id=u.usualBeat.currentData(),
            no_nights=u.noNights.isChecked(),
            max_late_lates=u.maxLateLates.value() or None,
            free_days=sum(1 << i for i, box in enumerate(self.free_boxes) if box.isChecked()),
            service_start=_service_start(u.serviceStart.text()),
            leave_entitlement=u.leaveEntitlement.value() or None,
        )
        team, member = self.team, self.member
        if member is None:
            return lambda db: members.create_member(db, team, data)
        return lambda db: members.update_member(
            db, member.id, data, expected_version=member.version
        )


def _service_start(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FormError(
            f"service began: '{text}' is not a date like 2012-09-03", field="service_start"
        ) from None


def balance_text(b: Balance) -> str:
    """The member's balances in three lines: leave, days owed back, hours."""
    carried = f" and {b.carried_over:g} carried over" if b.carried_over else ""
    lieu_in = f", {b.lieu_carried} from the year before" if b.lieu_carried else ""
    return (
        f"Leave {b.year_start:%d %b %Y} – {b.year_end:%d %b %Y}: {b.entitlement:g} days"
        f"{carried}, {b.taken:g} taken, {b.booked:g} booked, {b.pending:g} pending, "
        f"<b>{b.remaining:g} left</b>.<br>Days in lieu: {b.bank_holidays_worked} bank "
        f"holiday(s) worked{lieu_in}, {b.lieu_taken} given back, <b>{b.days_in_lieu} "
        f"owed</b>. Rest days owed {b.rest_days_owed}.<br>TOIL earned {b.toil_earned:g} h "
        f"and taken {b.toil_hours:g} h; overtime {b.overtime_hours:g} h."
    )
