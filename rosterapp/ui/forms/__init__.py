"""Python generated from ../../../ui/*.ui by pyside6-uic during the build (never edited)."""
