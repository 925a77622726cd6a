# Two entry points: `make decks` builds every locale into build/, `make test` runs the tests.
# Both install what they need first: Debian packages (LibreOffice, fonts, Chromium) and a virtualenv
# holding exactly the packages of requirements.lock, checked against the lock's hashes.

PYTHON ?= python3
VENV := .venv
LOCK := requirements.lock
APT_PACKAGES := libreoffice-impress python3-uno fonts-liberation2 fonts-noto-core fonts-noto-cjk fonts-crosextra-carlito \
                fonts-crosextra-caladea poppler-utils fontconfig chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The tool that writes the lock; only `make lock` needs it.
UV_VERSION := 0.13.9
LOCK_TOOL := .venv-lock/bin/uv

.PHONY: decks test test-fast test-newest test-oldest lock system-packages

decks: system-packages $(VENV)/.installed
	$(VENV)/bin/deck build --all-locales --pdf --png

test: system-packages $(VENV)/.installed
	$(VENV)/bin/python -m pytest

# Everything but the LibreOffice renders and the slow tests (fuzzing, benchmark, fresh virtualenvs).
test-fast: $(VENV)/.installed
	$(VENV)/bin/python -m pytest -m "not render and not slow"

# The suite against the newest releases pyproject.toml allows, without the lock: upstream
# drift shows here (CI runs it weekly) before `make lock` takes it into the lock.
test-newest: system-packages
	$(PYTHON) -m venv --clear .venv-newest
	.venv-newest/bin/pip install -q --upgrade -e '.[test]'
	.venv-newest/bin/python -m pytest

# The suite against the lowest versions pyproject.toml allows for each direct dependency:
# the lower bounds stay true.
test-oldest: system-packages $(LOCK_TOOL)
	$(PYTHON) -m venv --clear .venv-oldest
	$(LOCK_TOOL) pip compile pyproject.toml --extra test --resolution lowest-direct --quiet \
	  --python .venv-oldest/bin/python -o .venv-oldest/requirements.txt
	.venv-oldest/bin/pip install -q --no-deps -r .venv-oldest/requirements.txt
	.venv-oldest/bin/pip install -q --no-deps -e .
	.venv-oldest/bin/pip check
	.venv-oldest/bin/python -m pytest

# Installs the Debian packages only when something is missing.
system-packages:
	@if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
	    || ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
	    || ! fc-list 2>/dev/null | grep -q "Liberation Sans" \
	    || ! fc-list 2>/dev/null | grep -q "Noto Sans Arabic" \
	    || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK SC" \
	    || ! fc-list 2>/dev/null | grep -q "Carlito" \
	    || ! fc-list 2>/dev/null | grep -q "Caladea"; then \
	  echo "installing Debian packages: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

# A new lock gives a new virtualenv (--clear), so nothing the lock does not name stays installed.
# The generator itself is installed without build isolation, with the locked setuptools.
$(VENV)/.installed: $(LOCK) pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(VENV)/bin/pip install -q --require-hashes --no-deps -r $(LOCK)
	$(VENV)/bin/pip install -q --no-deps --no-build-isolation -e .
	$(VENV)/bin/pip check
	touch $@

# Re-resolves every dependency to its newest release that pyproject.toml allows, on every
# Python the project supports (3.10, the lowest of requires-python, and up), with one version
# per package where one fits them all, and writes their hashes.
# Run it after changing dependencies in pyproject.toml, or to take upstream releases; then `make test`.
lock: $(LOCK_TOOL)
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
	  | $(LOCK_TOOL) pip compile pyproject.toml - --extra test --universal --python-version 3.10 \
	      --fork-strategy fewest --generate-hashes --upgrade --quiet --custom-compile-command "make lock" -o $(LOCK)

$(LOCK_TOOL):
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install -q uv==$(UV_VERSION)
