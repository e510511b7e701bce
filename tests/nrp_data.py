"""The public staff-scheduling instances the tests read (carried in benchmarks/data/nrp)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rosterapp.solver.nrp import Instance, read_instance
from rosterapp.solver.nrp_problem import to_problem
from rosterapp.solver.problem import Problem

NRP = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "nrp"


def instance(n: int) -> Instance:
    path = NRP / f"Instance{n}.txt"
    if not path.exists():
        pytest.fail(f"benchmark data missing at {path}")
    return read_instance(path)


def both(n: int) -> tuple[Instance, Problem]:
    """The instance, and the engine's problem read from it."""
    inst = instance(n)
    return inst, to_problem(inst)
