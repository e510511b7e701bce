"""WCAG 2.x contrast of every tone pair, the shift fills and the finding markers, light and dark."""

from __future__ import annotations

import pytest

from rosterapp.services.shift_types import DEFAULT_SHIFTS
from rosterapp.ui import palette


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize(("fg", "bg", "kind"), palette.PAIRS)
def test_palette_pair_reads(fg: str, bg: str, kind: str, dark: bool) -> None:
    ratio = contrast(palette.hex_tone(fg, dark), palette.hex_tone(bg, dark))
    assert ratio >= (4.5 if kind == "text" else 3.0), f"{fg} on {bg}: {ratio:.2f}"


def _fills() -> list[str]:
    return sorted({s.colour for s in DEFAULT_SHIFTS} | {"#ffffff"})


@pytest.mark.parametrize("fill", _fills())
def test_cell_text_on_shift_fills(fill: str) -> None:
    for dark in (False, True):
        assert contrast(palette.hex_tone("cell_text", dark), fill) >= 4.5


@pytest.mark.parametrize("marker", palette.MARKERS)
def test_markers_stand_out_on_every_cell_fill(marker: str) -> None:
    fills = [
        *_fills(),
        *(
            palette.hex_tone(t, d)
            for t in ("bank_holiday", "out_of_team", "base")
            for d in (False, True)
        ),
    ]
    for dark in (False, True):
        colour = palette.hex_tone(marker, dark)
        for fill in fills:
            if fill == palette.hex_tone("base", True):
                continue  # on the dark base the white halo carries it, checked below
            assert contrast(colour, fill) >= 3.0, f"{marker} on {fill}"
        halo = palette.hex_tone("marker_halo", dark)
        assert contrast(colour, halo) >= 3.0
        assert contrast(halo, palette.hex_tone("base", True)) >= 3.0
