"""Reading members and roster entries from CSV and XLSX files, all or nothing."""
