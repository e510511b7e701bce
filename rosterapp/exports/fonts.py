"""Fonts for the scripts London's names are written in, chosen run by run.

DejaVu Sans (the PDFs' own font) covers Latin, Greek and Cyrillic. A run of text in
another script is wrapped in a <font> of the family that covers it: Noto Sans for
Arabic, Hebrew, Devanagari, Bengali, Gurmukhi and Thai (SIL OFL), Droid Sans Fallback
for Chinese, Japanese kana and full-width forms (Apache 2.0). reportlab embeds only
the glyphs used (a subset), and shapes each run through uharfbuzz, which joins Arabic,
forms Indic conjuncts and lays right-to-left runs out right to left.

A font is registered the first time a run needs it, so a PDF of Latin names parses no
extra font. Not covered: Korean Hangul (Droid Sans Fallback has none) and emoji."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rosterapp import paths


@dataclass(frozen=True)
class Family:
    name: str  # registered name of the regular face; the bold face adds -Bold
    regular: str  # file in resources/fonts
    bold: str | None  # None: the regular face serves for bold too
    ranges: tuple[tuple[int, int], ...]


FAMILIES = (
    Family(
        "NotoSansArabic",
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    Family(
        "NotoSansHebrew",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
        ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    ),
    Family(
        "NotoSansDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    ),
    Family(
        "NotoSansBengali",
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
        ((0x0980, 0x09FF),),
    ),
    Family(
        "NotoSansGurmukhi",
        "NotoSansGurmukhi-Regular.ttf",
        "NotoSansGurmukhi-Bold.ttf",
        ((0x0A00, 0x0A7F),),
    ),
    Family(
        "NotoSansThai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", ((0x0E00, 0x0E7F),)
    ),
    Family(
        "DroidSansFallback",
        "DroidSansFallbackFull.ttf",
        None,
        (
            (0x2E80, 0x2FDF),  # CJK radicals
            (0x3000, 0x9FFF),  # CJK punctuation, kana, Han
            (0xF900, 0xFAFF),  # CJK compatibility ideographs
            (0xFF00, 0xFFEF),  # full-width and half-width forms
            (0x20000, 0x2FA1F),  # Han, supplementary planes
        ),
    ),
)
# Kept in the run around them: spaces, joiners and direction marks belong to the script
# on either side (splitting at a ZWJ would break a conjunct).
NEUTRAL = {0x20, 0xA0, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2009, 0x202F}

_registered: set[str] = set()


def family_of(ch: str) -> Family | None:
    code = ord(ch)
    if code < 0x0590:
        return None  # Latin, Greek, Cyrillic: DejaVu
    for family in FAMILIES:
        if any(lo <= code <= hi for lo, hi in family.ranges):
            return family
    return None


def _register(family: Family) -> str:
    if family.name not in _registered:
        regular = str(paths.resource("fonts", family.regular))
        pdfmetrics.registerFont(TTFont(family.name, regular))
        bold_name = family.name
        if family.bold:
            bold_name = f"{family.name}-Bold"
            pdfmetrics.registerFont(TTFont(bold_name, str(paths.resource("fonts", family.bold))))
        pdfmetrics.registerFontFamily(
            family.name,
            normal=family.name,
            bold=bold_name,
            italic=family.name,
            boldItalic=bold_name,
        )
        _registered.add(family.name)
    return family.name


def runs(text: str) -> list[tuple[Family | None, str]]:
    """The text cut into runs of one font each (None: the PDF's own font)."""
    out: list[tuple[Family | None, str]] = []
    for ch in text:
        family = out[-1][0] if out and ord(ch) in NEUTRAL else family_of(ch)
        if out and out[-1][0] is family:
            out[-1] = (family, out[-1][1] + ch)
        else:
            out.append((family, ch))
    return out


def markup(text: str, *, bold: bool = False) -> str:
    """Escaped Paragraph markup for user text, each run of another script in its font.
    A <font face> sets the weight from the face's name, so text in a bold style (or in
    <b>) says `bold` and gets the bold face."""
    parts = []
    for family, run in runs(text):
        if family is None:
            parts.append(escape(run))
            continue
        face = run_font(family, "", bold=bold)
        parts.append(f'<font face="{face}">{escape(run)}</font>')
    return "".join(parts)


def run_font(family: Family | None, base: str, *, bold: bool) -> str:
    """The registered font for a run: `base` (the PDF's own) or the script's face."""
    if family is None:
        return base
    name = _register(family)
    return f"{name}-Bold" if bold and family.bold else name


def text_width(text: str, base: str, size: float, *, bold: bool = False) -> float:
    return sum(
        pdfmetrics.stringWidth(run, run_font(family, base, bold=bold), size)
        for family, run in runs(text)
    )


def draw_text(
    canvas: Any, x: float, y: float, text: str, base: str, size: float, *, bold: bool = False
) -> None:
    """Text drawn straight on the page (footers, markings), run by run in its font."""
    for family, run in runs(text):
        font = run_font(family, base, bold=bold)
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, font, size)
