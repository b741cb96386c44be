# make serve  - the site on http://127.0.0.1:8000 with live reload
# make test   - every test (sets up .venv and a browser first)
# make test-fast - the core and site tests that build nothing in a subprocess (seconds); make test runs everything
# make lint   - ruff check on the whole tree (the rules in pyproject.toml)
# make build  - the published site into site/ (strict: warnings fail)
# make preview - a pull request's preview into preview/: drafts shown and marked; open
#               preview/index.html with a double-click, no server needed
# make bench  - the performance budgets, measured (slow; not part of make test): BENCHMARKS.md
# make check  - every article checked, without building the site (about a second)
# make article TITLE="How to Negotiate a Salary Offer"  - a new draft article to fill in

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# What the guide takes from npm (below): the Nu HTML Checker and puppeteer-core, which drives
# Firefox (for the tests); Decap CMS, the article editor at /admin/, decap-server, its local
# backend under `make serve`, any-ascii, its slug from the title, and yaml, which reads and
# writes its article files (for the site; the same versions as guide_core/editor_config.py,
# tests/core/test_editor_config.py holds them equal);
# defined here, before the rules that depend on them are read.
VNU_VERSION          := 26.9.27
PUPPETEER_VERSION    := 24.43.1
DECAP_VERSION        := 3.16.3
DECAP_SERVER_VERSION := 3.11.3
ANY_ASCII_VERSION    := 0.3.3
YAML_VERSION         := 2.9.1
NODE_TOOLS           := node_modules/.guide-tools-$(VNU_VERSION)-$(PUPPETEER_VERSION)-$(DECAP_VERSION)-$(DECAP_SERVER_VERSION)-$(ANY_ASCII_VERSION)-$(YAML_VERSION)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build preview preview-summary test test-fast lint browser bench clean article check

serve: $(STAMP) $(NODE_TOOLS)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP) $(NODE_TOOLS)
	$(BIN)/mkdocs build --strict

preview: export GUIDE_PREVIEW := true
preview: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir preview

# What a pull request's job summary says: how to open the preview, and the drafts it holds.
preview-summary: $(STAMP)
	@$(BIN)/python -m guide_core.check --preview-summary

# Four workers on two cores: many browser tests wait on throttled networks and servers.
test: $(STAMP) browser $(NODE_TOOLS)
	$(BIN)/ruff check .
	$(BIN)/yamllint --strict docs/articles ARTICLE-TEMPLATE.yml mkdocs.yml .github/workflows guide_core/locales
	$(BIN)/pytest -n 4

# The loop to run while editing: tests/core and tests/site without the tests marked `browser`
# (Chromium, Firefox) or `slow` (those that build or serve a site in a subprocess, read the
# session's built site, or measure a complexity in seconds of CPU). `make test` runs them all.
test-fast: export GUIDE_FAST_TESTS := 1
test-fast: $(STAMP)
	$(BIN)/pytest tests/core tests/site -m "not browser and not slow" -n 2 -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .

# The title reaches Python through the environment exactly as typed: make would expand a `$`
# in it, and the shell would break on a quote.
article: export GUIDE_TITLE := $(value TITLE)
article: export GUIDE_SLUG := $(value SLUG)
article: $(STAMP)
	@$(BIN)/python -m guide_core.scaffold

# Every article checked without building the site (annotations on GitHub pull requests).
check: $(STAMP)
	@$(BIN)/python -m guide_core.check

# A browser for the browser tests: the system Chromium if there is one, else Playwright's.
browser: $(STAMP)
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || command -v google-chrome >/dev/null 2>&1; then :; \
	else $(BIN)/python -m playwright install chromium; fi

# The Nu HTML Checker the markup tests run (a Java program: on Debian/Ubuntu
# `sudo apt-get install default-jre-headless`), puppeteer-core for the Firefox tests (Debian's
# `firefox-esr`), and the article editor with its local backend, from npm on first use, in one
# install (a second would remove the first). Without npm the site still builds, without the
# editor, and says how to get it (the tests that need these tools fail saying so).
$(NODE_TOOLS):
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm install: vnu-jar, puppeteer-core, decap-cms, decap-server, any-ascii, yaml"; \
	  npm install --no-save --no-package-lock --no-audit --no-fund --silent vnu-jar@$(VNU_VERSION) \
	    puppeteer-core@$(PUPPETEER_VERSION) decap-cms@$(DECAP_VERSION) decap-server@$(DECAP_SERVER_VERSION) \
	    any-ascii@$(ANY_ASCII_VERSION) yaml@$(YAML_VERSION) \
	  && rm -f node_modules/.guide-tools-* && touch $(NODE_TOOLS); \
	else \
	  echo "npm was not found: the site is built without the article editor (/admin/)."; \
	  echo "To have it, install Node.js 20 with npm (https://nodejs.org, or on Debian/Ubuntu"; \
	  echo "'sudo apt-get install nodejs npm') and run make again."; \
	fi

# Lighthouse (installed on first use into bench-out/), weight, build scaling, serve rebuild.
bench: $(STAMP) browser
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/validate.py

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

clean:
	rm -rf site preview .pytest_cache
