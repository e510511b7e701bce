"""rosterapp: rostering for Safer Neighbourhood Teams."""

__version__ = "0.1.0"
APP_NAME = "rosterapp"
APP_DISPLAY_NAME = "Roster"
ORG_NAME = "rosterapp"
