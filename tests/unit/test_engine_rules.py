"""Each hard rule and each shape rule of the rostering engine, on small plain problems.

Every test sets up pressure to break its rule (cover or a wish that only a breach
meets) and checks the roster keeps it; the shape tests also solve once with the
shape weight at 0 and see the breach appear, so that each test is seen to fail
when its rule is removed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rosterapp.solver.nrp import evaluate, read_instance, read_solution, write_solution
from rosterapp.solver.nrp_problem import to_problem, to_solution
from rosterapp.solver.problem import Cover, Kept, Person, Problem, Shape, Tour, Wish
from rosterapp.solver.search import solve

NRP = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "nrp"
E = Tour("E", 7 * 60, 8 * 60)
L = Tour("L", 14 * 60, 8 * 60)
LL = Tour("LL", 18 * 60, 8 * 60, unsocial=True)
TOURS = {"E": E, "L": L, "LL": LL}
# L then E leaves 9 hours; LL then E 5; LL then L is 12 hours but backwards.
FORBIDDEN = frozenset({("L", "E"), ("LL", "E"), ("LL", "L")})


def person(pid: str = "a", **kw: object) -> Person:
    return Person(pid, pid, frozenset(TOURS), **kw)  # type: ignore[arg-type]


def problem(days: int, people: list[Person], cover: list[Cover], **kw: object) -> Problem:
    return Problem(days, TOURS, people, cover, FORBIDDEN, **kw)  # type: ignore[arg-type]


def every_day(days: int, tour: str = "E", need: int = 1, **kw: object) -> list[Cover]:
    return [Cover(d, tour, need, 100, 0, **kw) for d in range(days)]  # type: ignore[arg-type]


def plan(pr: Problem, pid: str = "a", seconds: float = 5) -> dict[int, str]:
    result = solve(pr, time_limit=seconds, workers=2)
    assert result.status in ("OPTIMAL", "FEASIBLE")
    return result.roster[pid]


def test_eleven_hours_between_tours() -> None:
    cover = [Cover(0, "L", 1, 100, 0), Cover(1, "E", 1, 100, 0)]
    roster = plan(problem(2, [person()], cover))
    assert (roster.get(0), roster.get(1)) != ("L", "E")
    # The rule reaches the day before the period too.
    before = person(kept={-1: "LL"})
    assert plan(problem(1, [before], [Cover(0, "E", 1, 100, 0)])).get(0) != "E"


def test_at_most_seven_days_in_a_row_counting_the_days_before() -> None:
    pr = problem(10, [person(max_run=7, kept={-2: "E", -1: "E"})], every_day(10))
    roster = plan(pr)
    work = [1, 1] + [int(d in roster) for d in range(10)]
    assert max(sum(work[i : i + 8]) for i in range(len(work) - 7)) <= 7
    assert len(roster) >= 7  # cover is still met where the rule allows


def test_two_rest_days_in_each_week() -> None:
    roster = plan(problem(14, [person(week_rest=2)], every_day(14)))
    for week in (range(0, 7), range(7, 14)):
        assert sum(1 for d in week if d in roster) <= 5


def test_kept_days_are_kept() -> None:
    kept = {1: Kept.LEAVE, 2: "LL", 3: Kept.REST, 4: Kept.WORK}
    roster = plan(problem(6, [person(kept=kept)], every_day(6)))
    assert 1 not in roster and 3 not in roster and 4 not in roster
    assert roster[2] == "LL"


def test_late_lates_in_a_row_limited() -> None:
    pr = problem(6, [person(max_unsocial_run=2)], every_day(6, "LL"))
    roster = plan(pr)
    lates = [int(roster.get(d) == "LL") for d in range(6)]
    assert max(sum(lates[i : i + 3]) for i in range(4)) <= 2
    assert sum(lates) >= 4


def test_only_those_the_cover_line_asks_for_count() -> None:
    pc = person("pc", attrs=frozenset({"rank:PC"}))
    sergeant = person("sgt", attrs=frozenset({"rank:Sergeant"}))
    cover = [Cover(0, "E", 1, 100, 0, frozenset({"rank:Sergeant"}))]
    # The PC would like the early; only the sergeant meets the line.
    wish = Wish("pc", 0, "E", 5)
    result = solve(problem(1, [pc, sergeant], cover, wishes=[wish]), time_limit=5, workers=2)
    assert result.roster["sgt"].get(0) == "E"


def test_tours_a_person_may_not_work_are_never_given() -> None:
    restricted = replace(person(), tours=frozenset({"E", "L"}))  # no late-lates (medical)
    roster = plan(problem(4, [restricted], every_day(4, "LL")))
    assert "LL" not in roster.values()


def _both(pr: Problem, shape: Shape, pid: str = "a") -> tuple[dict[int, str], dict[int, str]]:
    """The roster with the shape weight, and without it."""
    with_shape = plan(replace(pr, shape=shape), pid)
    without = plan(replace(pr, shape=Shape()), pid)
    return with_shape, without


def test_the_same_tour_through_a_week() -> None:
    # Cover wants an early on Monday and a late on Wednesday, mildly.
    cover = [Cover(0, "E", 1, 3, 0), Cover(2, "L", 1, 3, 0)]
    pr = problem(7, [person(week_rest=2, week_duties=5)], cover)
    shaped, plain = _both(pr, Shape(tour_mix=12))
    assert len(set(shaped.values())) == 1
    assert len(set(plain.values())) > 1


def test_no_tour_change_inside_a_run() -> None:
    wishes = [Wish("a", 0, "E", 3), Wish("a", 1, "L", 3)]
    pr = problem(2, [person()], [], wishes=wishes)
    shaped, plain = _both(pr, Shape(run_change=6))
    assert not (0 in shaped and 1 in shaped and shaped[0] != shaped[1])
    assert plain == {0: "E", 1: "L"}


def test_tours_go_forward_inside_a_run() -> None:
    # A late-late then a late the next day (12 h rest, but backwards) is never given.
    wishes = [Wish("a", 0, "LL", 5), Wish("a", 1, "L", 5)]
    roster = plan(problem(2, [person()], [], wishes=wishes))
    assert (roster.get(0), roster.get(1)) != ("LL", "L")


def test_rest_days_in_pairs() -> None:
    # Five duties a week; the person would like Tuesday and Friday off, singly.
    wishes = [Wish("a", 1, None, 2), Wish("a", 4, None, 2)]
    pr = problem(7, [person(week_rest=2, week_duties=5, kept={-1: "E", 7: "E"})], [], wishes=wishes)
    shaped, plain = _both(pr, Shape(single_rest=10))
    off = [d for d in range(7) if d not in shaped]
    assert len(off) == 2 and off[1] - off[0] == 1
    assert sorted(d for d in range(7) if d not in plain) == [1, 4]


def test_late_lates_only_where_cover_asks() -> None:
    # Cover asks for one late-late on day 0; over it, each late-late costs.
    cover = [Cover(d, "LL", 1 if d == 0 else 0, 100, 40) for d in range(4)]
    people = [person("a", week_duties=3), person("b", week_duties=3)]
    result = solve(problem(4, people, cover), time_limit=5, workers=2)
    lates = sum(1 for plan_ in result.roster.values() for t in plan_.values() if t == "LL")
    assert lates == 1


def test_weekends_off_shared() -> None:
    # Four weeks from a Monday; the person would like to work every weekend day.
    wishes = [Wish("a", 7 * w + d, "E", 2) for w in range(4) for d in (5, 6)]
    pr = problem(28, [person(week_rest=2, weekends_off=1)], [], wishes=wishes)
    shaped, plain = _both(pr, Shape(weekend_off=8))

    def whole_weekends_off(roster: dict[int, str]) -> int:
        return sum(1 for w in range(4) if 7 * w + 5 not in roster and 7 * w + 6 not in roster)

    assert whole_weekends_off(shaped) >= 1
    assert whole_weekends_off(plain) == 0


def test_a_long_horizon_is_built_by_weeks_and_keeps_every_rule() -> None:
    """Above the whole-model size the engine builds week by week and improves by parts."""
    people = [person(f"p{i}", week_rest=2, week_duties=5, max_run=7) for i in range(40)]
    cover = every_day(70, "E", 10) + every_day(70, "L", 10)
    result = solve(problem(70, people, cover, shape=Shape(tour_mix=12)), time_limit=20, workers=2)
    assert result.status in ("OPTIMAL", "FEASIBLE")
    for p in people:
        roster = result.roster[p.id]
        work = [int(d in roster) for d in range(70)]
        assert max(sum(work[i : i + 8]) for i in range(63)) <= 7
        for w in range(10):
            assert sum(work[7 * w : 7 * w + 7]) <= 5
        for d in range(69):
            assert (roster.get(d), roster.get(d + 1)) not in FORBIDDEN


def test_the_benchmark_through_the_same_engine_is_rescored_by_its_evaluator(
    tmp_path: Path,
) -> None:
    """The NRP reader turns an instance into the engine's problem; the solution the
    engine writes is re-read and re-scored by the benchmark's own evaluator."""
    inst = read_instance(NRP / "Instance1.txt")
    result = solve(to_problem(inst), time_limit=30, workers=2)
    out = tmp_path / "1.txt"
    write_solution(out, to_solution(inst, result.roster))
    scored = evaluate(inst, read_solution(out, inst))
    assert scored.feasible, scored.violations
    assert scored.objective == result.objective
    assert scored.objective == 607  # the known optimum
