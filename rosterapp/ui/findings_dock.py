"""The findings panel: what breaks a rule in the weeks on screen; click to go there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.findings import RULES, Finding, Severity
from rosterapp.domain.rule_help import rule_help
from rosterapp.ui.findings_filter import FindingsFilter, Listing, list_findings, rule_title
from rosterapp.ui.palette import tone

_ICONS = {
    Severity.BLOCK: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_LABEL = {Severity.BLOCK: "Blocking", Severity.WARN: "Warning", Severity.INFO: "Information"}


def what_this(f: Finding) -> str:
    """The rule behind a finding, what it means and its source (What's this?)."""
    rule = RULES.get(f.rule)
    title = rule.title[:1].upper() + rule.title[1:] if rule else f.rule
    return (
        f"<b>{escape(title)}</b><p>{escape(rule_help(f.rule))}</p>"
        f"<p><small>Source: {escape(f.source)}</small></p>"
    )


class FindingsDock(QDockWidget):
    jump = Signal(object, object)  # member_id or None, date
    accept = Signal(object)  # the Finding to accept with a reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Rule findings", parent)
        self.setObjectName("findingsDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.findings: list[Finding] = []
        self.checking = False
        self._build_filters(body, layout)
        self.list = QListWidget(body)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Rule findings")
        self.list.setAlternatingRowColors(True)
        self.accept_button = QPushButton("Accept warning with a reason…", body)
        self.accept_button.setToolTip(
            "Record why this warning is acceptable; it stays listed as accepted"
        )
        self.accept_button.setEnabled(False)
        self.may_accept = True  # the connected login may change the team shown
        layout.insertWidget(0, self.summary)
        layout.addWidget(self.list)
        layout.addWidget(self.accept_button)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.accept_button.clicked.connect(self._accept_clicked)
        self.setWidget(body)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)

    def _build_filters(self, body: QWidget, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        self.rule_filter = QComboBox(body)
        self.rule_filter.setAccessibleName("Filter by rule")
        self.person_filter = QComboBox(body)
        self.person_filter.setAccessibleName("Filter by person")
        self.severity_filter = QComboBox(body)
        self.severity_filter.setAccessibleName("Filter by severity")
        self.severity_filter.addItem("Any severity", None)
        for sev in Severity:
            self.severity_filter.addItem(_LABEL[sev], sev)
        self.day_filter = QComboBox(body)
        self.day_filter.setAccessibleName("Filter by day")
        self.group = QCheckBox("&Group by rule", body)
        for col, (label, widget) in enumerate(
            (("&Rule", self.rule_filter), ("P&erson", self.person_filter))
        ):
            grid.addWidget(_buddy(label, widget, body), 0, col * 2)
            grid.addWidget(widget, 0, col * 2 + 1)
        grid.addWidget(_buddy("Se&verity", self.severity_filter, body), 1, 0)
        grid.addWidget(self.severity_filter, 1, 1)
        grid.addWidget(_buddy("&Day", self.day_filter, body), 1, 2)
        grid.addWidget(self.day_filter, 1, 3)
        grid.addWidget(self.group, 2, 0, 1, 4)
        layout.addLayout(grid)
        for combo in (self.rule_filter, self.person_filter, self.severity_filter, self.day_filter):
            combo.currentIndexChanged.connect(self._refilter)
        self.group.toggled.connect(self._refilter)

    def current_filter(self) -> FindingsFilter:
        return FindingsFilter(
            rule=self.rule_filter.currentData(),
            member=self.person_filter.currentData(),
            severity=self.severity_filter.currentData(),
            day=self.day_filter.currentData(),
            group_by_rule=self.group.isChecked(),
        )

    def show_findings(self, findings: Sequence[Finding], *, checking: bool = False) -> None:
        """`checking`: the team-wide findings only, each officer's still to come."""
        self.findings = list(findings)
        self.checking = checking
        self._fill_choices()
        self._refilter()

    def _fill_choices(self) -> None:
        """The filter choices follow the findings; a choice still present stays chosen."""
        listing = list_findings(self.findings, FindingsFilter())
        rules = sorted(listing.per_rule, key=rule_title)
        people = sorted({f.member or "" for f in self.findings})
        days = sorted({f.day for f in self.findings})
        _refill(
            self.rule_filter,
            [("Every rule", None)]
            + [(f"{rule_title(r)} ({listing.per_rule[r]})", r) for r in rules],
        )
        _refill(
            self.person_filter,
            [("Everyone", None)] + [(p or "Team findings", p) for p in people],
        )
        _refill(self.day_filter, [("Any day", None)] + [(f"{d:%a %d %b}", d) for d in days])

    def _refilter(self, *_: object) -> None:
        flt = self.current_filter()
        listing = list_findings(self.findings, flt)
        self.list.clear()
        if flt.group_by_rule:
            for rule, found in listing.groups():
                header = QListWidgetItem(f"{rule_title(rule)} — {len(found)}")
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
                self.list.addItem(header)
                for f in found:
                    self._add(f)
        else:
            for f in listing.shown:
                self._add(f)
        self._summarise(listing, len(listing.shown))

    def _add(self, f: Finding) -> None:
        text = f.message
        if f.accepted_reason:
            text += f"\n✓ Accepted: {f.accepted_reason}"
        item = QListWidgetItem(self.style().standardIcon(_ICONS[f.severity]), text)
        if f.accepted_reason:
            item.setForeground(tone("muted"))
        item.setToolTip(f"{_LABEL[f.severity]} · {f.rule}\nSource: {f.source}")
        item.setWhatsThis(what_this(f))
        item.setData(Qt.ItemDataRole.UserRole, (f.member_id, f.day))
        item.setData(Qt.ItemDataRole.UserRole + 1, f)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{_LABEL[f.severity]}: {f.message}")
        self.list.addItem(item)

    def _summarise(self, listing: Listing, shown: int) -> None:
        if self.checking:
            self.summary.setText("Checking each officer's rest, hours and leave…")
            return
        if not self.findings:
            self.summary.setText("No rule is broken in the weeks shown.")
            return
        c = listing.open_counts
        parts = [
            f"<b>{c[Severity.BLOCK]}</b> blocking · <b>{c[Severity.WARN]}</b> warnings · "
            f"<b>{c[Severity.INFO]}</b> for information"
        ]
        if listing.accepted:
            parts.append(f"{listing.accepted} accepted")
        if listing.folded_cover:
            parts.append(f"{listing.folded_cover} cover findings in the Cover panel")
        parts.append(f"{shown} listed")
        self.summary.setText(" · ".join(parts))

    def current_finding(self) -> Finding | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole + 1) if item is not None else None

    def _selection_changed(self, *_: object) -> None:
        f = self.current_finding()
        self.accept_button.setEnabled(
            self.may_accept and f is not None and f.severity is Severity.WARN
        )

    def set_may_accept(self, allowed: bool) -> None:
        self.may_accept = allowed
        self._selection_changed()

    def _accept_clicked(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.accept.emit(f)

    def _activated(self, item: QListWidgetItem) -> None:
        member_id, day = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(day, date):
            self.jump.emit(member_id, day)


def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


def _refill(combo: QComboBox, choices: list[tuple[str, object]]) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in choices:
        combo.addItem(text, data)
    at = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(at, 0))
    combo.blockSignals(False)
