"""Files that leave the app: the HR workbook, briefing sheets, printable rosters,
personal calendars. No Qt here: the GUI and the CLI call the same functions."""
