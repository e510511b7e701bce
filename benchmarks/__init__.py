"""Performance scenarios; `make bench` runs them and rewrites RESULTS.md."""
