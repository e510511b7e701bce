"""Auto-rostering with OR-Tools CP-SAT, and the public staff-scheduling benchmark. No Qt."""
