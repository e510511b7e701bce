"""Deciding a request in the window: the impact as text, and the decision dialog (a
reason, and an override reason where a leave limit or blackout is in the way). Each
decision as one undo step is in request_undo.py."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.requests import RequestKind
from rosterapp.services.request_decisions import Impact
from rosterapp.ui.palette import hex_tone


def impact_html(found: Impact) -> str:
    r = found.request
    out = [
        f"<b>{escape(r.kind.label)}</b> for {escape(r.shoulder_number)} "
        f"{escape(r.member_name)}, {r.start:%a %d %b}"
        + ("" if r.end == r.start else f" – {r.end:%a %d %b %Y}")
    ]
    if r.note:
        out.append(f"<i>{escape(r.note)}</i>")
    for why in found.refusals:
        out.append(f"<span style='color:{hex_tone('error')}'><b>Refused:</b> {escape(why)}</span>")
    for why in found.overridable:
        out.append(
            f"<span style='color:{hex_tone('warning')}'><b>Needs a reason:</b> {escape(why)}</span>"
        )
    if found.remaining_before is not None:
        what, unit = {
            RequestKind.TOIL: ("TOIL left", "hour"),
            RequestKind.LIEU: ("Days in lieu owed", "day"),
        }.get(found.request.kind, ("Leave left", "day"))
        before, after = found.remaining_before, found.remaining_after or 0.0
        out.append(f"{what}: {_count(before, unit)}, after this {_count(after, unit)}")
    out.append(
        f"Team leave limit: {found.leave_limit_pct:g} % of the team off on any day"
        " (leave, TOIL and days in lieu together)"
    )
    for b in found.blackouts:
        out.append(f"Blackout {b.start:%d %b}–{b.end:%d %b}: {escape(b.reason)}")
    if found.on_duty:
        out.append(
            "On duty: "
            + "; ".join(
                f"{d:%a} {d.day} {escape(code)} {a} → {b}" for d, code, a, b in found.on_duty
            )
        )
    if found.cover:
        rows = "".join(
            f"<tr><td>{c.day:%a %d}</td><td>{escape(c.shift)}</td>"
            f"<td>{escape(c.beat or 'team')}</td><td align=right>{c.required}</td>"
            f"<td align=right>{c.before}</td><td align=right>{c.after}</td></tr>"
            for c in found.cover
        )
        out.append(
            "<table cellspacing=0 cellpadding=2 border=1><tr><th>Day</th><th>Shift</th>"
            f"<th>Beat</th><th>Need</th><th>Before</th><th>After</th></tr>{rows}</table>"
        )
    else:
        out.append("Cover requirements: none changes or is short on these days")
    if found.new_findings:
        items = "".join(
            f"<li>{escape(f.severity.value)}: {escape(f.member or 'team')} "
            f"{f.day:%a %d %b} — {escape(f.message)}</li>"
            for f in found.new_findings
        )
        out.append(f"The rules would find:<ul>{items}</ul>")
    else:
        out.append("The rules find nothing new.")
    return "<p>" + "</p><p>".join(out) + "</p>"


def _count(n: float, unit: str) -> str:
    return f"{n:g} {unit}" + ("" if n == 1 else "s")


class DecisionDialog(QDialog):
    def __init__(self, found: Impact, *, approve: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        r = found.request
        verb = "Approve" if approve else "Decline"
        self.setWindowTitle(f"{verb} request #{r.id}")
        layout = QVBoxLayout(self)
        summary = QLabel(impact_html(found), self)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setAccessibleName("Reason")
        self.reason_edit.setPlaceholderText("told to the officer; kept in the audit trail")
        form.addRow("&Reason:", self.reason_edit)
        self.override_edit = QLineEdit(self)
        self.override_edit.setAccessibleName("Override reason")
        self.override_edit.setPlaceholderText("why the leave limit or blackout is overridden")
        needs_override = approve and bool(found.overridable)
        if needs_override:
            form.addRow("&Override reason:", self.override_edit)
        else:
            self.override_edit.hide()
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(verb)
        refused = approve and bool(found.refusals)
        ok.setEnabled(not refused)
        if needs_override:
            ok.setEnabled(False)
            self.override_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def reason(self) -> str | None:
        return self.reason_edit.text().strip() or None

    def override(self) -> str | None:
        return self.override_edit.text().strip() or None
