"""Enumerations stored as their text value (VARCHAR) on every database."""

from __future__ import annotations

from enum import StrEnum


class Rank(StrEnum):
    INSPECTOR = "inspector"
    SERGEANT = "sergeant"
    PC = "pc"
    PCSO = "pcso"
    SPECIAL = "special"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return _RANK_LABELS[self]

    @property
    def short(self) -> str:
        return _RANK_SHORT[self]

    @property
    def is_police_staff(self) -> bool:
        """PCSOs and police staff follow the Police Staff Council handbook, not Annex E."""
        return self in (Rank.PCSO, Rank.STAFF)

    @classmethod
    def parse(cls, text: str) -> Rank:
        key = " ".join(text.strip().lower().replace("_", " ").replace(".", "").split())
        if key in _RANK_ALIASES:
            return _RANK_ALIASES[key]
        raise ValueError(
            f"unknown rank '{text}' (use one of: inspector, sergeant, PC, PCSO, "
            "special constable, police staff)"
        )


_RANK_LABELS = {
    Rank.INSPECTOR: "Inspector",
    Rank.SERGEANT: "Sergeant",
    Rank.PC: "PC",
    Rank.PCSO: "PCSO",
    Rank.SPECIAL: "Special Constable",
    Rank.STAFF: "Police staff",
}
_RANK_SHORT = {
    Rank.INSPECTOR: "Insp",
    Rank.SERGEANT: "PS",
    Rank.PC: "PC",
    Rank.PCSO: "PCSO",
    Rank.SPECIAL: "SC",
    Rank.STAFF: "Staff",
}
_RANK_ALIASES = {
    "inspector": Rank.INSPECTOR,
    "insp": Rank.INSPECTOR,
    "sergeant": Rank.SERGEANT,
    "ps": Rank.SERGEANT,
    "sgt": Rank.SERGEANT,
    "pc": Rank.PC,
    "constable": Rank.PC,
    "police constable": Rank.PC,
    "pcso": Rank.PCSO,
    "police community support officer": Rank.PCSO,
    "special": Rank.SPECIAL,
    "special constable": Rank.SPECIAL,
    "sc": Rank.SPECIAL,
    "staff": Rank.STAFF,
    "police staff": Rank.STAFF,
}

# Order in which ranks are listed on a roster.
RANK_ORDER = [Rank.INSPECTOR, Rank.SERGEANT, Rank.PC, Rank.PCSO, Rank.SPECIAL, Rank.STAFF]


class EntryKind(StrEnum):
    """What a roster code means: a tour of duty, or a non-duty entry."""

    DUTY = "duty"
    ABSENCE = "absence"


class AbsenceKind(StrEnum):
    REST_DAY = "rest_day"
    ANNUAL_LEAVE = "annual_leave"
    PUBLIC_HOLIDAY_LEAVE = "public_holiday_leave"
    SICK = "sick"
    TRAINING = "training"
    COURT = "court"
    AID = "aid"
    TOIL = "toil"
    DAY_IN_LIEU = "day_in_lieu"  # a day owed for a bank holiday worked, given back
    MATERNITY = "maternity"
    PATERNITY = "paternity"
    PART_TIME = "part_time"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_abstraction(self) -> bool:
        """Takes a ward officer away from the ward (the Neighbourhood Policing Guarantee)."""
        return self in (AbsenceKind.TRAINING, AbsenceKind.COURT, AbsenceKind.AID)


class AbstractionCategory(StrEnum):
    MANDATORY = "mandatory"  # training, court
    LOCAL_AID = "local_aid"
    CENTRAL_AID = "central_aid"
    OTHER = "other"


class PeriodStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
