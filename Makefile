# Close Reading Lab — every command a person needs. Only Python 3 and make are assumed;
# everything else is installed into .venv by the targets themselves.
#   make html                  build the site on the seed article  -> _build/html/index.html
#   ARTICLE=path make html     build the whole course on another article
#   make preview               serve the site on 127.0.0.1:8000, rebuilding as lessons are saved (PORT=, ARTICLE=)
#   make test                  run the test suite (both tiers) and the layer check
#   make test-fast             the unit tier only (no notebooks, builds or browser)
#   make lab                   JupyterLab on notebooks/
#   make student-kit           the student kit (notebooks, helpers, article, sealed pack) -> _build/student-kit/ and .zip (ARTICLE=)
#   make pack ARTICLE=path     draft the article pack of a new article -> data/annotations/<id>/ (review it in notebook 00)
#   make hub                   the seminar's JupyterHub on this machine for deploy/hub/roster.csv (root; deploy/README.md)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARTICLE ?=
# --allow-root only where JupyterLab is run as root (it refuses to start otherwise)
ROOTFLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: html preview student-kit pack hub hub-env hub-proxy hub-components test test-fast lint-imports lab install install-test browser bench clean help

help:
	@sed -n '1,/^PYTHON/p' Makefile | grep '^#'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Editable install: notebooks, the command line and the build all import `helpers` from here.
# assets.py pins the site's JavaScript packages: a changed pin fetches them again.
$(VENV)/.installed: pyproject.toml setup.py helpers/site/assets.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@# rfc3987-syntax (pulled in by jupyter-events) costs ~1.3 s at every jsonschema import and
	@# is only used for an optional format check: remove it (see README, maintainer notes).
	-$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	$(BIN)/python -m helpers.site.assets install
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	-$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Headless Chromium for the browser tests (Debian's package; needs root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	  else echo "note: chromium is not installed and this is not root; browser tests will be skipped (install Debian's 'chromium')"; fi; }

html: $(VENV)/.installed
	$(BIN)/python -m helpers build $(if $(ARTICLE),--article "$(ARTICLE)",)

# Live preview: builds, serves on 127.0.0.1, rebuilds what each saved change touches; Ctrl-C stops it.
PORT ?= 8000
preview: $(VENV)/.installed
	@$(BIN)/python -c "import watchfiles" 2>/dev/null || $(BIN)/python -m pip install --quiet --disable-pip-version-check watchfiles
	$(BIN)/python -m helpers preview --port $(PORT) $(if $(ARTICLE),--article "$(ARTICLE)",)

# The student kit: workbooks without solutions, the helpers, the article and its pack with every
# short answer sealed and every model answer left out; a folder and a zip beside it.
# A draft pack for ARTICLE (never overwrites checked files); then `ARTICLE=path make html`.
pack: $(VENV)/.installed
	@test -n "$(ARTICLE)" || { echo "error: give the article: make pack ARTICLE=path/to/article.txt"; exit 2; }
	$(BIN)/python -m helpers pack draft "$(ARTICLE)"

student-kit: $(VENV)/.installed
	$(BIN)/python -m helpers kit $(if $(ARTICLE),--article "$(ARTICLE)",)

# Tests run on every core; a test file stays on one worker, so its shared (session/module)
# builds and notebook runs happen once.
test: $(VENV)/.installed-test browser hub-components lint-imports
	CLOSE_READING_HUB_ENV=$(HUB_ENV) $(BIN)/python -m pytest -n auto --dist loadfile

# The unit tier: every test that runs no notebook, build, JupyterLab or browser.
test-fast: $(VENV)/.installed-test lint-imports
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not slow"

# The layers of helpers/ (core < model < analysis < present < site < cli), from pyproject.toml.
lint-imports: $(VENV)/.installed-test
	$(BIN)/lint-imports

# The seminar's JupyterHub on this machine (deploy/README.md). The hub environment holds the hub and
# every student's server, so every student must be able to run it: made from a system Python (not
# one under /root, as a pyenv Python is) and readable by all. HUB_ENV=/opt/... for a real hub.
HUB_ENV ?= $(CURDIR)/_build/hub-env
HUB_PYTHON ?= /usr/bin/python3

$(HUB_ENV)/.installed: pyproject.toml deploy/hub/requirements.txt | $(BIN)/python
	$(HUB_PYTHON) -m venv $(HUB_ENV)
	$(BIN)/python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > $(HUB_ENV)/course-requirements.txt
	$(HUB_ENV)/bin/python -m pip install --quiet --disable-pip-version-check -r $(HUB_ENV)/course-requirements.txt -r deploy/hub/requirements.txt
	-$(HUB_ENV)/bin/python -m pip uninstall --quiet --yes rfc3987-syntax
	chmod -R a+rX $(HUB_ENV)
	touch $@

hub-env: $(HUB_ENV)/.installed

# configurable-http-proxy, the hub's proxy (Node.js 20+): npm's global folder, as root (as in CI).
hub-proxy:
	@command -v configurable-http-proxy >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v npm >/dev/null 2>&1; then npm install --global --silent configurable-http-proxy@5; \
	  else echo "note: configurable-http-proxy is not installed and this is not root (npm install -g configurable-http-proxy)"; fi; }

# What tests/hub/test_hub.py needs; it runs as root only (as in CI), elsewhere it is skipped.
hub-components: $(if $(filter 0,$(shell id -u)),hub-env hub-proxy,)
	@$(if $(filter 0,$(shell id -u)),:,echo "note: not root: the hub test (tests/hub/test_hub.py) will be skipped")

hub: hub-env hub-proxy
	CLOSE_READING_HUB_ENV=$(HUB_ENV) deploy/hub/start.sh

lab: $(VENV)/.installed
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOTFLAG)

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_analyze.py

clean:
	rm -rf _build
