"""The briefing sheet for one team, date and shift (reportlab platypus)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from rosterapp import __version__
from rosterapp.domain.briefing import BriefingData
from rosterapp.domain.calendar import LONDON
from rosterapp.exports.files import ensure_writable
from rosterapp.exports.pdf import FONT, FONT_BOLD, build_pdf, styles
from rosterapp.exports.text import pdf_text as esc

Styles = dict[str, ParagraphStyle]
_PRIORITY = {1: "High", 2: "Normal", 3: "Low"}
GRID = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F3864")),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F1F4F9")]),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9AA5B8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
)


def write_briefing(data: BriefingData, target: Path) -> Path:
    ensure_writable(target)
    st = styles()
    story: list[Flowable] = [
        *_heading(data, st),
        *_on_duty(data, st),
        *_beats(data, st),
        *_notes(data, st),
        *_away(data, st),
        *_absent(data, st),
        Spacer(1, 8 * mm),
        Paragraph(
            "Briefed by: ______________________________ "
            "Signature: ____________________ Time: ________",
            st["body"],
        ),
    ]
    footer = f"{data.team.name} · {data.shift.code} {data.day:%d/%m/%Y} · rosterapp {__version__}"
    return build_pdf(
        target,
        story,
        pagesize=A4,
        margins=(14 * mm, 14 * mm, 16 * mm, 14 * mm),
        title=f"{data.team.name} briefing {data.day} {data.shift.code}",
        marking=data.team.protective_marking,
        footer=footer,
    )


def _heading(data: BriefingData, st: Styles) -> list[Flowable]:
    begins = data.begins.astimezone(LONDON)
    ends = data.ends.astimezone(LONDON)
    sergeant = (
        data.sergeant.display_name + f" ({data.sergeant.shoulder_number})"
        if data.sergeant
        else "____________________"
    )
    return [
        Paragraph(esc(f"{data.team.name} — {data.shift.name} briefing", bold=True), st["title"]),
        Paragraph(
            f"<b>{esc(f'{data.day:%A} {data.day.day} {data.day:%B %Y}')}</b> · "
            f"{esc(data.shift.code)} {begins:%H:%M}–{ends:%H:%M} · briefing sergeant: "
            f"{esc(sergeant)} · {len(data.on_duty)} on duty",
            st["meta"],
        ),
        Spacer(1, 3 * mm),
    ]


def _on_duty(data: BriefingData, st: Styles) -> list[Flowable]:
    rows: list[list[object]] = [["Shoulder", "Name", "Rank", "Beat", "Call sign", "Skills"]]
    for d in data.on_duty:
        rows.append(
            [
                Paragraph(esc(d.member.shoulder_number), st["cell"]),
                Paragraph(esc(d.member.full_name, bold=True), st["cellbold"]),
                Paragraph(esc(d.member.rank.label), st["cell"]),
                Paragraph(esc(d.cell.beat or "—"), st["cell"]),
                Paragraph(esc(d.call_sign or "—"), st["cell"]),
                Paragraph(esc(", ".join(d.skills) or "—"), st["cell"]),
            ]
        )
    if len(rows) == 1:
        rows.append(
            ["", Paragraph("Nobody is rostered on this shift.", st["cell"]), "", "", "", ""]
        )
    table = Table(
        rows, colWidths=[20 * mm, 52 * mm, 24 * mm, 14 * mm, 18 * mm, 52 * mm], repeatRows=1
    )
    table.setStyle(GRID)
    return [Paragraph("On duty", st["h2"]), table]


def _headed(heading: Paragraph, body: list[Flowable]) -> list[Flowable]:
    """A heading kept on the page of what follows it, never alone at a page's foot."""
    if not body:
        return [heading]
    first = body[0]
    # One level of keeping together: a KeepTogether inside another moves both over.
    inner = list(first._content) if isinstance(first, KeepTogether) else [first]
    return [KeepTogether([heading, *inner]), *body[1:]]


def _beats(data: BriefingData, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for b in data.beats:
        names = (
            ", ".join(
                f"{o.member.full_name} ({o.call_sign or o.member.shoulder_number})"
                for o in b.officers
            )
            or "nobody rostered"
        )
        parts = [f"<b>{esc(b.beat.name, bold=True)}</b> ({esc(b.beat.code)}): {esc(names)}"]
        if b.beat.priorities:
            parts.append(f"Priorities: {esc('; '.join(b.beat.priorities))}")
        if b.patrol_windows:
            parts.append(
                f"Hotspot visits of {b.beat.visit_minutes} min at least every "
                f"{b.beat.visit_interval_minutes // 60} h: {esc(', '.join(b.patrol_windows))}"
            )
        out.append(KeepTogether(Paragraph("<br/>".join(parts), st["body"])))
        out.append(Spacer(1, 1.5 * mm))
    return _headed(Paragraph("Beats, priorities and hotspot patrols", st["h2"]), out)


def _notes(data: BriefingData, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    notes = [
        (f"[{_PRIORITY.get(i.priority, i.priority)}]" + (f" {i.beat}" if i.beat else ""), i.text)
        for i in data.items
    ]
    notes += [(d.member.full_name, d.cell.note) for d in data.on_duty if d.cell.note]
    if notes:
        for label, text in notes:
            out.append(Paragraph(f"<b>{esc(label, bold=True)}</b> {esc(text)}", st["body"]))
    else:
        out.append(Paragraph("None recorded.", st["body"]))
    return _headed(Paragraph("Taskings and notes", st["h2"]), out)


def _away(data: BriefingData, st: Styles) -> list[Flowable]:
    """Who is away on operations, under each operation with its tour and place."""
    if not data.away:
        return []
    out: list[Flowable] = []
    for a in data.away:
        people = ", ".join(f"{m.full_name} ({m.shoulder_number})" for m in a.members)
        out.append(
            Paragraph(f"<b>{esc(a.code)}</b> {esc(a.description)}: {esc(people)}", st["body"])
        )
    return _headed(Paragraph("Away on operations", st["h2"]), out)


def _absent(data: BriefingData, st: Styles) -> list[Flowable]:
    text = "; ".join(
        f"{a.member.full_name} ({a.member.shoulder_number}) — {a.reason}" for a in data.absent
    )
    body = Paragraph(esc(text) if text else "Nobody.", st["body"])
    return _headed(Paragraph("Absent", st["h2"]), [body])
