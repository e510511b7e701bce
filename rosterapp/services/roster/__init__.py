"""The roster: reading the grid (grid), editing cells (edits), and bulk work such as
copying a week or a rota pattern (bulk)."""
