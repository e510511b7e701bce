"""The roster for the notice board: a week or four as a grid, A4 or A3 landscape."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from rosterapp import __version__
from rosterapp.domain.report import PeriodReport
from rosterapp.exports.files import ensure_writable
from rosterapp.exports.pdf import FONT, FONT_BOLD, build_pdf, styles
from rosterapp.exports.text import pdf_text as esc

_BASE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F3864")),
    ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("ALIGN", (2, 0), (-1, -1), "CENTER"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9AA5B8")),
    ("TOPPADDING", (0, 0), (-1, -1), 1),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
]


def write_roster_pdf(report: PeriodReport, target: Path, *, paper: str = "auto") -> Path:
    ensure_writable(target)
    if paper not in ("auto", "A4", "A3"):
        raise ValueError(f"paper must be A4 or A3, not {paper}")
    size = A3 if paper == "A3" or (paper == "auto" and len(report.days) > 14) else A4
    pagesize = landscape(size)
    st = styles()
    margin = 10 * mm
    story: list[Flowable] = [
        Paragraph(
            esc(
                f"{report.team.name} roster: {report.start:%a %d %b %Y} – {report.end:%a %d %b %Y}",
                bold=True,
            ),
            st["title"],
        ),
        _grid(report, pagesize[0] - 2 * margin, st),
        Spacer(1, 4 * mm),
        Paragraph(_legend(report), st["small"]),
    ]
    footer = f"{report.team.name} roster · printed from rosterapp {__version__}"
    return build_pdf(
        target,
        story,
        pagesize=pagesize,
        margins=(margin, margin, 14 * mm, 12 * mm),
        title=f"{report.team.name} roster {report.start}",
        marking=report.team.protective_marking,
        footer=footer,
    )


def _grid(report: PeriodReport, usable: float, st: dict[str, ParagraphStyle]) -> Table:
    """People × days, each cell coloured as its code; bank holidays marked in the header."""
    name_w = 46 * mm
    day_w = (usable - 18 * mm - name_w) / len(report.days)
    font_size = 7 if day_w > 12 * mm else 6
    header: list[object] = ["Shoulder", "Name"]
    header += [
        f"{d:%a}\n{d:%d/%m}" + ("\nBH" if d in report.bank_holidays else "") for d in report.days
    ]
    rows: list[list[object]] = [header]
    style: list[tuple[object, ...]] = [
        *_BASE_STYLE[:2],
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), font_size + 1.5),
        *_BASE_STYLE[2:],
    ]
    for j, day in enumerate(report.days):
        if day in report.bank_holidays:
            style.append(("BACKGROUND", (2 + j, 0), (2 + j, 0), colors.HexColor("#2E5597")))
    name_style = st["cell"].clone("c", fontSize=font_size, leading=font_size + 1.5)
    for i, row in enumerate(report.rows, start=1):
        m = row.member
        line: list[object] = [
            m.shoulder_number,
            Paragraph(esc(f"{m.rank.short} {m.full_name}"), name_style),
        ]
        for j, day in enumerate(report.days):
            cell = report.cells.get((m.id, day))
            if cell is None:
                line.append("" if row.in_team(day) else "–")
                continue
            line.append(f"{cell.code}\n{cell.beat}" if cell.beat else cell.code)
            shift = report.shift_types.get(cell.code)
            if shift is not None:
                style.append(("BACKGROUND", (2 + j, i), (2 + j, i), colors.HexColor(shift.colour)))
        rows.append(line)
    table = Table(rows, colWidths=[18 * mm, name_w] + [day_w] * len(report.days), repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _legend(report: PeriodReport) -> str:
    used = {cell.code for cell in report.cells.values()}
    codes = "; ".join(
        f"{c} {s.name}" + (f" {s.times_label}" if s.times_label else "")
        for c, s in sorted(report.shift_types.items(), key=lambda kv: kv[1].sort_order)
        if not s.is_operation or c in used  # operations: only those in this roster
    )
    holidays = ""
    if report.bank_holidays:
        names = ", ".join(f"{d:%d %b} {n}" for d, n in report.bank_holidays.items())
        holidays = ". BH: bank holiday" + esc(f" ({names})")
    return "<b>Codes</b>: " + esc(codes) + holidays + "."
