"""The editors, one module each, on the Designer forms in ui/ (roster shape: laid out in code)."""

from rosterapp.ui.dialogs.absence import AbsenceDialog
from rosterapp.ui.dialogs.beat import BeatDialog
from rosterapp.ui.dialogs.briefing_item import BriefingItemDialog
from rosterapp.ui.dialogs.cover import CoverDialog
from rosterapp.ui.dialogs.form import FormDialog
from rosterapp.ui.dialogs.import_problems import ImportProblemsDialog
from rosterapp.ui.dialogs.member import MemberDialog
from rosterapp.ui.dialogs.pattern import PatternDialog
from rosterapp.ui.dialogs.roster_shape import RosterShapeDialog
from rosterapp.ui.dialogs.shift_type import ShiftTypeDialog
from rosterapp.ui.dialogs.team import TeamDialog
from rosterapp.ui.dialogs.team_settings import TeamSettingsDialog
from rosterapp.ui.dialogs.transfer import TransferDialog

__all__ = [
    "AbsenceDialog",
    "BeatDialog",
    "BriefingItemDialog",
    "CoverDialog",
    "FormDialog",
    "ImportProblemsDialog",
    "MemberDialog",
    "PatternDialog",
    "RosterShapeDialog",
    "ShiftTypeDialog",
    "TeamDialog",
    "TeamSettingsDialog",
    "TransferDialog",
]
