"""The command line, by area: data (demo, import), roster (assign, publish, check),
exports, backups and solving; main builds the parser and turns errors into one line."""
