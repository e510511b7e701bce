# Two commands for a fresh machine with Python 3.11+ and make:
#   make run    set up .venv, build the forms, open the app
#   make test   set up the same, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
UI_SOURCES := $(wildcard ui/*.ui)
FORMS := $(patsubst ui/%.ui,rosterapp/ui/forms/ui_%.py,$(UI_SOURCES))

.PHONY: run test lint format forms bench bundle icons fonts clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	@touch $(STAMP)

# Designer forms are compiled by the build, never edited by hand.
rosterapp/ui/forms/ui_%.py: ui/%.ui $(STAMP)
	$(BIN)/pyside6-uic --from-imports $< -o $@

forms: $(FORMS)

run: $(STAMP) forms
	$(BIN)/rosterapp

test: $(STAMP) forms
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP) forms
	$(BIN)/ruff check rosterapp tests $(wildcard benchmarks/*.py)
	$(BIN)/ruff format --check rosterapp tests $(wildcard benchmarks/*.py)
	$(BIN)/mypy rosterapp

format: $(STAMP)
	$(BIN)/ruff format rosterapp tests $(wildcard benchmarks/*.py)
	$(BIN)/ruff check --fix rosterapp tests $(wildcard benchmarks/*.py)

# The installable one-folder app; checked with its own --version and --self-test.
bundle: $(STAMP) forms
	$(BIN)/python -m pip install --quiet "pyinstaller>=6.10,<7" "pyinstaller-hooks-contrib>=2024.8"
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN pyinstaller.spec
	dist/rosterapp/rosterapp --version
	QT_QPA_PLATFORM=offscreen dist/rosterapp/rosterapp --self-test

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m rosterapp.ui.icons

# The Hangul and symbol fonts in resources/fonts, cut from Debian's packages (their
# licences and what was cut are in resources/fonts/LICENSE-*.txt). Needs apt-get.
FONT_BUILD := build/fonts
fonts: $(STAMP)
	$(BIN)/python -m pip install --quiet "fonttools>=4.50,<5"
	rm -rf $(FONT_BUILD) && mkdir -p $(FONT_BUILD)
	cd $(FONT_BUILD) && apt-get download fonts-nanum=20200506-1 fonts-symbola=2.60-1.1
	for deb in $(FONT_BUILD)/*.deb; do dpkg-deb -x $$deb $(FONT_BUILD)/root; done
	$(BIN)/python tools/subset_fonts.py $(FONT_BUILD)/root/usr/share/fonts/truetype/nanum \
		$(FONT_BUILD)/root/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf resources/fonts

bench: $(STAMP) forms
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run

clean:
	rm -rf build dist $(FORMS) .pytest_cache .mypy_cache .ruff_cache
