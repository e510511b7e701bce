"""The window's own scenarios: week switch, edit round trip and start-up, at West End scale.

Run with `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.window` (no solver
work, so it can run while others measure the solver). Each scenario is timed from the
user's action to the result painted, and a 5 ms timer on the GUI thread measures the
longest time the window could not repaint or take a key ("longest stall").
"""

from __future__ import annotations

import os
import statistics
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.run import START, machine, startup_scenarios


def p90(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.9) - 1)]


def row(samples: list[float], stalls: list[float]) -> str:
    return (
        f"{statistics.median(samples):.1f} ms (p90 {p90(samples):.1f}); "
        f"longest stall {max(stalls):.1f} ms"
    )


class StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the GUI thread was busy."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = perf_counter()
        self.longest = max(self.longest, (now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        self.last = perf_counter()
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest


def window_class() -> type:
    try:
        from rosterapp.ui.mainwindow import MainWindow
    except ImportError:  # before the split
        from rosterapp.ui.main_window import MainWindow  # type: ignore[no-redef]
    return MainWindow


def settle(app: object, window: object, done: Callable[[], bool]) -> None:
    """Run the event loop until `done` holds and no database work is queued (sleeping
    in the loop, as a user's window does, not spinning: a spinning GUI thread would
    take the interpreter lock from the worker)."""
    ops = getattr(window, "ops", None)
    while not done() or (ops is not None and not ops.idle):
        if ops is not None:
            ops.wait()
        else:
            app.processEvents()  # type: ignore[attr-defined]


def shown(app: object, done: Callable[[], bool]) -> None:
    """Run the event loop, sleeping between events, until the user sees the result."""
    from PySide6.QtCore import QEventLoop

    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # type: ignore[attr-defined]


def measure(
    app: object, window: object, action: Callable[[], Callable[[], bool]], repeat: int
) -> tuple[list[float], list[float]]:
    """From the action to its result painted. The work the window does after that
    (reading the next week ahead) is not timed: a user pauses between actions, here
    0.4 s."""
    meter = StallMeter()
    samples, stalls = [], []
    for _ in range(repeat):
        meter.start()
        t = perf_counter()
        done = action()
        shown(app, done)
        window.view.viewport().repaint()  # type: ignore[attr-defined]
        samples.append((perf_counter() - t) * 1000)
        # Let the meter see the loop turn once more after the repaint.
        app.processEvents()  # type: ignore[attr-defined]
        stalls.append(meter.stop())
        pause(app, 0.4)  # a user looks at the result; the window reads ahead meanwhile
        settle(app, window, lambda: True)
    return samples, stalls


def pause(app: object, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def window_scenarios(db: object) -> list[tuple[str, str, str]]:
    from rosterapp.ui.app import make_app

    t = perf_counter()
    app = make_app()
    window = window_class()(db, team="WE", week=START)
    window.show()
    shown(app, lambda: bool(window.model.days))
    window.view.viewport().repaint()
    out = [
        (
            "Window built, West End week loaded and painted (after imports)",
            f"{(perf_counter() - t) * 1000:.0f} ms",
            "≤ 1.0 s cold start",
        )
    ]
    settle(app, window, lambda: True)
    out += _switch_scenarios(app, window)
    out.append(_edit_scenario(app, window))
    window.close()
    window.deleteLater()
    app.processEvents()
    return out


def _switch_scenarios(app: Any, window: Any) -> list[tuple[str, str, str]]:
    """The next week, a week far away, and that week with every officer's findings."""
    state = {"week": START}

    def switch() -> Callable[[], bool]:
        state["week"] += timedelta(days=7)
        target = state["week"]
        window.move_weeks(1)
        return lambda: bool(window.model.days) and window.model.days[0] == target

    out = [
        (
            "Week switch to the next week (load, check, repaint), West End",
            row(*measure(app, window, switch, 20)),
            "≤ 100 ms p90",
        )
    ]
    jumps = iter(range(40))

    def jump() -> Callable[[], bool]:
        # Back and forth between weeks far apart: never the week read ahead.
        target = START + timedelta(days=7 * (40 if next(jumps) % 2 else -40))
        window.go_to(target)
        return lambda: bool(window.model.days) and window.model.days[0] == target

    out.append(
        (
            "Jump to a week far away (nothing read ahead), West End: grid painted",
            row(*measure(app, window, jump, 20)),
            "≤ 100 ms p90",
        )
    )

    def jump_checked() -> Callable[[], bool]:
        done = jump()
        target = window.first_day

        def checked() -> bool:
            f = window.findings
            return done() and f is not None and f.first_day == target and not f.partial

        return checked

    out.append(
        (
            "… and every officer's findings shown (rest, hours, leave: 17 weeks' history)",
            row(*measure(app, window, jump_checked, 20)),
            "≤ 250 ms p90",
        )
    )
    return out


def _edit_scenario(app: Any, window: Any) -> tuple[str, str, str]:
    """A code typed into a draft week's cell (no change records pile up), E and L in turn."""
    window.go_to(START + timedelta(days=14))
    settle(app, window, lambda: window.model.days[0] == START + timedelta(days=14))
    pc = next(i for i, r in enumerate(window.model.rows) if r.member.rank.value == "pc")
    mid = window.model.rows[pc].member.id
    day = START + timedelta(days=16)
    codes = ["E", "L"]
    count = {"i": 0}

    def edit() -> Callable[[], bool]:
        count["i"] += 1
        code = codes[count["i"] % 2]
        window.set_cells_from_grid([(mid, day)], code)
        idx = window.model.index_of(mid, day)
        # The officer keeps their beat when only the shift changes: 'E SOH'.
        return lambda: str(window.model.data(idx)).split()[:1] == [code]

    return (
        "Type a code in the grid: save, re-check, repaint the whole grid",
        row(*measure(app, window, edit, 30)),
        "≤ 30 ms",
    )


def main() -> int:
    from benchmarks.run import history_db

    db = history_db()
    results = window_scenarios(db)
    db.close()
    results.extend(startup_scenarios())
    lines = [
        f"Measured {date.today().isoformat()} by `python -m benchmarks.window` on: {machine()}.",
        "",
        "| scenario | measured | target |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in results],
    ]
    print("\n".join(lines))
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
