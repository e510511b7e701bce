"""Measure the scenarios the issues set targets for and write benchmarks/RESULTS.md.

Run with `make bench`. The five-year bcu database is built once and kept in
benchmarks/.work/ (git-ignored).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rosterapp.domain.report import PeriodReport
    from rosterapp.storage import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent
WORK = ROOT / ".work"
START = date(2026, 11, 23)  # the demo's second week
YEARS = 5


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = perf_counter()
        fn()
        out.append((perf_counter() - t) * 1000)
    return out


def summary(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9) - 1]
    return f"{statistics.median(samples):.1f} ms (p90 {p90:.1f})"


def buildhistory_db(path: Path) -> None:
    """bcu scale (≈1,000 people) with five years of rota history before the demo weeks."""
    from sqlalchemy import insert
    from sqlmodel import select

    from rosterapp.domain.enums import Rank
    from rosterapp.domain.tables import Assignment, Member, ShiftType, TeamMembership
    from rosterapp.services.demo import PC_ROTA, build_demo
    from rosterapp.storage import Database

    db = Database.open(str(path))
    build_demo(db, scale="bcu", seed=1, start=START)
    first = START - timedelta(days=7)
    with db.session(write=True) as s:
        shifts = {st.code: st.id for st in s.exec(select(ShiftType)).all()}
        members = s.exec(
            select(Member, TeamMembership).join(
                TeamMembership, TeamMembership.member_id == Member.id
            )
        ).all()
        rows = []
        now = datetime.now().astimezone()
        for k, (m, tm) in enumerate(members):
            if m.rank is Rank.SPECIAL:
                continue
            day = first - timedelta(days=365 * YEARS)
            while day < first:
                code = PC_ROTA[((day - first).days + (k % 5) * 7) % len(PC_ROTA)]
                rows.append(
                    {
                        "member_id": m.id,
                        "team_id": tm.team_id,
                        "day": day,
                        "shift_type_id": shifts[code],
                        "beat_id": None,
                        "call_sign": None,
                        "note": None,
                        "pinned": False,
                        "updated_at": now,
                        "updated_by": "history",
                        "version": 1,
                    }
                )
                day += timedelta(days=1)
            if len(rows) > 50_000:
                s.execute(insert(Assignment), rows)
                rows = []
        if rows:
            s.execute(insert(Assignment), rows)
    db.close()


def export_scenarios(db: object) -> list[tuple[str, str, str]]:
    """HR workbook for the command unit against a bare XlsxWriter write of the same cells;
    a briefing sheet for every West End officer on one shift."""
    return [_workbook_scenario(_command_unit_report(db)), _briefing_scenario(db)]


def _command_unit_report(db: object) -> PeriodReport:
    """Every team's four weeks as one report: the HR workbook of the whole command unit."""
    from rosterapp.domain.report import PeriodReport
    from rosterapp.services.period_report import period_report
    from rosterapp.services.teams import list_teams

    start, end = START - timedelta(days=7), START + timedelta(days=20)
    reports = [period_report(db, t.code, start, end) for t in list_teams(db)]  # type: ignore[arg-type]
    first = reports[0]
    return PeriodReport(
        team=first.team,
        start=start,
        end=end,
        rows=[r for rep in reports for r in rep.rows],
        cells={k: v for rep in reports for k, v in rep.cells.items()},
        shift_types=first.shift_types,
        beats={k: v for rep in reports for k, v in rep.beats.items()},
        bank_holidays=first.bank_holidays,
        changes=[c for rep in reports for c in rep.changes],
        findings=[],
    )


def _bare_workbook(report: PeriodReport, path: Path) -> None:
    """The same timesheet rows written with XlsxWriter and nothing else: the yardstick."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Timesheet")
    for i, line in enumerate(report.lines(), start=1):
        m = line.member
        ws.write_row(
            i, 0, [m.staff_number, m.shoulder_number, m.full_name, m.rank.label, report.team.name]
        )
        ws.write_datetime(i, 5, datetime.combine(line.day, datetime.min.time()))
        code = line.cell.code if line.cell else ""
        ws.write_row(i, 6, [code, "", "", "", line.paid_hours, line.overtime_hours, "", "", ""])
    wb.close()


def _workbook_scenario(merged: PeriodReport) -> tuple[str, str, str]:
    import tempfile

    from rosterapp.exports.excel import write_workbook

    people = len(merged.rows)
    with tempfile.TemporaryDirectory() as tmp:
        ours = timed(lambda: write_workbook(merged, Path(tmp) / "hr.xlsx"), 2)
        base = timed(lambda: _bare_workbook(merged, Path(tmp) / "bare.xlsx"), 2)
    ratio = statistics.median(ours) / statistics.median(base)
    return (
        f"HR workbook, {people} people × 28 days ({people * 28:,} timesheet rows)",
        f"{statistics.median(ours):.0f} ms = {ratio:.1f}× a bare XlsxWriter write "
        f"({statistics.median(base):.0f} ms)",
        "≤ 3× XlsxWriter",
    )


def _briefing_scenario(db: object) -> tuple[str, str, str]:
    """A briefing with every West End officer on one shift."""
    import tempfile

    from rosterapp.exports.briefing import write_briefing
    from rosterapp.services.briefing import briefing_data

    data = briefing_data(db, "WE", START + timedelta(days=4), "L")  # type: ignore[arg-type]
    everyone = replace(data, on_duty=tuple(d for _ in range(4) for d in data.on_duty)[:230])
    with tempfile.TemporaryDirectory() as tmp:
        brief = timed(lambda: write_briefing(everyone, Path(tmp) / "b.pdf"), 5)
    return (
        f"Briefing sheet with {len(everyone.on_duty)} people on duty",
        summary(brief),
        "≤ 0.5 s",
    )


def solver_scenarios() -> list[tuple[str, str, str]]:
    """Fill an empty West End week (≈230 people) on the demo database."""
    import tempfile

    from rosterapp.services.demo import build_demo
    from rosterapp.services.solving import propose
    from rosterapp.storage import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(str(Path(tmp) / "demo.sqlite3"))
        build_demo(db, start=START)
        week = START + timedelta(days=21)  # the first week after the demo's four
        trace: list[tuple[float, float, float]] = []
        proposal = propose(
            db,
            "WE",
            week,
            week + timedelta(days=6),
            time_limit=60,
            workers=8,
            progress=lambda p: trace.append((p.objective, p.bound, p.seconds)) or True,
        )
        db.close()
    first = trace[0][2] if trace else float("nan")
    close = next((t for o, b, t in trace if o <= b * 1.02 + 1e-9), proposal.seconds)
    return [
        (
            "Auto-roster: West End week (≈230 people), first feasible roster",
            f"{first:.1f} s",
            "≤ 5 s",
        ),
        (
            f"Auto-roster: West End week, within 2 % of the proven bound "
            f"({proposal.status.lower()}, {len(proposal.edits)} cells)",
            f"{close:.1f} s",
            "≤ 60 s",
        ),
    ]


def startup_scenarios() -> list[tuple[str, str, str]]:
    """Process start to the West End week painted (and saved by --screenshot), cold."""
    import shutil
    import subprocess
    import tempfile

    from rosterapp.services.demo import build_demo
    from rosterapp.storage import Database

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.sqlite3"
        db = Database.open(str(path))
        build_demo(db, start=START)
        db.close()
        root = ROOT.parent
        for label, binary, target in (
            ("frozen app (dist/rosterapp)", root / "dist" / "rosterapp" / "rosterapp", "≤ 1.5 s"),
            ("from source (.venv)", root / ".venv" / "bin" / "rosterapp", "≤ 1.0 s to paint"),
        ):
            if not binary.exists():
                continue
            copy = Path(tmp) / f"{binary.parent.name}.sqlite3"
            shutil.copy(path, copy)

            def once(binary: Path = binary, copy: Path = copy) -> None:
                subprocess.run(
                    [
                        str(binary),
                        "--db",
                        str(copy),
                        "--week",
                        START.isoformat(),
                        "--screenshot",
                        str(Path(tmp) / "shot.png"),
                    ],
                    check=True,
                    capture_output=True,
                    env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                )

            samples = timed(once, 5)
            out.append(
                (
                    f"Start, West End week painted and saved, then exit: {label}",
                    summary(samples),
                    target,
                )
            )
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main() -> int:
    db = history_db()
    results = _storage_scenarios(db)

    from benchmarks.overview import overview_scenarios

    results.extend(overview_scenarios(db))
    results.extend(solver_scenarios())
    results.extend(export_scenarios(db))
    results.extend(startup_scenarios())

    # The window, at West End scale (≈230 people): benchmarks/window.py.
    from benchmarks.window import window_scenarios

    results.extend(window_scenarios(db))
    db.close()
    _write_results(results)
    return 0


def history_db() -> Database:
    """Five years of the command unit's rosters, built once and kept in the work folder."""
    from rosterapp.storage import Database

    WORK.mkdir(exist_ok=True)
    history = WORK / "bcu-5y.sqlite3"
    if not history.exists():
        print("building the five-year bcu database (once)…", flush=True)
        t = perf_counter()
        buildhistory_db(history)
        print(f"  built in {perf_counter() - t:.0f} s")
    return Database.open(str(history))


def _storage_scenarios(db: Database) -> list[tuple[str, str, str]]:
    """Reading a week's grid, saving one cell, and the rules over the command unit."""
    from sqlmodel import func, select

    from rosterapp.domain.grid import CellEdit
    from rosterapp.domain.tables import Assignment
    from rosterapp.services.roster.edits import set_cells
    from rosterapp.services.roster.grid import read_grid

    with db.session() as s:
        total_rows = s.exec(select(func.count()).select_from(Assignment)).one()
    week = (START, START + timedelta(days=6))
    read_grid(db, "WE", *week)
    grid_ms = timed(lambda: read_grid(db, "WE", *week), 30)
    results = [
        (
            f"Load the West End week grid ({total_rows:,} roster rows, bcu scale)",
            summary(grid_ms),
            "≤ 50 ms",
        )
    ]
    member = read_grid(db, "WE", *week).rows[40].member
    codes = ["E", "L"]
    state = {"i": 0}

    def one_edit() -> None:
        state["i"] += 1
        set_cells(
            db, "WE", [CellEdit(member.id, START + timedelta(days=20), codes[state["i"] % 2])]
        )

    results.append(
        ("Set one cell through the service (commit, audit)", summary(timed(one_edit, 50)), "≤ 5 ms")
    )
    return results + _rule_scenarios(db, member.id)


def _rule_scenarios(db: Database, member_id: int) -> list[tuple[str, str, str]]:
    """Rules: every team of the command unit, 28 days; one member re-checked after an edit."""
    from rosterapp.rules.engine import check, member_findings
    from rosterapp.services import checks
    from rosterapp.services.teams import list_teams

    inputs = [
        checks.load_check_input(db, t.code, START - timedelta(days=7), START + timedelta(days=20))
        for t in list_teams(db)
    ]
    people = sum(len(ci.grid.rows) for ci in inputs)
    full = timed(lambda: [check(ci) for ci in inputs], 5)
    we = next(ci for ci in inputs if ci.grid.team.code == "WE")
    one = timed(lambda: member_findings(we, [member_id]), 50)
    return [
        (f"Full rule check, {people} people × 28 days (pure rules)", summary(full), "≤ 200 ms"),
        ("Re-check one member after an edit", summary(one), "≤ 10 ms"),
    ]


def _write_results(results: list[tuple[str, str, str]]) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {date.today().isoformat()} by `make bench` on: {machine()}.",
        "Medians of repeated runs (p90 in brackets); the database is SQLite on local disk.",
        "",
        "| scenario | measured | target |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in results],
        "",
    ]
    from benchmarks.nrp import table

    (ROOT / "RESULTS.md").write_text("\n".join(lines) + "\n" + table(), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
