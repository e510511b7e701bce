"""The suite's own rules: a PostgreSQL test cannot pass unseen in CI by skipping."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each runs pytest over tests/unit once more (about 7 s).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def run_postgres_tests(**env: str) -> subprocess.CompletedProcess[str]:
    """Run every test marked `postgres` in tests/unit, without a server URL."""
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "ROSTERAPP_TEST_PG_URL")}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*command, "-m", "postgres", "tests/unit"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_postgres_tests_fail_in_ci_without_a_server() -> None:
    done = run_postgres_tests(CI="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ROSTERAPP_TEST_PG_URL is not set: CI must run the PostgreSQL tests" in done.stdout
    assert " skipped" not in done.stdout.splitlines()[-1]


def test_postgres_tests_skip_on_a_developers_machine_without_a_server() -> None:
    done = run_postgres_tests(CI="false")
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.splitlines()[-1]
    assert " skipped" in summary and "passed" not in summary and "error" not in summary
