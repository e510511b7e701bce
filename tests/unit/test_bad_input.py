"""A corpus of bad input at every command-line entry point: each gets one clear line on
stderr, a non-zero status, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rosterapp.cli.main import run
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from rosterapp.storage.engine import on_network_drive
from tests.conftest import DEMO_START


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> str:
    import shutil

    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, target)
    return str(target)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["assign", "--member", "1100CW", "--date", "2026-02-30", "--shift", "E"], 2, "not a date"),
        (
            ["assign", "--member", "NOPE", "--date", "2026-12-07", "--shift", "E"],
            1,
            "no member with shoulder number 'NOPE'",
        ),
        (
            ["assign", "--member", "1100CW", "--date", "2026-12-07", "--shift", "ZZ"],
            1,
            "unknown shift or absence code 'ZZ'",
        ),
        (
            [
                "assign",
                "--member",
                "1100CW",
                "--date",
                "2026-12-07",
                "--shift",
                "RD",
                "--beat",
                "SOH",
            ],
            1,
            "not a duty",
        ),
        (
            [
                "assign",
                "--member",
                "1100CW",
                "--date",
                "2026-12-07",
                "--shift",
                "E",
                "--note",
                "a\x07b",
            ],
            1,
            "control character",
        ),
        (
            [
                "assign",
                "--member",
                "1100CW",
                "--date",
                "2026-12-07",
                "--shift",
                "E",
                "--note",
                "x" * 600,
            ],
            1,
            "the limit is 500",
        ),
        (
            [
                "assign",
                "--member",
                "1100CW",
                "--date",
                "2026-12-07",
                "--shift",
                "E",
                "--told",
                "yesterday",
            ],
            2,
            "not a date and time",
        ),
        (
            ["publish", "--team", "WE", "--from", "2026-12-13", "--to", "2026-12-07"],
            1,
            "ends (2026-12-07) before it starts",
        ),
        (
            ["check", "--team", "XX", "--from", "2026-12-07", "--to", "2026-12-13"],
            1,
            "no team 'XX'",
        ),
        (
            ["check", "--team", "WE", "--from", "2026-12-13", "--to", "2026-12-07"],
            1,
            "before it starts",
        ),
        (
            [
                "export",
                "xlsx",
                "--team",
                "WE",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "-o",
                "x.xlsx",
            ],
            1,
            "at most 92 days",
        ),
        (
            ["solve", "--team", "WE", "--from", "2026-12-07", "--to", "2027-06-01"],
            1,
            "at most 14 weeks",
        ),
        (
            [
                "solve",
                "--team",
                "WE",
                "--from",
                "2026-12-07",
                "--to",
                "2026-12-13",
                "--time-limit",
                "-1",
            ],
            1,
            "time limit must be positive",
        ),
        (["nrp", "missing.txt"], 1, "cannot read"),
        (["import", "members", "missing.csv", "--team", "WE"], 1, "no such file"),
        (["restore", "missing.sqlite3"], 1, "does not exist"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_bad_command_lines(
    demo_path: str, args: list[str], status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if status == 2:
        with pytest.raises(SystemExit) as caught:
            run(["--db", demo_path, *args])
        assert caught.value.code == 2
        err = capsys.readouterr().err
    else:
        code = run(["--db", demo_path, *args])
        err = capsys.readouterr().err
        assert code == status
        assert len(err.strip().splitlines()) <= 2 and "Traceback" not in err
    assert message in err
    db = Database.open(demo_path)
    grid = read_grid(db, "WE", DEMO_START, DEMO_START)
    db.close()
    assert grid.rows  # the data is still there


def test_a_rejected_assign_writes_nothing(demo_path: str) -> None:
    from sqlmodel import func, select

    from rosterapp.domain.tables import Assignment, AuditEvent

    def counts() -> tuple[int, int]:
        db = Database.open(demo_path)
        with db.session() as s:
            out = (
                s.exec(select(func.count()).select_from(Assignment)).one(),
                s.exec(select(func.count()).select_from(AuditEvent)).one(),
            )
        db.close()
        return out

    before = counts()
    assert (
        run(
            [
                "--db",
                demo_path,
                "assign",
                "--member",
                "1100CW",
                "--date",
                "2026-12-07",
                "--shift",
                "RD",
                "--beat",
                "SOH",
            ]
        )
        == 1
    )
    assert counts() == before


def test_network_drives_are_recognised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    mounts = (
        "server:/export /mnt/share nfs4 rw 0 0\n"
        "/dev/sda1 / ext4 rw 0 0\n"
        "//fs/roster /mnt/smb cifs rw 0 0\n"
    )
    original = Path.read_text

    def fake(self: Path, *args: object, **kwargs: object) -> str:
        if str(self) == "/proc/mounts":
            return mounts
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", fake)
    assert on_network_drive(Path("/mnt/share/team/roster.sqlite3"))
    assert on_network_drive(Path("/mnt/smb/roster.sqlite3"))
    assert not on_network_drive(tmp_path / "roster.sqlite3")
