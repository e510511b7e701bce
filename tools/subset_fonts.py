"""Build the Hangul and symbol fonts in resources/fonts from Debian's font packages.

    make fonts        (downloads fonts-nanum and fonts-symbola with apt-get, then runs this)

NanumGothic (SIL OFL 1.1, NAVER) is 4.7 MB a face; names need only the Hangul syllables and
jamo, so each face is cut to those (about a third of the size). "NanumGothic" is a Reserved
Font Name under the OFL, and a subset is a Modified Version, so the subset is renamed
(RosterappHangul) and says in its name table what it was made from. Symbola ("free for any
use; may be opened, edited, modified, regenerated, packaged and redistributed") is cut to
the symbol and emoji blocks. TrueType hinting is dropped: PDF viewers scale outlines.

Run with fontTools installed (pip install 'fonttools>=4.50,<5'); the app itself does not
need fontTools: reportlab reads the TTF files as they are.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HANGUL = [
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7A3),  # Hangul Syllables (all 11,172)
    (0xD7B0, 0xD7FF),  # Hangul Jamo Extended-B
    (0xFFA0, 0xFFDC),  # half-width Hangul
]
SYMBOLS = [
    (0x2000, 0x2BFF),  # punctuation, letterlike, arrows, technical, dingbats, misc symbols
    (0x20E3, 0x20E3),  # combining enclosing keycap
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0xFE0E, 0xFE0F),  # text / emoji presentation selectors
    (0x1F000, 0x1FAFF),  # tiles, cards, enclosed forms, pictographs, emoticons, transport…
]


def codepoints(ranges: list[tuple[int, int]]) -> list[int]:
    return [0x20, 0xA0] + [c for lo, hi in ranges for c in range(lo, hi + 1)]


def cut(source: Path, ranges: list[tuple[int, int]]) -> TTFont:
    options = subset.Options()
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 16, 17]
    options.name_languages = [0x409, 0]  # English (Windows, Mac): no localised names
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # the same bytes from the same sources
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints(ranges))
    subsetter.subset(font)
    return font


def rename(font: TTFont, family: str, style: str, made_from: str) -> None:
    """Give a subset its own family name (the OFL reserves the original's)."""
    table = font["name"]
    postscript = f"{family}-{style}"
    for rec in list(table.names):
        if rec.nameID in (1, 3, 4, 6, 7, 16, 17):
            table.removeNames(nameID=rec.nameID)
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        table.setName(family, 1, plat, enc, lang)
        table.setName(style, 2, plat, enc, lang)
        table.setName(f"{postscript};{made_from}", 3, plat, enc, lang)
        table.setName(f"{family} {style}" if style != "Regular" else family, 4, plat, enc, lang)
        table.setName(postscript, 6, plat, enc, lang)
        table.setName(
            f"The Hangul of {made_from}, cut to Hangul for rosterapp's PDFs",
            10,
            plat,
            enc,
            lang,
        )
        table.setName(
            "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
            13,
            plat,
            enc,
            lang,
        )
        table.setName("https://openfontlicense.org", 14, plat, enc, lang)


def main(nanum_dir: Path, symbola: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for style, name in (("Regular", "NanumGothic.ttf"), ("Bold", "NanumGothicBold.ttf")):
        font = cut(nanum_dir / name, HANGUL)
        rename(font, "RosterappHangul", style, f"NanumGothic {style} 3.021 (NAVER)")
        font.save(out / f"RosterappHangul-{style}.ttf")
    font = cut(symbola, SYMBOLS)
    font.save(out / "Symbola-Symbols.ttf")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: subset_fonts.py NANUM_DIR SYMBOLA_TTF OUT_DIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
