"""Every decision on a request — approve, decline, withdraw, cancel — as one undo step.

The decision is saved first (version-checked against the request as shown); only then
is it pushed, so the stack never holds a step that did not happen. Undo puts the
request back as it was (pending, or approved again for a cancellation, with the roster
and absence it had); redo makes the same decision again. Either is refused, and the
step dropped, if someone changed the request or its cells since."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from rosterapp.domain.requests import RequestInfo
from rosterapp.services.errors import ServiceError
from rosterapp.services.request_cancel import cancel_request, undo_cancel
from rosterapp.services.request_decisions import Decision, decide, undo_decision
from rosterapp.services.requests import withdraw_request
from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.undo import drop_refused

Write = Callable[[Database], Decision]
Undo = Callable[[Database, Decision], object]


class RequestStepCommand(QUndoCommand):
    """A decision already saved; `again` makes it again, `back` takes it back."""

    def __init__(
        self,
        ops: Operations,
        text: str,
        decision: Decision,
        again: Write,
        back: Undo,
        done: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self.ops, self.decision, self.again, self.back, self.done = ops, decision, again, back, done
        self._applied = True

    def _refused(self, exc: BaseException) -> None:
        stack = self.ops.window.findChild(QUndoStack) if self.ops.window else None
        if stack is not None:
            drop_refused(stack, self)
        if isinstance(exc, ServiceError):
            self.ops.show_failure(exc)

    def undo(self) -> None:
        self._applied = False
        d, back = self.decision, self.back
        self.ops.write(lambda db: back(db, d), Changes(week=True)).success(
            lambda _r: self.done()
        ).failure(self._refused).run()

    def redo(self) -> None:
        if self._applied:
            return  # pushed after the first save: nothing to do again
        self._applied = True
        self.ops.write(self.again, Changes(week=True)).success(self._redone).failure(
            self._refused
        ).run()

    def _redone(self, decision: Decision) -> None:
        self.decision = decision
        self.done()


def _save_step(
    ops: Operations,
    stack: QUndoStack,
    text: str,
    first: Write,
    again: Write,
    back: Undo,
    done: Callable[[], None],
) -> None:
    def saved(decision: Decision) -> None:
        stack.push(RequestStepCommand(ops, text, decision, again, back, done))
        done()

    ops.write(first, Changes(week=True)).success(saved).failure(ops.show_failure).run()


def _what(request: RequestInfo) -> str:
    return f"{request.kind.label.lower()} for {request.shoulder_number}"


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
    """Approve or decline; a refusal is said in one sentence and nothing is pushed."""
    rid, version = request.id, request.version

    def write(expected: int | None) -> Write:
        return lambda db: decide(
            db,
            rid,
            approve=approve,
            reason=reason,
            override_reason=override,
            expected_version=expected,
        )

    verb = "Approve" if approve else "Decline"
    text = f"{verb} {_what(request)}"
    _save_step(ops, stack, text, write(version), write(None), undo_decision, done)


def withdraw_with_undo(
    ops: Operations, stack: QUndoStack, request: RequestInfo, done: Callable[[], None]
) -> None:
    """Withdraw a pending request; undo makes it pending again."""
    rid, version = request.id, request.version

    def write(expected: int | None) -> Write:
        return lambda db: Decision(withdraw_request(db, rid, expected_version=expected), [], None)

    text = f"Withdraw {_what(request)}"
    _save_step(ops, stack, text, write(version), write(None), undo_decision, done)


def cancel_with_undo(
    ops: Operations,
    stack: QUndoStack,
    request: RequestInfo,
    reason: str | None,
    done: Callable[[], None],
) -> None:
    """Cancel a granted request; undo grants it again with its absence."""
    rid, version = request.id, request.version

    def write(expected: int | None) -> Write:
        return lambda db: cancel_request(db, rid, reason=reason, expected_version=expected)

    text = f"Cancel {_what(request)}"
    _save_step(ops, stack, text, write(version), write(None), undo_cancel, done)
