"""Compliance rules: pure checks over plain roster data (no Qt, no database)."""
