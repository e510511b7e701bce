"""The data model: SQLModel tables and plain value types. No Qt, no I/O."""
