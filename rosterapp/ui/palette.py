"""Named tones, each with a light and a dark value, and the app's colour scheme.

Every colour the window draws by hand comes from here, so that light and dark both read
well and one test (tests/unit/test_palette_contrast.py) checks every pair against WCAG.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


class Scheme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# name: (light, dark). Window and base are the Fusion palette's, as set below.
TONES: dict[str, tuple[str, str]] = {
    "window": ("#efefef", "#2b2b2b"),
    "base": ("#ffffff", "#1f1f1f"),
    "text": ("#111111", "#e8e8e8"),
    "muted": ("#595959", "#a6a6a6"),  # retired rows, days outside the month
    "error": ("#b00020", "#ff8a80"),
    "warning": ("#7a4f00", "#ffc45c"),
    "good": ("#1b6e20", "#81c784"),
    "grid_line": ("#8c8c8c", "#6e6e6e"),
    "focus": ("#1e5bb8", "#7fb2ff"),
    "notice_bg": ("#fff3cd", "#4a3b00"),
    "notice_text": ("#5c4400", "#ffe08a"),
    "bank_holiday": ("#e8f0fb", "#e8f0fb"),  # a light fill: cell text stays dark on it
    "out_of_team": ("#d6d6d6", "#d6d6d6"),
    "cell_text": ("#111111", "#111111"),  # on the light shift fills, in both schemes
    "operation_band": ("#5b2a86", "#5b2a86"),
    "preview_fill": ("#efe4fb", "#efe4fb"),
    "preview_line": ("#6a1b9a", "#6a1b9a"),
    "cover_short": ("#f4b6b6", "#f4b6b6"),
    "cover_amber": ("#ffe0a3", "#ffe0a3"),
    "cover_good": ("#c9ebc9", "#c9ebc9"),
    "flag_short": ("#fde2e1", "#fde2e1"),  # text tables: below establishment, short
    "flag_good": ("#e3f4e1", "#e3f4e1"),
    "marker_block": ("#b3001b", "#b3001b"),  # finding markers, drawn on the cell fills
    "marker_warn": ("#8f4700", "#8f4700"),
    "marker_info": ("#0b4fa8", "#0b4fa8"),
    "marker_halo": ("#ffffff", "#ffffff"),  # a rim that keeps markers seen on dark cells
}

# (foreground, background, kind): every pair the window draws; "text" needs 4.5:1,
# "mark" (markers, focus, lines that carry meaning) 3:1.
PAIRS: list[tuple[str, str, str]] = [
    *(
        (fg, bg, "text")
        for fg in ("text", "muted", "error", "warning", "good")
        for bg in ("window", "base")
    ),
    ("notice_text", "notice_bg", "text"),
    ("focus", "base", "mark"),
    *(
        ("cell_text", bg, "text")
        for bg in (
            "bank_holiday",
            "out_of_team",
            "preview_fill",
            "cover_short",
            "cover_amber",
            "cover_good",
            "flag_short",
            "flag_good",
        )
    ),
    ("preview_line", "preview_fill", "mark"),
]
MARKERS = ("marker_block", "marker_warn", "marker_info")

_scheme = Scheme.SYSTEM


def is_dark() -> bool:
    if _scheme is not Scheme.SYSTEM:
        return _scheme is Scheme.DARK
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def hex_tone(name: str, dark: bool | None = None) -> str:
    light, dark_value = TONES[name]
    return dark_value if (is_dark() if dark is None else dark) else light


def tone(name: str) -> QColor:
    return QColor(hex_tone(name))


def dark_palette() -> QPalette:
    """Fusion's palette in dark, from the tones above (offscreen has no system scheme)."""
    pal = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: hex_tone("window", True),
        role.WindowText: hex_tone("text", True),
        role.Base: hex_tone("base", True),
        role.AlternateBase: "#2a2a2a",
        role.Text: hex_tone("text", True),
        role.Button: "#353535",
        role.ButtonText: hex_tone("text", True),
        role.ToolTipBase: "#353535",
        role.ToolTipText: hex_tone("text", True),
        role.Highlight: "#3d6fb6",
        role.HighlightedText: "#ffffff",
        role.Link: hex_tone("focus", True),
        role.PlaceholderText: hex_tone("muted", True),
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a4a",
        role.Midlight: "#3d3d3d",
        role.Mid: "#2f2f2f",
        role.Dark: "#181818",
        role.Shadow: "#000000",
    }
    for r, value in colours.items():
        pal.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, r, QColor("#7a7a7a"))
    return pal


def apply_scheme(scheme: Scheme | str) -> None:
    """Light, dark or the system's: Qt's colour scheme hint, and Fusion's palette to match."""
    global _scheme
    _scheme = Scheme(scheme)
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    hint = {
        Scheme.SYSTEM: Qt.ColorScheme.Unknown,
        Scheme.LIGHT: Qt.ColorScheme.Light,
        Scheme.DARK: Qt.ColorScheme.Dark,
    }[_scheme]
    QGuiApplication.styleHints().setColorScheme(hint)
    # The offscreen and some X platforms ignore the hint: set the palette ourselves.
    from PySide6.QtWidgets import QApplication

    style = QApplication.style()
    light = style.standardPalette() if style is not None else QPalette()
    QGuiApplication.setPalette(dark_palette() if is_dark() else light)


def error_style(*, bold: bool = False) -> str:
    """A style sheet for an error label, in the scheme now shown."""
    return f"color: {hex_tone('error')}" + ("; font-weight: bold" if bold else "")


def notice_style() -> str:
    """The status bar's "read only for you" notice."""
    return f"background: {hex_tone('notice_bg')}; color: {hex_tone('notice_text')}; padding: 0 6px"


def mark_style(done: bool) -> str:
    """A first step's ✔ (done) or ○ (to do): the sign says it, the colour helps."""
    return f"font-size: 18px; color: {hex_tone('good' if done else 'muted')}"
