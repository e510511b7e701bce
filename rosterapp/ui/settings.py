"""The window's settings keys (QSettings), named once."""

from __future__ import annotations

from enum import StrEnum


class Key(StrEnum):
    TEAM = "team"  # the team shown last
    WEEKS = "weeks"  # "1", "2" or "4" weeks shown, or "month"
    ZOOM = "grid/zoom"  # the grid's zoom step
    COMPACT = "grid/compact"  # codes only, beats in the tooltip
    COLOURS = "view/colours"  # "system", "light" or "dark"
    GEOMETRY = "geometry"  # the window's size and place
    STATE = "state"  # where the docks and toolbar are
    BACKUPS_KEEP = "backups/keep"  # how many daily backups to keep
