"""Where spare officers go: a hotspot beat's evenings and the taskings' tours.

Cover says how many officers each beat needs; a team usually has more on duty than
that. Those beyond cover are drawn (by small weights, below cover, bank holidays,
contracted duties and most of the shape) to where the team's work is: the evening
window of a hotspot beat (the night-time economy: DOMAIN.md) and the days and tours
a briefing tasking names, the higher its priority the stronger. Always on sociable
tours: a late-late or night beyond what cover asks for costs more than any of these
gain. Each officer stays on their own beat, so a beat's place draws its own officers.
"""

from __future__ import annotations

from collections import Counter

from rosterapp.domain.briefing import BriefingItemInfo
from rosterapp.domain.grid import Grid
from rosterapp.domain.overview import HOTSPOT_WINDOW
from rosterapp.services.solve_problem import TeamProblem
from rosterapp.solver.problem import Cover, Tour

# Per spare officer-duty. Below the shape's run-change weight (6), so a rota's run of
# one tour is not broken for it; a week's tour choice follows it.
W_HOTSPOT = 3
W_TASKING = {1: 3, 2: 2, 3: 1}  # by the tasking's priority (1 high)
HOTSPOT_MINUTES = 120  # a tour counts for the window when it covers this much of it


def _window_minutes(tour: Tour) -> int:
    lo = HOTSPOT_WINDOW[0].hour * 60 + HOTSPOT_WINDOW[0].minute
    hi = 24 * 60 + HOTSPOT_WINDOW[1].hour * 60 + HOTSPOT_WINDOW[1].minute
    return max(0, min(tour.start + tour.minutes, hi) - max(tour.start, lo))


def add_spare_places(tp: TeamProblem, grid: Grid, taskings: list[BriefingItemInfo]) -> int:
    """Add the places spare officers are wanted, as spare lines; how many."""
    problem = tp.problem
    officers = Counter(tp.beat_of.get(mid) for mid in tp.people)
    sociable = {t: tour for t, tour in problem.tours.items() if not tour.unsocial}
    weights: Counter[tuple[int, str, str | None]] = Counter()
    hotspots = [b for b, info in grid.beats.items() if info.hotspot and officers[b]]
    evening = [t for t, tour in sociable.items() if _window_minutes(tour) >= HOTSPOT_MINUTES]
    for i in range(problem.days):
        for b in hotspots:
            for t in evening:
                weights[(i, t, b)] += W_HOTSPOT
    for item in taskings:
        if item.beat is not None and not officers[item.beat]:
            continue
        for i, d in enumerate(tp.days):
            if item.start_date <= d <= item.end_date:
                for t in item.shift_codes or tuple(sociable):
                    if t in sociable:
                        weights[(i, t, item.beat)] += W_TASKING.get(item.priority, 1)
    for (i, t, beat), w in sorted(
        weights.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]))
    ):
        who = frozenset({f"beat:{beat}"}) if beat else frozenset()
        need = officers[beat] if beat else len(tp.people)
        problem.cover.append(Cover(i, t, need, w, 0, who, spare=True))
        tp.lines.append(None)
    return len(weights)
