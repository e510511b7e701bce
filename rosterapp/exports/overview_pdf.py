"""The inspector's overview on one A4 landscape page: the teams table, then what needs
a look in each team (shortfalls, wards over the threshold, hotspots left without
patrol). Shrunk to fit, never spilling onto a second page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from rosterapp import __version__
from rosterapp.domain.calendar import LONDON
from rosterapp.domain.overview import AWAY_KINDS, HOTSPOT_WINDOW, Away, Overview, TeamOverview
from rosterapp.domain.policy import ABSTRACTION_WEEKS
from rosterapp.exports.files import ensure_writable
from rosterapp.exports.pdf import FONT, build_pdf, styles
from rosterapp.exports.text import pdf_text as esc

FLAG = colors.HexColor("#F8D7DA")
HEADERS = [
    "Team",
    "Posts",
    "Strength",
    "Vacant",
    "People short",
    *("Leave", "Sick", "Training", "Aid, court"),  # AWAY_KINDS, short enough for a column
    "DWO abstr.",
    "Overtime h",
    "Rest days worked",
    "Pending requests",
    "Hotspot h",
]
MARGIN = 10 * mm


def _n(v: int | None) -> str:
    return "–" if v is None else f"{v:,}"


def _row(t: TeamOverview) -> list[str]:
    s = t.strength
    rate = "–" if t.dwo_rate is None else f"{t.dwo_rate:.1f} %"
    return [
        f"{t.team_name} ({t.team_code})",
        _n(s.establishment),
        _n(s.strength),
        _n(s.vacancies),
        str(t.people_short),
        *(str(t.away.get(k, Away()).officers) for k in AWAY_KINDS),
        rate,
        f"{t.overtime_hours:g}",
        str(t.rest_days_worked),
        str(t.pending_requests),
        f"{sum(h.hours for h in t.hotspots):g}",
    ]


def _flags(view: Overview) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for i, t in enumerate(view.teams, start=1):
        for col, flagged in (
            (3, bool(t.strength.vacancies)),
            (4, bool(t.people_short)),
            (9, t.over_threshold),
            (12, bool(t.pending_requests)),
        ):
            if flagged:
                out.append(("BACKGROUND", (col, i), (col, i), FLAG))
    return out


def _table(view: Overview, width: float, st: dict[str, Any]) -> Table:
    small = ParagraphStyle("head", parent=st["cellbold"], fontSize=7, leading=8.5)
    head = [Paragraph(esc(h), small) for h in HEADERS]
    body = [
        [Paragraph(esc(v), st["cell"]) if c == 0 else v for c, v in enumerate(_row(t))]
        for t in view.teams
    ]
    first = 40 * mm
    rest = (width - first) / (len(HEADERS) - 1)
    table = Table([head, *body], colWidths=[first] + [rest] * (len(HEADERS) - 1), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (1, 1), (-1, -1), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE3EF")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9AA5B8")),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *_flags(view),
            ]
        )
    )
    return table


def _look(t: TeamOverview) -> str | None:
    """One sentence of what needs a look in a team, or None."""
    parts = []
    if t.shortfalls:
        worst = sorted(t.shortfalls, key=lambda s: (-s.people, s.day))[:3]
        days = ", ".join(f"{s.day:%a %d} {s.shift} ({s.people})" for s in worst)
        parts.append(f"{t.people_short} short over {len(t.shortfalls)} tours, most on {days}")
    over = [w for w in t.wards if w.rate > t.threshold]
    if over:
        parts.append(
            "wards over the abstraction threshold: "
            + ", ".join(f"{w.name} {w.rate:.1f} %" for w in over[:4])
        )
    bare = [h for h in t.hotspots if h.days_without]
    if bare:
        parts.append(
            "hotspots without patrol in the window: "
            + ", ".join(f"{h.name} ({h.days_without} days)" for h in bare[:4])
        )
    if t.strength.vacancies:
        parts.append(_plural(t.strength.vacancies, "post") + " vacant")
    if t.pending_requests:
        parts.append(_plural(t.pending_requests, "request") + " waiting")
    if not parts:
        return None
    return f"<b>{esc(t.team_name)}</b>: " + esc("; ".join(parts)) + "."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def write_overview_pdf(view: Overview, target: Path) -> Path:
    ensure_writable(target)
    st = styles()
    pagesize = landscape(A4)
    width = pagesize[0] - 2 * MARGIN
    when = view.generated_at.astimezone(LONDON)
    notes = [_look(t) for t in view.teams]
    story: list[Flowable] = [
        Paragraph(
            esc(f"Inspector's overview: {view.start:%a %d %b %Y} – {view.end:%a %d %b %Y}"),
            st["title"],
        ),
        Paragraph(
            esc(
                f"{len(view.teams)} teams · strength as on {view.start:%d %b %Y} against funded "
                f"posts · DWO abstraction over the {ABSTRACTION_WEEKS} weeks from "
                f"{view.abstraction_since:%d %b %Y} · hotspot hours inside "
                f"{HOTSPOT_WINDOW[0]:%H:%M}–{HOTSPOT_WINDOW[1]:%H:%M} · shaded: needs a look"
            ),
            st["meta"],
        ),
        Spacer(1, 3 * mm),
        _table(view, width, st),
        Spacer(1, 4 * mm),
        Paragraph("Needs a look", st["h2"]),
        *(Paragraph(n, st["body"]) for n in notes if n),
    ]
    if not any(notes):
        story.append(Paragraph("Nothing: every team is at strength and covered.", st["body"]))
    height = pagesize[1] - 14 * mm - 12 * mm
    frame = KeepInFrame(width, height, story, mode="shrink")
    return build_pdf(
        target,
        [frame],
        pagesize=pagesize,
        margins=(MARGIN, MARGIN, 14 * mm, 12 * mm),
        title=f"Inspector's overview {view.start}",
        marking=view.marking,
        footer=f"Inspector's overview · {when:%d %b %Y %H:%M} · rosterapp {__version__}",
    )
