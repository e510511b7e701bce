"""Every menu and toolbar command in one table: text, shortcut, tip and slot
(after Picard's action registry). The menus are laid out from the table by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from rosterapp.ui.mainwindow.shell import MainWindow

Shortcut = str | QKeySequence.StandardKey | None
Slot = Callable[["MainWindow"], object]


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    slot: Slot
    shortcut: Shortcut = None
    tip: str | None = None
    # Copy, paste and the like act on the grid (or a focused field), not everywhere.
    local: bool = False
    more: tuple[Shortcut, ...] = ()  # other keys for it (Ctrl++ as well as Ctrl+=)
    checkable: bool = False


def _colours(name: str, text: str) -> ActionSpec:
    """View → Colours → System, Light or Dark."""
    slot: Slot = lambda w: w.set_colours(name)  # noqa: E731
    return ActionSpec(f"colours_{name}", text, slot, checkable=True)


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "export",
        "&Export…",
        lambda w: w.export(),
        "Ctrl+E",
        "HR workbook, briefing sheet, printable roster or calendar",
    ),
    ActionSpec("briefing", "&Briefing sheet…", lambda w: w.export("briefing"), "Ctrl+Shift+B"),
    ActionSpec(
        "print_briefing",
        "&Print briefing…",
        lambda w: w.print_sheet("briefing"),
        QKeySequence.StandardKey.Print,
        "The briefing sheet for a day and shift, to a printer",
    ),
    ActionSpec(
        "print_roster",
        "Print r&oster…",
        lambda w: w.print_sheet("roster-pdf"),
        "Ctrl+Alt+P",
        "The printable roster for the weeks shown, to a printer",
    ),
    ActionSpec("backup", "&Back up now…", lambda w: w.backup_now()),
    ActionSpec("restore", "Restore from a &backup…", lambda w: w.restore_backup()),
    ActionSpec("keep", "Daily backups to &keep…", lambda w: w.ask_backups_to_keep()),
    ActionSpec("audit", "&Audit trail…", lambda w: w.show_audit(), "Ctrl+Shift+H"),
    ActionSpec("import_members", "Import &members…", lambda w: w.choose_import("members")),
    ActionSpec("import_roster", "Import &roster entries…", lambda w: w.choose_import("roster")),
    ActionSpec("import_requests", "Import reques&ts…", lambda w: w.choose_import("requests")),
    ActionSpec("quit", "&Quit", lambda w: w.close(), QKeySequence.StandardKey.Quit),
    # Edit (undo and redo come from the undo stack)
    ActionSpec(
        "copy",
        "&Copy",
        lambda w: w.view.copy_selection(),
        QKeySequence.StandardKey.Copy,
        local=True,
    ),
    ActionSpec(
        "paste", "&Paste", lambda w: w.view.paste(), QKeySequence.StandardKey.Paste, local=True
    ),
    ActionSpec(
        "clear",
        "C&lear selection",
        lambda w: w.view.set_selected(None),
        QKeySequence.StandardKey.Delete,
        local=True,
    ),
    ActionSpec("fill_down", "Fill &down", lambda w: w.view.fill_down(), "Ctrl+D"),
    ActionSpec("fill_right", "Fill &right", lambda w: w.view.fill_right(), "Ctrl+R"),
    ActionSpec(
        "find",
        "&Find person",
        lambda w: w.focus_filter(),
        QKeySequence.StandardKey.Find,
        "Find a person by name, shoulder number or role (Escape clears it)",
    ),
    # Roster
    ActionSpec(
        "copy_week", "Copy &previous week", lambda w: w.copy_previous_week(), "Ctrl+Shift+C"
    ),
    ActionSpec("publish", "P&ublish…", lambda w: w.publish(), "Ctrl+Shift+P"),
    ActionSpec("refresh", "&Reload", lambda w: w.reload(), QKeySequence.StandardKey.Refresh),
    ActionSpec(
        "fill",
        "&Fill the selection or the week with the solver",
        lambda w: w.run_solver("fill"),
        "Ctrl+Shift+F",
        "Fill empty cells within the rules; preview before saving",
    ),
    ActionSpec(
        "fill_quarter",
        "Fill a &quarter (13 weeks) from this week with the solver",
        lambda w: w.run_solver("fill", weeks=13, time_limit=120.0),
        tip="Rosters are published covering at least three months: fill them in one go",
    ),
    ActionSpec(
        "repair",
        "&Repair from today with the solver",
        lambda w: w.run_solver("repair"),
        tip="Fix cover and rules changing as few cells as possible",
    ),
    ActionSpec(
        "told",
        "When were the officers &told…",
        lambda w: w.ask_told_at(),
        tip="Changes to a published roster record when the officer "
        "was told: now, or a time you give",
    ),
    ActionSpec("pattern", "Apply a rota &pattern…", lambda w: w.apply_pattern()),
    # Team
    ActionSpec(
        "new_member",
        "&New member…",
        lambda w: w.edit_member(new=True),
        QKeySequence.StandardKey.New,
    ),
    ActionSpec("edit_member", "&Edit member…", lambda w: w.edit_member(), "Ctrl+M"),
    ActionSpec("absence", "Record &absence…", lambda w: w.record_absence(), "Ctrl+Shift+A"),
    ActionSpec("transfer", "&Transfer member…", lambda w: w.transfer()),
    ActionSpec(
        "toil",
        "Record TOIL ea&rned…",
        lambda w: w.record_toil(),
        tip="Hours an officer takes as time off rather than pay",
    ),
    ActionSpec(
        "end_member",
        "Member &leaves the team…",
        lambda w: w.end_membership(),
        tip="Ends their membership from a day; their rosters stay",
    ),
    ActionSpec("retire_beat", "Retire or reinstate a &beat…", lambda w: w.retire_beat()),
    ActionSpec("tasking", "New briefing &tasking…", lambda w: w.add_tasking(), "Ctrl+T"),
    ActionSpec("taskings", "Briefing tas&kings…", lambda w: w.list_taskings()),
    ActionSpec("beats", "&Beats…", lambda w: w.list_beats()),
    ActionSpec("beat_form", "New or edit a beat…", lambda w: w.edit_beats()),
    ActionSpec("shift_types", "Shift and absence &codes…", lambda w: w.edit_shift_codes()),
    ActionSpec("cover", "New co&ver requirement…", lambda w: w.edit_cover()),
    ActionSpec("cover_list", "Cover re&quirements…", lambda w: w.list_cover()),
    ActionSpec(
        "operations",
        "&Operations and events…",
        lambda w: w.show_operations(),
        "Ctrl+Shift+D",
        "Aid, demonstrations, LFR and local operations: their needs, who is allocated",
    ),
    ActionSpec("team_settings", "Team &settings…", lambda w: w.team_settings()),
    ActionSpec(
        "blackouts",
        "Blackout &periods…",
        lambda w: w.list_blackouts(),
        tip="Dates the team grants no leave without a reason (Carnival, Christmas)",
    ),
    ActionSpec("roster_shape", "Roster &shape…", lambda w: w.roster_shape()),
    ActionSpec("new_team", "New &team…", lambda w: w.new_team()),
    ActionSpec(
        "strength",
        "Strength and &establishment…",
        lambda w: w.show_strength(),
        "Ctrl+Shift+E",
        "Funded posts against the people in the team; vacancies by rank and month",
    ),
    # View
    ActionSpec(
        "overview",
        "Inspector's &overview (all teams)…",
        lambda w: w.show_overview(),
        "Ctrl+Shift+O",
        "Every team's week or month: strength, cover, absence, abstraction, overtime",
    ),
    ActionSpec(
        "previous", "◀ Previous", lambda w: w.move_weeks(-1), "Alt+Left", "Previous week (Alt+Left)"
    ),
    ActionSpec("today", "This week", lambda w: w.go_to(date.today()), "Alt+Home"),
    ActionSpec("next", "Next ▶", lambda w: w.move_weeks(1), "Alt+Right", "Next week (Alt+Right)"),
    ActionSpec("span_1", "&1 week", lambda w: w.set_span("1"), "Ctrl+1"),
    ActionSpec("span_2", "&2 weeks", lambda w: w.set_span("2"), "Ctrl+2"),
    ActionSpec("span_4", "&4 weeks", lambda w: w.set_span("4"), "Ctrl+4"),
    ActionSpec("span_month", "&Month", lambda w: w.set_span("month"), "Ctrl+Shift+M"),
    ActionSpec(
        "zoom_in",
        "Zoom &in",
        lambda w: w.zoom_in(),
        "Ctrl+=",
        more=(QKeySequence.StandardKey.ZoomIn,),
    ),
    ActionSpec("zoom_out", "Zoom &out", lambda w: w.zoom_out(), QKeySequence.StandardKey.ZoomOut),
    ActionSpec("zoom_reset", "&Actual size", lambda w: w.zoom_reset(), "Ctrl+0"),
    ActionSpec(
        "compact",
        "&Compact: codes only",
        lambda w: w.set_compact(not w.model.compact),
        "Ctrl+Shift+K",
        "Show just the codes, so that four weeks fit; the beat is in the tooltip",
        checkable=True,
    ),
    *(
        _colours(name, text)
        for name, text in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark"))
    ),
    # Help
    ActionSpec(
        "guide", "&Guide", lambda w: w.show_guide(), "F1", "A short guide, and what each rule means"
    ),
    ActionSpec("shortcuts", "&Keyboard shortcuts", lambda w: w.show_shortcuts(), "Ctrl+F1"),
    ActionSpec(
        "whats_this",
        "&What's this?",
        lambda w: w.whats_this(),
        "Shift+F1",
        "Then click a rule finding (or press Shift+F1 on the selected one) for what it means",
    ),
    ActionSpec("about", "&About", lambda w: w.about()),
)

# Menus by action name; None is a separator, "undo"/"redo" and "docks" are filled in
# by the window (they come from the undo stack and the dock widgets).
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    (
        "&File",
        (
            *(
                "export",
                "briefing",
                "print_briefing",
                "print_roster",
                None,
                "backup",
                "restore",
                "keep",
                "audit",
                None,
            ),
            *("import_members", "import_roster", "import_requests", None, "quit"),
        ),
    ),
    (
        "&Edit",
        ("undo", "redo", None, "fill_down", "fill_right", "copy", "paste", "clear", "find"),
    ),
    (
        "&Roster",
        (
            "copy_week",
            "publish",
            "refresh",
            None,
            "fill",
            "fill_quarter",
            "roster_shape",
            "repair",
            "told",
            "pattern",
            None,
            "operations",
        ),
    ),
    (
        "&Team",
        (
            *("new_member", "edit_member", "absence", "toil", "transfer", "end_member", None),
            *("tasking", "taskings", "beats", "beat_form", "retire_beat", "shift_types", "cover"),
            "cover_list",
            *("team_settings", "blackouts", None, "new_team"),
            *(None, "strength"),
        ),
    ),
    (
        "&View",
        (
            *("docks", None, "overview", None),
            *("previous", "today", "next", None),
            *("span_1", "span_2", "span_4", "span_month", None),
            *("zoom_in", "zoom_out", "zoom_reset", "compact", None, "colours"),
        ),
    ),
    ("&Help", ("guide", "shortcuts", "whats_this", None, "about")),
)
TOOLBAR = ("previous", "today", "next")
# A submenu takes the place of its name in MENUS: one choice of several, as a group.
SUBMENUS: dict[str, tuple[str, tuple[str, ...]]] = {
    "colours": ("&Colours", ("colours_system", "colours_light", "colours_dark")),
}


def build_actions(window: MainWindow) -> dict[str, QAction]:
    out: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        if spec.shortcut is not None:
            keys = [QKeySequence(k) for k in (spec.shortcut, *spec.more) if k is not None]
            action.setShortcuts(keys)
        action.setCheckable(spec.checkable)
        if spec.tip:
            action.setToolTip(spec.tip)
        if spec.local:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False, slot=spec.slot: slot(window))
        out[spec.name] = action
    return out


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> None:
    stack = window.undo_stack
    undo = stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    # Undo what has been saved: a step pressed while an edit is still on its way to
    # the database waits for it (else Ctrl+Z right after Enter undid the step before).
    for action, step in ((undo, stack.undo), (redo, stack.redo)):
        action.triggered.disconnect()
        action.triggered.connect(lambda _checked=False, step=step: window.ops.when_idle(step))
    actions["undo"], actions["redo"] = undo, redo
    extra: dict[str, list[QAction]] = {"undo": [undo], "redo": [redo]}
    extra["docks"] = [
        window.dock.toggleViewAction(),
        window.cover_dock.toggleViewAction(),
        window.inbox.toggleViewAction(),
    ]
    for key, (title, choices) in SUBMENUS.items():
        submenu = QMenu(title, window)
        group = QActionGroup(submenu)  # one scheme at a time
        for choice in choices:
            group.addAction(actions[choice])
            submenu.addAction(actions[choice])
        extra[key] = [submenu.menuAction()]
    for title, names in MENUS:
        menu = window.menuBar().addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addActions(extra.get(name) or [actions[name]])
