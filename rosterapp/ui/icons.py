"""The app icon: the SVG in resources/icons, and the PNG/ICO files rendered from it."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from rosterapp import paths


def app_icon() -> QIcon:
    svg = paths.resource("icons", "rosterapp.svg")
    return QIcon(str(svg)) if svg.is_file() else QIcon()


def render(svg: Path, size: int) -> QImage:
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    """Write rosterapp.png (256 px) and rosterapp.ico beside the SVG."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder = Path(str(paths.resource("icons")))
    svg = folder / "rosterapp.svg"
    if not render(svg, 256).save(str(folder / "rosterapp.png")):
        print("could not write rosterapp.png", file=sys.stderr)
        return 1
    for name in ("rosterapp.ico", "rosterapp.icns"):
        if not render(svg, 256).save(str(folder / name)):
            print(f"could not write {name} (no image plugin for it)", file=sys.stderr)
            return 1
    print(f"wrote rosterapp.png, .ico and .icns in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
