"""Fonts for the scripts London's names are written in, chosen run by run.

DejaVu Sans (the PDFs' own font) covers Latin, Greek and Cyrillic. A run of text in
another script is wrapped in a <font> of the family that covers it: Noto Sans for
Arabic, Hebrew, Devanagari, Bengali, Gurmukhi and Thai (SIL OFL), Droid Sans Fallback
for Chinese, Japanese kana and full-width forms (Apache 2.0), a Hangul subset of
NanumGothic for Korean (OFL, renamed RosterappHangul as the OFL asks of a subset).
Symbols and emoji the PDF's font lacks come from a subset of Symbola, in black and
white (reportlab cannot draw colour emoji). reportlab embeds only the glyphs used (a
subset), and shapes each run through uharfbuzz, which joins Arabic, forms Indic
conjuncts and lays right-to-left runs out right to left.

A font is registered the first time a run needs it, so a PDF of Latin names parses no
extra font. A character that no bundled font has (an emoji newer than Symbola's
Unicode 9, say) prints as U+FFFD "�" rather than as an empty box, and is noted: the
export that printed it warns (`noting_unprintable`) and the log names its code point
(never the text around it)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
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
        "RosterappHangul",
        "RosterappHangul-Regular.ttf",
        "RosterappHangul-Bold.ttf",
        (
            (0x1100, 0x11FF),  # Hangul Jamo
            (0x3130, 0x318F),  # compatibility jamo
            (0xA960, 0xA97F),  # jamo extended-A
            (0xAC00, 0xD7FF),  # syllables, jamo extended-B
            (0xFFA0, 0xFFDC),  # half-width Hangul
        ),
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
# Symbols and emoji: used for a character of these blocks that DejaVu lacks (DejaVu has
# many symbols and even the emoticons, and a PDF of them then embeds nothing more).
SYMBOLS = Family(
    "Symbola",
    "Symbola-Symbols.ttf",
    None,
    ((0x2000, 0x2BFF), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3299), (0x1F000, 0x1FAFF)),
)
PLACEHOLDER = "\ufffd"  # DejaVu's replacement character: visibly not the name's letter
# Presentation selectors and emoji tags mean nothing in black and white: left out.
DROPPED = {0xFE0E, 0xFE0F} | set(range(0xE0020, 0xE0080))
_noted: ContextVar[set[int] | None] = ContextVar("unprintable", default=None)
_log = logging.getLogger(__name__)

# Kept in the run around them: spaces, joiners and direction marks belong to the script
# on either side (splitting at a ZWJ would break a conjunct).
NEUTRAL = {0x20, 0xA0, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2009, 0x202F}

_registered: set[str] = set()
_BFCHAR = re.compile(r"^(<[0-9A-F]{2}> )<([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16(match: re.Match[str]) -> str:
    code = int(match.group(2), 16) - 0x10000
    return f"{match.group(1)}<{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF as UTF-16 surrogate
    pairs: reportlab writes them as five hex digits, which readers take as a BMP code
    (👮 U+1F46E came back from the PDF as U+1F46 "὆"), so copying, searching and
    pdftotext lost every emoji and supplementary-plane Han character."""
    return _BFCHAR.sub(_utf16, _reportlab_cmap(fontname, subset))


_reportlab_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up by name when a font is embedded


def family_of(ch: str) -> Family | None:
    """The family whose script range holds `ch` (None: the PDF's own font, DejaVu)."""
    code = ord(ch)
    if code < 0x0590:
        return None  # Latin, Greek, Cyrillic: DejaVu
    for family in FAMILIES:
        if _within(family, code):
            return family
    return None


def _has(family: Family | None, code: int) -> bool:
    if family is None:
        from rosterapp.exports.pdf import FONT, register_fonts

        register_fonts()
        return code in pdfmetrics.getFont(FONT).face.charToGlyph
    return code in pdfmetrics.getFont(_register(family)).face.charToGlyph


def _printable(ch: str) -> tuple[Family | None, str]:
    """The font for `ch` and the text to draw: the first font that has it among its
    script's (a half-width Hangul letter may be Droid's), DejaVu and the symbol font; a
    character none of them has becomes the placeholder, and is noted."""
    code = ord(ch)
    candidates: list[Family | None] = [f for f in FAMILIES if _within(f, code)]
    if not candidates:
        candidates = [None, SYMBOLS] if _within(SYMBOLS, code) else [None]
    for family in candidates:
        if _has(family, code):
            return family, ch
    _note(code)
    return None, PLACEHOLDER


def _within(family: Family, code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in family.ranges)


def _note(code: int) -> None:
    noted = _noted.get()
    if noted is None or code not in noted:
        _log.warning("U+%04X has no glyph in the bundled fonts; printed as U+FFFD", code)
    if noted is not None:
        noted.add(code)


@contextmanager
def noting_unprintable() -> Iterator[set[int]]:
    """Collect the code points that the PDFs written inside the block could not print."""
    noted: set[int] = set()
    token = _noted.set(noted)
    try:
        yield noted
    finally:
        _noted.reset(token)


def unprintable_warning(codes: set[int]) -> str:
    """One sentence for the user about characters printed as the placeholder."""
    listed = ", ".join(f"U+{c:04X}" for c in sorted(codes)[:5])
    more = f" and {len(codes) - 5} more" if len(codes) > 5 else ""
    some = "character has" if len(codes) == 1 else "characters have"
    return (
        f"{len(codes)} {some} no glyph in the bundled fonts ({listed}{more}) and "
        "printed as \u201c\ufffd\u201d; check the names and notes that use them"
    )


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
        code = ord(ch)
        if code in DROPPED:
            continue
        if out and code in NEUTRAL:
            family = out[-1][0]
        elif code < 0x0590:
            family = None  # DejaVu has all of Latin, Greek and Cyrillic: nothing to look up
        else:
            family, ch = _printable(ch)
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
