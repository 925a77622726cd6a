# Two entry points: `make decks` builds every locale into build/, `make test` runs the tests.
# Both install what they need first: Debian packages (LibreOffice, fonts) and a virtualenv.

PYTHON ?= python3
VENV := .venv
APT_PACKAGES := libreoffice-impress fonts-liberation2 fonts-noto-core fonts-noto-cjk poppler-utils fontconfig
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: decks test system-packages

decks: system-packages $(VENV)/.installed
	$(VENV)/bin/deck build --all-locales --pdf --png

test: system-packages $(VENV)/.installed-test
	$(VENV)/bin/python -m pytest

# Installs the Debian packages only when something is missing.
system-packages:
	@if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
	    || ! fc-list 2>/dev/null | grep -q "Liberation Sans" \
	    || ! fc-list 2>/dev/null | grep -q "Noto Sans Arabic" \
	    || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK SC"; then \
	  echo "installing Debian packages: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed
