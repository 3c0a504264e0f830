# Two commands do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Debian packages the tests need, each installed only when what it gives is missing: the browser, Chinese fonts for
# pages and PDFs, PDF tools, Node (the scripts' unit tests, tests/js/) and npm (axe-core). A machine whose Node came
# from elsewhere (NodeSource's nodejs bundles npm, and conflicts with Debian's npm) keeps it.
BROWSER_NEEDS := chromium:chromium pdftotext:poppler-utils node:nodejs npm:npm
# axe-core, for the accessibility browser tests only (never shipped in the site): pinned in its own lock file.
AXE_DIR := tests/browser/axe
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test bench bench-editions serve setup browser axe clean

setup: $(STAMP)

# Every package, and setuptools to install the project itself, comes from requirements.lock with its hashes;
# the project is then installed on top without touching the dependencies (README: how to regenerate the lock).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	rm -rf *.egg-info  # metadata an older install left in the checkout would shadow the plugin's entry point
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

browser:
	@missing=""; \
	for need in $(BROWSER_NEEDS); do \
	  command -v "$${need%%:*}" >/dev/null || missing="$$missing $${need#*:}"; \
	done; \
	fc-list :lang=zh 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -z "$$missing" ]; then echo "browser test packages present"; \
	else $(SUDO) apt-get update -q \
	  && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; fi

site: $(STAMP)
	$(PY) -m generator build

axe: $(AXE)

$(AXE): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json | browser
	npm ci --prefix $(AXE_DIR) --no-audit --no-fund --ignore-scripts
	touch $(AXE)

test: $(STAMP) browser axe
	$(PY) -m ruff check .
	$(PY) -m mypy
	node --test tests/js/
	$(PY) -m pytest

# Editors' live preview: rebuilds only the pages an edit of data/ or docs/ touches (benchmarks/README.md: at 1,000 matters
# 0.5–0.7 s to the edited pages, a law file 0.8–0.9 s, the print page about 0.1 s after them, 2026-12-02).
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dirty --no-strict

bench: $(STAMP) browser
	$(PY) -m benchmarks

# Every edition (city + each county) cold, against one; then warm rebuilds after a one-matter edit (render cache).
bench-editions: $(STAMP)
	$(PY) -m benchmarks --editions --counts 1000

clean:
	rm -rf site site-* dist .cache .pytest_cache .mypy_cache .ruff_cache
