"""Deciding a request in the window: the impact as text, the decision dialog (reason,
and an override reason where a leave limit or blackout is in the way), and the
decision as one undo step."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.requests import RequestInfo, RequestKind
from rosterapp.services.errors import ServiceError
from rosterapp.services.request_decisions import Decision, Impact, decide, undo_decision
from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.palette import hex_tone
from rosterapp.ui.undo import drop_refused


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
        what, unit = (
            ("TOIL left", "hours")
            if found.request.kind is RequestKind.TOIL
            else ("Leave left", "days")
        )
        out.append(
            f"{what}: {found.remaining_before:g} {unit}, after this {found.remaining_after:g}"
        )
    out.append(f"Team leave limit: {found.leave_limit_pct:g} % of the team on any day")
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


class DecisionCommand(QUndoCommand):
    """A decision already saved; undo puts the request back to pending (and the roster
    as it was), redo decides again. Refused, and dropped, if someone changed it since."""

    def __init__(
        self,
        ops: Operations,
        decision: Decision,
        approve: bool,
        reason: str | None,
        override: str | None,
        done: Callable[[], None],
    ) -> None:
        verb = "Approve" if approve else "Decline"
        r = decision.request
        super().__init__(f"{verb} {r.kind.label.lower()} for {r.shoulder_number}")
        self.ops, self.decision, self.done = ops, decision, done
        self.args = (approve, reason, override)
        self._applied = True

    def _refused(self, exc: BaseException) -> None:
        stack = self.ops.window.findChild(QUndoStack) if self.ops.window else None
        if stack is not None:
            drop_refused(stack, self)
        if isinstance(exc, ServiceError):
            self.ops.show_failure(exc)

    def undo(self) -> None:
        self._applied = False
        d = self.decision
        self.ops.write(lambda db: undo_decision(db, d), Changes(week=True)).success(
            lambda _r: self.done()
        ).failure(self._refused).run()

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = True
        rid, (approve, reason, override) = self.decision.request.id, self.args

        def again(db: Database) -> Decision:
            return decide(db, rid, approve=approve, reason=reason, override_reason=override)

        self.ops.write(again, Changes(week=True)).success(self._redone).failure(self._refused).run()

    def _redone(self, decision: Decision) -> None:
        self.decision = decision
        self.done()


def decide_with_undo(
    ops: Operations,
    stack: QUndoStack,
    request: RequestInfo,
    *,
    approve: bool,
    reason: str | None,
    override: str | None,
    done: Callable[[], None],
) -> None:
    """Save the decision (version-checked against the request as shown); on success it
    becomes one step on the undo stack; a refusal is said in one sentence."""
    rid, version = request.id, request.version

    def write(db: Database) -> Decision:
        return decide(
            db,
            rid,
            approve=approve,
            reason=reason,
            override_reason=override,
            expected_version=version,
        )

    def saved(decision: Decision) -> None:
        stack.push(DecisionCommand(ops, decision, approve, reason, override, done))
        done()

    ops.write(write, Changes(week=True)).success(saved).failure(ops.show_failure).run()
